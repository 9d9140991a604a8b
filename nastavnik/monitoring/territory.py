"""Monitoring results aggregated over organisations, by quarter of a school year — what the municipal contour shows
(issue «municipal contour» §1: «the monitoring results aggregated: indicators, dynamics verdicts, premature-closure
rate, pair health — by organisation and across the territory, by quarter»).

Numbers only, never a name. The municipal app suppresses the counts of people it is given; a share is suppressed
here already (None) when the counts behind it are small, since a share of small counts gives them away. A constant
number of queries whatever the number of organisations: counts are aggregated in SQL; pair health and dynamics
read their grouped rows once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nastavnik.mentorships.models import Mentorship
from nastavnik.monitoring import instruments, stats
from nastavnik.monitoring.models import Measurement, Wave

IN_FORCE = (
    Mentorship.Status.CONFIRMED,
    Mentorship.Status.APPROVED,
    Mentorship.Status.COMPLETED,
    Mentorship.Status.TERMINATED,
)


def quarters(school_year: int) -> list[tuple[dt.date, dt.date]]:
    """The four quarters of a school year as the municipal contour cuts them (September–November, December–February,
    March–May, June–August: disjoint, so no figure can be had by subtracting another)."""
    starts = [
        dt.date(school_year, 9, 1),
        dt.date(school_year, 12, 1),
        dt.date(school_year + 1, 3, 1),
        dt.date(school_year + 1, 6, 1),
    ]
    ends = [s - dt.timedelta(days=1) for s in starts[1:]] + [dt.date(school_year + 1, 8, 31)]
    return list(zip(starts, ends, strict=True))


def _as_of(start: dt.date, end: dt.date, today: dt.date) -> dt.date | None:
    """The day a quarter's figure describes: its last day, today for the current quarter, None for one to come."""
    if start > today:
        return None
    return min(end, today)


def _pairs_in_force(pairs, days: list[dt.date | None]) -> list[int | None]:
    aggregates = {
        f"q{i}": Count("pk", filter=Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day)))
        for i, day in enumerate(days)
        if day is not None
    }
    counts = pairs.filter(status__in=IN_FORCE).aggregate(**aggregates) if aggregates else {}
    return [counts.get(f"q{i}") if day is not None else None for i, day in enumerate(days)]


def _premature_share(pairs, spans: list[tuple[dt.date, dt.date] | None], threshold: int) -> list[float | None]:
    """Per quarter: the percentage of the pairs that stopped work in the quarter which stopped early; None when
    either count is below the suppression threshold (a share of small counts would give them away)."""
    aggregates = {}
    for i, span in enumerate(spans):
        if span is None:
            continue
        ended = Q(ends_on__range=span)
        aggregates[f"done{i}"] = Count("pk", filter=ended & Q(status=Mentorship.Status.COMPLETED))
        aggregates[f"early{i}"] = Count("pk", filter=ended & Q(status=Mentorship.Status.TERMINATED))
    counts = pairs.aggregate(**aggregates) if aggregates else {}
    result: list[float | None] = []
    for i, span in enumerate(spans):
        done, early = counts.get(f"done{i}", 0), counts.get(f"early{i}", 0)
        small = any(0 < n < threshold for n in (done, early))
        result.append(None if span is None or small or not done + early else round(100 * early / (done + early), 1))
    return result


def _needing_check(pairs, days: list[dt.date | None], today: dt.date) -> list[int | None]:
    """Pair health is judged now (meetings, diaries, goal steps, requests as they stand): the current quarter only.

    The rules of `selectors.pair_health` read from grouped rows, without building a model per pair — a region has
    tens of thousands of pairs — and without the «falling rating» rule (a series of answers per pair, too dear
    at this scale; the organisation's own pages apply it). Five queries."""
    from nastavnik.mentorships import rules
    from nastavnik.monitoring.selectors import ACTIVE, _facts

    if today not in days:
        return [None] * len(days)
    active = pairs.filter(status__in=ACTIVE).order_by()
    facts = _facts(active, today)
    flagged = facts.diary_missing | facts.steps_overdue | facts.change_open
    count = 0
    for pk, started_on, interval in active.values_list("pk", "starts_on", "program__meeting_interval_days"):
        last_held = facts.meetings.get(pk, {}).get("last_held")
        last = timezone.localdate(last_held) if last_held else None
        if pk in flagged or rules.is_overdue(
            last_held_on=last, started_on=started_on, interval_days=interval, today=today
        ):
            count += 1
    return [count if day == today else None for day in days]


