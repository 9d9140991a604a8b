"""Forms to issue the four orders of the launch stage; each turns its cleaned data into the service's payload."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from nastavnik.documents import selectors, wording
from nastavnik.documents.models import Order
from nastavnik.forms import DATE_INPUT, StyledForm
from nastavnik.orgs.models import Organization
from nastavnik.people.picker import picker_for


def _date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_INPUT, **kwargs)


def _lines_field(label, rows: int = 5, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=kwargs.pop("help_text", _("Каждый пункт — с новой строки.")),
        **kwargs,
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class OrderForm(StyledForm):
    """What every order has: date, title, the preamble and the place of issue."""

    kind: str = Order.Kind.OTHER
    formset_classes: dict[str, type[forms.BaseFormSet]] = {}
    formset_titles: dict[str, str] = {}

    date = _date_field(_("Дата приказа"))
    subject = forms.CharField(
        label=_("Заголовок"), max_length=400, required=False, help_text=_("Если оставить пустым — по виду приказа.")
    )
    grounds = forms.CharField(
        label=_("Основание (преамбула)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Текст перед словом «ПРИКАЗЫВАЮ:», обычно начинается с «В соответствии с …»."),
    )
    place = forms.CharField(label=_("Место издания"), max_length=200, required=False)

    def __init__(self, *args, organization: Organization, today: dt.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["date"].initial = today
        self.fields["subject"].initial = Order.Kind(self.kind).label
        self.fields["grounds"].initial = wording.grounds_default(self.kind, organization.short_name)
        self.fields["place"].initial = organization.municipality.name
        self.setup(today)

    def setup(self, today: dt.date) -> None:
        """Kind-specific choices and initial values."""

    def formset_initial(self, today: dt.date) -> dict[str, list[dict]]:
        return {}

    def common_payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"grounds": data["grounds"], "place": data["place"]}

    def payload(self, formsets: dict[str, forms.BaseFormSet]) -> dict[str, Any]:
        raise NotImplementedError


def school_year_end(today: dt.date) -> dt.date:
    return dt.date(today.year + (1 if today.month >= 6 else 0), 5, 31)


# --- rows --------------------------------------------------------------------------------------------------------


class ResponsibleForm(StyledForm):
    person = StaffChoiceField(label=_("Сотрудник"), queryset=None)
    position = forms.CharField(label=_("Должность"), max_length=200, required=False)
    duties = forms.CharField(
        label=_("Обязанности"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Каждая — с новой строки.")
    )

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.staff_people(organization=organization)
        picker_for(self, "person", organization=organization, scope="staff")


class MonitoringForm(StyledForm):
    what = forms.CharField(label=_("Вид мониторинга"), max_length=200)
    date = _date_field(_("Срок"))

    def __init__(self, *args, organization: Organization | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)  # rows of a formset all get `organization`


class LessonForm(StyledForm):
    date = _date_field(_("Дата"))
    time = forms.CharField(
        label=_("Время"), max_length=20, widget=forms.TextInput(attrs={"placeholder": "15:00–16:30"})
    )
    topic = forms.CharField(label=_("Тема"), max_length=300)
    responsible = forms.CharField(label=_("Ответственный"), max_length=200, required=False)

    def __init__(self, *args, organization: Organization | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)  # rows of a formset all get `organization`


class RowsFormSet(forms.BaseFormSet):
    """Rows the user may leave blank: a blank row is skipped, a started one is checked in full."""

    def _construct_form(self, i, **kwargs):
        return super()._construct_form(i, **{**kwargs, "empty_permitted": True})


ResponsibleFormSet = formset_factory(ResponsibleForm, formset=RowsFormSet, extra=0, min_num=1)
MonitoringFormSet = formset_factory(MonitoringForm, formset=RowsFormSet, extra=0, min_num=1)
LessonFormSet = formset_factory(LessonForm, formset=RowsFormSet, extra=0, min_num=1)


def rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """Cleaned rows of a formset, skipping blank extra rows."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data]


# --- the four orders ---------------------------------------------------------------------------------------------


