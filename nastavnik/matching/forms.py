"""Forms of the Mentor Match pages. They only parse input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.selectors import staff_people
from nastavnik.forms import DATE_INPUT, TIME_INPUT, BoundedForm, StyledForm, VersionMixin
from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.matching.models import MINUTES_MAX, MINUTES_MIN, SessionMentee, SessionMentor
from nastavnik.mentorships.models import Mentorship
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.people.picker import picker_for
from nastavnik.programs.models import Program

REFUSE = "no"


class SessionForm(StyledForm):
    program = forms.ModelChoiceField(label=_("Программа наставничества"), queryset=Program.objects.none())
    date = forms.DateField(label=_("Дата сессии"), widget=DATE_INPUT, initial=timezone.localdate)
    start_time = forms.TimeField(label=_("Начало"), widget=TIME_INPUT, required=False)
    place = forms.CharField(label=_("Место"), max_length=200, required=False)
    minutes_per_round = forms.IntegerField(
        label=_("Минут на одну беседу"),
        min_value=MINUTES_MIN,
        max_value=MINUTES_MAX,
        initial=7,
        help_text=_("Каждый наставник беседует с каждым наставляемым 5–10 минут."),
    )

    def __init__(self, *args, programs: QuerySet[Program], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        if programs.count() == 1:
            self.fields["program"].initial = programs.first()


def _mentor_label(c: MentorCandidate) -> str:
    detail = c.person.subject or c.person.workplace or c.get_category_display()
    return f"{c.person.full_name}, {detail}"


def _mentee_label(r: MenteeRequest) -> str:
    detail = r.person.school_class or r.person.subject or r.person.get_category_display()
    return f"{r.person.full_name}, {detail}"


# Longer lists than this show only the chosen people and a search to add more (the person picker).
LONG_LIST = 20


class ParticipantsForm(VersionMixin, BoundedForm):
    """Two lists of checkboxes and a capacity per mentor (how many mentees they take in this session). A long list
    shows only the chosen ones; the others are found by surname or class and added (`add_mentors`, `add_mentees`)."""

    mentors = forms.TypedMultipleChoiceField(label=_("Наставники"), coerce=int, required=False)
    mentees = forms.TypedMultipleChoiceField(label=_("Наставляемые"), coerce=int, required=False)

    def __init__(
        self,
        *args,
        candidates: list[MentorCandidate],
        requests: list[MenteeRequest],
        places=None,
        organization: Organization | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = {c.pk: c for c in candidates}
        self.requests = {r.pk: r for r in requests}
        self.long_mentors = organization is not None and len(candidates) > LONG_LIST
        self.long_mentees = organization is not None and len(requests) > LONG_LIST
        if self.long_mentors:
            self._add_picker("add_mentors", _("Добавить наставников"), candidates, organization, "mentors")
        if self.long_mentees:
            self._add_picker("add_mentees", _("Добавить наставляемых"), requests, organization, "mentees")
        self.places = places or {}
        self.fields["mentors"].choices = [(c.pk, _mentor_label(c)) for c in candidates]
        self.fields["mentees"].choices = [(r.pk, _mentee_label(r)) for r in requests]
        for c in candidates:
            # cycle: places for this session = capacity minus active pairs; the curator may change the number.
            free = self.places[c.pk].free if c.pk in self.places else c.capacity
            self.fields[f"capacity_{c.pk}"] = forms.IntegerField(
                label=_("Мест"), min_value=0, max_value=30, initial=free, required=False
            )

    def _add_picker(self, name: str, label, records, organization: Organization, scope: str) -> None:
        self.fields[name] = forms.ModelMultipleChoiceField(
            label=label,
            queryset=Person.objects.filter(pk__in=[r.person_id for r in records]),
            required=False,
            help_text=_("Фамилия или класс: отметьте найденных, они добавятся к списку."),
        )
        picker_for(self, name, organization=organization, scope=scope)

    def mentor_rows(self) -> list[tuple[MentorCandidate, forms.BoundField, bool]]:
        chosen = {str(v) for v in (self["mentors"].value() or [])}
        return [
            (c, self[f"capacity_{c.pk}"], str(c.pk) in chosen, self.places.get(c.pk))
            for c in self.candidates.values()
            if not self.long_mentors or str(c.pk) in chosen
        ]

    def clean(self):
        data = super().clean()
        # People found with the search join the ones ticked in the list.
        by_person = {c.person_id: c.pk for c in self.candidates.values()}
        added = [by_person[p.pk] for p in data.get("add_mentors") or [] if p.pk in by_person]
        data["mentors"] = list(dict.fromkeys([*(data.get("mentors") or []), *added]))
        by_person = {}
        for r in self.requests.values():
            by_person.setdefault(r.person_id, r.pk)
        added = [by_person[p.pk] for p in data.get("add_mentees") or [] if p.pk in by_person]
        data["mentees"] = list(dict.fromkeys([*(data.get("mentees") or []), *added]))
        for pk in data.get("mentors") or []:
            if data.get(f"capacity_{pk}") == 0:
                self.add_error(
                    f"capacity_{pk}",
                    gettext("Свободных мест нет: укажите число мест или не включайте наставника в сессию."),
                )
        return data

    def mentee_rows(self) -> list[tuple[MenteeRequest, bool]]:
        chosen = {str(v) for v in (self["mentees"].value() or [])}
        return [
            (r, str(r.pk) in chosen)
            for r in self.requests.values()
            if not self.long_mentees or str(r.pk) in chosen
        ]

    def chosen_mentors(self) -> list[tuple[MentorCandidate, int]]:
        data = self.cleaned_data
        chosen = []
        for pk in data["mentors"]:
            places = data.get(f"capacity_{pk}")
            if places is None:
                free = self.places.get(pk)
                places = free.free if free is not None else self.candidates[pk].capacity
            chosen.append((self.candidates[pk], places))
        return chosen

    def chosen_mentees(self) -> list[MenteeRequest]:
        return [self.requests[pk] for pk in self.cleaned_data["mentees"]]


class CardForm(BoundedForm):
    """One numbered select per person of the other side: a place (1 = first choice), blank, or «не хочу».

    Works without JavaScript and with big native pickers on phones; the places only need to be different.
    """

    def __init__(self, *args, options: list[SessionMentor] | list[SessionMentee], card=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        n = len(options)
        choices = [("", gettext("— без отметки —"))]
        choices += [(str(i), gettext("%(n)s-е место") % {"n": i}) for i in range(1, n + 1)]
        choices += [(REFUSE, gettext("Не хочу продолжать"))]
        ranked = list(card.ranked or []) if card else []
        refused = set(card.refused or []) if card else set()
        for option in options:
            initial = (
                str(ranked.index(option.pk) + 1) if option.pk in ranked else (REFUSE if option.pk in refused else "")
            )
            self.fields[f"o_{option.pk}"] = forms.ChoiceField(
                label=option.person.full_name,
                choices=choices,
                required=False,
                initial=initial,
                widget=forms.Select(attrs={"class": "form-select form-select-lg"}),
            )

    def clean(self) -> dict:
        data = super().clean()
        places: dict[str, int] = {}
        for option in self.options:
            value = data.get(f"o_{option.pk}")
            if value and value != REFUSE:
                if value in places:
                    self.add_error(
                        f"o_{option.pk}",
                        gettext("Место %(n)s уже отдано другому участнику: у каждого своё место.") % {"n": value},
                    )
                places[value] = option.pk
        return data

    def rows(self) -> list[tuple[SessionMentor | SessionMentee, forms.BoundField]]:
        return [(option, self[f"o_{option.pk}"]) for option in self.options]

    def ranked(self) -> list[int]:
        marks = [(int(self.cleaned_data[f"o_{o.pk}"]), o.pk) for o in self.options if self._place(o)]
        return [pk for _place, pk in sorted(marks)]

    def refused(self) -> list[int]:
        return [o.pk for o in self.options if self.cleaned_data.get(f"o_{o.pk}") == REFUSE]

    def _place(self, option) -> bool:
        value = self.cleaned_data.get(f"o_{option.pk}")
        return bool(value) and value != REFUSE


class MentorshipChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Mentorship) -> str:
        mentees = [obj.mentee.short_name] + [m.person.short_name for m in obj.members.all() if m.side == "mentee"]
        return f"{obj.mentor.short_name} — {', '.join(mentees)} ({obj.get_status_display().lower()})"


class PairsOrderForm(StyledForm):
    date = forms.DateField(label=_("Дата приказа"), widget=DATE_INPUT, initial=timezone.localdate)
    signed_by = forms.ModelChoiceField(
        label=_("Подписывает"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— руководитель организации —"),
    )
    mentorships = MentorshipChoiceField(
        label=_("Пары и группы в приказе"), queryset=Mentorship.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    # cycle: a pair not yet confirmed by its acquaintance goes into the order only as the curator's exception.
    exceptions = MentorshipChoiceField(
        label=_("Включить как исключение, без подтверждённой встречи-знакомства"),
        queryset=Mentorship.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Отметьте каждую такую пару отдельно: приказ закрепляет пары после личной встречи."),
    )

    def __init__(self, *args, organization: Organization, pending: QuerySet[Mentorship], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_by"].queryset = staff_people(organization=organization)
        picker_for(self, "signed_by", organization=organization, scope="staff")
        self.fields["mentorships"].queryset = pending
        self.fields["exceptions"].queryset = pending.filter(status=Mentorship.Status.PROPOSED)
        # The pairs confirmed by their acquaintance meeting; the others only as exceptions.
        self.fields["mentorships"].initial = [m.pk for m in pending if m.status == Mentorship.Status.CONFIRMED]
