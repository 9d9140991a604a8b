"""Demo questionnaires on an already-built demo database: filled forms and open links for invented people.

Only people with an active consent for questionnaires get answers (the engine would refuse the others anyway).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from nastavnik.orgs.models import Membership, Organization, Role
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import persons_with_consent
from nastavnik.surveys import catalog, selectors, services
from nastavnik.surveys.models import Question, QuestionType, Response, SurveyVersion

PUPIL, TEACHER = "pupil", "teacher"

# Invented answers, by question code and by who answers.
TEXTS: dict[str, dict[str, list[str]]] = {
    "about_me": {
        PUPIL: [
            "Учусь в школе, занимаюсь в секции лёгкой атлетики, люблю собирать модели.",
            "Перешёл в эту школу в этом году, пока знаю мало ребят. Нравится биология.",
            "Учусь, хожу в художественную студию, иногда помогаю младшему брату с уроками.",
        ],
        TEACHER: [
            "Учитель, работаю в школе второй год, веду уроки в пятых и шестых классах.",
            "Пришла в школу после перерыва в работе, веду предмет и классное руководство.",
        ],
    },
    "interests": {
        PUPIL: ["Футбол, компьютерные игры, рисование", "Книги, настольные игры", "Робототехника и шахматы"],
        TEACHER: ["Туризм, фотография", "Краеведение, хоровое пение", "Чтение, настольный теннис"],
    },
    "why_join": {
        PUPIL: [
            "Хочу лучше учиться и чтобы было с кем посоветоваться.",
            "Хочу подготовиться к олимпиаде, но одному сложно.",
            "Хочу найти друзей и больше участвовать в жизни школы.",
        ],
        TEACHER: [
            "Нужна поддержка опытного коллеги в первые годы работы.",
            "Хочу освоить новые цифровые инструменты для уроков.",
        ],
    },
    "problem": {
        PUPIL: [
            "Не получается решать задачи по математике, теряюсь на контрольных.",
            "Трудно выступать перед классом, сильно волнуюсь.",
            "Не успеваю делать домашние задания и ходить на тренировки.",
        ],
        TEACHER: [
            "Дисциплина на уроках в одном из классов, трудно удерживать внимание.",
            "Составление рабочей программы и технологических карт уроков.",
        ],
    },
    "goal": {
        PUPIL: ["Закончить четверть без троек.", "Выступить на школьной конференции.", "Научиться планировать день."],
        TEACHER: ["Провести открытый урок к концу года.", "Спокойно работать с классом без срывов уроков."],
    },
    "mentor_expectations": {
        PUPIL: ["Чтобы объяснял понятно и не ругал.", "Чтобы был честным и умел поддержать."],
        TEACHER: ["Готовность делиться опытом и разбирать мои уроки.", "Доброжелательность и конкретные советы."],
    },
    "occupation": {TEACHER: ["Учитель, школа", "Учитель, методическое объединение естественных наук"]},
    "life_experience": {
        TEACHER: [
            "Сама была молодым специалистом в сельской школе, помню, как было трудно.",
            "Много лет руковожу школьным туристическим клубом, вожу ребят в походы.",
        ]
    },
    "professional_experience": {
        TEACHER: [
            "Призёр муниципального конкурса «Учитель года», веду семинары для коллег.",
            "Автор методических разработок по подготовке к олимпиадам.",
        ]
    },
    "can_share": {
        TEACHER: [
            "Приёмы работы с трудным классом и планирование уроков.",
            "Подготовку учеников к олимпиадам и проектной деятельности.",
        ]
    },
    "mentee_expectations": {TEACHER: ["Желание развиваться и честность.", "Готовность пробовать новое."]},
    "motivation": {
        TEACHER: [
            "Хочу передать опыт и помочь молодым коллегам закрепиться в профессии.",
            "Наставничество помогает и мне самой развиваться.",
        ]
    },
    "interviewers": {TEACHER: ["Куратор программы и педагог-психолог"]},
    "expectations": {TEACHER: ["Видеть рост наставляемого и обмениваться опытом."]},
    "comment": {TEACHER: ["Кандидат мотивирован, рекомендован к работе с молодыми педагогами."]},
    "mentor_experience": {TEACHER: ["Сопровождала двух молодых учителей в прошлом году."]},
    "questions": {TEACHER: ["Как вести себя, если наставляемый перестал приходить на встречи?"]},
}

# Choices that must match the person rather than be random.
ROLE_ANSWERS = {
    "mentee_request": {"role": {PUPIL: "Обучающийся", TEACHER: "Педагог"}},
    "mentor_candidate": {"category": {TEACHER: "Педагог или специалист образовательной организации"}},
}


def invented_answer(question: Question, who: str, rng: random.Random, today: dt.date) -> Any:
    """An invented answer to one question for a pupil or a teacher (`who`); the region generator uses it too."""
    pool = TEXTS.get(question.code, {}).get(who)
    qtype = question.type
    if qtype in {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}:
        return rng.choice(pool) if pool else ("" if not question.required else "Затрудняюсь ответить.")
    if qtype == QuestionType.SINGLE_CHOICE:
        return rng.choice(question.options)
    if qtype == QuestionType.MULTIPLE_CHOICE:
        options = [o for o in question.options if who == TEACHER or not o.startswith("Для педагогов")]
        return rng.sample(options, k=min(len(options), rng.randint(1, 3)))
    if qtype == QuestionType.SCALE:
        return rng.randint(max(question.min_value, (question.min_value + question.max_value) // 2), question.max_value)
    if qtype == QuestionType.LIKERT:
        return rng.randint(2, len(question.options))
    if qtype == QuestionType.NUMBER:
        low = question.min_value if question.min_value is not None else 1
        high = question.max_value if question.max_value is not None else 20
        return rng.randint(low, min(high, low + 10))
    if qtype == QuestionType.DATE:
        return (today - dt.timedelta(days=rng.randint(1, 20))).isoformat()
    return rng.random() < 0.85  # yes/no: mostly «да»


def _answers(version: SurveyVersion, who: str, rng: random.Random, today: dt.date) -> dict[str, Any]:
    fixed = ROLE_ANSWERS.get(version.survey.code, {})
    answers = {}
    for question in version.questions.all():
        forced = fixed.get(question.code, {}).get(who)
        answers[question.code] = forced or invented_answer(question, who, rng, today)
    return answers


def _at(today: dt.date, days_ago: int, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour, 0)))


def _staff_person(organization: Organization) -> Person | None:
    membership = (
        Membership.objects.filter(organization=organization, role__in=[Role.CURATOR, Role.PSYCHOLOGIST])
        .select_related("person")
        .first()
    )
    return membership.person if membership else None


def populate(*, today: dt.date) -> None:
    """Add filled questionnaires and open one-time links for a few invented people in each organisation."""
    if not Person.objects.exists() or Response.objects.exists():
        return  # nothing to attach to, or already populated
    services.catalog_install()
    versions = {code: selectors.latest_version(code=code) for code in catalog.SPECS}
    consented = persons_with_consent(purpose=Consent.Purpose.QUESTIONNAIRES, on=today).filter(
        anonymised_at__isnull=True
    )
    rng = random.Random(54)
    for organization in Organization.objects.order_by("pk"):
        people = consented.filter(organization=organization).order_by("pk")
        pupils = list(people.filter(category=Person.Category.PUPIL)[:3])
        teachers = list(people.filter(category=Person.Category.TEACHER)[:5])
        _populate_org(organization, pupils, teachers, versions, rng, today)


def _submit(version, who, person, rng, today, days_ago, **kwargs) -> Response:
    return services.response_submit(
        version=version,
        answers=_answers(version, who, rng, today),
        respondent=kwargs.pop("respondent", person),
        about=person,
        submitted_at=_at(today, days_ago, 15),
        **kwargs,
    )


def _populate_org(organization, pupils, teachers, versions, rng, today) -> None:
    staff = _staff_person(organization)
    staff_user = staff.user if staff else None
    for n, pupil in enumerate(pupils[:2]):
        _submit(versions["mentee_request"], PUPIL, pupil, rng, today, days_ago=20 - n)
    for teacher in teachers[:1]:
        _submit(versions["mentee_request"], TEACHER, teacher, rng, today, days_ago=18)
    for n, candidate in enumerate(teachers[1:3]):
        _submit(versions["mentor_candidate"], TEACHER, candidate, rng, today, days_ago=15 - n)
        _submit(versions["training_needs"], TEACHER, candidate, rng, today, days_ago=8 - n)
    if staff is not None and len(teachers) > 1:
        _submit(
            versions["interview_record"],
            TEACHER,
            teachers[1],
            rng,
            today,
            days_ago=10,
            respondent=staff,
            submitted_by=staff_user,
        )
    # Open links waiting for an answer, as a curator would have sent them.
    for pupil in pupils[2:3]:
        services.invitation_create(version=versions["mentee_request"], person=pupil, created_by=staff_user)
    for teacher in teachers[3:5]:
        services.invitation_create(version=versions["mentor_candidate"], person=teacher, created_by=staff_user)
