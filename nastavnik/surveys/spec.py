"""Checking and normalising questionnaire definitions: the catalogue's dict specs and the curator's builder share it.

The spec format itself is described in `nastavnik.surveys.catalog`. Texts inside a spec are content stored in the
database as written (Russian), not interface strings, so they are not passed through gettext.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nastavnik.surveys.models import QuestionType, Survey

CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE})
LIKERT_DEFAULT = [
    "Полностью не согласен",
    "Скорее не согласен",
    "Затрудняюсь ответить",
    "Скорее согласен",
    "Полностью согласен",
]
SCALE_DEFAULT = (1, 10)
SCALE_MAX_STEPS = 21  # more divisions than this no longer fit a phone screen as buttons
CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
TEXT_MAX = 500


def _int_or_none(raw: Any, field: str, errors: dict[str, str]) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        errors[field] = _("Введите целое число.")
        return None


def _clean_options(qtype: str, raw: Any, errors: dict[str, str]) -> list[str]:
    if qtype not in CHOICE_TYPES and qtype != QuestionType.LIKERT:
        return []
    options = [str(o).strip() for o in (raw or []) if str(o).strip()]
    if qtype == QuestionType.LIKERT and not options:
        options = list(LIKERT_DEFAULT)
    if len(options) < 2:
        errors["options"] = _("Нужно не меньше двух вариантов ответа.")
    elif len(set(options)) != len(options):
        errors["options"] = _("Варианты ответа не должны повторяться.")
    elif any(len(o) > TEXT_MAX for o in options):
        errors["options"] = _("Вариант ответа — не длиннее 500 знаков.")
    return options


def _clean_bounds(qtype: str, data: dict, errors: dict[str, str]) -> tuple[int | None, int | None]:
    low = _int_or_none(data.get("min"), "min", errors)
    high = _int_or_none(data.get("max"), "max", errors)
    if qtype == QuestionType.SCALE:
        low = SCALE_DEFAULT[0] if low is None else low
        high = SCALE_DEFAULT[1] if high is None else high
        if low >= high:
            errors["max"] = _("Максимум шкалы должен быть больше минимума.")
        elif high - low + 1 > SCALE_MAX_STEPS:
            errors["max"] = _("На шкале не больше 21 деления: иначе она не помещается на экране телефона.")
        return low, high
    if qtype == QuestionType.NUMBER:
        if low is not None and high is not None and low > high:
            errors["max"] = _("Максимум не может быть меньше минимума.")
        return low, high
    return None, None


def _clean_labels(qtype: str, raw: Any, errors: dict[str, str]) -> list[str]:
    if qtype != QuestionType.SCALE:
        return []
    labels = [str(label).strip() for label in (raw or [])]
    if not any(labels):
        return []
    if len(labels) != 2:
        errors["labels"] = _("Подписей шкалы две: у минимума и у максимума.")
    return labels


def question_clean(data: dict[str, Any]) -> dict[str, Any]:
    """One question definition in canonical form, or ValidationError keyed by the spec field."""
    errors: dict[str, str] = {}
    text = str(data.get("text") or "").strip()
    if not text:
        errors["text"] = _("Напишите текст вопроса.")
    elif len(text) > TEXT_MAX:
        errors["text"] = _("Текст вопроса — не длиннее 500 знаков.")
    qtype = data.get("type")
    if qtype not in QuestionType.values:
        errors["type"] = _("Выберите тип ответа из списка.")
        qtype = ""
    code = str(data.get("code") or "")
    if code and not CODE_RE.match(code):
        errors["code"] = _("Код вопроса — латинские строчные буквы, цифры и «_», начиная с буквы.")
    help_text = str(data.get("help") or "").strip()[:TEXT_MAX]
    options = _clean_options(qtype, data.get("options"), errors)
    low, high = _clean_bounds(qtype, data, errors)
    labels = _clean_labels(qtype, data.get("labels"), errors)
    if errors:
        raise ValidationError(errors)
    return {
        "code": code,
        "text": text,
        "help": help_text,
        "type": qtype,
        "required": bool(data.get("required", True)),
        "options": options,
        "min": low,
        "max": high,
        "labels": labels,
    }


def spec_normalize(spec: dict[str, Any]) -> dict[str, Any]:
    """A questionnaire spec with defaults filled in; ValueError names the first problem (specs are code, not input)."""
    code = spec.get("code", "")
    if not re.match(r"^[a-z][a-z0-9_-]{0,59}$", code or ""):
        raise ValueError(f"survey spec: bad code {code!r}")
    if not str(spec.get("title") or "").strip():
        raise ValueError(f"survey spec {code}: no title")
    purpose = spec.get("purpose", Survey.Purpose.CUSTOM)
    if purpose not in Survey.Purpose.values:
        raise ValueError(f"survey spec {code}: unknown purpose {purpose!r}")
    if not spec.get("sections"):
        raise ValueError(f"survey spec {code}: no sections")
    seen: set[str] = set()
    sections = []
    for section in spec["sections"]:
        questions = []
        for raw in section.get("questions", []):
            if not raw.get("code"):
                raise ValueError(f"survey spec {code}: a question without a code: {raw.get('text')!r}")
            try:
                question = question_clean(raw)
            except ValidationError as exc:
                raise ValueError(f"survey spec {code}, question {raw['code']}: {exc.message_dict}") from exc
            if question["code"] in seen:
                raise ValueError(f"survey spec {code}: question code {question['code']} repeats")
            seen.add(question["code"])
            questions.append(question)
        sections.append({"title": str(section.get("title") or "").strip(), "questions": questions})
    return {
        "code": code,
        "title": spec["title"].strip(),
        "description": str(spec.get("description") or "").strip(),
        "purpose": purpose,
        "sections": sections,
    }
