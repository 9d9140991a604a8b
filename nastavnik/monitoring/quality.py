"""Stage 1 of monitoring (seed 000, «Мониторинг процесса реализации программы наставничества»): the programme-quality
questionnaires whose answers the SWOT proposal is built from.

Two questionnaires, our own wording written for this system (never a licensed scale): one for mentors and mentees,
one for the curator. Rated statements 1–5 (higher is always better, so a high mean is a strength and a low one a
weakness) grouped by seed 000's themes — the programme's strengths and weaknesses, the quality of the pairs' joint
work, satisfaction, the psychological climate — plus two open questions. Each rated statement carries a short
«factor» phrase: how it reads as a line of the SWOT table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

PARTICIPANT_SURVEY = "monitoring_quality_participant"
CURATOR_SURVEY = "monitoring_quality_curator"
SURVEYS = (PARTICIPANT_SURVEY, CURATOR_SURVEY)

_LABELS = ["совсем не так", "полностью так"]

# Themes of seed 000's first stage; the keys are stable, the titles are shown through gettext.
THEMES = {
    "programme": gettext_noop("Программа"),
    "pairs": gettext_noop("Совместная работа пар"),
    "satisfaction": gettext_noop("Удовлетворённость"),
    "climate": gettext_noop("Психологический климат"),
}


@dataclass(frozen=True)
class Item:
    code: str
    theme: str
    text: str  # the statement the respondent rates
    factor: str  # how it reads in the SWOT table (Russian, gettext_noop)


PARTICIPANT_ITEMS = (
    Item(
        "p_goals",
        "programme",
        "Мне понятно, зачем я участвую в программе и чего хочу достичь",
        gettext_noop("Участникам понятны цели программы"),
    ),
    Item(
        "p_support",
        "programme",
        "Куратор помогает, когда у пары возникают трудности",
        gettext_noop("Поддержка куратора"),
    ),
    Item(
        "p_time", "programme", "На встречи хватает времени в расписании", gettext_noop("Время на встречи в расписании")
    ),
    Item(
        "p_materials",
        "programme",
        "Материалы и задания программы полезны",
        gettext_noop("Полезность материалов программы"),
    ),
    Item("p_regular", "pairs", "Мы встречаемся регулярно, как договорились", gettext_noop("Регулярность встреч пар")),
    Item(
        "p_trust",
        "pairs",
        "Мне легко говорить с наставником (наставляемым) о трудностях",
        gettext_noop("Доверие в парах"),
    ),
    Item(
        "p_progress",
        "pairs",
        "Мы продвигаемся к цели, которую поставили",
        gettext_noop("Продвижение пар к поставленным целям"),
    ),
    Item(
        "p_satisfied",
        "satisfaction",
        "В целом я доволен участием в программе",
        gettext_noop("Удовлетворённость участников программой"),
    ),
    Item(
        "p_recommend",
        "satisfaction",
        "Я посоветовал бы программу другу или коллеге",
        gettext_noop("Готовность рекомендовать программу"),
    ),
    Item(
        "p_safe",
        "climate",
        "На встречах я чувствую себя спокойно и уверенно",
        gettext_noop("Психологическая безопасность на встречах"),
    ),
    Item("p_respect", "climate", "В программе уважают моё мнение", gettext_noop("Уважение к мнению участников")),
)

CURATOR_ITEMS = (
    Item(
        "c_resources",
        "programme",
        "У программы достаточно ресурсов: время, помещения, материалы",
        gettext_noop("Ресурсы программы (время, помещения, материалы)"),
    ),
    Item("c_admin", "programme", "Администрация поддерживает программу", gettext_noop("Поддержка администрации")),
    Item(
        "c_mentors", "programme", "Наставники подготовлены к своей роли", gettext_noop("Подготовленность наставников")
    ),
    Item(
        "c_pairs",
        "pairs",
        "Пары работают по своим планам и ведут дневники встреч",
        gettext_noop("Работа пар по планам, дневники встреч"),
    ),
    Item("c_results", "pairs", "Видны результаты работы пар", gettext_noop("Видимые результаты работы пар")),
    Item(
        "c_parents",
        "satisfaction",
        "Родители и педагоги довольны программой",
        gettext_noop("Удовлетворённость родителей и педагогов"),
    ),
    Item(
        "c_climate",
        "climate",
        "В коллективе доброжелательное отношение к наставничеству",
        gettext_noop("Отношение коллектива к наставничеству"),
    ),
)

ITEMS: dict[str, Item] = {item.code: item for item in PARTICIPANT_ITEMS + CURATOR_ITEMS}

OPEN_GOOD = "open_good"
OPEN_BAD = "open_bad"


def _spec(code: str, title: str, description: str, items: tuple[Item, ...]) -> dict[str, Any]:
    sections = []
    for theme, theme_title in THEMES.items():
        questions = [
            {
                # optional: a respondent who cannot judge a statement skips it, so each item has its own n
                "code": i.code,
                "text": i.text,
                "type": "scale",
                "min": 1,
                "max": 5,
                "labels": _LABELS,
                "required": False,
            }
            for i in items
            if i.theme == theme
        ]
        if questions:
            sections.append({"title": theme_title, "questions": questions})
    sections.append(
        {
            "title": "Своими словами",
            "questions": [
                {
                    "code": OPEN_GOOD,
                    "text": "Что в программе получилось лучше всего?",
                    "type": "long_text",
                    "required": False,
                },
                {
                    "code": OPEN_BAD,
                    "text": "Что мешало или что стоит изменить?",
                    "type": "long_text",
                    "required": False,
                },
            ],
        }
    )
    return {"code": code, "title": title, "description": description, "purpose": "monitoring", "sections": sections}


PARTICIPANT_SPEC = _spec(
    PARTICIPANT_SURVEY,
    "Качество программы наставничества: анкета участника",
    "Оцените, насколько каждое утверждение верно для вас: 1 — совсем не так, 5 — полностью так. Ответы помогут "
    "куратору увидеть сильные и слабые стороны программы; в отчёты попадают только средние значения.",
    PARTICIPANT_ITEMS,
)
CURATOR_SPEC = _spec(
    CURATOR_SURVEY,
    "Качество программы наставничества: анкета куратора",
    "Оцените программу со стороны организации: 1 — совсем не так, 5 — полностью так.",
    CURATOR_ITEMS,
)
SPECS = (PARTICIPANT_SPEC, CURATOR_SPEC)
