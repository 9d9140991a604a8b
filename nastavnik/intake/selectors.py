"""Reads of the mentee and mentor bases, the registry and the mentor school."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from nastavnik.documents.models import Order
from nastavnik.intake.models import (
    EXTERNAL_CATEGORIES,
    MenteeRequest,
    MentorCandidate,
    Training,
    TrainingEnrolment,
    TrainingSession,
)
from nastavnik.intake.rules import attendance_sufficient
from nastavnik.intake.vocabulary import REQUEST_CATEGORY_LABELS
from nastavnik.orgs.models import Organization


def _case_variants(word: str) -> set[str]:
    # SQLite folds case for ASCII only; trying the usual spellings of a Cyrillic word keeps search working there.
    return {word, word.lower(), word.upper(), word.capitalize()}


def _words_q(query: str, fields: list[str]) -> Q:
    """Every word must match one of the fields: «иван 7А» narrows rather than widens."""
    condition = Q()
    for word in query.split():
        any_field = Q()
        for name in fields:
            for variant in _case_variants(word):
                any_field |= Q(**{f"{name}__icontains": variant})
        condition &= any_field
    return condition


def mentee_base(*, organization: Organization, filters: Mapping[str, str] | None = None) -> QuerySet[MenteeRequest]:
    """Requests of one organisation; filters: status, category, class, program, source, q (search)."""
    filters = filters or {}
    # People who left the organisation (rosters: next school year) are out of the base, their rows kept.
    qs = MenteeRequest.objects.filter(organization=organization, person__left_at__isnull=True).select_related(
        "person", "program"
    )
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if (category := filters.get("category")) and category in REQUEST_CATEGORY_LABELS:
        # A JSON list searched as text: portable across SQLite and PostgreSQL; codes are plain ASCII words.
        qs = qs.annotate(_categories=Cast("categories", TextField())).filter(_categories__contains=f'"{category}"')
    if school_class := (filters.get("class") or "").strip():
        qs = qs.filter(person__school_class__in=_case_variants(school_class))
    if program := filters.get("program"):
        qs = qs.filter(program_id=program) if str(program).isdigit() else qs.none()
    if source := filters.get("source"):
        qs = qs.filter(source=source)
    if query := (filters.get("q") or "").strip():
        qs = qs.filter(
            _words_q(
                query,
                ["person__last_name", "person__first_name", "person__middle_name", "needs", "person__school_class"],
            )
        )
    return qs.order_by("-created_at", "-pk")


def mentee_classes(*, organization: Organization) -> list[str]:
    classes = (
        MenteeRequest.objects.filter(organization=organization)
        .exclude(person__school_class="")
        .values_list("person__school_class", flat=True)
        .distinct()
    )
    return sorted(set(classes), key=lambda c: (len(c), c))


def mentor_base(*, organization: Organization, filters: Mapping[str, str] | None = None) -> QuerySet[MentorCandidate]:
    """Candidates of one organisation; filters: status, category, mentor_type, q (search)."""
    filters = filters or {}
    qs = (
        MentorCandidate.objects.filter(organization=organization, person__left_at__isnull=True)
        .select_related("person")
        .annotate(agreement_count=Count("agreements"))
    )
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if category := filters.get("category"):
        qs = qs.filter(category=category)
    if mentor_type := filters.get("mentor_type"):
        qs = qs.filter(mentor_type=mentor_type)
    if query := (filters.get("q") or "").strip():
        qs = qs.filter(
            _words_q(
                query,
                [
                    "person__last_name",
                    "person__first_name",
                    "person__middle_name",
                    "experience",
                    "person__subject",
                    "person__workplace",
                ],
            )
        )
    return qs.order_by("-created_at", "-pk")


def approved_mentors(*, organization: Organization) -> QuerySet[MentorCandidate]:
    """The mentor registry: candidates selected after the interview, in alphabetical order as the order lists them."""
    return (
        MentorCandidate.objects.filter(
            organization=organization, status=MentorCandidate.Status.APPROVED, person__anonymised_at__isnull=True
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "person__middle_name")
    )


def registry_orders(*, organization: Organization) -> dict[int, Order]:
    """Candidate id → the latest order approving the registry that names them.

    The orders themselves are the record: whether issued from the registry page or from the order register,
    their payload lists the candidates (documents keeps it as the order's snapshot).
    """
    named: dict[int, Order] = {}
    orders = Order.objects.filter(
        organization=organization, kind=Order.Kind.APPROVE_MENTOR_REGISTRY, status=Order.Status.SIGNED
    )
    for order in orders.order_by("date", "year", "number"):
        for row in (order.payload or {}).get("mentors", []):
            if isinstance(row, dict) and row.get("candidate_id"):
                named[int(row["candidate_id"])] = order
    return named


def external_without_agreement(*, organization: Organization) -> list[MentorCandidate]:
    qs = (
        MentorCandidate.objects.filter(organization=organization, category__in=EXTERNAL_CATEGORIES)
        .exclude(status__in=[MentorCandidate.Status.REJECTED, MentorCandidate.Status.WITHDRAWN])
        .filter(agreements__isnull=True)
        .select_related("person")
    )
    return [c for c in qs if c.is_external]


@dataclass
class BaseFigures:
    """Numbers for the curator's home: the two bases at a glance."""

    requests_by_status: list[tuple[str, str, int]] = field(default_factory=list)
    requests_by_category: list[tuple[str, str, int]] = field(default_factory=list)
    candidates_by_status: list[tuple[str, str, int]] = field(default_factory=list)
    candidates_by_category: list[tuple[str, str, int]] = field(default_factory=list)
    requests_total: int = 0
    candidates_total: int = 0
    needs_psychologist: int = 0
    in_registry: int = 0
    external_without_agreement: int = 0
    trainings: int = 0


def _rows(choices, counts: Mapping[str, int]) -> list[tuple[str, str, int]]:
    return [(code, str(label), counts.get(code, 0)) for code, label in choices]


def base_figures(*, organization: Organization) -> BaseFigures:
    requests = MenteeRequest.objects.filter(organization=organization)
    by_status = dict(requests.values_list("status").annotate(n=Count("id")))
    by_category: Counter[str] = Counter()
    for categories in requests.exclude(
        status__in=[MenteeRequest.Status.CLOSED, MenteeRequest.Status.WITHDRAWN]
    ).values_list("categories", flat=True):
        by_category.update(set(categories or []))
    candidates = MentorCandidate.objects.filter(organization=organization)
    cand_status = dict(candidates.values_list("status").annotate(n=Count("id")))
    cand_category = dict(candidates.values_list("category").annotate(n=Count("id")))
    return BaseFigures(
        requests_by_status=_rows(MenteeRequest.Status.choices, by_status),
        requests_by_category=[
            (code, str(label), by_category[code])
            for code, label in REQUEST_CATEGORY_LABELS.items()
            if by_category[code]
        ],
        candidates_by_status=_rows(MentorCandidate.Status.choices, cand_status),
        candidates_by_category=[r for r in _rows(MentorCandidate.Category.choices, cand_category) if r[2]],
        requests_total=sum(by_status.values()),
        candidates_total=sum(cand_status.values()),
        needs_psychologist=requests.filter(needs_psychologist=True)
        .exclude(status__in=[MenteeRequest.Status.CLOSED, MenteeRequest.Status.WITHDRAWN])
        .count(),
        in_registry=candidates.filter(
            status=MentorCandidate.Status.APPROVED, pk__in=list(registry_orders(organization=organization))
        ).count(),
        external_without_agreement=len(external_without_agreement(organization=organization)),
        trainings=Training.objects.filter(organization=organization).count(),
    )


# --- the mentor school --------------------------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    enrolment: TrainingEnrolment
    cells: list[tuple[TrainingSession, bool | None, bool]]  # session, present (None = not marked), editable
    attended: int
    held: int  # cycle: ALL sessions of the training, the base of the 75 % rule
    finished: bool = False  # the last session has taken place

    @property
    def share(self) -> Fraction:
        return Fraction(self.attended, self.held) if self.held else Fraction(0)

    @property
    def percent(self) -> int:
        return round(100 * self.share)

    @property
    def may_complete(self) -> bool:
        return (
            not self.enrolment.completed_on
            and self.finished
            and attendance_sufficient(attended=self.attended, held=self.held)
        )


@dataclass
class AttendanceTable:
    sessions: list[TrainingSession]
    rows: list[AttendanceRow]


def training_attendance_table(*, training: Training) -> AttendanceTable:
    """The attendance grid: one row per listener, one cell per session; cells of future sessions are locked."""
    today = timezone.localdate()
    sessions = list(training.sessions.order_by("number"))
    held_ids = {s.pk for s in sessions if timezone.localtime(s.starts_at).date() <= today}
    enrolments = list(
        training.enrolments.select_related("candidate", "candidate__person").prefetch_related("attendance")
    )
    finished = bool(sessions) and len(held_ids) == len(sessions)
    rows = []
    for enrolment in enrolments:
        marks = {a.session_id: a.present for a in enrolment.attendance.all()}
        editable = not enrolment.completed_on
        enrolled_on = timezone.localtime(enrolment.enrolled_at).date()
        cells = [
            (
                s,
                marks.get(s.pk),
                editable and s.pk in held_ids and timezone.localtime(s.starts_at).date() >= enrolled_on,
            )
            for s in sessions
        ]
        attended = sum(1 for s in sessions if s.pk in held_ids and marks.get(s.pk))
        rows.append(
            AttendanceRow(enrolment=enrolment, cells=cells, attended=attended, held=len(sessions), finished=finished)
        )
    return AttendanceTable(sessions=sessions, rows=rows)


def trainings_of(*, organization: Organization) -> QuerySet[Training]:
    return (
        Training.objects.filter(organization=organization)
        .select_related("program", "order")
        .annotate(
            session_count=Count("sessions", distinct=True),
            listener_count=Count("enrolments", distinct=True),
            completed_count=Count("enrolments", filter=Q(enrolments__completed_on__isnull=False), distinct=True),
        )
    )


def enrolable_candidates(*, training: Training) -> QuerySet[MentorCandidate]:
    return (
        MentorCandidate.objects.filter(
            organization_id=training.organization_id,
            status__in=[MentorCandidate.Status.INTERVIEWED, MentorCandidate.Status.APPROVED],
        )
        .exclude(enrolments__training=training)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


# --- cycle: the outcome of matching on a participant's home page -------------------------------------------------


def matching_outcomes(*, person_ids: set[int]) -> list[MenteeRequest]:
    """Requests of these people (or their wards) still waiting for a mentor after a matching session: the home
    page says that the search goes on. A matched request shows as the pair itself."""
    if not person_ids:
        return []
    return list(
        MenteeRequest.objects.filter(person_id__in=person_ids, status=MenteeRequest.Status.SEARCHING)
        .select_related("person", "organization")
        .order_by("pk")[:10]
    )


# --- cycle: selection criteria compared with each candidate --------------------------------------------------------


@dataclass
class CriteriaRow:
    candidate: MentorCandidate
    cells: list[str | None]  # per criterion: the candidate's phrase that meets it, or None

    @property
    def met(self) -> int:
        return sum(1 for c in self.cells if c)


def criteria_comparison(*, organization: Organization, criteria: list, limit: int = 100) -> list[CriteriaRow]:
    """For each candidate in selection (not rejected or withdrawn), how they meet each criterion: the phrase of
    their competencies, experience or portfolio that speaks to it. Best-fitting candidates first."""
    from nastavnik.intake.rules import criterion_evidence

    candidates = (
        MentorCandidate.objects.filter(organization=organization)
        .exclude(status__in=[MentorCandidate.Status.REJECTED, MentorCandidate.Status.WITHDRAWN])
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")[:limit]
    )
    rows = []
    for candidate in candidates:
        phrases = [*(candidate.competencies or [])]
        phrases += [line.strip() for line in (candidate.experience or "").splitlines() if line.strip()]
        phrases += [line.strip() for line in (candidate.portfolio or "").splitlines() if line.strip()]
        cells = [criterion_evidence(criterion=c.text, phrases=phrases) for c in criteria]
        rows.append(CriteriaRow(candidate=candidate, cells=cells))
    rows.sort(key=lambda r: -r.met)
    return rows
