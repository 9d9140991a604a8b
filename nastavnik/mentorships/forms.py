"""Forms of the pair's page. They only parse and check input; the services apply the rules and write."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik.forms import DATE_INPUT, TIME_INPUT, StyledForm, StyledModelForm
from nastavnik.intake.forms import mentee_people
from nastavnik.mentorships.models import ContactMode, Meeting, PersonalPlan, PlanActivity
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.people.picker import picker_for
from nastavnik.programs.models import Kind as ProgramKind


def _text(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """Date and time as typed by a person at school: in the organisation's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, time))


class PlanForm(StyledModelForm):
    class Meta:
        model = PersonalPlan
        fields = [
            "starts_on",
            "ends_on",
            "difficulties",
            "strengths",
            "directions",
            "expected_results",
            "kind",
            "contact_mode",
            "meetings_planned",
            "meetings_format",
        ]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "difficulties": _text(3),
            "strengths": _text(3),
            "directions": _text(3),
            "expected_results": _text(3),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ProgramKind.choices
        self.fields["contact_mode"].choices = ContactMode.choices
        self.fields["meetings_planned"].widget.attrs["min"] = 1


class ActivityForm(StyledForm):
    title = forms.CharField(label=_("Мероприятие"), max_length=400)
    deadline = forms.DateField(label=_("Срок"), widget=DATE_INPUT)
    responsible = forms.ChoiceField(
        label=_("Ответственный"), choices=PlanActivity.Responsible.choices, initial=PlanActivity.Responsible.BOTH
    )
    result = forms.CharField(label=_("Ожидаемый результат"), max_length=400, required=False)


class WishForm(StyledForm):
    person = forms.TypedChoiceField(label=_("Чьё желание"), coerce=int, required=False)
    text = forms.CharField(label=_("Что я хочу, чтобы у меня было?"), max_length=400)
    resources_have = forms.CharField(label=_("Какие ресурсы у меня есть?"), widget=_text(), required=False)
    resources_lack = forms.CharField(label=_("Каких ресурсов не хватает?"), widget=_text(), required=False)
    measure = forms.CharField(label=_("Как я пойму, что достиг цели?"), widget=_text(), required=False)
    duration_text = forms.CharField(label=_("Сколько нужно времени?"), max_length=200, required=False)

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.short_name) for p in people]
        if len(self.fields["person"].choices) <= 1:
            del self.fields["person"]


class GoalForm(StyledForm):
    title = forms.CharField(label=_("Цель"), max_length=300)
    desired_result = forms.CharField(
        label=_("Желаемый результат (как вы видите конечную реализацию цели?)"), widget=_text(), required=False
    )
    indicator = forms.CharField(
        label=_("Показатель эффективности (по каким результатам видно, что вы движетесь к цели?)"),
        widget=_text(),
        required=False,
    )


class StepForm(StyledForm):
    text = forms.CharField(label=_("Шаг"), max_length=400)
    deadline = forms.DateField(label=_("Срок"), widget=DATE_INPUT, required=False)


class StepDoneForm(StyledForm):
    mark = forms.CharField(label=_("Отметка о выполнении"), max_length=400, required=False)
    undo = forms.BooleanField(required=False, widget=forms.HiddenInput)


CURATOR_CHOICES = [("", _("Как принято для этой встречи")), ("yes", _("Да")), ("no", _("Нет"))]


class MeetingForm(StyledForm):
    kind = forms.ChoiceField(label=_("Вид встречи"), choices=Meeting.Kind.choices, initial=Meeting.Kind.REGULAR)
    day = forms.DateField(label=_("Дата"), widget=DATE_INPUT)
    time = forms.TimeField(label=_("Время"), widget=TIME_INPUT)
    format = forms.ChoiceField(label=_("Формат"), choices=Meeting.Format.choices, initial=Meeting.Format.IN_PERSON)
    duration_minutes = forms.IntegerField(
        label=_("Длительность, мин"),
        required=False,
        min_value=5,
        max_value=480,
        help_text=_(
            "Пусто — как принято для вида встречи: знакомство 40, пробная 60, планирование 90, "
            "регулярная 60, итоговая 90 мин."
        ),
    )
    place = forms.CharField(label=_("Место или ссылка"), max_length=300, required=False)
    topic = forms.CharField(label=_("Тема"), max_length=300, required=False)
    curator = forms.ChoiceField(label=_("Присутствует куратор"), choices=CURATOR_CHOICES, required=False)
    participants = forms.TypedMultipleChoiceField(
        label=_("Участники"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ничего не отмечено — вся группа."),
    )

    # cycle: shown after the two-week warning, so the planner can go on knowingly.
    accept_gap = forms.BooleanField(label=_("Всё равно запланировать на эту дату"), required=False)

    def __init__(self, *args, people=(), group: bool = False, ask_gap: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if group:
            self.fields["participants"].choices = [(p.pk, p.short_name) for p in people]
        else:
            del self.fields["participants"]
        if not ask_gap:
            del self.fields["accept_gap"]

    @property
    def scheduled_at(self) -> dt.datetime:
        return local_datetime(self.cleaned_data["day"], self.cleaned_data["time"])

    @property
    def curator_present(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("curator") or "")


class RescheduleForm(StyledForm):
    day = forms.DateField(label=_("Новая дата"), widget=DATE_INPUT)
    time = forms.TimeField(label=_("Время"), widget=TIME_INPUT)
    reason = forms.CharField(label=_("Причина переноса"), max_length=400, required=False)

    @property
    def scheduled_at(self) -> dt.datetime:
        return local_datetime(self.cleaned_data["day"], self.cleaned_data["time"])


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Причина"), max_length=400, required=False)


class HoldForm(StyledForm):
    notes = forms.CharField(label=_("Итоги встречи"), widget=_text(3), required=False)


class ChangeRequestForm(StyledForm):
    reason = forms.CharField(label=_("Причина обращения"), widget=_text(3))


class DecisionForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Решение"),
        choices=[("approve", _("Удовлетворить")), ("reject", _("Отклонить"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Комментарий куратора"), widget=_text(2), required=False)


class CompleteForm(StyledForm):
    reason = forms.CharField(
        label=_("Итог или причина"),
        max_length=280,
        required=False,
        help_text=_("Раньше наименьшего срока программы пару закрывают досрочно — тогда причина обязательна."),
    )


class ResultsForm(StyledForm):
    text = forms.CharField(label=_("Результаты встречи"), widget=_text(3), max_length=4000)


# --- groups: a formed group's membership ---------------------------------------------------------------------------


class MemberAddForm(StyledForm):
    """A mentee of the organisation, found with the person picker (a school has too many for a list)."""

    mentee = forms.ModelChoiceField(label=_("Наставляемый"), queryset=Person.objects.none())

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = mentee_people(organization)
        picker_for(self, "mentee", organization=organization, scope="mentees")


class MemberRemoveForm(StyledForm):
    """One of the mentees who joined the group (a short list), and why they leave."""

    member = forms.ModelChoiceField(label=_("Кто выбывает"), queryset=Person.objects.none())
    reason = forms.CharField(label=_("Причина"), max_length=300, widget=_text(2))

    def __init__(self, *args, members: list[Person], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Person.objects.filter(pk__in=[p.pk for p in members])