class IntroduceModelForm(OrderForm):
    kind = Order.Kind.INTRODUCE_MODEL
    formset_classes = {"responsible": ResponsibleFormSet, "monitoring": MonitoringFormSet}
    formset_titles = {
        "responsible": _("Ответственные за внедрение и их обязанности"),
        "monitoring": _("Сроки мониторинга эффективности программ"),
    }

    starts_on = _date_field(_("Начало внедрения"))
    ends_on = _date_field(_("Окончание внедрения"))
    results = _lines_field(_("Планируемые результаты"), rows=6)

    def setup(self, today: dt.date) -> None:
        self.fields["starts_on"].initial = today
        self.fields["ends_on"].initial = school_year_end(today)
        self.fields["results"].initial = "\n".join(wording.PLANNED_RESULTS)

    def formset_initial(self, today: dt.date) -> dict[str, list[dict]]:
        start, end = today, school_year_end(today)
        span = (end - start).days
        monitoring = [
            {"what": what, "date": start + dt.timedelta(days=round(span * share))}
            for what, share in wording.MONITORING_STEPS
        ]
        return {"responsible": selectors.launch_team_initial(organization=self.organization), "monitoring": monitoring}

    def payload(self, formsets):
        data = self.cleaned_data
        return {
            **self.common_payload(),
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "results": data["results"],
            "responsible": [
                {"person_id": r["person"].pk, "position": r["position"], "duties": r["duties"]}
                for r in rows(formsets["responsible"])
            ],
            "monitoring": rows(formsets["monitoring"]),
        }


class AppointCoordinatorForm(OrderForm):
    kind = Order.Kind.APPOINT_COORDINATOR
    coordinator = StaffChoiceField(label=_("Координатор"), queryset=None)
    curators = StaffMultipleChoiceField(label=_("Кураторы"), queryset=None, widget=forms.CheckboxSelectMultiple)
    coordinator_duties = _lines_field(_("Обязанности координатора"))
    curator_duties = _lines_field(_("Обязанности кураторов"), rows=7)

    def setup(self, today: dt.date) -> None:
        staff = selectors.staff_people(organization=self.organization)
        self.fields["coordinator"].queryset = staff
        self.fields["curators"].queryset = staff
        team = selectors.launch_team(organization=self.organization)
        self.fields["coordinator"].initial = next(iter(team["coordinator"]), None)
        picker_for(self, "coordinator", organization=self.organization, scope="staff")
        self.fields["curators"].initial = team["curator"]
        picker_for(self, "curators", organization=self.organization, scope="staff")
        self.fields["coordinator_duties"].initial = "\n".join(wording.COORDINATOR_DUTIES)
        self.fields["curator_duties"].initial = "\n".join(wording.CURATOR_DUTIES)

    def payload(self, formsets):
        data = self.cleaned_data
        return {
            **self.common_payload(),
            "coordinator_id": data["coordinator"].pk,
            "curators": [{"person_id": p.pk} for p in data["curators"]],
            "coordinator_duties": data["coordinator_duties"],
            "curator_duties": data["curator_duties"],
        }


class CandidateChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.person.full_name} — {obj.get_category_display()}"