def _verdicts(organization_ids: list[int], days: list[dt.date | None]) -> dict[str, list[int | None]]:
    """Per quarter: how many programmes' participants, by the measurements recorded up to then, improved, did not
    change or got worse (a programme improved when a measure changed for the better and none for the worse; worse
    when any measure changed for the worse; measures with too few participants are not judged)."""
    rows = Measurement.objects.filter(
        program__organization_id__in=organization_ids, wave__in=[Wave.ENTRY, Wave.EXIT]
    ).values_list("program_id", "measure", "side", "wave", "person_id", "value", "recorded_at")
    by_program: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        by_program[row[0]].append(row[1:])
    result: dict[str, list[int | None]] = {"up": [], "same": [], "down": []}
    for series in by_program.values():
        series.sort(key=lambda row: row[-1])  # by recorded_at: what was known on a day is a prefix
    known: dict[tuple[int, int], str | None] = {}  # (programme, rows known) -> verdict: computed once per state
    for day in days:
        if day is None:
            for series in result.values():
                series.append(None)
            continue
        counts = {"up": 0, "same": 0, "down": 0}
        for program_id, measurements in by_program.items():
            seen = sum(1 for row in measurements if timezone.localdate(row[-1]) <= day)
            if (program_id, seen) not in known:
                known[(program_id, seen)] = _programme_verdict(measurements[:seen])
            verdict = known[(program_id, seen)]
            if verdict is not None:
                counts[verdict] += 1
        for key, series in result.items():
            series.append(counts[key])
    return result


def _programme_verdict(measurements: list[tuple]) -> str | None:
    waves: dict[tuple[str, str], dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    for measure, side, wave, person_id, value, _recorded_at in measurements:
        waves[(measure, side)][wave][person_id] = value
    better = worse = judged = 0
    for (measure, _side), values in waves.items():
        result = stats.compare(measure, values.get(Wave.ENTRY, {}), values.get(Wave.EXIT, {}))
        if result.verdict == stats.VERDICT_TOO_FEW:
            continue
        judged += 1
        if result.verdict == stats.VERDICT_NO_CHANGE:
            continue
        if (result.verdict == stats.VERDICT_UP) == instruments.higher_is_better(measure):
            better += 1
        else:
            worse += 1
    if not judged:
        return None
    return "down" if worse else "up" if better else "same"


def municipal_indicators(*, organization_ids: list[int], school_year: int) -> list[dict]:
    """[{"title", "unit", "by_quarter": [4 values or None], "is_count_of_people"}] over the organisations (the
    contract of `municipal.selectors.monitoring_indicators`); None for a quarter still to come.

    Kept `MUNICIPAL_CACHE_SECONDS` like the municipal overview (statistics need not be live to the second; the
    dashboard tab, the workbook and the API ask for the same figures in turn)."""
    seconds = int(getattr(settings, "MUNICIPAL_CACHE_SECONDS", 0) or 0)
    if not seconds:
        return _compute(organization_ids, school_year)
    ids = ",".join(str(pk) for pk in sorted(organization_ids))
    key = f"monitoring-municipal:{school_year}:{hashlib.sha256(ids.encode()).hexdigest()}:{get_language()}"
    return cache.get_or_set(key, lambda: _compute(organization_ids, school_year), seconds)


def _compute(organization_ids: list[int], school_year: int) -> list[dict]:
    today = timezone.localdate()
    spans = quarters(school_year)
    days = [_as_of(start, end, today) for start, end in spans]
    elapsed = [(start, day) if day is not None else None for (start, _end), day in zip(spans, days, strict=True)]
    pairs = Mentorship.objects.filter(program__organization_id__in=organization_ids)
    threshold = int(getattr(settings, "SUPPRESSION_THRESHOLD", 10))
    verdicts = _verdicts(organization_ids, days)
    return [
        {
            "title": _("Пары в работе на конец квартала"),
            "unit": _("пар"),
            "by_quarter": _pairs_in_force(pairs, days),
            "is_count_of_people": True,
        },
        {
            "title": _("Досрочно прекращённые пары среди завершивших работу в квартале"),
            "unit": "%",
            "by_quarter": _premature_share(pairs, elapsed, threshold),
            "is_count_of_people": False,
        },
        {
            "title": _("Пары, которым нужна проверка (на сегодня)"),
            "unit": _("пар"),
            "by_quarter": _needing_check(pairs, days, today),
            "is_count_of_people": True,
        },
        {
            "title": _("Программы: участники улучшили результаты (по входной и итоговой диагностике)"),
            "unit": _("программ"),
            "by_quarter": verdicts["up"],
            "is_count_of_people": False,
        },
        {
            "title": _("Программы: заметных изменений нет"),
            "unit": _("программ"),
            "by_quarter": verdicts["same"],
            "is_count_of_people": False,
        },
        {
            "title": _("Программы: результаты участников ухудшились"),
            "unit": _("программ"),
            "by_quarter": verdicts["down"],
            "is_count_of_people": False,
        },
    ]
