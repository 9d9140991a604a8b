"""Russian document formatting: dates, initials, plurals and numbers as Russian paperwork writes them.

Pure functions (no Django import), also registered as Jinja filters for DOCX templates (`JINJA_FILTERS`).
"""

from __future__ import annotations

import datetime as dt

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)

NBSP = "\u00a0"


def month_genitive(month: int) -> str:
    """1 → «января»: the form used after a day number."""
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    return MONTHS_GENITIVE[month - 1]


def as_date(value: dt.date | str) -> dt.date:
    """A date from a date, a datetime or an ISO string (payloads keep dates as ISO strings)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def date_long(value: dt.date | str) -> str:
    """«22» декабря 2022 г. — the day without a leading zero, in quotes, month in the genitive."""
    d = as_date(value)
    return f"«{d.day}» {month_genitive(d.month)} {d.year} г."


def date_words(value: dt.date | str) -> str:
    """22 декабря 2022 г. — the same without quotes, for running text."""
    d = as_date(value)
    return f"{d.day} {month_genitive(d.month)} {d.year} г."


def date_short(value: dt.date | str) -> str:
    """22.12.2022"""
    d = as_date(value)
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def period_ru(start: dt.date | str, end: dt.date | str) -> str:
    """с 01.09.2026 по 31.05.2027"""
    return f"с {date_short(start)} по {date_short(end)}"


def _initial(name: str) -> str:
    # A double first name gets both initials joined by the hyphen: «Анна-Мария» → «А.-М.».
    parts = [p for p in name.strip().split("-") if p]
    return "-".join(f"{p[0].upper()}." for p in parts)


def _initials_of(first: str, middle: str | None) -> str:
    return " ".join(_initial(p) for p in (first, middle or "") if p and p.strip())


def initials(last: str, first: str, middle: str | None = "") -> str:
    """«Иванова А. А.»; without a middle name «Иванова А.»."""
    return f"{last.strip()} {_initials_of(first, middle)}".strip()


def initials_before(last: str, first: str, middle: str | None = "") -> str:
    """«А. А. Иванова» — the order used under a signature («Директор ____ А. А. Иванова»)."""
    return f"{_initials_of(first, middle)} {last.strip()}".strip()


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The noun form for n: 1 наставник, 2 наставника, 5 наставников, 11 наставников, 21 наставник."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def count_ru(n: int, one: str, few: str, many: str) -> str:
    """«3 наставника»"""
    return f"{n} {plural_ru(n, one, few, many)}"


def number_ru(value: int | float, decimals: int = 0) -> str:
    """1234567.5 → «1 234 567,5»: thin groups by a non-breaking space, decimal comma."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def sentence_case(text: str) -> str:
    """«руководитель организации» → «Руководитель организации»."""
    return text[:1].upper() + text[1:] if text else text


def _name_parts(person) -> tuple[str, str, str]:
    get = person.get if isinstance(person, dict) else lambda k, d="": getattr(person, k, d)
    return get("last_name", ""), get("first_name", ""), get("middle_name", "") or ""


def person_initials(person) -> str:
    """Filter form of `initials` for anything with last_name/first_name/middle_name (object or dict)."""
    return initials(*_name_parts(person))


def person_initials_before(person) -> str:
    return initials_before(*_name_parts(person))


JINJA_FILTERS = {
    "initials": person_initials,
    "initials_before": person_initials_before,
    "date_long": date_long,
    "date_words": date_words,
    "date_short": date_short,
    "plural": plural_ru,
    "number": number_ru,
    "capfirst": sentence_case,
}
