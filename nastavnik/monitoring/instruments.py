"""The library of measurement instruments shipped with the system (seed 000, «Мониторинг программы
наставничества», stage 2: what is measured in pupils and in teachers).

Every item is our own wording, written for this system — not a licensed scale and not a clinical test. Each
instrument is a short questionnaire of statements rated 1–5 («совсем не так» … «полностью так»); its score is the
mean of the answered items, so every measure is on the same 1–5 scale. Instruments that are psychological
diagnostics need the written consent to psychological diagnostics before anybody is invited to fill them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, gettext_noop

_LABELS = ["совсем не так", "полностью так"]

PUPIL = "pupil"
TEACHER = "teacher"
GRADES = "grades"  # the derived measure «средняя отметка» (not a questionnaire)


def _items(*texts: str) -> list[dict[str, Any]]:
    return [
        {"code": f"q{number}", "text": text, "type": "scale", "min": 1, "max": 5, "labels": _LABELS}
        for number, text in enumerate(texts, start=1)
    ]


@dataclass(frozen=True)
class Instrument:
    code: str
    title: str  # Russian, marked with gettext_noop; shown through gettext
    audience: str  # PUPIL or TEACHER
    psychological: bool  # needs the consent to psychological diagnostics
    higher_is_better: bool
    items: tuple[str, ...]

    @property
    def survey_code(self) -> str:
        return f"monitoring_{self.code}"

    @property
    def spec(self) -> dict[str, Any]:
        return {
            "code": self.survey_code,
            "title": self.title,
            "description": (
                "Оцените, насколько каждое утверждение верно для вас сейчас: 1 — совсем не так, 5 — полностью так. "
                "Правильных ответов нет; ответы видят куратор программы и педагог-психолог."
            ),
            "purpose": "monitoring",
            "sections": [{"title": "", "questions": _items(*self.items)}],
        }


_ALL = (
    Instrument(
        "involvement",
        gettext_noop("Вовлечённость в жизнь школы"),
        PUPIL,
        psychological=False,
        higher_is_better=True,
        items=(
            "Я участвую в школьных делах, мероприятиях и кружках",
            "Мне есть чем заняться в школе, кроме уроков",
            "Я сам предлагаю идеи для класса или школы",
            "Я знаю, что происходит в школе, и мне это интересно",
        ),
    ),
    Instrument(
        "motivation",
        gettext_noop("Мотивация к учёбе"),
        PUPIL,
        psychological=True,
        higher_is_better=True,
        items=(
            "Мне интересно узнавать новое на уроках",
            "Я делаю домашние задания, даже когда их не проверяют",
            "Я понимаю, зачем мне то, чему я учусь",
            "Когда что-то не получается, я пробую ещё раз",
        ),
    ),
    Instrument(
        "soft_skills",
        gettext_noop("Гибкие навыки: самооценка"),
        PUPIL,
        psychological=False,
        higher_is_better=True,
        items=(
            "Я могу договориться с одноклассниками, когда мы работаем вместе",
            "Я умею планировать своё время",
            "Я могу выступить перед классом",
            "Я умею спокойно выслушать другое мнение",
        ),
    ),
    Instrument(
        "belonging",
        gettext_noop("Чувство принадлежности к школе"),
        PUPIL,
        psychological=True,
        higher_is_better=True,
        items=(
            "В школе есть люди, к которым я могу обратиться за помощью",
            "Я чувствую себя в классе своим",
            "Мне спокойно и безопасно в школе",
            "Если бы я перешёл в другую школу, мне было бы жаль уходить",
        ),
    ),
    Instrument(
        "difficulties",
        gettext_noop("Профессиональные затруднения"),
        TEACHER,
        psychological=False,
        higher_is_better=False,
        items=(
            "Мне трудно удерживать дисциплину на уроке",
            "Мне трудно готовить уроки в отведённое время",
            "Мне трудно разговаривать с родителями учеников",
            "Мне трудно заполнять документацию",
        ),
    ),
    Instrument(
        "satisfaction",
        gettext_noop("Удовлетворённость профессией"),
        TEACHER,
        psychological=False,
        higher_is_better=True,
        items=(
            "Я доволен тем, что выбрал профессию педагога",
            "Моя работа приносит мне радость",
            "Я вижу, как растут мои ученики",
            "Через три года я вижу себя в этой школе",
        ),
    ),
    Instrument(
        "burnout",
        gettext_noop("Самооценка выгорания"),
        TEACHER,
        psychological=True,
        higher_is_better=False,
        items=(
            "К концу рабочего дня я чувствую себя опустошённым",
            "Я стал раздражаться на учеников чаще, чем раньше",
            "Мне трудно заставить себя идти на работу",
            "Мне кажется, что мои усилия ничего не меняют",
        ),
    ),
    Instrument(
        "climate",
        gettext_noop("Психологический климат в коллективе"),
        TEACHER,
        psychological=True,
        higher_is_better=True,
        items=(
            "Коллеги готовы помочь, если я попрошу",
            "В коллективе можно открыто сказать о своей ошибке",
            "Моё мнение учитывают",
            "Мне комфортно в учительской",
        ),
    ),
)

INSTRUMENTS: dict[str, Instrument] = {instrument.code: instrument for instrument in _ALL}


def measure_title(code: str) -> str:
    if code == GRADES:
        return gettext("Средняя отметка по основным предметам")
    instrument = INSTRUMENTS.get(code)
    return gettext(instrument.title) if instrument else code


def higher_is_better(code: str) -> bool:
    instrument = INSTRUMENTS.get(code)
    return instrument.higher_is_better if instrument else True


def score(values: list[int | float]) -> float | None:
    """The instrument's score: the mean of the answered items (None when nothing was answered)."""
    numbers = [float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return sum(numbers) / len(numbers) if numbers else None
