"""Reads of monitoring: participants, measurements and their dynamics, pair health. Every function runs a
constant number of queries whatever the size of the programme."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik import policy
from nastavnik.mentorships import rules
from nastavnik.mentorships.models import ChangeRequest, GoalStep, Meeting, Mentorship, MentorshipMember, Reflection
from nastavnik.mentorships.selectors import interval_words
from nastavnik.monitoring import instruments, stats
from nastavnik.monitoring.models import Grade, Measurement, MeasurementRequest, PlanItem, Side, Wave
from nastavnik.people.models import Person
from nastavnik.programs.models import Program

# Pairs that have taken part in the programme (a proposal not yet confirmed has not).
COUNTED = (
    Mentorship.Status.CONFIRMED,
    Mentorship.Status.APPROVED,
    Mentorship.Status.COMPLETED,
    Mentorship.Status.TERMINATED,
)
ACTIVE = (Mentorship.Status.CONFIRMED, Mentorship.Status.APPROVED)


def programs_for(*, user) -> QuerySet[Program]:
    orgs = policy.staff_organizations(user, policy.MONITORING_STAFF)
    return Program.objects.filter(organization_id__in=orgs).select_related("organization").order_by("-starts_on")


@dataclass(frozen=True)
class Participant:
    person: Person
    side: str
    mentorship: Mentorship


def participants(*, program: Program, statuses=COUNTED) -> list[Participant]:
    """Each mentor and mentee of the programme's pairs and groups once per side (two queries)."""
    pairs = list(Mentorship.objects.filter(program=program, status__in=statuses).select_related("mentor", "mentee"))
    by_pk = {m.pk: m for m in pairs}
    seen: set[tuple[int, str]] = set()
    result: list[Participant] = []

    def add(person: Person, side: str, mentorship: Mentorship) -> None:
        if (person.pk, side) not in seen and person.anonymised_at is None:
            seen.add((person.pk, side))
            result.append(Participant(person, side, mentorship))

    for m in pairs:
        add(m.mentor, Side.MENTOR, m)
        add(m.mentee, Side.MENTEE, m)
    members = MentorshipMember.objects.filter(mentorship_id__in=by_pk).select_related("person")
    for member in members:
        add(member.person, member.side, by_pk[member.mentorship_id])
    return result


def plan_of(*, program: Program) -> set[tuple[str, str, str]]:
    return set(PlanItem.objects.filter(program=program).values_list("instrument", "side", "wave"))


def requests_count(*, program: Program) -> dict[str, dict[str, int]]:
    """Per wave: how many invitations went out and how many came back filled."""
    rows = (
        MeasurementRequest.objects.filter(program=program, invitation__isnull=False)
        .values("wave")
        .annotate(sent=Count("pk"), filled=Count("pk", filter=Q(invitation__used_at__isnull=False)))
    )
    return {row["wave"]: {"sent": row["sent"], "filled": row["filled"]} for row in rows}


# --- dynamics --------------------------------------------------------------------------------------------------


@dataclass
class MeasureDynamics:
    measure: str
    title: str
    side: str
    higher_is_better: bool
    result: stats.Dynamics
    intermediate_mean: float | None = None
    # (participant label, entry, exit) for the table per person
    rows: list[tuple[str, float | None, float | None]] = field(default_factory=list)


def _grade_values(program: Program) -> dict[int, dict[str, float]]:
    """The derived measure «средняя отметка»: per pupil of the programme, the mean over subjects of the first
    recorded quarter (entry) and of the last one (exit), among the school years the programme spans."""
    first_year = program.starts_on.year if program.starts_on.month >= 9 else program.starts_on.year - 1
    mentee_ids = Mentorship.objects.filter(program=program, status__in=COUNTED).values("mentee_id")
    per_quarter: dict[int, dict[tuple[int, int], list[float]]] = defaultdict(lambda: defaultdict(list))
    for person_id, year, quarter, mark in Grade.objects.filter(
        person_id__in=mentee_ids, school_year__gte=first_year, school_year__lte=program.ends_on.year
    ).values_list("person_id", "school_year", "quarter", "mark"):
        per_quarter[person_id][(year, quarter)].append(float(mark))
    values: dict[int, dict[str, float]] = {}
    for person_id, quarters in per_quarter.items():
        if len(quarters) < 2:
            continue
        first, last = min(quarters), max(quarters)
        values[person_id] = {
            Wave.ENTRY: sum(quarters[first]) / len(quarters[first]),
            Wave.EXIT: sum(quarters[last]) / len(quarters[last]),
        }
    return values


