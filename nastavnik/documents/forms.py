"""Forms to issue the four orders of the launch stage; each turns its cleaned data into the service's payload."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from nastavnik.documents import selectors, wording
from nastavnik.documents.models import Order
from nastavnik.documents.ru import date_short
from nastavnik.forms import DATE_INPUT, StyledForm, widget_css
from nastavnik.orgs.models import Organization
from nastavnik.people.picker import PersonMultiPicker, PersonPicker, picker_for


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


def _person_line(entry: dict) -> str:
    return f"{entry['name']}, {entry['position']}" if entry.get("position") else entry["name"]


def _pair_line(row: dict) -> str:
    mentors = ", ".join(p["name"] for p in row["mentors"])
    mentees = ", ".join(p["name"] for p in row["mentees"])
    return f"{mentors} — {mentees}"


# The lists of a draft whose lines may be removed: (payload key, snapshot key, title, line's text).
ROW_LISTS: dict[str, list[tuple[str, str, Any, Any]]] = {
    Order.Kind.INTRODUCE_MODEL.value: [
        ("responsible", "responsible", _("Ответственные"), _person_line),
        ("monitoring", "monitoring", _("Сроки мониторинга"), lambda m: f"{m['what']} — {date_short(m['date'])}"),
    ],
    Order.Kind.APPOINT_COORDINATOR.value: [("curators", "curators", _("Кураторы"), _person_line)],
    Order.Kind.APPROVE_MENTOR_REGISTRY.value: [("candidate_ids", "mentors", _("Наставники"), _person_line)],
    Order.Kind.MENTOR_SCHOOL.value: [
        ("schedule", "schedule", _("График занятий"), lambda r: f"{date_short(r['date'])} {r['time']} — {r['topic']}")
    ],
    Order.Kind.APPROVE_PAIRS.value: [("pairs", "pairs", _("Пары и группы"), _pair_line)],
}

# The text lists of a draft, one point per line: (key, label, rows).
TEXT_LISTS: dict[str, list[tuple[str, Any, int]]] = {
    Order.Kind.INTRODUCE_MODEL.value: [("results", _("Планируемые результаты"), 5)],
    Order.Kind.APPOINT_COORDINATOR.value: [
        ("coordinator_duties", _("Обязанности координатора"), 5),
        ("curator_duties", _("Обязанности кураторов"), 7),
    ],
    Order.Kind.MENTOR_SCHOOL.value: [("topics", _("Программа: темы занятий"), 8)],
    Order.Kind.FINAL_EVENT.value: [("items", _("Пункты приказа"), 8)],
    Order.Kind.REWARD.value: [("items", _("Пункты приказа"), 8)],
    Order.Kind.OTHER.value: [("items", _("Пункты приказа"), 8)],
    Order.Kind.APPROVE_REGULATION.value: [("roadmap_rows", _("Дорожная карта: мероприятия"), 6)],
}


REGULATION_HELP = _("Строка, начинающаяся с «##», — название раздела; каждая следующая строка — пункт раздела.")


class OrderEditForm(StyledForm):
    """A draft of any kind edited in place before signing: title, preamble, text lists, lines of its lists (a box
    per line: untick to remove), people to add, «ознакомлены». What is not posted stays as it was."""

    subject = forms.CharField(label=_("Заголовок"), max_length=400, required=False)
    grounds = forms.CharField(
        label=_("Основание (преамбула)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    control = forms.CharField(label=_("Контроль исполнения"), max_length=400, required=False)

    def __init__(self, *args, order: Order, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order = order
        s = order.payload
        self.fields["subject"].initial = order.subject
        self.fields["grounds"].initial = s.get("grounds", "")
        self.fields["control"].initial = s.get("control", "")
        if order.kind == Order.Kind.APPROVE_REGULATION:
            self.fields["regulation_text"] = forms.CharField(
                label=_("Текст Положения о наставничестве"),
                widget=forms.Textarea(attrs={"rows": 24}),
                initial=wording.sections_to_text(s.get("sections") or []),
                help_text=REGULATION_HELP,
            )
        for key, label, rows in TEXT_LISTS.get(order.kind, []):
            required = key not in ("roadmap_rows",)
            self.fields[key] = _lines_field(label, rows=rows, required=required, initial="\n".join(s.get(key) or []))
        for key, snapshot_key, title, line in ROW_LISTS.get(order.kind, []):
            rows = s.get(snapshot_key) or []
            self.fields[f"keep_{key}"] = forms.TypedMultipleChoiceField(
                label=title,
                coerce=int,
                required=False,
                choices=[(i, line(row)) for i, row in enumerate(rows)],
                initial=list(range(len(rows))),
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Снимите отметку, чтобы убрать строку из приказа."),
            )
        self._setup_additions(s)
        self.fields["acquainted"] = _lines_field(
            _("С приказом ознакомлены"),
            rows=4,
            required=False,
            initial="\n".join(s.get("acquainted") or []),
            help_text=_("Каждый — с новой строки. Пусто — те, кого называет приказ."),
        )
        # StyledForm styled only the three fields declared above; the ones added here need the same look
        # (a bare textarea beside an inline label, as it was, reads as broken). Pickers keep their own markup.
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, PersonPicker | PersonMultiPicker):
                continue
            classes = widget.attrs.get("class", "").split()
            if widget_css(widget) not in classes:
                widget.attrs["class"] = " ".join([*classes, widget_css(widget)])

    def _setup_additions(self, s: dict) -> None:
        org = self.order.organization
        if self.order.kind == Order.Kind.APPOINT_COORDINATOR:
            listed = [c["person_id"] for c in s.get("curators") or []]
            self.fields["add_curators"] = StaffMultipleChoiceField(
                label=_("Добавить кураторов"),
                queryset=selectors.staff_people(organization=org).exclude(pk__in=listed),
                required=False,
            )
            picker_for(self, "add_curators", organization=org, scope="staff")
        elif self.order.kind == Order.Kind.APPROVE_MENTOR_REGISTRY:
            listed = [m["candidate_id"] for m in s.get("mentors") or []]
            missing = selectors.approved_mentor_candidates(organization=org).exclude(pk__in=listed)
            if missing.exists():
                self.fields["add_mentors"] = CandidateChoiceField(
                    label=_("Добавить наставников"),
                    queryset=missing,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        changes: dict[str, Any] = {k: data[k] for k in ("grounds", "control") if data.get(k)}
        if "regulation_text" in data:
            changes["regulation_text"] = data["regulation_text"]
        for key, _label, _rows in TEXT_LISTS.get(self.order.kind, []):
            changes[key] = data[key]
        remove = {}
        for key, *_rest in ROW_LISTS.get(self.order.kind, []):
            kept = set(data.get(f"keep_{key}") or [])
            gone = [i for i, _choice in self.fields[f"keep_{key}"].choices if i not in kept]
            if gone:
                remove[key] = gone
        if remove:
            changes["remove"] = remove
        add = {}
        if data.get("add_curators"):
            add["curators"] = [{"person_id": p.pk} for p in data["add_curators"]]
        if data.get("add_mentors"):
            add["candidate_ids"] = [c.pk for c in data["add_mentors"]]
        if add:
            changes["add"] = add
        if "acquainted" in self.changed_data:
            changes["acquainted"] = data["acquainted"]
        return changes


class RegisterFilterForm(StyledForm):
    year = forms.TypedChoiceField(label=_("Год"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("Вид"), required=False)

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Все годы")), *[(y, y) for y in years]]
        self.fields["kind"].choices = [("", _("Все виды")), *Order.Kind.choices]
