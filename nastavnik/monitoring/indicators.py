"""Programme indicators (seed 002 §3, «Показатели и критерии оценки результативности»; seed 000's evaluated
results as templates): the value at the programme's start and at each quarterly review, computed from the data
where the data allows and entered by hand otherwise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext, gettext_noop

from nastavnik.intake.models import MenteeRequest
from nastavnik.mentorships.models import Mentorship
from nastavnik.monitoring.models import IndicatorEntry
from nastavnik.programs.models import Program

COUNTED = ("confirmed", "approved", "completed", "terminated")


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str  # Russian, marked with gettext_noop
    computed: bool


INDICATORS = (
    Indicator("asked_for_mentor", gettext_noop("Обучающиеся, подавшие «запрос на помощь наставника»"), True),
    Indicator("results_improved", gettext_noop("Обучающиеся, у которых повысились образовательные результаты"), True),
    Indicator("prepared_for_contests", gettext_noop("Обучающиеся, подготовленные к участию в конкурсах"), False),
    Indicator("mentee_to_mentor", gettext_noop("Сменившие статус наставляемого на наставника"), True),
    Indicator("mentees_in_pairs", gettext_noop("Наставляемые в парах и группах (охват)"), True),
    Indicator("pairs_meeting", gettext_noop("Доля пар, встречающихся с периодичностью программы, %"), True),
    Indicator("closed_planned", gettext_noop("Пары, завершившие работу по плану"), True),
    Indicator("closed_premature", gettext_noop("Пары, прекратившие работу досрочно"), True),
    Indicator("events_participants", gettext_noop("Участники мероприятий программы"), False),
    Indicator("satisfied_share", gettext_noop("Доля участников, удовлетворённых программой, %"), False),
)
BY_CODE = {i.code: i for i in INDICATORS}


def review_dates(program: Program, today: dt.date) -> list[dt.date]:
    """The programme's start, then every three months up to today (or the programme's end)."""
    last = min(today, program.ends_on)
    dates = [program.starts_on]
    month = program.starts_on.month - 1 + 3
    while True:
        year, m = program.starts_on.year + month // 12, month % 12 + 1
        day = dt.date(year, m, 1) - dt.timedelta(days=1)  # end of the quarter that just closed
        if day > last:
            break
        dates.append(day)
        month += 3
    if dates[-1] < last:
        dates.append(last)
    return dates


def _computed(program: Program, on: dt.date, *, latest: bool, improved: int | None, meeting: float | None) -> dict:
    pairs = Mentorship.objects.filter(program=program, status__in=COUNTED, starts_on__lte=on)
    earlier_mentees = Mentorship.objects.filter(
        program__organization_id=program.organization_id, starts_on__lt=on
    ).values("mentee_id")
    values = {
        "asked_for_mentor": MenteeRequest.objects.filter(
            organization_id=program.organization_id, source=MenteeRequest.Source.SELF, created_at__date__lte=on
        )
        .filter(Q(program=program) | Q(program__isnull=True))
        .count(),
        "mentees_in_pairs": pairs.values("mentee_id").distinct().count(),
        "mentee_to_mentor": pairs.filter(mentor_id__in=earlier_mentees).values("mentor_id").distinct().count(),
        "closed_planned": pairs.filter(status="completed", ends_on__lte=on).count(),
        "closed_premature": pairs.filter(status="terminated", ends_on__lte=on).count(),
    }
    if latest:
        values["results_improved"] = improved
        values["pairs_meeting"] = meeting
    return values


@dataclass
class Row:
    indicator: Indicator
    title: str
    values: list[tuple[float | None, str]]  # per review date: value, how it was obtained ("data", "hand", "")


def table(
    *, program: Program, today: dt.date, improved: int | None, meeting_share: float | None
) -> tuple[list[dt.date], list[Row]]:
    """Indicator × review date; a constant number of queries per review date (a programme has a few dozen)."""
    dates = review_dates(program, today)
    computed = [
        _computed(program, on, latest=on == dates[-1], improved=improved, meeting=meeting_share) for on in dates
    ]
    entered = {(e.code, e.on): e for e in IndicatorEntry.objects.filter(program=program, on__in=dates)}
    rows = []
    for indicator in INDICATORS:
        cells = []
        for on, values in zip(dates, computed, strict=True):
            entry = entered.get((indicator.code, on))
            if entry is not None:
                cells.append((float(entry.value), "hand"))
            elif indicator.code in values and values[indicator.code] is not None:
                cells.append((values[indicator.code], "data"))
            else:
                cells.append((None, ""))
        rows.append(Row(indicator, gettext(indicator.title), cells))
    return dates, rows
