"""Reads for the municipal contour: roadmap control, coverage against the 70 % target, forms, mentors by
category, pair health by quarter. Numbers only — never a name — and every count of people goes through
`suppression` before it leaves this module. A fixed number of queries whatever the number of organisations."""

from __future__ import annotations

import datetime as dt
import importlib
import threading
import uuid
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Min, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik import freshness
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


def _among(field: str, ids: list[int]) -> Q:
    """`field IN ids`. On PostgreSQL the ids travel as one array parameter: a thousand placeholders cost more to bind,
    send and plan than the aggregate they filter (10 ms of planning per query over a region's 1,000 organisations)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__in": RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))})
    return Q(**{f"{field}__in": ids})


def _on_days(field: str, starts_on: dt.date, ends_on: dt.date) -> Q:
    """A datetime falls on local dates `starts_on`..`ends_on`: compared with local midnights, which an index can
    serve (`field__date__range` would convert every row first)."""

    def midnight(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    return Q(**{f"{field}__gte": midnight(starts_on), f"{field}__lt": midnight(ends_on + dt.timedelta(days=1))})


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
    due_until = today + dt.timedelta(days=DUE_WITHIN_DAYS)
    counted = ~Q(activities__status=Activity.Status.CANCELLED)
    open_q = counted & ~Q(activities__status=Activity.Status.DONE)
    overdue_q = open_q & Q(activities__ends_on__lt=today)
    # The organisation's roadmap of the target model: an organisation-level one before a programme's, the
    # approved one before a draft ("approved" sorts before "draft"), the newest first. Every roadmap comes with
    # its activities counted in the same grouped query (a handful of programme roadmaps are counted for nothing).
    roadmaps = (
        Roadmap.objects.filter(_among("organization_id", ids))
        .annotate(
            n_total=Count("activities", filter=counted),
            n_done=Count("activities", filter=Q(activities__status=Activity.Status.DONE)),
            n_due=Count("activities", filter=open_q & Q(activities__ends_on__range=(today, due_until))),
            n_overdue=Count("activities", filter=overdue_q),
            first_overdue=Min("activities__ends_on", filter=overdue_q),
            next_due=Min("activities__ends_on", filter=open_q & Q(activities__ends_on__gte=today)),
        )
        .order_by("organization_id", F("program_id").asc(nulls_first=True), "status", "-starts_on")
    )
    for roadmap in roadmaps:
        r = rows[roadmap.organization_id]
        if r.roadmap is None:
            r.roadmap = roadmap
            r.total, r.done, r.due, r.overdue = roadmap.n_total, roadmap.n_done, roadmap.n_due, roadmap.n_overdue
            r.first_overdue, r.next_due = roadmap.first_overdue, roadmap.next_due
    signed = Order.objects.filter(
        _among("organization_id", ids), kind=Order.Kind.APPROVE_REGULATION, status=Order.Status.SIGNED
    )
    for order in signed.order_by("organization_id", "-date"):
        rows[order.organization_id].order = rows[order.organization_id].order or order
    for row in (
        RoadmapRemark.objects.filter(_among("roadmap__organization_id", ids), resolved_at__isnull=True)
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


def _pairs_of(ids: list[int], year: int) -> QuerySet[Mentorship]:
    return in_force(year).filter(_among("program__organization_id", ids)).order_by()


def _taking_part(ids: list[int], year: int) -> Q:
    """The person is a mentor or mentee of a pair or group in force this year in these organisations' programmes."""
    pairs = _pairs_of(ids, year)
    # IN (subquery) rather than correlated EXISTS: PostgreSQL hashes each list once.
    return (
        Q(pk__in=pairs.values("mentor_id"))
        | Q(pk__in=pairs.values("mentee_id"))
        | Q(pk__in=MentorshipMember.objects.filter(mentorship__in=pairs).values("person_id"))
    )


