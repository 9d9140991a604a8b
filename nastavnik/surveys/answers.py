"""Checking one answer against its question's type, and showing a stored answer to people.

Stored values are plain JSON: text as a string, a single choice as the option text, a multiple choice as a list of
option texts, a scale as an integer, a Likert answer as the option's number (1 = the first option), a number as an
integer or a float, a date as an ISO string «2026-11-23», yes/no as true/false.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nastavnik.surveys.models import Question, QuestionType

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 5000
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")
YES = frozenset({"да", "yes", "true", "1", "y", "д"})
NO = frozenset({"нет", "no", "false", "0", "n", "н"})


def is_empty(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple | set):
        return not any(not is_empty(item) for item in raw)
    return False


def _text(question: Question, raw: Any) -> str:
    value = str(raw).strip()
    limit = SHORT_TEXT_MAX if question.type == QuestionType.SHORT_TEXT else LONG_TEXT_MAX
    if len(value) > limit:
        raise ValidationError(_("Слишком длинный ответ: не больше %(n)s знаков.") % {"n": limit})
    return value


def _single(question: Question, raw: Any) -> str:
    value = str(raw).strip()
    if value not in question.options:
        raise ValidationError(_("Выберите один из предложенных вариантов."))
    return value


def _multiple(question: Question, raw: Any) -> list[str]:
    items = [raw] if isinstance(raw, str) else list(raw)
    chosen = {str(item).strip() for item in items if not is_empty(item)}
    unknown = sorted(chosen - set(question.options))
    if unknown:
        raise ValidationError(_("Вариант «%(v)s» не из списка.") % {"v": unknown[0]})
    return [option for option in question.options if option in chosen]  # the questionnaire's order, no repeats


def _integer(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    number = _decimal(raw)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def _decimal(raw: Any) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float) and not math.isfinite(raw):
        return None
    try:
        number = Decimal(str(raw).strip().replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _scale(question: Question, raw: Any) -> int:
    value = _integer(raw)
    if value is None or not question.min_value <= value <= question.max_value:
        raise ValidationError(
            _("Выберите число от %(lo)s до %(hi)s.") % {"lo": question.min_value, "hi": question.max_value}
        )
    return value


def _likert(question: Question, raw: Any) -> int:
    if isinstance(raw, str) and raw.strip() in question.options:
        return question.options.index(raw.strip()) + 1
    value = _integer(raw)
    if value is None or not 1 <= value <= len(question.options):
        raise ValidationError(_("Выберите степень согласия из списка."))
    return value


def _number(question: Question, raw: Any) -> int | float:
    number = _decimal(raw)
    if number is None:
        raise ValidationError(_("Введите число, например 5 или 2,5."))
    if question.min_value is not None and number < question.min_value:
        raise ValidationError(_("Число должно быть не меньше %(n)s.") % {"n": question.min_value})
    if question.max_value is not None and number > question.max_value:
        raise ValidationError(_("Число должно быть не больше %(n)s.") % {"n": question.max_value})
    return int(number) if number == number.to_integral_value() else float(number)


def _date(question: Question, raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValidationError(_("Введите дату в виде ДД.ММ.ГГГГ, например 01.09.2026."))


def _yes_no(question: Question, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValidationError(_("Ответьте «да» или «нет»."))


_CLEANERS = {
    QuestionType.SHORT_TEXT: _text,
    QuestionType.LONG_TEXT: _text,
    QuestionType.SINGLE_CHOICE: _single,
    QuestionType.MULTIPLE_CHOICE: _multiple,
    QuestionType.SCALE: _scale,
    QuestionType.LIKERT: _likert,
    QuestionType.NUMBER: _number,
    QuestionType.DATE: _date,
    QuestionType.YES_NO: _yes_no,
}


def answer_clean(question: Question, raw: Any) -> Any:
    """The JSON value to store, None for «not answered», or ValidationError with a message for the respondent."""
    if is_empty(raw):
        if question.required:
            raise ValidationError(_("Ответьте на этот вопрос: он обязательный."))
        return None
    if isinstance(raw, dict):
        raise ValidationError(_("Неверный формат ответа."))
    return _CLEANERS[question.type](question, raw)


def _format_number(value: int | float) -> str:
    return str(value).replace(".", ",")


def answer_display(question: Question, value: Any) -> str:
    """A stored value as a person reads it: «Да», «7 из 10», «01.09.2026», «Скорее согласен»."""
    if value is None:
        return "—"
    qtype = question.type
    if qtype == QuestionType.MULTIPLE_CHOICE:
        return "; ".join(value)
    if qtype == QuestionType.SCALE:
        return _("%(v)s из %(hi)s") % {"v": value, "hi": question.max_value}
    if qtype == QuestionType.LIKERT:
        return question.options[value - 1] if 1 <= value <= len(question.options) else str(value)
    if qtype == QuestionType.NUMBER:
        return _format_number(value)
    if qtype == QuestionType.DATE:
        return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
    if qtype == QuestionType.YES_NO:
        return _("Да") if value else _("Нет")
    return str(value)
