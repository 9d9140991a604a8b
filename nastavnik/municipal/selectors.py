"""Reads for the municipal contour: roadmap control, coverage against the 70 % target, forms, mentors by
category, pair health by quarter. Numbers only — never a name — and every count of people goes through
`suppression` before it leaves this module. A fixed number of queries whatever the number of organisations."""

from __future__ import annotations

import datetime as dt
import importlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.models import Order
from nastavnik.mentorships.models import Meeting, Mentorship, MentorshipMember
from nastavnik.municipal import suppression
from nastavnik.municipal.models import Headcount
from nastavnik.municipal.suppression import Cell
from nastavnik.orgs.models import Municipality, Organization
from nastavnik.people.models import Person
from nastavnik.programs.models import Activity, MentoringForm, Program, Roadmap, RoadmapRemark

TARGET_SHARE = 0.70  # the national target: at least 70 % of pupils and of teachers in mentoring
DUE_WITHIN_DAYS = 30
IN_FORCE = (
    Mentorship.Status.CONFIRMED,
    Mentorship.Status.APPROVED,
    Mentorship.Status.COMPLETED,
    Mentorship.Status.TERMINATED,
)
PUPIL_CATEGORIES = (Person.Category.PUPIL, Person.Category.STUDENT)
MENTOR_CATEGORIES = [
    (_("Педагоги"), (Person.Category.TEACHER,)),
    (_("Обучающиеся и студенты"), PUPIL_CATEGORIES),
    (_("Родители"), (Person.Category.PARENT,)),
    (_("Выпускники"), (Person.Category.GRADUATE,)),
    (_("Работодатели"), (Person.Category.EMPLOYER,)),
    (_("Другие внешние участники"), (Person.Category.EXTERNAL,)),
]


HEADS = {
    "forms": [_("Организаций"), _("Наставников"), _("Наставляемых")],
    "mentors": [_("Наставников")],
    "health": [
        _("Пар начато"),
        _("Пар завершено"),
        _("Прекращено досрочно"),
        _("Встреч проведено"),
        _("Доля досрочных прекращений"),
    ],
}


def threshold() -> int:
    return suppression.validate_threshold(settings.SUPPRESSION_THRESHOLD)


# --- school years and quarters ---------------------------------------------------------------------------------


