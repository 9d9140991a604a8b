"""Month arithmetic for roadmaps and programmes, and the period wording of Russian documents («Сентябрь – октябрь
2026 г.»). Pure: no Django, so the rules can be tested on their own."""

import calendar
import datetime as dt

MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


def month_start(day: dt.date, offset: int = 0) -> dt.date:
    """The first day of the month `offset` months after the month of `day`."""
    index = day.year * 12 + day.month - 1 + offset
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(day: dt.date, offset: int = 0) -> dt.date:
    first = month_start(day, offset)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 January + 1 month = 28/29 February)."""
    first = month_start(day, months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from `start`'s month to `end`'s month."""
    return (end.year - start.year) * 12 + end.month - start.month


def period_text(starts_on: dt.date, ends_on: dt.date, *, control_point: bool = False, note: str = "") -> str:
    """«Сентябрь – октябрь 2026 г.», «Декабрь 2026 г. – январь 2027 г.», «КТ – ноябрь 2026 г., далее – ежемесячно»."""
    first = f"{MONTHS[starts_on.month - 1]}"
    last = f"{MONTHS[ends_on.month - 1]} {ends_on.year} г."
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        text = last
    elif starts_on.year == ends_on.year:
        text = f"{first} – {last}"
    else:
        text = f"{first} {starts_on.year} г. – {last}"
    if control_point:
        text = f"КТ – {text}"
    if note:
        text = f"{text}, {note}"
    return text[0].upper() + text[1:]
