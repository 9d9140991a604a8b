"""Helpers for the questionnaire tests: a questionnaire with every question type, and consents to answer."""

from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.surveys.services import survey_ensure
from tests.factories import ConsentFactory

ALL_TYPES_SPEC = {
    "code": "all_types",
    "title": "Анкета со всеми типами вопросов",
    "purpose": "custom",
    "sections": [
        {
            "title": "Тексты",
            "questions": [
                {"code": "name", "text": "Как вас зовут?", "type": "short_text"},
                {"code": "story", "text": "Расскажите о себе", "type": "long_text", "required": False},
            ],
        },
        {
            "title": "Выбор",
            "questions": [
                {"code": "color", "text": "Любимый цвет", "type": "single_choice", "options": ["Красный", "Синий"]},
                {
                    "code": "days",
                    "text": "Удобные дни",
                    "type": "multiple_choice",
                    "options": ["Понедельник", "Среда", "Пятница"],
                    "required": False,
                },
                {"code": "mood", "text": "Настроение", "type": "scale", "min": 1, "max": 10},
                {"code": "agree", "text": "Мне нравится в школе", "type": "likert"},
            ],
        },
        {
            "title": "Прочее",
            "questions": [
                {"code": "hours", "text": "Часов в неделю", "type": "number", "min": 0, "max": 40, "required": False},
                {"code": "since", "text": "С какого числа", "type": "date", "required": False},
                {"code": "ready", "text": "Готовы начать?", "type": "yes_no"},
            ],
        },
    ],
}

VALID_ANSWERS = {
    "name": "Вера",
    "story": "Люблю читать.",
    "color": "Синий",
    "days": ["Пятница", "Понедельник"],
    "mood": 7,
    "agree": 4,
    "hours": "2,5",
    "since": "01.09.2026",
    "ready": "да",
}


def all_types_version(organization=None):
    return survey_ensure(spec=ALL_TYPES_SPEC, organization=organization)


def questionnaire_consent(person: Person, *, given_by: Person | None = None, **kwargs) -> Consent:
    """An active consent for questionnaires; for a minor, `given_by` is the guardian."""
    if given_by is not None and given_by != person:
        kwargs.setdefault("guardian_basis", Consent.GuardianBasis.PARENT)
    return ConsentFactory(person=person, given_by=given_by or person, purpose=Consent.Purpose.QUESTIONNAIRES, **kwargs)
