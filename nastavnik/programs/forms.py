"""Django forms of the programmes' pages: they parse input; the rules live in services.py."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik.forms import DATE_INPUT, BoundedForm, StyledForm, VersionMixin
from nastavnik.orgs.models import Organization, Role
from nastavnik.people.models import Person
from nastavnik.people.picker import picker_for
from nastavnik.programs import catalog
from nastavnik.programs.models import Activity, Kind, MentoringForm, Program, RoleModel, Stage
from nastavnik.programs.services import INTERVAL_MESSAGE, MAX_MEETING_INTERVAL_DAYS


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields where it has them, on the form itself otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ProgramForm(StyledForm):
    title = forms.CharField(label=_("Название"), max_length=300)
    form = forms.ModelChoiceField(
        label=_("Форма наставничества"), queryset=MentoringForm.objects.none(), empty_label=_("— выберите форму —")
    )
    role_models = forms.ModelMultipleChoiceField(
        label=_("Ролевые модели"),
        queryset=RoleModel.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.ChoiceField(label=_("Вид наставничества"), choices=Kind.choices, initial=Kind.TRADITIONAL)
    starts_on = forms.DateField(label=_("Начало"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Окончание"), widget=DATE_INPUT)
    meeting_interval_days = forms.IntegerField(
        label=_("Встречи не реже, чем раз в (дней)"),
        min_value=1,
        max_value=MAX_MEETING_INTERVAL_DAYS,
        initial=14,
        # The service's wording, rather than Django's generic «меньше либо равно 31».
        error_messages=dict.fromkeys(("min_value", "max_value"), INTERVAL_MESSAGE),
        help_text=_("По умолчанию — раз в две недели; дорожная карта лицея требует еженедельных встреч (7)."),
    )
    # cycle: a pair closed earlier than this is closed prematurely, with a reason.
    min_duration_months = forms.IntegerField(
        label=_("Наименьший срок работы пары (месяцев)"),
        min_value=1,
        max_value=12,
        initial=3,
        required=False,
        help_text=_("Завершение пары раньше этого срока — досрочное прекращение с указанием причины."),
    )
    description = forms.CharField(label=_("Цели и задачи"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    curators = forms.ModelMultipleChoiceField(
        label=_("Кураторы"), queryset=Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    allow_other_organizations = forms.BooleanField(label=_("Пары с участниками других организаций"), required=False)

    def __init__(self, *args, organization: Organization, forms_available: list[MentoringForm], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = MentoringForm.objects.filter(pk__in=[f.pk for f in forms_available])
        self.fields["role_models"].queryset = RoleModel.objects.filter(form__in=forms_available).select_related("form")
        self.fields["role_models"].label_from_instance = lambda r: f"{r.name} ({r.form.name})"
        # Curators appointed in the organisation, and whoever already curates this programme.
        current = [p.pk for p in self.initial.get("curators", [])]
        self.fields["curators"].queryset = Person.objects.filter(
            Q(organization=organization, memberships__role=Role.CURATOR, memberships__organization=organization)
            | Q(pk__in=current)
        ).distinct()
        self.fields["curators"].label_from_instance = lambda p: p.short_name
        if not self.fields["curators"].queryset.exists():
            del self.fields["curators"]
        else:
            picker_for(self, "curators", organization=organization, scope="curators")

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["role_models"] = list(data.get("role_models") or [])
        if data.get("min_duration_months") is None:
            data.pop("min_duration_months", None)  # cycle: left empty — the default (3 months) or the current value
        if "curators" in self.fields:
            data["curators"] = list(data.get("curators") or [])
        return data


class ProgramEditForm(VersionMixin, ProgramForm):
    status = forms.ChoiceField(label=_("Статус"), choices=Program.Status.choices)


class StageForm(BoundedForm):
    stage = forms.ChoiceField(label=_("Этап цикла"), choices=Stage.choices)


def _template_choices() -> list[tuple[str, str]]:
    return [(t.code, t.title) for t in catalog.ROADMAP_TEMPLATES.values()]


def _default_start() -> dt.date:
    """The next 1 September: roadmaps start with the school year."""
    today = timezone.localdate()
    year = today.year if today < dt.date(today.year, 9, 1) else today.year + 1
    return dt.date(year, 9, 1)


class RoadmapFromTemplateForm(StyledForm):
    template_code = forms.ChoiceField(label=_("Шаблон"), choices=_template_choices)
    starts_on = forms.DateField(label=_("Начало"), widget=DATE_INPUT, initial=_default_start)
    title = forms.CharField(
        label=_("Название"), max_length=300, required=False, help_text=_("Пусто — название шаблона и годы")
    )


class RoadmapApproveForm(VersionMixin, StyledForm):
    approved_on = forms.DateField(label=_("Дата утверждения"), widget=DATE_INPUT, initial=timezone.localdate)


class ActivityStatusForm(VersionMixin, BoundedForm):
    status = forms.ChoiceField(
        choices=Activity.Status.choices,
        error_messages={
            "required": _("Неизвестный статус мероприятия."),
            "invalid_choice": _("Неизвестный статус мероприятия."),
        },
    )
    done_on = forms.DateField(
        required=False, widget=DATE_INPUT, error_messages={"invalid": _("Дата выполнения указана неверно.")}
    )


class ActivityForm(VersionMixin, StyledForm):
    """Add, edit or reschedule a roadmap activity."""

    title = forms.CharField(label=_("Мероприятие"), widget=forms.Textarea(attrs={"rows": 3}))
    stage = forms.ChoiceField(label=_("Этап"), choices=Stage.choices)
    starts_on = forms.DateField(label=_("Начало"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Срок"), widget=DATE_INPUT)
    responsible_text = forms.CharField(label=_("Ответственные"), max_length=400, required=False)
    expected_result = forms.CharField(
        label=_("Ожидаемый результат"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    control_point = forms.CharField(label=_("Контрольная точка"), required=False)
