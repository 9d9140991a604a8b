"""Controlled vocabularies of the mentee base: who may be a mentee (seed 003 §4.6–4.7) and what a mentor needs.

Kept apart from models.py so that forms, services and the demo share one list of codes and labels.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PupilCategory(models.TextChoices):
    """Seed 003 §4.6: pupils who may be mentees."""

    GIFTED = "gifted", _("Проявляет выдающиеся способности")
    LOW_RESULTS = "low_results", _("Неудовлетворительные образовательные результаты")
    DISABILITIES = "disabilities", _("Ограниченные возможности здоровья (ОВЗ)")
    HARD_SITUATION = "hard_situation", _("Трудная жизненная ситуация")
    BEHAVIOUR = "behaviour", _("Проблемы с поведением")
    DISENGAGED = "disengaged", _("Не участвует в жизни школы, отстранён от коллектива")


class TeacherCategory(models.TextChoices):
    """Seed 003 §4.7: teachers who may be mentees."""

    YOUNG_SPECIALIST = "young_specialist", _("Молодой специалист (стаж 0–3 года)")
    BURNOUT = "burnout", _("Эмоциональное выгорание, хроническая усталость")
    NEW_AT_WORKPLACE = "new_at_workplace", _("Адаптация на новом месте работы")
    DIGITAL_SKILLS = "digital_skills", _("Хочет овладеть цифровыми навыками, ИКТ-компетенциями")


REQUEST_CATEGORY_LABELS: dict[str, str] = {**dict(PupilCategory.choices), **dict(TeacherCategory.choices)}

# What the mentor base must offer for each kind of request: the selection criterion a category turns into.
CRITERION_FOR_CATEGORY: dict[str, str] = {
    PupilCategory.GIFTED: _("Опыт подготовки к олимпиадам и конкурсам"),
    PupilCategory.LOW_RESULTS: _("Опыт работы с неуспевающими обучающимися"),
    PupilCategory.DISABILITIES: _("Опыт инклюзивного образования, работы с детьми с ОВЗ"),
    PupilCategory.HARD_SITUATION: _("Умение оказать поддержку в трудной жизненной ситуации"),
    PupilCategory.BEHAVIOUR: _("Опыт работы с детьми с проблемами поведения"),
    PupilCategory.DISENGAGED: _("Умение вовлечь в жизнь коллектива, лидерские качества"),
    TeacherCategory.YOUNG_SPECIALIST: _("Опыт методической поддержки молодых специалистов"),
    TeacherCategory.BURNOUT: _("Навыки психоэмоциональной поддержки коллег"),
    TeacherCategory.NEW_AT_WORKPLACE: _("Знание устройства организации, опыт адаптации новых сотрудников"),
    TeacherCategory.DIGITAL_SKILLS: _("Владение цифровыми инструментами и ИКТ"),
}


def category_label(code: str) -> str:
    return str(REQUEST_CATEGORY_LABELS.get(code, code))


def categories_for(*, teacher: bool) -> list[tuple[str, str]]:
    """The choices that fit a would-be mentee: teachers' list for teachers, pupils' list for everybody else."""
    return TeacherCategory.choices if teacher else PupilCategory.choices


def validate_categories(codes: object, *, teacher: bool | None = None) -> list[str]:
    """Return the codes de-duplicated in order, or raise a Russian ValidationError.

    `teacher=None` accepts any code of the vocabulary; True/False narrows to the list for that kind of person.
    """
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise ValidationError(gettext("Категории запроса должны быть списком кодов."), code="categories_type")
    if not codes:
        raise ValidationError(gettext("Укажите хотя бы одну категорию наставляемого."), code="categories_empty")
    allowed = REQUEST_CATEGORY_LABELS if teacher is None else dict(categories_for(teacher=teacher))
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise ValidationError(
            gettext("Неизвестные или неподходящие категории: %(codes)s.") % {"codes": ", ".join(unknown)},
            code="categories_unknown",
        )
    return list(dict.fromkeys(codes))


def clean_phrases(values: object) -> list[str]:
    """A list of short phrases (competencies, interests, time slots): trimmed, blanks dropped, duplicates merged."""
    if isinstance(values, str):
        values = [v for line in values.splitlines() for v in line.split(";")]
    if not isinstance(values, list | tuple):
        raise ValidationError(gettext("Ожидался список значений."), code="phrases_type")
    seen: dict[str, str] = {}
    for raw in values:
        text = " ".join(str(raw).split())
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return list(seen.values())
