"""Goal progress from its steps, overdue marks, and the curator's attention list."""

import datetime as dt

import pytest
from django.utils import timezone

from nastavnik.mentorships import selectors, services
from nastavnik.mentorships.models import ChangeRequest, Meeting, Mentorship
from tests.factories import MeetingFactory, ProgramFactory
from tests.mentorships.factories import GoalFactory, PlanFactory, StepFactory, at, held, pair, reflect_all

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_it_derives_goal_progress_from_steps_and_marks_overdue_ones():
    p = pair()
    goal = GoalFactory(mentorship=p.mentorship)
    done = StepFactory(goal=goal, deadline=TODAY - dt.timedelta(days=10))
    StepFactory(goal=goal, deadline=TODAY - dt.timedelta(days=2), text="Посетить урок коллеги")
    StepFactory(goal=goal, deadline=TODAY + dt.timedelta(days=5), text="Провести урок")
    services.goal_step_done(step=done, on=TODAY - dt.timedelta(days=11), mark="План согласован")
    [g] = selectors.goals_of(mentorship=p.mentorship, today=TODAY)
    assert g.progress == 33
    assert g.overdue == 1
    assert [s.is_overdue for s in g.step_list] == [False, True, False]
    services.goal_step_done(step=g.step_list[1], on=TODAY)
    services.goal_step_done(step=g.step_list[2], on=TODAY)
    [g] = selectors.goals_of(mentorship=p.mentorship, today=TODAY)
    assert g.progress == 100 and g.overdue == 0


def _kinds(items):
    return sorted(i.kind for i in items)


def test_it_lists_pairs_that_have_not_met_for_longer_than_the_interval():
    fresh = pair(interval=14)
    held(fresh.mentorship, TODAY - dt.timedelta(days=5))
    stale = pair(interval=14)
    held(stale.mentorship, TODAY - dt.timedelta(days=20))
    for p in (fresh, stale):
        for m_id in Meeting.objects.filter(mentorship=p.mentorship).values_list("pk", flat=True):
            reflect_all(Meeting.objects.get(pk=m_id), p)
    weekly = pair(interval=7)
    held(weekly.mentorship, TODAY - dt.timedelta(days=9))
    reflect_all(weekly.mentorship.meetings.get(), weekly)
    for p, expected in ((fresh, []), (stale, ["no_meeting"]), (weekly, ["no_meeting"])):
        items = selectors.attention_list(organization=p.mentorship.program.organization, today=TODAY)
        assert _kinds(items) == expected
    [item] = selectors.attention_list(organization=stale.mentorship.program.organization, today=TODAY)
    assert item.mentorship == stale.mentorship
    assert item.since == TODAY - dt.timedelta(days=6)
    assert "не встречалась" in item.text and item.url.endswith(f"/{stale.mentorship.pk}/#meetings")
    assert item.text.endswith("(норма — не реже раза в 14 дней)")


@pytest.mark.parametrize(("interval", "rule"), [(21, "в 21 день"), (3, "в 3 дня"), (5, "в 5 дней")])
def test_the_attention_list_says_the_meeting_rule_in_full_words(interval, rule):
    p = pair(interval=interval)
    last = TODAY - dt.timedelta(days=interval + 2)
    held(p.mentorship, last)
    [item] = [
        i
        for i in selectors.attention_list(organization=p.mentorship.program.organization, today=TODAY)
        if i.kind == "no_meeting"
    ]
    assert item.text == f"Пара {p.mentorship} не встречалась с {last:%d.%m.%Y} (норма — не реже раза {rule})"


def test_it_lists_missing_feedback_after_the_due_date():
    p = pair()
    recent = held(p.mentorship, TODAY - dt.timedelta(days=2))
    old = held(p.mentorship, TODAY - dt.timedelta(days=6))
    reflect_all(recent, p)
    org = p.mentorship.program.organization
    items = [i for i in selectors.attention_list(organization=org, today=TODAY) if i.kind == "feedback_missing"]
    assert len(items) == 1
    assert old.scheduled_at.strftime("%d.%m.%Y") in items[0].text
    assert p.mentor.short_name in items[0].text and p.mentee.short_name in items[0].text
    assert items[0].since == TODAY - dt.timedelta(days=3)
    assert selectors.feedback_missing(mentorships=Mentorship.objects.filter(pk=p.mentorship.pk), today=TODAY)


def test_it_lists_overdue_steps_activities_unmarked_meetings_and_open_requests():
    p = pair()
    m = p.mentorship
    held(m, TODAY - dt.timedelta(days=1))
    reflect_all(m.meetings.get(), p)
    StepFactory(goal=GoalFactory(mentorship=m), deadline=TODAY - dt.timedelta(days=4))
    plan = PlanFactory(mentorship=m, starts_on=TODAY - dt.timedelta(days=60), ends_on=TODAY + dt.timedelta(days=120))
    plan.activities.create(title="Посещение уроков", deadline=TODAY - dt.timedelta(days=3))
    MeetingFactory(mentorship=m, scheduled_at=at(TODAY - dt.timedelta(days=2)))
    services.change_request_create(
        mentorship=m, requested_by=p.mentee, subject=p.mentee, side="mentee", reason="Не сложилось общение"
    )
    items = selectors.attention_list(organization=m.program.organization, today=TODAY)
    assert _kinds(items) == ["activity_overdue", "change_request", "step_overdue", "unmarked"]
    assert items[0].since <= items[-1].since, "oldest trouble first"
    other = ProgramFactory(organization=m.program.organization)
    assert selectors.attention_list(organization=m.program.organization, today=TODAY, program_id=other.pk) == []
    assert len(selectors.attention_list(organization=m.program.organization, today=TODAY, program_id=m.program_id)) == 4


def test_it_ignores_finished_pairs_on_the_attention_list():
    p = pair(status=Mentorship.Status.COMPLETED)
    held(p.mentorship, TODAY - dt.timedelta(days=60))
    assert selectors.attention_list(organization=p.mentorship.program.organization, today=TODAY) == []


def test_it_returns_items_the_dashboard_can_show():
    p = pair()
    [item] = selectors.attention_list(organization=p.mentorship.program.organization, today=TODAY)
    assert item.url.endswith("#meetings") and item.severity == "danger"
    assert ChangeRequest.objects.count() == 0
