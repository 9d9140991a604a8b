"""Demo data for the pair's work: pairs at every point of it, on top of the pairs the base demo made.

`populate(today=…)` is called by `nastavnik demo` after the base demo. It queries what exists and is idempotent:
a second run adds nothing. What it shows: pairs only proposed; an acquaintance planned; a pair confirmed after
its trial meeting; pairs with wishes, goals and a personalised programme; regular meetings with diaries, one
diary missing; overdue goal steps; a pair that has not met for too long (made by the base demo); a final meeting
held and a completed pair; an open request to change the mentor. Everything is invented.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from nastavnik.mentorships import rules, services
from nastavnik.mentorships.models import ChangeRequest, Meeting, Mentorship, Reflection
from nastavnik.mentorships.selectors import meeting_people
from nastavnik.people.models import Person

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
WORKING = (Mentorship.Status.CONFIRMED, Mentorship.Status.APPROVED)


@transaction.atomic
def populate(*, today: dt.date) -> None:
    _confirm_after_trial(today)
    pairs = list(
        Mentorship.objects.filter(status__in=WORKING, meetings__kind="planning", meetings__status="held")
        .distinct()
        .select_related("program", "program__form", "mentor", "mentee")
        .order_by("pk")
    )
    mentor_login_pair = next((p for p in pairs if _username(p.mentor) == "mentor"), None)
    for pair in pairs:
        _plan_and_goals(pair, today, overdue=pair == mentor_login_pair)
    _final_meeting(pairs, today)
    _diaries(pairs, today)
    _change_request(pairs)


def _username(person: Person) -> str:
    return getattr(person.user, "username", "") if person.user_id else ""


def _at(day: dt.date, hour: int = 15, minute: int = 30) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def _meeting(pair: Mentorship, kind: str, day: dt.date, **extra) -> Meeting:
    rule = rules.KIND_RULES[kind]
    return Meeting.objects.create(
        mentorship=pair,
        kind=kind,
        status=extra.pop("status", Meeting.Status.HELD),
        scheduled_at=_at(day),
        duration_minutes=rule.default_minutes,
        curator_present=rule.curator_default,
        place=extra.pop("place", "кабинет 214"),
        **extra,
    )


# --- a pair confirmed after its acquaintance, with the trial meeting held -----------------------------------------


def _confirm_after_trial(today: dt.date) -> None:
    if Mentorship.objects.filter(status=Mentorship.Status.CONFIRMED, meetings__kind="trial").exists():
        return
    pair = Mentorship.objects.filter(status=Mentorship.Status.PROPOSED, meetings__isnull=True).order_by("pk").first()
    if pair is None:
        return
    pair.starts_on = today - dt.timedelta(days=14)
    pair.status = Mentorship.Status.CONFIRMED
    pair.save(update_fields=["starts_on", "status"])
    _meeting(pair, "acquaintance", today - dt.timedelta(days=12), topic="Знакомство, правила взаимодействия")
    _meeting(
        pair,
        "trial",
        today - dt.timedelta(days=5),
        topic="Разбор одного занятия",
        curator_results=(
            "Решили одну задачу вместе, подходят по стилю общения; готовы составить план на встрече-планировании."
        ),
    )
    _meeting(pair, "planning", today + dt.timedelta(days=3), status=Meeting.Status.PLANNED)


# --- wishes, goals and the personalised programme ---------------------------------------------------------------

TEACHER = {
    "wishes": [
        (
            "Уверенно вести уроки в сложном классе",
            "Знание предмета, поддержка наставника",
            "Опыт управления классом",
            "Урок без срывов дисциплины",
            "2 месяца",
        ),
        (
            "Освоить формирующее оценивание",
            "Методические материалы МО",
            "Практика на уроках",
            "Критерии оценивания в 3 темах",
            "3 месяца",
        ),
        (
            "Наладить общение с родителями",
            "Классное руководство",
            "Опыт родительских собраний",
            "Проведено собрание, нет жалоб",
            "1 четверть",
        ),
    ],
    "steps": ["Посетить три урока наставника", "Разработать технологическую карту урока", "Провести открытый урок"],
    "plan": {
        "difficulties": "Планирование урока по ФГОС\nДисциплина на уроке\nВзаимодействие с родителями",
        "strengths": "Хорошее знание предмета\nВладение цифровыми инструментами",
        "directions": "Профессиональная адаптация\nМетодика урока и оценивание",
        "expected_results": "Открытый урок на заседании МО\nСамостоятельное планирование уроков",
    },
    "activities": ["Посещение уроков наставника", "Разработка технологической карты", "Открытый урок для МО"],
}
PUPIL = {
    "wishes": [
        (
            "Подтянуть оценки по математике",
            "Учебник, помощь наставника",
            "Регулярность занятий",
            "Четвертная оценка «4»",
            "1 четверть",
        ),
        ("Не бояться отвечать у доски", "Поддержка друзей", "Уверенность", "Три ответа у доски за месяц", "1 месяц"),
        ("Сделать проект к научной конференции", "Интерес к теме", "Опыт оформления", "Проект представлен", "3 месяца"),
    ],
    "steps": ["Разобрать задачи по теме «Дроби»", "Решить пробную работу", "Выступить с проектом в классе"],
    "plan": {
        "difficulties": "Пробелы по теме «Дроби»\nНеуверенность при ответе у доски",
        "strengths": "Интерес к конструированию\nДобросовестность",
        "directions": "Учебная поддержка\nРазвитие уверенности в себе",
        "expected_results": "Повышение четвертной оценки\nУчастие в школьной конференции",
    },
    "activities": ["Занятия по теме «Дроби»", "Подготовка доклада", "Выступление на конференции"],
}


def _content(pair: Mentorship) -> dict:
    return TEACHER if pair.mentee.category == Person.Category.TEACHER else PUPIL


def _plan_and_goals(pair: Mentorship, today: dt.date, *, overdue: bool) -> None:
    if hasattr(pair, "plan") or pair.wishes.exists():
        return
    content = _content(pair)
    planning = pair.meetings.filter(kind="planning", status="held").order_by("scheduled_at").first()
    start = planning.scheduled_at.astimezone(TZ).date()
    plan = services.plan_save(
        mentorship=pair,
        starts_on=start,
        ends_on=rules.add_months(start, 6),
        contact_mode="direct",
        meetings_planned=12,
        meetings_format="очно, раз в две недели",
        **content["plan"],
    )
    for i, title in enumerate(content["activities"]):
        activity = services.plan_activity_add(plan=plan, title=title, deadline=start + dt.timedelta(days=30 + 45 * i))
        if activity.deadline < today:
            services.plan_activity_done(activity=activity, on=activity.deadline - dt.timedelta(days=2))
    wishes = [
        services.wish_add(
            mentorship=pair,
            person=pair.mentee,
            text=text,
            resources_have=have,
            resources_lack=lack,
            measure=measure,
            duration_text=duration,
        )
        for text, have, lack, measure, duration in content["wishes"]
    ]
    for wish in wishes[:2]:
        goal = services.goal_from_wish(wish=wish)
        for i, text in enumerate(content["steps"]):
            deadline = start + dt.timedelta(days=10 + 20 * i)
            step = services.goal_step_add(goal=goal, text=text, deadline=deadline)
            # One pair has let its steps slip: the mentor and the curator see them marked overdue.
            if deadline < today and not (overdue and i > 0):
                services.goal_step_done(step=step, on=deadline, mark="Выполнено, обсудили на встрече")


# --- the final meeting -------------------------------------------------------------------------------------------


def _final_meeting(pairs: list[Mentorship], today: dt.date) -> None:
    if Meeting.objects.filter(kind="final", mentorship__status__in=WORKING).exists():
        return
    teachers = [p for p in pairs if p.mentee.category == Person.Category.TEACHER and _username(p.mentor) != "mentor"]
    if teachers:
        _meeting(teachers[-1], "final", today - dt.timedelta(days=2), topic="Подведение итогов")


# --- diaries -----------------------------------------------------------------------------------------------------

ANSWERS = {
    "acquaintance": {
        "ready": True,
        "common_ground": "Любим походы и шахматы",
        "first_goal": "Договориться о задаче на пробную встречу",
        "feeling": "Интересно",
    },
    "trial": {
        "what_worked": "Разобрали одну задачу до конца",
        "liked": "Спокойный темп",
        "thanks_to": "Хорошей подготовке",
        "next_time": "Больше практики",
    },
    "planning": {
        "goals_set": "Две цели из таблицы желаний",
        "meetings_needed": "12 встреч, очно, раз в две недели",
        "plan_clear": True,
        "feeling": "Есть план — спокойнее",
    },
    "regular": {
        "closer_to_goal": "Да",
        "went_well": "Разобрали ошибки прошлой недели",
        "change_next": "",
        "feeling": "Хорошо",
        "todo_next": "Выполнить задание по плану",
    },
    "final": {
        "most_valuable": "Поддержка и честная обратная связь",
        "results": "Цели достигнуты",
        "learned": "Планировать и не бояться ошибок",
        "closeness": 8,
        "changed": "Стал увереннее",
        "understood": "",
        "remembered": "Открытый урок",
        "continue_together": False,
        "become_mentor": True,
    },
}


def _diaries(pairs: list[Mentorship], today: dt.date) -> None:
    """Both sides write the diary after every held meeting, except a few left out on purpose."""
    others = Mentorship.objects.filter(status__in=(*WORKING, Mentorship.Status.COMPLETED), meetings__status="held")
    others = others.exclude(pk__in=[p.pk for p in pairs]).distinct().select_related("mentor", "mentee")
    skip = _skipped(pairs, today)
    for pair in pairs + list(others):
        for meeting in pair.meetings.filter(status=Meeting.Status.HELD).order_by("scheduled_at"):
            for person in meeting_people(meeting=meeting):
                if (meeting.pk, person.pk) in skip or Reflection.objects.filter(
                    meeting=meeting, person=person
                ).exists():
                    continue
                answers = dict(ANSWERS[meeting.kind])
                if meeting.kind == "final" and person.pk == pair.mentor_id:
                    answers["become_mentor"] = True  # the mentor goes on mentoring
                try:
                    # A savepoint per entry: a person without the questionnaires consent simply has no diary.
                    with transaction.atomic():
                        entry = services.reflection_submit(meeting=meeting, person=person, answers=answers)
                except ValidationError:
                    continue
                # Written the evening after the meeting, not at the moment the demo was built.
                written = meeting.scheduled_at + dt.timedelta(hours=3, minutes=10 * (person.pk % 5))
                Reflection.objects.filter(pk=entry.pk).update(submitted_at=written)
                type(entry.response).objects.filter(pk=entry.response_id).update(submitted_at=written)


def _skipped(pairs: list[Mentorship], today: dt.date) -> set[tuple[int, int]]:
    """(meeting, person) entries left unwritten: the demo mentee's latest meeting (so the page asks for it) and
    one mentor's entry past its due date (so the curator's list shows missing feedback)."""
    skip: set[tuple[int, int]] = set()
    for pair in pairs:
        held = list(pair.meetings.filter(status=Meeting.Status.HELD, kind="regular").order_by("-scheduled_at"))
        if _username(pair.mentee) == "mentee" and held:
            skip.add((held[0].pk, pair.mentee_id))
    for pair in pairs:
        if _username(pair.mentee) == "mentee" or pair.mentee.category == Person.Category.TEACHER:
            continue
        held = pair.meetings.filter(status=Meeting.Status.HELD, kind="regular").order_by("-scheduled_at")
        late = [m for m in held if rules.feedback_overdue(held_on=m.scheduled_at.astimezone(TZ).date(), today=today)]
        if late:
            skip.add((late[0].pk, pair.mentor_id))
            break
    return skip


# --- a request to change the mentor ------------------------------------------------------------------------------


def _change_request(pairs: list[Mentorship]) -> None:
    if ChangeRequest.objects.filter(status=ChangeRequest.Status.OPEN).exists():
        return
    pupils = [p for p in pairs if p.mentee.category == Person.Category.PUPIL and _username(p.mentee) != "mentee"]
    if not pupils:
        return
    pair = pupils[-1]
    services.change_request_create(
        mentorship=pair,
        requested_by=pair.mentee,
        subject=pair.mentee,
        side="mentee",
        reason="Не совпадают расписания: встречи всё время переносятся. Прошу подобрать другого наставника.",
    )