def coverage(*, organizations: list[Organization], year: int) -> Coverage:
    ids = [o.pk for o in organizations]
    inside: dict[int, Counter] = defaultdict(Counter)
    roster: dict[int, Counter] = defaultdict(Counter)
    # One pass over the roster: everybody counted, and those taking part counted by a filter.
    for row in (
        Person.objects.filter(_among("organization_id", ids), anonymised_at__isnull=True)
        .values("organization_id", "category")
        .annotate(n=Count("id"), inside=Count("id", filter=_taking_part(ids, year)))
        .order_by()
    ):
        roster[row["organization_id"]][row["category"]] += row["n"]
        inside[row["organization_id"]][row["category"]] += row["inside"]
    entered = {h.organization_id: h for h in Headcount.objects.filter(_among("organization_id", ids), school_year=year)}

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
    using = dict(
        Program.objects.filter(_among("organization_id", ids))
        .exclude(status=Program.Status.DRAFT)
        .order_by()
        .values_list("form_id")
        .annotate(n=Count("organization_id", distinct=True))
    )
    seen = _people_by_form_and_side(ids, year)
    mentors = [seen.get((f.pk, "mentor"), 0) for f in forms]
    mentees = [seen.get((f.pk, "mentee"), 0) for f in forms]
    published = suppression.suppress_columns([mentors, mentees], threshold=threshold())
    rows = [
        LabelledRow(f.name, cells=[published[0].cells[n], published[1].cells[n]], plain=[using.get(f.pk, 0)])
        for n, f in enumerate(forms)
    ]
    return Table(rows, [published[0].total, published[1].total], plain_totals=[len(organizations)])


def _people_by_form_and_side(ids: list[int], year: int) -> dict[tuple[int, str], int]:
    """Distinct people per (form, side) among the pairs in force: the lead columns and the further group members,
    counted in the database (a region has tens of thousands of them)."""
    pairs = _pairs_of(ids, year)
    parts = []
    for side, lead in (("mentor", "mentor_id"), ("mentee", "mentee_id")):
        parts.append(pairs.annotate(g1=F("program__form_id"), g2=Value(side), p=F(lead)))
        parts.append(
            MentorshipMember.objects.filter(mentorship__in=pairs, side=side).annotate(
                g1=F("mentorship__program__form_id"), g2=Value(side), p=F("person_id")
            )
        )
    return {(form_id, side): n for form_id, side, n in _distinct_people(parts, groups=2)}


