"""The diary questions after each kind of meeting, from seed 000, as questionnaire specs (format: surveys.catalog).

Both sides of the pair answer the same questions. Texts are content stored as written (Russian), not UI strings.
"""

from __future__ import annotations

from typing import Any

# The acquaintance question both sides answer; a pair is confirmed when every answer is yes (services).
ACQUAINTANCE_READY = "ready"

FEELING = {
    "code": "feeling",
    "text": "Как я сейчас себя чувствую?",
    "type": "short_text",
}

ACQUAINTANCE: dict[str, Any] = {
    "code": "reflection_acquaintance",
    "title": "Дневник: встреча-знакомство",
    "description": (
        "Знакомство прошло: наставник рассказал, кто он, почему хочет быть наставником и чем может поделиться; "
        "наставляемый — чем занимается, над чем хочет поработать и что ему важно увидеть в наставнике. "
        "Запишите, к чему вы пришли."
    ),
    "purpose": "reflection",
    "sections": [
        {
            "title": "",
            "questions": [
                {
                    "code": ACQUAINTANCE_READY,
                    "text": "Готовы ли мы работать друг с другом?",
                    "type": "yes_no",
                },
                {
                    "code": "common_ground",
                    "text": "Что у нас общего: интересы, занятия, взгляды?",
                    "type": "long_text",
                    "required": False,
                },
                {
                    "code": "first_goal",
                    "text": "Какую цель мы ставим на следующую встречу?",
                    "type": "long_text",
                },
                FEELING,
            ],
        }
    ],
}

TRIAL: dict[str, Any] = {
    "code": "reflection_trial",
    "title": "Дневник: пробная рабочая встреча",
    "description": "Ответы помогут понять, в каком направлении двигаться и какой формат работы вам удобен.",
    "purpose": "reflection",
    "sections": [
        {
            "title": "",
            "questions": [
                {"code": "what_worked", "text": "Что получилось?", "type": "long_text"},
                {"code": "liked", "text": "Что понравилось?", "type": "long_text"},
                {
                    "code": "thanks_to",
                    "text": "Благодаря чему стало возможно достичь результата?",
                    "type": "long_text",
                    "required": False,
                },
                {
                    "code": "next_time",
                    "text": "Что в следующий раз можно будет сделать по-другому?",
                    "type": "long_text",
                    "required": False,
                },
            ],
        }
    ],
}

PLANNING: dict[str, Any] = {
    "code": "reflection_planning",
    "title": "Дневник: встреча-планирование",
    "description": "Желания стали целями, цели — планом. Запишите главные договорённости.",
    "purpose": "reflection",
    "sections": [
        {
            "title": "",
            "questions": [
                {"code": "goals_set", "text": "Какие цели мы поставили?", "type": "long_text"},
                {
                    "code": "meetings_needed",
                    "text": "Сколько встреч и в каком формате нам понадобится?",
                    "type": "short_text",
                },
                {"code": "plan_clear", "text": "Понятен ли мне план нашей работы?", "type": "yes_no"},
                FEELING,
            ],
        }
    ],
}

REGULAR: dict[str, Any] = {
    "code": "reflection_regular",
    "title": "Дневник: регулярная встреча",
    "description": "Последние 10 минут встречи — рефлексия. Ответьте на вопросы коротко и честно.",
    "purpose": "reflection",
    "sections": [
        {
            "title": "",
            "questions": [
                {
                    "code": "closer_to_goal",
                    "text": "Приблизились ли мы сегодня к цели?",
                    "type": "single_choice",
                    "options": ["Да", "Отчасти", "Нет"],
                },
                {"code": "went_well", "text": "Что сегодня получилось хорошо?", "type": "long_text"},
                {
                    "code": "change_next",
                    "text": "Что стоит изменить в следующий раз?",
                    "type": "long_text",
                    "required": False,
                },
                FEELING,
                {"code": "todo_next", "text": "Что нужно сделать к следующей встрече?", "type": "long_text"},
            ],
        }
    ],
}

# Answer codes the system acts on.
FINAL_CLOSENESS = "closeness"
FINAL_CONTINUE = "continue_together"
FINAL_BECOME_MENTOR = "become_mentor"

FINAL: dict[str, Any] = {
    "code": "reflection_final",
    "title": "Итоговая встреча: подведение итогов",
    "description": "Ответы нужны для полной картины результатов вашей работы и для решения о продолжении.",
    "purpose": "final",
    "sections": [
        {
            "title": "",
            "questions": [
                {
                    "code": "most_valuable",
                    "text": "Что самого ценного было в вашем взаимодействии?",
                    "type": "long_text",
                },
                {"code": "results", "text": "Каких результатов вы достигли?", "type": "long_text"},
                {"code": "learned", "text": "Чему вы научились друг у друга?", "type": "long_text"},
                {
                    "code": FINAL_CLOSENESS,
                    "text": "Оцените по десятибалльной шкале, насколько вы приблизились к цели",
                    "type": "scale",
                    "min": 1,
                    "max": 10,
                    "labels": ["совсем не приблизились", "цель достигнута"],
                },
                {"code": "changed", "text": "Как вы изменились?", "type": "long_text", "required": False},
                {
                    "code": "understood",
                    "text": "Что вы поняли про себя в процессе общения?",
                    "type": "long_text",
                    "required": False,
                },
                {
                    "code": "remembered",
                    "text": "Чем запомнилось взаимодействие?",
                    "type": "long_text",
                    "required": False,
                },
                {"code": FINAL_CONTINUE, "text": "Есть ли необходимость продолжать работу вместе?", "type": "yes_no"},
                {
                    "code": FINAL_BECOME_MENTOR,
                    "text": "Хотели бы вы стать наставником?",
                    "help": "Наставнику — продолжить работу в роли наставника в следующем цикле.",
                    "type": "yes_no",
                },
            ],
        }
    ],
}

SPECS: dict[str, dict[str, Any]] = {
    "acquaintance": ACQUAINTANCE,
    "trial": TRIAL,
    "planning": PLANNING,
    "regular": REGULAR,
    "final": FINAL,
}


def spec_for(kind: str) -> dict[str, Any]:
    return SPECS[kind]