class ApproveMentorRegistryForm(OrderForm):
    kind = Order.Kind.APPROVE_MENTOR_REGISTRY
    candidates = CandidateChoiceField(
        label=_("Наставники"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Кандидаты со статусом «В реестре наставников»."),
    )

    def setup(self, today: dt.date) -> None:
        approved = selectors.approved_mentor_candidates(organization=self.organization)
        self.fields["candidates"].queryset = approved
        self.fields["candidates"].initial = list(approved.values_list("pk", flat=True))

    def payload(self, formsets):
        return {**self.common_payload(), "candidate_ids": [c.pk for c in self.cleaned_data["candidates"]]}


class MentorSchoolForm(OrderForm):
    kind = Order.Kind.MENTOR_SCHOOL
    formset_classes = {"schedule": LessonFormSet}
    formset_titles = {"schedule": _("График занятий")}

    starts_on = _date_field(_("Начало обучения"))
    ends_on = _date_field(_("Окончание обучения"))
    responsible = StaffChoiceField(label=_("Ответственный за обучение"), queryset=None)
    topics = _lines_field(_("Программа: темы занятий"), rows=8)

    def setup(self, today: dt.date) -> None:
        start = today + dt.timedelta(days=7)
        self.fields["starts_on"].initial = start
        self.fields["ends_on"].initial = start + dt.timedelta(weeks=len(wording.SCHOOL_TOPICS))
        self.fields["responsible"].queryset = selectors.staff_people(organization=self.organization)
        team = selectors.launch_team(organization=self.organization)
        self.fields["responsible"].initial = next(iter(team["coordinator"] + team["curator"]), None)
        picker_for(self, "responsible", organization=self.organization, scope="staff")
        self.fields["topics"].initial = "\n".join(wording.SCHOOL_TOPICS)

    def formset_initial(self, today: dt.date) -> dict[str, list[dict]]:
        start = today + dt.timedelta(days=7)
        lessons = [
            {"date": start + dt.timedelta(weeks=i), "time": "15:00–16:30", "topic": topic}
            for i, topic in enumerate(wording.SCHOOL_TOPICS)
        ]
        return {"schedule": lessons}

    def payload(self, formsets):
        data = self.cleaned_data
        return {
            **self.common_payload(),
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "responsible_id": data["responsible"].pk,
            "topics": data["topics"],
            "schedule": rows(formsets["schedule"]),
        }


class ApproveRegulationForm(OrderForm):
    """The regulation is generated for the organisation (seeds 003/004) and edited on the draft's page."""

    kind = Order.Kind.APPROVE_REGULATION
    roadmap_rows = _lines_field(
        _("Дорожная карта: мероприятия"),
        rows=6,
        required=False,
        help_text=_("Каждое мероприятие — с новой строки: что, когда, кто отвечает. Можно дополнить позже."),
    )

    def setup(self, today: dt.date) -> None:
        self.fields["roadmap_rows"].initial = "\n".join(selectors.roadmap_lines(organization=self.organization))

    def payload(self, formsets):
        return {**self.common_payload(), "roadmap_rows": self.cleaned_data["roadmap_rows"]}


class ItemsOrderForm(OrderForm):
    """Orders whose text is a list of items: the final event, rewards, any other order on mentoring."""

    items = _lines_field(_("Пункты приказа"), rows=8)

    def setup(self, today: dt.date) -> None:
        self.fields["items"].initial = "\n".join(wording.ITEMS_DEFAULT.get(self.kind, []))

    def payload(self, formsets):
        return {**self.common_payload(), "items": self.cleaned_data["items"]}


class FinalEventForm(ItemsOrderForm):
    kind = Order.Kind.FINAL_EVENT


class RewardForm(ItemsOrderForm):
    kind = Order.Kind.REWARD


class OtherOrderForm(ItemsOrderForm):
    kind = Order.Kind.OTHER


ISSUE_FORMS: dict[str, type[OrderForm]] = {
    form.kind.value: form
    for form in (
        IntroduceModelForm,
        AppointCoordinatorForm,
        ApproveRegulationForm,
        ApproveMentorRegistryForm,
        MentorSchoolForm,
        FinalEventForm,
        RewardForm,
        OtherOrderForm,
    )
}


class SignForm(StyledForm):
    comment = forms.CharField(
        label=_("Комментарий"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Необязателен при подписании; при возврате на доработку напишите, что исправить."),
    )


class RegulationTextForm(StyledForm):
    """The regulation's text before signing: «## Раздел» lines and one point per line."""

    regulation_text = forms.CharField(
        label=_("Текст Положения о наставничестве"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_("Строка, начинающаяся с «##», — название раздела; каждая следующая строка — пункт раздела."),
    )
    roadmap_rows = forms.CharField(
        label=_("Дорожная карта: мероприятия"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Каждое мероприятие — с новой строки: что, когда, кто отвечает."),
    )

    def __init__(self, *args, order: Order, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regulation_text"].initial = wording.sections_to_text(order.payload.get("sections") or [])
        self.fields["roadmap_rows"].initial = "\n".join(order.payload.get("roadmap_rows") or [])

    def changes(self) -> dict[str, Any]:
        return {
            "sections": wording.sections_from_text(self.cleaned_data["regulation_text"]),
            "roadmap_rows": self.cleaned_data["roadmap_rows"],
        }


class ItemsTextForm(StyledForm):
    items = _lines_field(_("Пункты приказа"), rows=8)

    def __init__(self, *args, order: Order, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].initial = "\n".join(order.payload.get("items") or [])

    def changes(self) -> dict[str, Any]:
        return {"items": self.cleaned_data["items"]}


# Drafts whose text the preparer edits before signing; other kinds are prepared anew from their bases.
TEXT_FORMS: dict[str, type[StyledForm]] = {
    Order.Kind.APPROVE_REGULATION.value: RegulationTextForm,
    Order.Kind.FINAL_EVENT.value: ItemsTextForm,
    Order.Kind.REWARD.value: ItemsTextForm,
    Order.Kind.OTHER.value: ItemsTextForm,
}


class RegisterFilterForm(StyledForm):
    year = forms.TypedChoiceField(label=_("Год"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("Вид"), required=False)

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Все годы")), *[(y, y) for y in years]]
        self.fields["kind"].choices = [("", _("Все виды")), *Order.Kind.choices]