def dynamics(
    *, program: Program, mentorship: Mentorship | None = None, with_rows: bool = False
) -> list[MeasureDynamics]:
    """Entry vs exit per measure (and side) for the whole programme, or for one pair's participants; `with_rows`
    adds each participant's name and values (for the per-person tables)."""
    qs = Measurement.objects.filter(program=program)
    if mentorship is not None:
        qs = qs.filter(mentorship=mentorship)
    grouped: dict[tuple[str, str], dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    names: dict[int, str] = {}  # only with_rows
    for person_id, measure, side, wave, value in qs.values_list("person_id", "measure", "side", "wave", "value"):
        grouped[(measure, side)][wave][person_id] = value
    grades = _grade_values(program)
    if mentorship is not None:
        grades = {pid: v for pid, v in grades.items() if pid == mentorship.mentee_id}
    if with_rows:
        people = Person.objects.filter(
            Q(pk__in=qs.values("person_id"))
            | Q(pk__in=Mentorship.objects.filter(program=program, status__in=COUNTED).values("mentee_id"))
        ).values_list("pk", "last_name", "first_name", "middle_name")
        names = {pk: " ".join(part for part in (last, first, middle) if part) for pk, last, first, middle in people}
    for pid, waves in grades.items():
        for wave, value in waves.items():
            grouped[(instruments.GRADES, Side.MENTEE)][wave][pid] = value
    result = []
    for (measure, side), waves in sorted(grouped.items()):
        entry, exit_ = waves.get(Wave.ENTRY, {}), waves.get(Wave.EXIT, {})
        middle = list(waves.get(Wave.INTERMEDIATE, {}).values())
        people = sorted(set(entry) | set(exit_), key=lambda pid: names.get(pid, ""))
        result.append(
            MeasureDynamics(
                measure=measure,
                title=instruments.measure_title(measure),
                side=side,
                higher_is_better=instruments.higher_is_better(measure),
                result=stats.compare(measure, entry, exit_),
                intermediate_mean=sum(middle) / len(middle) if middle else None,
                rows=[(names.get(pid, ""), entry.get(pid), exit_.get(pid)) for pid in people] if with_rows else [],
            )
        )
    return result


def verdict_words(item: MeasureDynamics) -> str:
    """The verdict a curator can repeat to the director: never a bare p-value."""
    result = item.result
    if result.verdict == stats.VERDICT_TOO_FEW:
        return _(
            "Недостаточно данных, чтобы судить: участников с входным и итоговым значением — %(n)d, нужно хотя бы 6."
        ) % {"n": result.n}
    if result.verdict == stats.VERDICT_NO_CHANGE:
        return _("Заметного изменения нет: разница между входом и выходом могла получиться случайно.")
    better = (result.verdict == stats.VERDICT_UP) == item.higher_is_better
    direction = _("вырос") if result.verdict == stats.VERDICT_UP else _("снизился")
    judgement = _("это улучшение") if better else _("это ухудшение")
    return _("Показатель %(direction)s, и это вряд ли случайность; %(judgement)s.") % {
        "direction": direction,
        "judgement": judgement,
    }


EFFECT_WORDS = {
    "negligible": _("практически нет"),
    "small": _("небольшой"),
    "medium": _("заметный"),
    "large": _("большой"),
}


def effect_words(item: MeasureDynamics) -> str:
    band = stats.effect_band(item.result.effect_size)
    if band is None:
        return ""
    return _("Размер эффекта: %(words)s (r = %(r)s, 95%% интервал от %(low)s до %(high)s).") % {
        "words": EFFECT_WORDS[band],
        "r": _num(item.result.effect_size),
        "low": _num(item.result.ci_low),
        "high": _num(item.result.ci_high),
    }


def standardised_words(item: MeasureDynamics) -> str:
    """The effect on the scale of the published benchmark: r turned into a standardised difference d (the scale of
    Hedges' g; d = 2r/√(1 − r²), an approximation for a rank correlation), with its interval, and said against the
    average youth-mentoring effect g ≈ 0.21 — so a curator neither over- nor under-claims."""
    result = item.result
    if result.effect_size is None:
        return ""
    d = stats.r_to_d(result.effect_size)
    low, high = (stats.r_to_d(result.ci_low), stats.r_to_d(result.ci_high)) if result.ci_low is not None else (d, d)
    gain = d if item.higher_is_better else -d  # the improvement, whatever the direction of the scale
    gain_low, gain_high = (low, high) if item.higher_is_better else (-high, -low)
    benchmark = stats.PUBLISHED_MENTORING_G
    if gain <= 0:
        words = _("улучшения нет, до среднего эффекта наставничества не дотягивает")
    elif gain_low > benchmark:
        words = _("больше среднего эффекта наставничества, и это видно даже по нижней границе интервала")
    elif gain_high < benchmark:
        words = _("меньше среднего эффекта наставничества")
    else:
        words = _("сопоставимо со средним эффектом наставничества: интервал его включает")
    if min(abs(low), abs(high)) >= D_SHOWN and low * high > 0:
        # Nearly every change went one way: the converted figures run off the scale together.
        size = _("d по модулю больше 2, как и весь 95%% интервал (почти все изменения в одну сторону)") % {}
    else:
        size = _("%(d)s, 95%% интервал %(interval)s") % {"d": _d(d), "interval": _d_interval(low, high)}
    return _(
        "В единицах стандартного отклонения (как g в метаанализах): %(size)s — %(words)s (g ≈ %(g)s). "
        "Сравнение условное: g сравнивает наставляемых с теми, у кого наставника не было, а здесь — одних и тех же "
        "людей до и после."
    ) % {"size": size, "words": words, "g": _num(benchmark)}


D_SHOWN = 2.0  # beyond ±2 the conversion from a rank correlation near ±1 says nothing more precise


def _d(value: float) -> str:
    """«d ≈ 0,35», or «d больше 2» where the conversion runs off the scale (never «d ≈ более 2,00»)."""
    if value >= D_SHOWN:
        return _("d больше %(n)s") % {"n": _num(D_SHOWN)}
    if value <= -D_SHOWN:
        return _("d меньше %(n)s") % {"n": _num(-D_SHOWN)}
    return _("d ≈ %(n)s") % {"n": _num(value)}


def _d_interval(low: float, high: float) -> str:
    """«от 0,41 до 0,87»; an end beyond ±2 is said as «2 и выше» / «−2 и ниже»."""
    low_words = _("−2 и ниже") if low <= -D_SHOWN else _num(low)
    high_words = _("2 и выше") if high >= D_SHOWN else _num(high)
    return _("от %(low)s до %(high)s") % {"low": low_words, "high": high_words}


def benchmark_words() -> str:
    return _(
        "Для сравнения: в среднем программы наставничества для детей и подростков дают небольшой эффект, "
        "g ≈ %(g)s (метаанализ %(n)d исследований)."
    ) % {"g": _num(stats.PUBLISHED_MENTORING_G), "n": stats.PUBLISHED_MENTORING_STUDIES}


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",")


