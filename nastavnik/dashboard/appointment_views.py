"""The head appoints and removes the target model's staff on the organisation's page; the history stays."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from nastavnik import policy
from nastavnik.forms import DATE_INPUT, StyledForm
from nastavnik.orgs import services
from nastavnik.orgs.models import APPOINTED_ROLES, Appointment, Organization, Role
from nastavnik.people.models import Person
from nastavnik.people.names import initials_short
from nastavnik.people.picker import picker_for


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class AppointForm(StyledForm):
    person = PersonField(label=gettext_lazy("Сотрудник"), queryset=Person.objects.none())
    role = forms.ChoiceField(label=gettext_lazy("Роль"))
    position = forms.CharField(
        label=gettext_lazy("Должность"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Как в приказах, например «заместитель директора по УВР»."),
    )
    area = forms.CharField(label=gettext_lazy("Направление, форма наставничества"), max_length=200, required=False)
    starts_on = forms.DateField(label=gettext_lazy("Начало"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=gettext_lazy("Окончание (если известно)"), widget=DATE_INPUT, required=False)

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(organization=organization, anonymised_at__isnull=True)
        self.fields["role"].choices = [(r.value, r.label) for r in APPOINTED_ROLES]
        self.fields["starts_on"].initial = timezone.localdate()
        picker_for(self, "person", organization=organization, scope="staff")


class EndForm(StyledForm):
    appointment = forms.IntegerField(widget=forms.HiddenInput)
    ends_on = forms.DateField(label=gettext_lazy("Дата окончания"), widget=DATE_INPUT)
    reason = forms.CharField(label=gettext_lazy("Основание"), max_length=300, required=False)


@login_required
@require_http_methods(["GET", "POST"])
def org_appointments(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organization.objects.select_related("municipality"), code=code)
    policy.require(request.user, policy.Action.ORG_VIEW_PEOPLE, org)
    can_appoint = policy.can(request.user, policy.Action.ORG_APPOINT, org)
    today = timezone.localdate()
    action = request.POST.get("action", "")
    initial = {"person": request.GET.get("person")} if request.GET.get("person") else None
    form = AppointForm(request.POST if action == "appoint" else None, organization=org, initial=initial)
    end_form = EndForm(request.POST if action == "end" else None, initial={"ends_on": today})
    if request.method == "POST":
        policy.require(request.user, policy.Action.ORG_APPOINT, org)
        if _handle(request, org, action, form, end_form, today):
            return redirect("org_appointments", code=org.code)
    history = Appointment.objects.filter(organization=org).select_related("person").order_by("-starts_on", "-pk")
    current = [a for a in history if a.ends_on is None or a.ends_on >= today]
    context = {
        "org": org,
        "can_appoint": can_appoint,
        "form": form,
        "end_form": end_form,
        "current": current,
        "past": [a for a in history if a.ends_on is not None and a.ends_on < today][:200],
        "today": today,
    }
    return render(request, "orgs/appointments.html", context, status=400 if form.errors or end_form.errors else 200)


def _handle(request, org, action, form, end_form, today) -> bool:
    try:
        if action == "appoint" and form.is_valid():
            data = form.cleaned_data
            appointment = services.appointment_make(
                organization=org,
                person=data["person"],
                role=data["role"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                position=data["position"] or services.role_position(role=data["role"], organization=org),
                area=data["area"],
                created_by=request.user,
            )
            messages.success(
                request,
                _("%(name)s: назначение «%(role)s» записано.")
                % {"name": initials_short(appointment.person), "role": appointment.get_role_display()},
            )
            return True
        if action == "end" and end_form.is_valid():
            appointment = get_object_or_404(Appointment, pk=end_form.cleaned_data["appointment"], organization=org)
            services.appointment_end(
                appointment=appointment,
                ends_on=end_form.cleaned_data["ends_on"],
                today=today,
                reason=end_form.cleaned_data["reason"],
                ended_by=request.user,
            )
            messages.success(
                request,
                _("Назначение окончено: %(name)s больше не %(role)s.")
                % {"name": initials_short(appointment.person), "role": Role(appointment.role).label.lower()},
            )
            return True
    except ValidationError as exc:
        target = form if action == "appoint" else end_form
        for message in exc.messages:
            target.add_error(None, message)
    return False