def school_year_of(day: dt.date) -> int:
    """The year the school year began: 1 September."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)


@dataclass(frozen=True)
class Quarter:
    number: int
    starts_on: dt.date
    ends_on: dt.date

    @property
    def label(self) -> str:
        return f"{self.starts_on:%m.%Y}–{self.ends_on:%m.%Y}"


def quarters_of(year: int) -> list[Quarter]:
    """Four disjoint quarters of a school year (September–November, …): periods never overlap, so no figure of one
    can be had by subtracting another."""
    starts = [dt.date(year, 9, 1), dt.date(year, 12, 1), dt.date(year + 1, 3, 1), dt.date(year + 1, 6, 1)]
    ends = [s - dt.timedelta(days=1) for s in starts[1:]] + [dt.date(year + 1, 8, 31)]
    return [Quarter(i + 1, s, e) for i, (s, e) in enumerate(zip(starts, ends, strict=True))]


def in_force(year: int) -> QuerySet[Mentorship]:
    start, end = school_year_bounds(year)
    return Mentorship.objects.filter(status__in=IN_FORCE, starts_on__lte=end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    )


# --- roadmaps --------------------------------------------------------------------------------------------------


@dataclass
class RoadmapRow:
    organization: Organization
    roadmap: Roadmap | None = None
    order: Order | None = None
    total: int = 0
    done: int = 0
    due: int = 0
    overdue: int = 0
    first_overdue: dt.date | None = None
    next_due: dt.date | None = None
    open_remarks: int = 0

    @property
    def approved(self) -> bool:
        return bool(self.roadmap and self.roadmap.status == Roadmap.Status.APPROVED)

    @property
    def lagging(self) -> bool:
        return self.roadmap is None or self.overdue > 0

    @property
    def done_percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def roadmap_rows(*, organizations: list[Organization], today: dt.date | None = None) -> list[RoadmapRow]:
    today = today or timezone.localdate()
    rows = {o.pk: RoadmapRow(organization=o) for o in organizations}
    ids = list(rows)
    # The organisation's roadmap of the target model: an organisation-level one before a programme's, the
    # approved one before a draft ("approved" sorts before "draft"), the newest first.
    for roadmap in Roadmap.objects.filter(organization_id__in=ids).order_by(
        "organization_id", F("program_id").asc(nulls_first=True), "status", "-starts_on"
    ):
        rows[roadmap.organization_id].roadmap = rows[roadmap.organization_id].roadmap or roadmap
    roadmap_ids = [r.roadmap.pk for r in rows.values() if r.roadmap]
    due_until = today + dt.timedelta(days=DUE_WITHIN_DAYS)
    open_q = ~Q(status=Activity.Status.DONE)
    for row in (
        Activity.objects.filter(roadmap_id__in=roadmap_ids)
        .exclude(status=Activity.Status.CANCELLED)
        .values("roadmap__organization_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=Activity.Status.DONE)),
            due=Count("id", filter=open_q & Q(ends_on__gte=today, ends_on__lte=due_until)),
            overdue=Count("id", filter=open_q & Q(ends_on__lt=today)),
            first_overdue=Min("ends_on", filter=open_q & Q(ends_on__lt=today)),
            next_due=Min("ends_on", filter=open_q & Q(ends_on__gte=today)),
        )
    ):
        r = rows[row["roadmap__organization_id"]]
        r.total, r.done, r.due, r.overdue = row["total"], row["done"], row["due"], row["overdue"]
        r.first_overdue, r.next_due = row["first_overdue"], row["next_due"]
    signed = Order.objects.filter(
        organization_id__in=ids, kind=Order.Kind.APPROVE_REGULATION, status=Order.Status.SIGNED
    )
    for order in signed.order_by("organization_id", "-date"):
        rows[order.organization_id].order = rows[order.organization_id].order or order
    for row in (
        RoadmapRemark.objects.filter(roadmap__organization_id__in=ids, resolved_at__isnull=True)
        .values("roadmap__organization_id")
        .annotate(n=Count("id"))
    ):
        rows[row["roadmap__organization_id"]].open_remarks = row["n"]
    return [rows[o.pk] for o in organizations]


# --- coverage --------------------------------------------------------------------------------------------------


@dataclass
class CoverageRow:
    organization: Organization | None  # None: the municipality's total
    pupils_in: Cell
    pupils: Cell
    teachers_in: Cell
    teachers: Cell
    entered: bool = False  # headcounts entered for the year (else counted from the roster)

    @property
    def pupils_share(self) -> float | None:
        return suppression.share(self.pupils_in, self.pupils)

    @property
    def teachers_share(self) -> float | None:
        return suppression.share(self.teachers_in, self.teachers)

    @property
    def pupils_reach_target(self) -> bool | None:
        return None if self.pupils_share is None else self.pupils_share >= TARGET_SHARE

    @property
    def teachers_reach_target(self) -> bool | None:
        return None if self.teachers_share is None else self.teachers_share >= TARGET_SHARE


@dataclass
class Coverage:
    rows: list[CoverageRow]
    total: CoverageRow
    year: int


def _participants(org_ids: list[int], year: int) -> QuerySet[Person]:
    pairs = in_force(year).filter(program__organization_id__in=org_ids)
    # IN (subquery) rather than correlated EXISTS: PostgreSQL hashes each list once.
    return Person.objects.filter(organization_id__in=org_ids, anonymised_at__isnull=True).filter(
        Q(pk__in=pairs.values("mentor_id"))
        | Q(pk__in=pairs.values("mentee_id"))
        | Q(pk__in=MentorshipMember.objects.filter(mentorship__in=pairs).values("person_id"))
    )


def coverage(*, organizations: list[Organization], year: int) -> Coverage:
    ids = [o.pk for o in organizations]
    inside: dict[int, Counter] = defaultdict(Counter)
    for row in _participants(ids, year).values("organization_id", "category").annotate(n=Count("id")):
        inside[row["organization_id"]][row["category"]] += row["n"]
    roster: dict[int, Counter] = defaultdict(Counter)
    for row in (
        Person.objects.filter(organization_id__in=ids, anonymised_at__isnull=True)
        .values("organization_id", "category")
        .annotate(n=Count("id"))
    ):
        roster[row["organization_id"]][row["category"]] += row["n"]
    entered = {h.organization_id: h for h in Headcount.objects.filter(organization_id__in=ids, school_year=year)}

    def pupils(counter: Counter) -> int:
        return sum(counter[c] for c in PUPIL_CATEGORIES)

    columns = [
        [pupils(inside[i]) for i in ids],
        [entered[i].pupils if i in entered else pupils(roster[i]) for i in ids],
        [inside[i][Person.Category.TEACHER] for i in ids],
        [entered[i].teachers if i in entered else roster[i][Person.Category.TEACHER] for i in ids],
    ]
    published = suppression.suppress_columns(columns, threshold=threshold())
    rows = [
        CoverageRow(org, *(column.cells[n] for column in published), entered=org.pk in entered)
        for n, org in enumerate(organizations)
    ]
    return Coverage(rows=rows, total=CoverageRow(None, *(column.total for column in published)), year=year)


# --- forms, mentors by category, pair health by quarter ------------------------------------------------------------


@dataclass
class LabelledRow:
    label: str
    cells: list[Cell] = field(default_factory=list)
    plain: list[int] = field(default_factory=list)  # counts of organisations: not about people, shown as they are
    shares: list[float | None] = field(default_factory=list)


@dataclass
class Table:
    rows: list[LabelledRow]
    totals: list[Cell]
    plain_totals: list[int] = field(default_factory=list)
    total_shares: list[float | None] = field(default_factory=list)


def forms_table(*, organizations: list[Organization], year: int) -> Table:
    """Per form: organisations running it, and distinct mentors and mentees in its pairs in force this year."""
    ids = [o.pk for o in organizations]
    forms = list(MentoringForm.objects.all())
    using: Counter = Counter()
    for form_id, _org in (
        Program.objects.filter(organization_id__in=ids)
        .exclude(status=Program.Status.DRAFT)
        .values_list("form_id", "organization_id")
        .distinct()
    ):
        using[form_id] += 1
    pairs = in_force(year).filter(program__organization_id__in=ids)
    # Distinct people per form and side: (form, person) from the lead columns and from further group members.
    seen: Counter = Counter()
    for side, lead in (("mentor", "mentor_id"), ("mentee", "mentee_id")):
        leads = pairs.order_by().values_list("program__form_id", lead)
        members = (
            MentorshipMember.objects.filter(mentorship__in=pairs, side=side)
            .order_by()
            .values_list("mentorship__program__form_id", "person_id")
        )
        for form_id, _person in set(leads.distinct()) | set(members.distinct()):
            seen[(form_id, side)] += 1
    mentors = [seen[(f.pk, "mentor")] for f in forms]
    mentees = [seen[(f.pk, "mentee")] for f in forms]
    published = suppression.suppress_columns([mentors, mentees], threshold=threshold())
    rows = [
        LabelledRow(f.name, cells=[published[0].cells[n], published[1].cells[n]], plain=[using[f.pk]])
        for n, f in enumerate(forms)
    ]
    return Table(rows, [published[0].total, published[1].total], plain_totals=[len(organizations)])


def mentors_by_category(*, organizations: list[Organization], year: int) -> Table:
    """Distinct mentors of pairs in force this year in the territory's programmes, by who they are."""
    ids = [o.pk for o in organizations]
    pairs = in_force(year).filter(program__organization_id__in=ids)
    mentors = Person.objects.filter(
        Q(pk__in=pairs.values("mentor_id"))
        | Q(pk__in=MentorshipMember.objects.filter(mentorship__in=pairs, side="mentor").values("person_id"))
    )
    by_category = Counter(dict(mentors.values_list("category").annotate(n=Count("id"))))
    values = [sum(by_category[c] for c in categories) for _label, categories in MENTOR_CATEGORIES]
    column = suppression.suppress_column(values, threshold=threshold())
    rows = [LabelledRow(str(label), cells=[column.cells[n]]) for n, (label, _c) in enumerate(MENTOR_CATEGORIES)]
    return Table(rows, [column.total])


