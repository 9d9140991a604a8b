"""The pair's final questionnaires (seed 000: «взаимная оценка работы наставника и наставляемого посредством
анкетирования»): one for the mentor, one for the mentee. Plain specs for the questionnaire engine, registered in its
catalogue by `RecognitionConfig.ready()`; the answers live in `surveys`, attached to the pair (the mentorship).
"""

from typing import Any

MENTOR = "mentor"
MENTEE = "mentee"
SIDES = (MENTOR, MENTEE)

_SATISFACTION = {
    "code": "satisfaction",
    "text": "Насколько вы удовлетворены работой в паре (группе)?",
    "type": "scale",
    "min": 1,
    "max": 10,
    "labels": ["совсем не удовлетворён", "полностью удовлетворён"],
}

FINAL_MENTOR: dict[str, Any] = {
    "code": "closure_final_mentor",
    "title": "Итоговая анкета наставника",
    "description": "Анкета заполняется при завершении работы пары. Ответы видят куратор и руководитель программы.",
    "purpose": "final",
    "sections": [
        {
            "title": "",
            "questions": [
                _SATISFACTION,
                {
                    "code": "mentee_progress",
                    "text": "Насколько наставляемый продвинулся к своим целям?",
                    "type": "scale",
                    "min": 1,
                    "max": 10,
                    "labels": ["не продвинулся", "цели достигнуты"],
                },
                {"code": "results", "text": "Каких результатов удалось достичь?", "type": "long_text"},
                {"code": "difficulties", "text": "Что мешало работе?", "type": "long_text", "required": False},
                {
                    "code": "program_change",
                    "text": "Что стоит изменить в программе наставничества?",
                    "type": "long_text",
                    "required": False,
                },
                {"code": "mentor_again", "text": "Готовы ли вы быть наставником в следующем цикле?", "type": "yes_no"},
            ],
        }
    ],
}

FINAL_MENTEE: dict[str, Any] = {
    "code": "closure_final_mentee",
    "title": "Итоговая анкета наставляемого",
    "description": "Анкета заполняется при завершении работы пары. Ответы видят куратор и руководитель программы.",
    "purpose": "final",
    "sections": [
        {
            "title": "",
            "questions": [
                _SATISFACTION,
                {
                    "code": "mentor_help",
                    "text": "Насколько наставник помог вам?",
                    "type": "scale",
                    "min": 1,
                    "max": 10,
                    "labels": ["совсем не помог", "очень помог"],
                },
                {"code": "results", "text": "Чего вы достигли за время работы с наставником?", "type": "long_text"},
                {"code": "most_useful", "text": "Что было самым полезным?", "type": "long_text", "required": False},
                {
                    "code": "program_change",
                    "text": "Что стоит изменить в программе наставничества?",
                    "type": "long_text",
                    "required": False,
                },
                {"code": "become_mentor", "text": "Хотели бы вы сами стать наставником?", "type": "yes_no"},
            ],
        }
    ],
}

SPECS: dict[str, dict[str, Any]] = {MENTOR: FINAL_MENTOR, MENTEE: FINAL_MENTEE}
CODES: dict[str, str] = {side: spec["code"] for side, spec in SPECS.items()}