def _distinct_people(parts: list[QuerySet], *, groups: int) -> list[tuple]:
    """COUNT(DISTINCT p) grouped by g1 (, g2) over the union of `parts`, each annotated with those columns: one
    person found as a lead and as a group member is counted once. The ORM cannot aggregate over a union, so its
    own SQL and parameters are wrapped."""
    columns = [f"g{n}" for n in range(1, groups + 1)]
    union = parts[0].order_by().values_list(*columns, "p")
    union = union.union(*(part.order_by().values_list(*columns, "p") for part in parts[1:]), all=True)
    sql, params = union.order_by().query.sql_with_params()
    keys = ", ".join(f"u.{c}" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {keys}, COUNT(DISTINCT u.p) FROM ({sql}) u GROUP BY {keys}", params)
        return cursor.fetchall()


def mentors_by_category(*, organizations: list[Organization], year: int) -> Table:
    """Distinct mentors of pairs in force this year in the territory's programmes, by who they are."""
    ids = [o.pk for o in organizations]
    pairs = _pairs_of(ids, year)
    parts = [
        pairs.annotate(g1=F("mentor__category"), p=F("mentor_id")),
        MentorshipMember.objects.filter(mentorship__in=pairs, side="mentor").annotate(
            g1=F("person__category"), p=F("person_id")
        ),
    ]
    by_category = Counter(dict(_distinct_people(parts, groups=1)))
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


def _held_meetings(ids: list[int], starts_on: dt.date, ends_on: dt.date) -> QuerySet[Meeting]:
    """Meetings held on local dates `starts_on`..`ends_on` in these organisations' programmes."""
    return Meeting.objects.filter(
        _among("mentorship__program__organization_id", ids),
        _on_days("scheduled_at", starts_on, ends_on),
        status=Meeting.Status.HELD,
    ).order_by()


def quarters_table(*, organizations: list[Organization], year: int) -> Table:
    """Pairs started, completed, ended early and meetings held, per quarter of the school year: each measure of
    each quarter a filtered count, two grouped queries in all."""
    ids = [o.pk for o in organizations]
    quarters = quarters_of(year)
    start, end = school_year_bounds(year)
    measures = {
        "started": lambda q: Q(starts_on__range=(q.starts_on, q.ends_on)),
        "completed": lambda q: Q(status=Mentorship.Status.COMPLETED, ends_on__range=(q.starts_on, q.ends_on)),
        "terminated": lambda q: Q(status=Mentorship.Status.TERMINATED, ends_on__range=(q.starts_on, q.ends_on)),
    }
    pairs = (
        Mentorship.objects.filter(_among("program__organization_id", ids))
        .filter(Q(starts_on__range=(start, end)) | Q(ends_on__range=(start, end)))
        .order_by()
        .aggregate(
            **{f"{name}_{q.number}": Count("id", filter=test(q)) for name, test in measures.items() for q in quarters}
        )
    )
    held = _held_meetings(ids, start, end).aggregate(
        **{f"held_{q.number}": Count("id", filter=_on_days("scheduled_at", q.starts_on, q.ends_on)) for q in quarters}
    )
    counts = {**pairs, **held}

    def column(name: str) -> list[int]:
        return [counts[f"{name}_{q.number}"] for q in quarters]

    labels = [str(_("%(n)d квартал (%(period)s)") % {"n": q.number, "period": q.label}) for q in quarters]
    return _health_table(labels, column("started"), column("completed"), column("terminated"), column("held"))


def health_by_organization(*, organizations: list[Organization], year: int) -> Table:
    """The same measures per organisation for the whole school year."""
    ids = [o.pk for o in organizations]
    start, end = school_year_bounds(year)
    base = (
        Mentorship.objects.filter(_among("program__organization_id", ids))
        .filter(Q(starts_on__range=(start, end)) | Q(ends_on__range=(start, end)))
        .order_by()
    )
    counts = {
        row["program__organization_id"]: row
        for row in base.values("program__organization_id").annotate(
            started=Count("id", filter=Q(starts_on__range=(start, end))),
            completed=Count("id", filter=Q(status=Mentorship.Status.COMPLETED, ends_on__range=(start, end))),
            terminated=Count("id", filter=Q(status=Mentorship.Status.TERMINATED, ends_on__range=(start, end))),
        )
    }
    held = dict(
        _held_meetings(ids, start, end).values_list("mentorship__program__organization_id").annotate(n=Count("id"))
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


# --- the overview, cached: statistics need not be live to the second, and a region is large ----------------------
#
# The figures are kept in the process that computed them, as Python objects: a thousand organisations' rows take
# longer to pickle into a cache and back (model instances) than the page takes to render. They are good while:
# * the entry of the municipality and year (`overview_cache_key`) lives in the cache — `MUNICIPAL_CACHE_SECONDS`,
#   deleted by the municipal contour's own writes (services._forget);
# * the data versions of the tables the figures are made of (nastavnik/freshness.py) have not moved. They live in
#   the database and follow every committed write, bulk updates and imports included, in every process — a
#   school's new roadmap or a new organisation shows at once in every worker, not after the entry expires.

OVERVIEW_FROM = (
    "orgs.Organization",
    "programs.Roadmap",
    "programs.Activity",
    "programs.RoadmapRemark",
    "documents.Order",
    "municipal.Headcount",
    "people.Person",
    "programs.Program",
    "mentorships.Mentorship",
    "mentorships.MentorshipMember",
)
MEMO_SIZE = 16  # (municipality, year, day) combinations kept per process
_memo: OrderedDict[tuple, tuple[tuple[str, tuple], object]] = OrderedDict()
_memo_lock = threading.Lock()


def overview_cache_key(municipality_id: int, year: int) -> str:
    return f"municipal-overview:{municipality_id}:{year}"


def overview(*, municipality: Municipality, year: int) -> tuple[list[Organization], list[RoadmapRow], Coverage]:
    """Roadmap rows and coverage of every organisation, kept `MUNICIPAL_CACHE_SECONDS` (0: computed every time) or
    until a write changes the data they are made of. The result is shared between requests: read it, never change
    it."""

    def compute():
        organizations = list(Organization.objects.filter(municipality=municipality).order_by("short_name"))
        return (
            organizations,
            roadmap_rows(organizations=organizations),
            coverage(organizations=organizations, year=year),
        )

    return _kept(overview_cache_key(municipality.pk, year), OVERVIEW_FROM, compute)


def _kept(key: str, made_of: tuple[str, ...], compute):
    """The figures kept in this process while the cache entry `key` lives and the tables of the models `made_of`
    saw no write; else computed anew (see the comment above `OVERVIEW_FROM`)."""
    seconds = settings.MUNICIPAL_CACHE_SECONDS
    if not seconds:
        return compute()
    # Read before computing: a write that lands while we compute renews the version, and what we keep is stale.
    version = freshness.versions(tables=freshness.tables_of(*made_of))
    entry = cache.get(key)
    memo_key = (key, timezone.localdate())  # due and overdue change at midnight
    with _memo_lock:
        kept = _memo.get(memo_key)
    if entry is not None and kept is not None and kept[0] == (entry, version):
        return kept[1]
    figures = compute()
    if entry is None:
        entry = uuid.uuid4().hex
        cache.set(key, entry, seconds)
    with _memo_lock:
        _memo[memo_key] = ((entry, version), figures)
        _memo.move_to_end(memo_key)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return figures


# --- the indicators tab, kept the same way, made of other tables ---------------------------------------------------
#
# Its figures are made of the pairs' work (meetings, mentorships, measurements), which changes all day long; the
# overview's are not (roadmaps, headcounts, coverage). A meeting recorded in a school renews the indicators but
# leaves the overview kept.

INDICATORS_FROM = (
    "orgs.Organization",
    "people.Person",
    "programs.Program",
    "mentorships.Mentorship",
    "mentorships.MentorshipMember",
    "mentorships.Meeting",
    "monitoring.Measurement",
    "monitoring.Grade",
    "monitoring.IndicatorEntry",
)


def indicators_cache_key(municipality_id: int, year: int) -> str:
    return f"municipal-indicators:{municipality_id}:{year}"


@dataclass(frozen=True)
class Indicators:
    organizations: list[Organization]
    forms: Table
    mentors: Table
    quarters: Table
    health: Table
    monitoring: list[dict]


def indicators(*, municipality: Municipality, year: int) -> Indicators:
    """Every table of the indicators tab, kept `MUNICIPAL_CACHE_SECONDS` (0: computed every time) or until a write
    of the data they are made of. Shared between requests: read it, never change it."""

    def compute() -> Indicators:
        organizations = list(Organization.objects.filter(municipality=municipality).order_by("short_name"))
        return Indicators(
            organizations=organizations,
            forms=forms_table(organizations=organizations, year=year),
            mentors=mentors_by_category(organizations=organizations, year=year),
            quarters=quarters_table(organizations=organizations, year=year),
            health=health_by_organization(organizations=organizations, year=year),
            monitoring=monitoring_indicators(organizations=organizations, year=year),
        )

    return _kept(indicators_cache_key(municipality.pk, year), INDICATORS_FROM, compute)