# --- pair health -------------------------------------------------------------------------------------------------

OK = "ok"
CHECK = "check"
EARLY = "early"
HEALTH_LABELS = {OK: _("в порядке"), CHECK: _("нужна проверка"), EARLY: _("рано судить")}
_CLOSER = {"Да": 2, "Отчасти": 1, "Нет": 0}


@dataclass
class PairHealth:
    mentorship: Mentorship
    state: str
    reasons: list[str]
    overdue: bool = False  # meets less often than the programme's rule

    @property
    def label(self) -> str:
        return str(HEALTH_LABELS[self.state])


def health_queryset(*, programs: QuerySet[Program] | list[Program]) -> QuerySet[Mentorship]:
    """Active pairs of the programmes (what `pair_health` judges)."""
    return (
        Mentorship.objects.filter(program__in=programs, status__in=ACTIVE)
        .select_related("mentor", "mentee", "program")
        .order_by("mentor__last_name", "mentee__last_name", "pk")
    )


@dataclass
class _Facts:
    """What the health rules need about the pairs, read by four grouped queries (no query per pair)."""

    meetings: dict[int, dict]
    diary_missing: set[int]
    steps_overdue: set[int]
    change_open: set[int]


def _facts(pairs: QuerySet[Mentorship], today: dt.date) -> _Facts:
    ids = pairs.values("pk")
    held = Meeting.objects.filter(mentorship__in=ids, status=Meeting.Status.HELD)
    meetings = {
        row["mentorship_id"]: row
        for row in held.values("mentorship_id").annotate(
            last_held=Max("scheduled_at"),
            acquaintance_held=Max("scheduled_at", filter=Q(kind=Meeting.Kind.ACQUAINTANCE)),
            work_held=Max("scheduled_at", filter=~Q(kind=Meeting.Kind.ACQUAINTANCE)),
        )
    }
    due_before = timezone.now() - dt.timedelta(days=rules.FEEDBACK_DUE_DAYS)
    diary_missing = set(
        held.filter(scheduled_at__lt=due_before)
        .exclude(Exists(Reflection.objects.filter(meeting=OuterRef("pk"))))
        .order_by()  # the models' default ordering would make DISTINCT keep one row per meeting, not per pair
        .values_list("mentorship_id", flat=True)
        .distinct()
    )
    steps = set(
        GoalStep.objects.filter(goal__mentorship__in=ids, done_on__isnull=True, deadline__lt=today)
        .order_by()
        .values_list("goal__mentorship_id", flat=True)
        .distinct()
    )
    changes = set(
        ChangeRequest.objects.filter(mentorship__in=ids, status=ChangeRequest.Status.OPEN)
        .order_by()
        .values_list("mentorship_id", flat=True)
        .distinct()
    )
    return _Facts(meetings, diary_missing, steps, changes)