def _rate(part: Cell, other: Cell) -> float | None:
    """part / (part + other) — hidden when either count is hidden."""
    if part.hidden or other.hidden or not (part.number + other.number):
        return None
    return part.number / (part.number + other.number)


def _health_table(labels: list[str], started, completed, terminated, held) -> Table:
    published = suppression.suppress_columns([started, completed, terminated, held], threshold=threshold())
    rows = []
    for n, label in enumerate(labels):
        cells = [column.cells[n] for column in published]
        rows.append(LabelledRow(label, cells=cells, shares=[_rate(cells[2], cells[1])]))
    totals = [column.total for column in published]
    return Table(rows, totals, total_shares=[_rate(totals[2], totals[1])])


def quarters_table(*, organizations: list[Organization], year: int) -> Table:
    """Pairs started, completed, ended early and meetings held, per quarter of the school year."""
    ids = [o.pk for o in organizations]
    quarters = quarters_of(year)
    start, end = school_year_bounds(year)
    pairs = Mentorship.objects.filter(program__organization_id__in=ids)

    def per_quarter(dates: list[dt.date]) -> list[int]:
        return [sum(1 for d in dates if q.starts_on <= d <= q.ends_on) for q in quarters]

    started = per_quarter(list(pairs.filter(starts_on__range=(start, end)).values_list("starts_on", flat=True)))
    ended = pairs.filter(ends_on__range=(start, end))
    completed = per_quarter(list(ended.filter(status=Mentorship.Status.COMPLETED).values_list("ends_on", flat=True)))
    terminated = per_quarter(list(ended.filter(status=Mentorship.Status.TERMINATED).values_list("ends_on", flat=True)))
    held_counts = Counter()
    for row in (
        Meeting.objects.filter(
            mentorship__program__organization_id__in=ids,
            status=Meeting.Status.HELD,
            scheduled_at__date__range=(start, end),
        )
        .values("scheduled_at__date")
        .annotate(n=Count("id"))
    ):
        held_counts[row["scheduled_at__date"]] += row["n"]
    held = [sum(n for d, n in held_counts.items() if q.starts_on <= d <= q.ends_on) for q in quarters]
    labels = [str(_("%(n)d квартал (%(period)s)") % {"n": q.number, "period": q.label}) for q in quarters]
    return _health_table(labels, started, completed, terminated, held)


