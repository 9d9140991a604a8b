"""Meetings, the programme, wishes and goals through the services: the rules users rely on."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.mentorships import services
from nastavnik.mentorships.models import Meeting, Mentorship, PersonalPlan
from tests.mentorships.factories import at, pair

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


def test_it_schedules_a_meeting_with_the_kinds_defaults():
    p = pair()
    meeting = services.meeting_schedule(mentorship=p.mentorship, kind="acquaintance", scheduled_at=at(TOMORROW))
    assert meeting.status == Meeting.Status.PLANNED
    assert meeting.duration_minutes == 40
    assert meeting.curator_present, "the acquaintance is held with the curator"
    regular = services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(TOMORROW, 17))
    assert regular.duration_minutes == 60 and not regular.curator_present


def test_it_refuses_a_short_in_person_meeting_but_records_a_short_online_one():
    p = pair()
    with pytest.raises(ValidationError, match="не меньше 60 мин"):
        services.meeting_schedule(
            mentorship=p.mentorship, kind="regular", scheduled_at=at(TOMORROW), duration_minutes=30
        )
    assert not Meeting.objects.exists()
    online = services.meeting_schedule(
        mentorship=p.mentorship, kind="regular", scheduled_at=at(TOMORROW), duration_minutes=30, fmt="online"
    )
    assert online.duration_minutes == 30


def test_it_requires_the_curator_at_the_acquaintance_and_the_final_meeting():
    p = pair()
    with pytest.raises(ValidationError, match="куратор"):
        services.meeting_schedule(
            mentorship=p.mentorship, kind="final", scheduled_at=at(TOMORROW), curator_present=False
        )


def test_it_refuses_a_second_acquaintance():
    p = pair()
    services.meeting_schedule(mentorship=p.mentorship, kind="acquaintance", scheduled_at=at(TOMORROW))
    with pytest.raises(ValidationError, match="уже есть"):
        services.meeting_schedule(mentorship=p.mentorship, kind="acquaintance", scheduled_at=at(TOMORROW, 18))


def test_it_does_not_confirm_a_proposed_pair_by_holding_the_acquaintance_alone():
    p = pair(status=Mentorship.Status.PROPOSED)
    today = timezone.localdate()
    meeting = services.meeting_schedule(mentorship=p.mentorship, kind="acquaintance", scheduled_at=at(today, 9))
    services.meeting_hold(meeting=meeting, notes="Готовы работать", now=at(today, 10))
    p.mentorship.refresh_from_db()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.notes == "Готовы работать"
    assert p.mentorship.status == Mentorship.Status.PROPOSED, "both sides answer «Готовы ли мы работать…» first"


def test_it_marks_held_or_missed_only_after_the_start():
    p = pair()
    meeting = services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(TOMORROW))
    with pytest.raises(ValidationError, match="после её начала"):
        services.meeting_hold(meeting=meeting, now=at(TOMORROW, 14))
    with pytest.raises(ValidationError):
        services.meeting_miss(meeting=meeting, now=at(TOMORROW, 14))
    services.meeting_miss(meeting=meeting, reason="Болезнь", now=at(TOMORROW, 16))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MISSED and meeting.reason == "Болезнь"
    with pytest.raises(ValidationError, match="запланированной"):
        services.meeting_hold(meeting=meeting, now=at(TOMORROW, 17))


def test_it_reschedules_keeping_the_history():
    p = pair()
    old = services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(TOMORROW), topic="Урок")
    new = services.meeting_reschedule(meeting=old, scheduled_at=at(TOMORROW + dt.timedelta(days=2)), reason="Экзамен")
    old.refresh_from_db()
    assert old.status == Meeting.Status.RESCHEDULED and old.reason == "Экзамен"
    assert new.status == Meeting.Status.PLANNED and new.rescheduled_from == old and new.topic == "Урок"


def test_it_cancels_only_with_a_reason():
    p = pair()
    meeting = services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(TOMORROW))
    with pytest.raises(ValidationError, match="причину"):
        services.meeting_cancel(meeting=meeting, reason=" ")
    services.meeting_cancel(meeting=meeting, reason="Карантин")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED


def test_it_plans_nothing_for_a_finished_pair():
    p = pair(status=Mentorship.Status.COMPLETED)
    with pytest.raises(ValidationError, match="завершила"):
        services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(TOMORROW))


def test_it_completes_a_pair_only_after_the_final_meeting():
    p = pair(starts_on=timezone.localdate() - dt.timedelta(days=120))
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="итоговой"):
        services.mentorship_complete(mentorship=p.mentorship, on=today)
    final = services.meeting_schedule(mentorship=p.mentorship, kind="final", scheduled_at=at(today, 8))
    services.meeting_hold(meeting=final, now=at(today, 10))
    services.mentorship_complete(mentorship=p.mentorship, on=today)
    assert Mentorship.objects.get(pk=p.mentorship.pk).status == Mentorship.Status.COMPLETED


def test_it_keeps_a_personal_plan_between_three_months_and_a_year():
    p = pair()
    start = dt.date(2026, 12, 1)
    with pytest.raises(ValidationError, match="3 месяца"):
        services.plan_save(mentorship=p.mentorship, starts_on=start, ends_on=dt.date(2027, 1, 31))
    with pytest.raises(ValidationError, match="год"):
        services.plan_save(mentorship=p.mentorship, starts_on=start, ends_on=dt.date(2028, 1, 31))
    plan = services.plan_save(
        mentorship=p.mentorship, starts_on=start, ends_on=dt.date(2027, 5, 31), difficulties="Оценивание"
    )
    assert plan.kind == p.mentorship.program.kind
    services.plan_approve(plan=plan, on=start)
    again = services.plan_save(mentorship=p.mentorship, starts_on=start, ends_on=dt.date(2027, 6, 30))
    assert PersonalPlan.objects.count() == 1
    assert again.approved_on is None, "a changed programme is approved again"


def test_it_keeps_activities_within_the_plan_period():
    p = pair()
    plan = services.plan_save(mentorship=p.mentorship, starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2027, 5, 31))
    with pytest.raises(ValidationError, match="период программы"):
        services.plan_activity_add(plan=plan, title="Открытый урок", deadline=dt.date(2027, 9, 1))
    activity = services.plan_activity_add(plan=plan, title="Открытый урок", deadline=dt.date(2027, 3, 1))
    services.plan_activity_done(activity=activity, on=dt.date(2027, 2, 20))
    activity.refresh_from_db()
    assert activity.done_on == dt.date(2027, 2, 20)


def test_it_keeps_five_wishes_per_person_and_turns_a_wish_into_a_goal():
    p = pair()
    wishes = [services.wish_add(mentorship=p.mentorship, person=p.mentee, text=f"Желание {n}") for n in range(5)]
    assert [w.number for w in wishes] == [1, 2, 3, 4, 5]
    with pytest.raises(ValidationError, match="пять"):
        services.wish_add(mentorship=p.mentorship, person=p.mentee, text="Шестое")
    goal = services.goal_from_wish(wish=wishes[1])
    assert goal.number == 1 and goal.title == "Желание 1" and goal.wish == wishes[1]
    with pytest.raises(ValidationError, match="уже поставлена"):
        services.goal_from_wish(wish=wishes[1])
    second = services.goal_create(mentorship=p.mentorship, title="Выступить на МО")
    assert second.number == 2


def test_it_records_wishes_of_participants_only(django_user_model):
    p = pair()
    stranger = pair().mentee
    with pytest.raises(ValidationError, match="наставляемого"):
        services.wish_add(mentorship=p.mentorship, person=stranger, text="Чужое желание")


def test_it_invites_part_of_a_group_to_a_group_meeting():
    from nastavnik.mentorships.models import MentorshipMember
    from nastavnik.mentorships.selectors import meeting_people
    from tests.factories import PersonFactory

    p = pair()
    extra = PersonFactory(organization=p.mentorship.program.organization)
    MentorshipMember.objects.create(mentorship=p.mentorship, person=extra, side="mentee")
    whole = services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(TOMORROW))
    assert {x.pk for x in meeting_people(meeting=whole)} == {p.mentor.pk, p.mentee.pk, extra.pk}
    part = services.meeting_schedule(
        mentorship=p.mentorship, kind="regular", scheduled_at=at(TOMORROW, 17), participants=[p.mentor, extra]
    )
    assert {x.pk for x in meeting_people(meeting=part)} == {p.mentor.pk, extra.pk}
    with pytest.raises(ValidationError, match="участников группы"):
        services.meeting_schedule(
            mentorship=p.mentorship, kind="regular", scheduled_at=at(TOMORROW, 18), participants=[pair().mentee]
        )