def _falling_ratings(pairs: QuerySet[Mentorship]) -> set[int]:
    """Pairs whose «Приблизились ли мы сегодня к цели?» at the latest rated meeting (both sides averaged) is lower
    than at the meeting before (one query)."""
    rows = (
        Reflection.objects.filter(
            meeting__mentorship__in=pairs.values("pk"), response__answers__question__code="closer_to_goal"
        )
        .order_by("meeting__mentorship_id", "meeting__scheduled_at", "meeting_id")
        .values_list("meeting__mentorship_id", "meeting_id", "response__answers__value")
    )
    series: dict[int, dict[int, list[int]]] = defaultdict(dict)
    for pair_id, meeting_id, value in rows:
        if value in _CLOSER:
            series[pair_id].setdefault(meeting_id, []).append(_CLOSER[value])
    falling = set()
    for pair_id, meetings in series.items():
        means = [sum(v) / len(v) for v in meetings.values()]  # dicts keep the meetings' order
        if len(means) >= 2 and means[-1] < means[-2]:
            falling.add(pair_id)
    return falling


def pair_health(*, pairs: QuerySet[Mentorship], today: dt.date | None = None) -> list[PairHealth]:
    """The health of each pair of the queryset (see `health_queryset`) with its reasons; six queries in all."""
    today = today or timezone.localdate()
    facts = _facts(pairs, today)
    falling = _falling_ratings(pairs)
    result = []
    for m in pairs:
        interval = m.program.meeting_interval_days
        reasons: list[str] = []
        meetings = facts.meetings.get(m.pk, {})
        last_held, acquaintance_held, work_held = (
            meetings.get("last_held"),
            meetings.get("acquaintance_held"),
            meetings.get("work_held"),
        )
        last = timezone.localdate(last_held) if last_held else None
        overdue = rules.is_overdue(last_held_on=last, started_on=m.starts_on, interval_days=interval, today=today)
        if overdue and acquaintance_held and not work_held:
            reasons.append(_("после знакомства пара ни разу не встречалась"))
        elif overdue and last is None:
            reasons.append(_("ни одной встречи с начала работы пары"))
        elif overdue:
            reasons.append(
                _("встречи реже правила программы: последняя %(d)s, норма — %(rule)s")
                % {"d": last.strftime("%d.%m.%Y"), "rule": interval_words(interval)}
            )
        if m.pk in facts.diary_missing:
            reasons.append(_("не заполнены дневники после проведённых встреч"))
        if m.pk in falling:
            reasons.append(_("оценка «насколько приблизились к цели» снижается"))
        if m.pk in facts.steps_overdue:
            reasons.append(_("просрочены шаги карты цели"))
        if m.pk in facts.change_open:
            reasons.append(_("есть запрос на смену наставника"))
        if reasons:
            state = CHECK
        elif (today - m.starts_on).days < interval or last is None:
            state = EARLY
            reasons.append(_("пара работает меньше одного интервала встреч"))
        else:
            state = OK
        result.append(PairHealth(m, state, reasons, overdue))
    return result


def health_counts(items: list[PairHealth]) -> list[tuple[str, str, int]]:
    counts = {OK: 0, CHECK: 0, EARLY: 0}
    for item in items:
        counts[item.state] += 1
    return [(state, str(HEALTH_LABELS[state]), counts[state]) for state in (CHECK, EARLY, OK)]


def results_improved(*, program: Program) -> int:
    """Pupils of the programme whose average mark at exit is higher than at entry."""
    return sum(1 for waves in _grade_values(program).values() if waves[Wave.EXIT] > waves[Wave.ENTRY])


def meeting_share(items: list[PairHealth]) -> float | None:
    """The percentage of working pairs that meet at the programme's interval (None with no working pairs)."""
    if not items:
        return None
    return round(100 * sum(1 for item in items if not item.overdue) / len(items), 1)


# «Which matching worked» lives in its own module; other apps (the final report) call it from here.
from nastavnik.monitoring.outcomes import matching_outcomes, organization_matching_outcomes  # noqa: E402, F401

# The municipal contour's figures (called by `municipal.selectors.monitoring_indicators` when present).
from nastavnik.monitoring.territory import municipal_indicators  # noqa: E402, F401
