"""Reads across the whole cycle for home pages and overviews. Nothing imports this app."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.mentorships.models import Meeting, Mentorship, MentorshipMember
from nastavnik.mentorships.selectors import attention_overview, held_count
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.programs.models import Activity, Program, Roadmap, Stage

ACTIVE_MENTORSHIP = (Mentorship.Status.PROPOSED, Mentorship.Status.CONFIRMED, Mentorship.Status.APPROVED)


@dataclass
class OrgFigures:
    """Numbers only: safe to show at the municipal level."""

    organization: Organization
    programs_by_stage: Counter = field(default_factory=Counter)
    requests_by_status: Counter = field(default_factory=Counter)
    candidates_by_status: Counter = field(default_factory=Counter)
    mentorships_by_status: Counter = field(default_factory=Counter)
    meetings_held_30d: int = 0
    roadmap_total: int = 0
    roadmap_done: int = 0
    roadmap_overdue: int = 0
    has_approved_roadmap: bool = False
    people_count: int = 0

    @property
    def programs(self) -> int:
        return sum(self.programs_by_stage.values())

    @property
    def mentees_in_base(self) -> int:
        return sum(n for s, n in self.requests_by_status.items() if s not in ("withdrawn", "closed"))

    @property
    def mentors_in_registry(self) -> int:
        return self.candidates_by_status.get(MentorCandidate.Status.APPROVED, 0)

    @property
    def mentor_candidates(self) -> int:
        return sum(n for s, n in self.candidates_by_status.items() if s not in ("rejected", "withdrawn"))

    @property
    def active_mentorships(self) -> int:
        return sum(self.mentorships_by_status.get(s, 0) for s in ACTIVE_MENTORSHIP)

    @property
    def completed_mentorships(self) -> int:
        return self.mentorships_by_status.get(Mentorship.Status.COMPLETED, 0)

    @property
    def roadmap_percent(self) -> int:
        return round(100 * self.roadmap_done / self.roadmap_total) if self.roadmap_total else 0

    def stage_rows(self) -> list[tuple[str, str, int]]:
        return [(code, label, self.programs_by_stage.get(code, 0)) for code, label in Stage.choices]


def org_figures(
    *, organizations: QuerySet[Organization] | list[Organization], today: dt.date | None = None
) -> list[OrgFigures]:
    """One grouped query per table for all organisations at once (no query per organisation)."""
    today = today or timezone.localdate()
    orgs = list(organizations)
    figures = {o.pk: OrgFigures(organization=o) for o in orgs}
    ids = list(figures)

    def tally(qs, org_field: str, key: str, target: str) -> None:
        for row in qs.filter(**{f"{org_field}__in": ids}).values(org_field, key).annotate(n=Count("id")):
            getattr(figures[row[org_field]], target)[row[key]] += row["n"]

    tally(Program.objects.exclude(status=Program.Status.COMPLETED), "organization_id", "stage", "programs_by_stage")
    tally(MenteeRequest.objects, "organization_id", "status", "requests_by_status")
    tally(MentorCandidate.objects, "organization_id", "status", "candidates_by_status")
    tally(Mentorship.objects, "program__organization_id", "status", "mentorships_by_status")

    since = timezone.now() - dt.timedelta(days=30)
    held = Meeting.objects.filter(
        status=Meeting.Status.HELD, scheduled_at__gte=since, mentorship__program__organization_id__in=ids
    )
    for row in held.values("mentorship__program__organization_id").annotate(n=Count("id")):
        figures[row["mentorship__program__organization_id"]].meetings_held_30d = row["n"]

    activities = Activity.objects.filter(roadmap__organization_id__in=ids).exclude(status=Activity.Status.CANCELLED)
    for row in activities.values("roadmap__organization_id").annotate(
        total=Count("id"),
        done=Count("id", filter=Q(status=Activity.Status.DONE)),
        overdue=Count("id", filter=Q(ends_on__lt=today) & ~Q(status=Activity.Status.DONE)),
    ):
        f = figures[row["roadmap__organization_id"]]
        f.roadmap_total, f.roadmap_done, f.roadmap_overdue = row["total"], row["done"], row["overdue"]
    approved = Roadmap.objects.filter(organization_id__in=ids, status=Roadmap.Status.APPROVED)
    for org_id in approved.values_list("organization_id", flat=True):
        figures[org_id].has_approved_roadmap = True
    for row in (
        Person.objects.filter(organization_id__in=ids, anonymised_at__isnull=True)
        .values("organization_id")
        .annotate(n=Count("id"))
    ):
        figures[row["organization_id"]].people_count = row["n"]
    return [figures[o.pk] for o in orgs]


ATTENTION_ON_HOME = 8


@dataclass
class AttentionItem:
    text: str
    url: str
    severity: str = "warning"  # Bootstrap colour: what needs action first is red.


def staff_attention(
    *, organization: Organization, today: dt.date | None = None, figures: OrgFigures | None = None
) -> list[AttentionItem]:
    """What the organisation's staff must look at. The counts by status come from `figures` (the home page has
    them already from org_figures' grouped queries) rather than four more counts."""
    today = today or timezone.localdate()
    items: list[AttentionItem] = []
    if figures is None:
        figures = org_figures(organizations=[organization], today=today)[0]
    new_requests = figures.requests_by_status.get(MenteeRequest.Status.NEW, 0)
    if new_requests:
        items.append(
            AttentionItem(
                ngettext(
                    "%(n)d новый запрос наставляемого ждёт анализа",
                    "%(n)d новых запросов наставляемых ждут анализа",
                    new_requests,
                )
                % {"n": new_requests},
                reverse("intake_mentees", args=[organization.code]) + "?status=new",
                "warning",
            )
        )
    if n := figures.requests_by_status.get(MenteeRequest.Status.SEARCHING, 0):
        items.append(
            AttentionItem(
                ngettext(
                    "%(n)d наставляемый остался без пары — продолжается поиск наставника",
                    "%(n)d наставляемых остались без пары — продолжается поиск наставника",
                    n,
                )
                % {"n": n},
                reverse("intake_mentees", args=[organization.code]) + "?status=searching",
                "danger",
            )
        )
    proposed = figures.mentorships_by_status.get(Mentorship.Status.PROPOSED, 0)
    if proposed:
        items.append(
            AttentionItem(
                ngettext(
                    "%(n)d пара ждёт встречи-знакомства для подтверждения",
                    "%(n)d пар ждут встречи-знакомства для подтверждения",
                    proposed,
                )
                % {"n": proposed},
                reverse("mentorships") + "?status=proposed",
                "info",
            )
        )
    confirmed = figures.mentorships_by_status.get(Mentorship.Status.CONFIRMED, 0)
    if confirmed:
        items.append(
            AttentionItem(
                ngettext(
                    "%(n)d подтверждённая пара ещё не утверждена приказом",
                    "%(n)d подтверждённых пар ещё не утверждены приказом",
                    confirmed,
                )
                % {"n": confirmed},
                reverse("mentorships") + "?status=confirmed",
                "info",
            )
        )
    # The pairs' own troubles come from the pair-work stage; the home page shows the first ones and links on.
    pair_items, counts = attention_overview(organization=organization, today=today, limit=ATTENTION_ON_HOME)
    items.extend(pair_items)
    if sum(counts.values()) > ATTENTION_ON_HOME:
        more = sum(counts.values()) - ATTENTION_ON_HOME
        items.append(
            AttentionItem(
                ngettext("И ещё %(n)d — весь список", "И ещё %(n)d — весь список", more) % {"n": more},
                reverse("mentorship_attention") + f"?org={organization.code}",
                "secondary",
            )
        )
    return items


