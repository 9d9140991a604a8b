"""The pair's page and its actions through HTTP: who may do what, HTMX partials and the no-JS fallbacks."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.intake.models import MentorCandidate
from nastavnik.mentorships.models import (
    ChangeRequest,
    Goal,
    GoalStep,
    Meeting,
    Mentorship,
    PersonalPlan,
    Reflection,
    Wish,
)
from nastavnik.privacy.models import AccessLog, Consent
from tests.factories import MeetingFactory
from tests.mentorships.factories import at, held, other_mentor, pair, pupil_pair, reflect_all

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HTMX = {"HTTP_HX_REQUEST": "true"}


def _schedule_data(day=None, **over):
    day = day or TODAY + dt.timedelta(days=2)
    data = {
        "kind": "regular",
        "day": day.isoformat(),
        "time": "15:00",
        "format": "in_person",
        "duration_minutes": "",
        "place": "Каб. 21",
        "topic": "Разбор урока",
        "curator": "",
    }
    data.update(over)
    return data


def test_it_shows_the_pair_to_its_people_and_staff_only(client):
    p, parent = pupil_pair()
    url = reverse("mentorship", args=[p.mentorship.pk])
    for person in (p.mentor, p.mentee, p.curator, parent):
        client.force_login(person.user)
        page = client.get(url)
        assert page.status_code == 200, person
        assert 'id="meetings"' in page.content.decode() and 'id="diary"' in page.content.decode()
    client.force_login(other_mentor().user)
    assert client.get(url).status_code == 404
    assert AccessLog.objects.filter(person=p.mentee, action="mentorship.view").exists()


def test_it_gives_the_guardian_a_view_without_forms(client):
    p, parent = pupil_pair()
    client.force_login(parent.user)
    page = client.get(reverse("mentorship", args=[p.mentorship.pk])).content.decode()
    assert reverse("meeting_schedule", args=[p.mentorship.pk]) not in page
    assert client.post(reverse("meeting_schedule", args=[p.mentorship.pk]), _schedule_data()).status_code == 403


def test_it_lets_the_mentor_schedule_a_meeting_without_js(client):
    p = pair()
    client.force_login(p.mentor.user)
    response = client.post(reverse("meeting_schedule", args=[p.mentorship.pk]), _schedule_data())
    assert response.status_code == 302 and response["Location"].endswith("#meetings")
    meeting = Meeting.objects.get()
    assert meeting.duration_minutes == 60 and meeting.place == "Каб. 21"
    assert timezone.localtime(meeting.scheduled_at).hour == 15


def test_it_answers_htmx_with_the_section_and_refreshes_the_diary(client):
    p = pair()
    client.force_login(p.mentor.user)
    response = client.post(reverse("meeting_schedule", args=[p.mentorship.pk]), _schedule_data(), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="meetings"') and "Встреча запланирована." in html
    assert re.search(r"<section id=\"diary\"[^>]*hx-swap-oob=\"true\"", html)


def test_it_shows_the_rule_when_a_meeting_is_too_short(client):
    p = pair()
    client.force_login(p.mentor.user)
    data = _schedule_data(duration_minutes="30")
    page = client.post(reverse("meeting_schedule", args=[p.mentorship.pk]), data).content.decode()
    assert "не меньше 60 мин" in page and not Meeting.objects.exists()
    htmx = client.post(reverse("meeting_schedule", args=[p.mentorship.pk]), data, **HTMX).content.decode()
    assert "не меньше 60 мин" in htmx


def test_it_lets_the_mentor_but_not_the_mentee_mark_a_meeting_held(client):
    p = pair()
    meeting = MeetingFactory(mentorship=p.mentorship, scheduled_at=timezone.now() - dt.timedelta(hours=1))
    url = reverse("meeting_hold", args=[meeting.pk])
    client.force_login(p.mentee.user)
    assert client.post(url, {"notes": "Сам отметил"}).status_code == 403
    client.force_login(p.mentor.user)
    assert client.post(url, {"notes": "Разобрали урок"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.notes == "Разобрали урок"
    client.force_login(p.mentee.user)
    page = client.get(reverse("mentorship", args=[p.mentorship.pk])).content.decode()
    assert reverse("meeting_reflection", args=[meeting.pk]) in page, "the mentee is asked for the diary"


def test_it_reschedules_cancels_and_misses_through_the_page(client):
    p = pair()
    soon = MeetingFactory(mentorship=p.mentorship, scheduled_at=at(TODAY + dt.timedelta(days=1)))
    past = MeetingFactory(mentorship=p.mentorship, scheduled_at=timezone.now() - dt.timedelta(hours=2))
    client.force_login(p.mentee.user)
    new_day = (TODAY + dt.timedelta(days=4)).isoformat()
    client.post(reverse("meeting_reschedule", args=[soon.pk]), {"day": new_day, "time": "16:00", "reason": "Экзамен"})
    soon.refresh_from_db()
    assert soon.status == Meeting.Status.RESCHEDULED and soon.rescheduled_to.status == Meeting.Status.PLANNED
    html = client.post(reverse("meeting_cancel", args=[soon.rescheduled_to.pk]), {"reason": ""}, **HTMX)
    assert "Укажите причину отмены." in html.content.decode()
    client.post(reverse("meeting_cancel", args=[soon.rescheduled_to.pk]), {"reason": "Карантин"})
    assert Meeting.objects.filter(status=Meeting.Status.CANCELLED).count() == 1
    client.force_login(p.mentor.user)
    client.post(reverse("meeting_miss", args=[past.pk]), {"reason": "Не пришёл"})
    past.refresh_from_db()
    assert past.status == Meeting.Status.MISSED


def test_it_stores_the_mentees_diary_through_the_questionnaire(client):
    p = pair()
    meeting = held(p.mentorship, TODAY - dt.timedelta(days=1))
    url = reverse("meeting_reflection", args=[meeting.pk])
    client.force_login(p.mentee.user)
    page = client.get(url).content.decode()
    assert "Приблизились ли мы сегодня к цели?" in page and "Как я сейчас себя чувствую?" in page
    answers = {
        "closer_to_goal": "Отчасти",
        "went_well": "Разобрали ошибки",
        "change_next": "",
        "feeling": "Спокойно",
        "todo_next": "Переписать план урока",
    }
    response = client.post(url, answers)
    assert response.status_code == 302 and response["Location"].endswith("#diary")
    reflection = Reflection.objects.get()
    assert reflection.person == p.mentee and reflection.side == "mentee"
    assert reflection.response.object_id == meeting.pk
    assert client.get(url).status_code == 302, "written once"
    client.force_login(p.curator.user)
    page = client.get(reverse("mentorship", args=[p.mentorship.pk])).content.decode()
    assert "Переписать план урока" in page


def test_it_refuses_the_diary_without_the_questionnaires_consent(client):
    p = pair()
    Consent.objects.filter(person=p.mentee, purpose=Consent.Purpose.QUESTIONNAIRES).update(withdrawn_at=timezone.now())
    meeting = held(p.mentorship, TODAY - dt.timedelta(days=1))
    client.force_login(p.mentee.user)
    page = client.get(reverse("meeting_reflection", args=[meeting.pk])).content.decode()
    assert "Нет действующего согласия" in page
    answers = {"closer_to_goal": "Да", "went_well": "Всё", "feeling": "Хорошо", "todo_next": "Ничего"}
    page = client.post(reverse("meeting_reflection", args=[meeting.pk]), answers).content.decode()
    assert "Нет действующего согласия" in page and not Reflection.objects.exists()


def test_it_makes_a_mentee_who_wants_to_mentor_a_candidate(client):
    p = pair()
    final = held(p.mentorship, TODAY, kind="final", duration_minutes=90, curator_present=True)
    client.force_login(p.mentee.user)
    answers = {
        "most_valuable": "Поддержка",
        "results": "Открытый урок",
        "learned": "Планировать",
        "closeness": "8",
        "continue_together": "no",
        "become_mentor": "yes",
    }
    response = client.post(reverse("meeting_reflection", args=[final.pk]), answers)
    assert response.status_code == 302
    candidate = MentorCandidate.objects.get(person=p.mentee)
    assert candidate.status == MentorCandidate.Status.CANDIDATE
    assert candidate.organization == p.mentorship.program.organization


def test_it_builds_wishes_goals_and_steps_from_the_page(client):
    p = pair()
    m = p.mentorship
    client.force_login(p.mentee.user)
    client.post(reverse("wish_add", args=[m.pk]), {"text": "Уверенно вести урок", "measure": "Открытый урок"})
    wish = Wish.objects.get()
    assert wish.person == p.mentee and wish.number == 1
    client.post(reverse("goal_from_wish", args=[m.pk, wish.pk]), **HTMX)
    goal = Goal.objects.get()
    html = client.post(
        reverse("step_add", args=[m.pk, goal.pk]),
        {"text": "Посетить урок наставника", "deadline": (TODAY - dt.timedelta(days=1)).isoformat()},
        **HTMX,
    ).content.decode()
    assert "просрочен" in html and "0%" in html
    step = GoalStep.objects.get()
    html = client.post(reverse("step_done", args=[m.pk, step.pk]), {"mark": "Посетил"}, **HTMX).content.decode()
    assert "100%" in html and "Посетил" in html


def test_it_lets_the_pair_write_the_plan_and_the_curator_approve_it(client):
    p = pair()
    m = p.mentorship
    client.force_login(p.mentor.user)
    data = {
        "starts_on": "2026-12-01",
        "ends_on": "2027-02-01",
        "kind": "traditional",
        "contact_mode": "direct",
        "difficulties": "Оценивание",
        "strengths": "",
        "directions": "",
        "expected_results": "",
    }
    page = client.post(reverse("plan_save", args=[m.pk]), data).content.decode()
    assert "не меньше чем на 3 месяца" in page and not PersonalPlan.objects.exists()
    data["ends_on"] = "2027-05-31"
    assert client.post(reverse("plan_save", args=[m.pk]), data).status_code == 302
    assert client.post(reverse("plan_approve", args=[m.pk])).status_code == 403
    client.force_login(p.curator.user)
    client.post(reverse("plan_approve", args=[m.pk]))
    assert PersonalPlan.objects.get().approved_on == TODAY


def test_it_lets_a_guardian_ask_for_another_mentor_and_the_curator_decide(client):
    p, parent = pupil_pair()
    m = p.mentorship
    client.force_login(parent.user)
    client.post(reverse("change_request_create", args=[m.pk]), {"reason": "Ребёнку некомфортно"})
    change = ChangeRequest.objects.get()
    assert change.subject == p.mentee and change.requested_by == parent and change.side == "mentee"
    decide = reverse("change_request_decide", args=[change.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 403
    client.force_login(p.curator.user)
    client.post(decide, {"decision": "approve", "note": "Подберём нового наставника"})
    m.refresh_from_db()
    assert m.status == Mentorship.Status.TERMINATED


def test_it_shows_the_attention_list_to_the_curator_only(client):
    p = pair()
    client.force_login(p.curator.user)
    page = client.get(reverse("mentorship_attention")).content.decode()
    assert "ни разу не встречалась" in page
    partial = client.get(reverse("mentorship_attention"), {"kind": "change_request"}, **HTMX).content.decode()
    assert "ни разу не встречалась" not in partial and "Всё в порядке" in partial
    client.force_login(p.mentor.user)
    assert client.get(reverse("mentorship_attention")).status_code == 404


def test_it_reads_the_pair_page_in_the_same_number_of_queries_however_long_the_diary(client):
    p = pair()
    client.force_login(p.curator.user)
    url = reverse("mentorship", args=[p.mentorship.pk])

    def queries_after(days: int) -> int:
        reflect_all(held(p.mentorship, TODAY - dt.timedelta(days=days)), p)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert queries_after(3) == queries_after(10) == queries_after(17)


@pytest.mark.parametrize(("interval", "rule"), [(21, "не реже раза в 21 день"), (3, "не реже раза в 3 дня")])
def test_the_pair_page_says_the_meeting_rule_in_full_words(client, interval, rule):
    late = pair(interval=interval)  # no meeting since the start a month ago: overdue
    fresh = pair(interval=interval)
    held(fresh.mentorship, TODAY)
    client.force_login(late.mentor.user)
    page = client.get(reverse("mentorship", args=[late.mentorship.pk])).content.decode()
    due = late.mentorship.starts_on + dt.timedelta(days=interval)
    assert f"встреча должна была пройти не позже {due:%d.%m.%Y} ({rule})." in page
    client.force_login(fresh.mentor.user)
    page = client.get(reverse("mentorship", args=[fresh.mentorship.pk])).content.decode()
    assert f"Следующая встреча — не позже {TODAY + dt.timedelta(days=interval):%d.%m.%Y} (встречи {rule})." in page
    assert " дн." not in page