def health_by_organization(*, organizations: list[Organization], year: int) -> Table:
    """The same measures per organisation for the whole school year."""
    ids = [o.pk for o in organizations]
    start, end = school_year_bounds(year)
    base = Mentorship.objects.filter(program__organization_id__in=ids)
    counts = {
        row["program__organization_id"]: row
        for row in base.values("program__organization_id").annotate(
            started=Count("id", filter=Q(starts_on__range=(start, end))),
            completed=Count("id", filter=Q(status=Mentorship.Status.COMPLETED, ends_on__range=(start, end))),
            terminated=Count("id", filter=Q(status=Mentorship.Status.TERMINATED, ends_on__range=(start, end))),
        )
    }
    held = dict(
        Meeting.objects.filter(
            mentorship__program__organization_id__in=ids,
            status=Meeting.Status.HELD,
            scheduled_at__date__range=(start, end),
        )
        .values_list("mentorship__program__organization_id")
        .annotate(n=Count("id"))
    )

    def col(key: str) -> list[int]:
        return [counts.get(i, {}).get(key, 0) for i in ids]

    return _health_table(
        [o.short_name for o in organizations],
        col("started"),
        col("completed"),
        col("terminated"),
        [held.get(i, 0) for i in ids],
    )


# --- the hook for the monitoring stage --------------------------------------------------------------------------


def monitoring_indicators(*, organizations: list[Organization], year: int) -> list[dict]:
    """Indicators of the monitoring stage, if that app offers them.

    Contract: `nastavnik.monitoring.selectors.municipal_indicators(organization_ids=[…], school_year=int)` returns
    a list of {"title": str, "unit": str, "by_quarter": [number | None, …4], "is_count_of_people": bool}. Counts
    of people are suppressed here like every other column; other values are shown as given. Without the app (or
    the function) the section is simply absent.
    """
    try:
        module = importlib.import_module("nastavnik.monitoring.selectors")
    except ImportError:
        return []
    provider = getattr(module, "municipal_indicators", None)
    if provider is None:
        return []
    indicators = []
    for item in provider(organization_ids=[o.pk for o in organizations], school_year=year):
        values = list(item.get("by_quarter", []))
        if item.get("is_count_of_people", True):
            column = suppression.suppress_column([int(v or 0) for v in values], threshold=threshold())
            # None is a quarter still to come (nothing to count yet): shown as a dash, not as a zero.
            values = [None if v is None else c.text for v, c in zip(values, column.cells, strict=True)]
        indicators.append({"title": str(item["title"]), "unit": str(item.get("unit", "")), "by_quarter": values})
    return indicators


def municipalities_for(actor_municipality_ids, *, superuser: bool) -> QuerySet[Municipality]:
    qs = Municipality.objects.all()
    return qs if superuser else qs.filter(pk__in=actor_municipality_ids)


# --- the overview, cached briefly: statistics need not be live to the second, and a region is large ------------


def overview_cache_key(municipality_id: int, year: int) -> str:
    return f"municipal-overview:{municipality_id}:{year}"


def overview(*, municipality: Municipality, year: int) -> tuple[list[Organization], list[RoadmapRow], Coverage]:
    """Roadmap rows and coverage of every organisation, kept `MUNICIPAL_CACHE_SECONDS` (0: computed every time).
    Writes of the municipal contour drop the entry at once (services.*)."""

    def compute():
        organizations = list(Organization.objects.filter(municipality=municipality).order_by("short_name"))
        return (
            organizations,
            roadmap_rows(organizations=organizations),
            coverage(organizations=organizations, year=year),
        )

    seconds = settings.MUNICIPAL_CACHE_SECONDS
    if not seconds:
        return compute()
    return cache.get_or_set(overview_cache_key(municipality.pk, year), compute, seconds)