def mentorships_of_person(*, person_ids: set[int]) -> QuerySet[Mentorship]:
    return (
        # Each branch by its own index (the group members through a subquery, not a join): a join OR-ed with the
        # pair's own columns made the database scan every pair of the region.
        Mentorship.objects.filter(
            Q(mentor_id__in=person_ids)
            | Q(mentee_id__in=person_ids)
            | Q(pk__in=MentorshipMember.objects.filter(person_id__in=person_ids).values("mentorship_id"))
        )
        .distinct()
        .select_related("program", "program__form", "mentor", "mentee")
        .order_by("-starts_on")
    )


def next_meetings(*, mentorship_ids: list[int], limit: int = 5) -> list[Meeting]:
    if not mentorship_ids:  # staff without pairs of their own: nothing to build a query for
        return []
    return list(
        Meeting.objects.filter(
            mentorship_id__in=mentorship_ids, status=Meeting.Status.PLANNED, scheduled_at__gte=timezone.now()
        )
        .select_related("mentorship", "mentorship__mentor", "mentorship__mentee")
        .order_by("scheduled_at")[:limit]
    )


def requests_for_psychologist(*, organization_id: int) -> QuerySet[MenteeRequest]:
    return (
        MenteeRequest.objects.filter(
            Q(needs_psychologist=True) | Q(status=MenteeRequest.Status.SEARCHING), organization_id=organization_id
        )
        .exclude(status__in=[MenteeRequest.Status.WITHDRAWN, MenteeRequest.Status.CLOSED])
        .select_related("person")
    )


def teacher_mentorships(*, organization_id: int) -> QuerySet[Mentorship]:
    return (
        Mentorship.objects.filter(program__organization_id=organization_id, mentee__category=Person.Category.TEACHER)
        .select_related("mentor", "mentee", "program")
        .annotate(held=held_count())
    )


def grouped_by(items, key) -> dict:
    groups: dict = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return dict(groups)
