"""The meeting rules of seed 000 against a fixed clock (pure: no database)."""

import datetime as dt

from nastavnik.mentorships import rules

MSK = dt.timezone(dt.timedelta(hours=3))
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=MSK)
TODAY = NOW.date()


def test_it_gives_each_kind_the_seed_defaults():
    defaults = {k: r.default_minutes for k, r in rules.KIND_RULES.items()}
    assert defaults == {"acquaintance": 40, "trial": 60, "planning": 90, "regular": 60, "final": 90}
    assert rules.curator_required("acquaintance") and rules.curator_required("final")
    assert not rules.curator_required("regular")


def test_it_holds_in_person_meetings_to_their_durations():
    assert rules.duration_errors(kind="acquaintance", fmt="in_person", minutes=35) == []
    assert rules.duration_errors(kind="acquaintance", fmt="in_person", minutes=20) == ["min:30"]
    assert rules.duration_errors(kind="acquaintance", fmt="in_person", minutes=60) == ["max:40"]
    assert rules.duration_errors(kind="trial", fmt="in_person", minutes=75) == ["max:60"]
    assert rules.duration_errors(kind="planning", fmt="in_person", minutes=45) == ["min:60"]
    # «Любая встреча не может длиться менее часа, если проходит очно».
    assert rules.duration_errors(kind="regular", fmt="in_person", minutes=45) == ["min:60"]
    assert rules.duration_errors(kind="regular", fmt="in_person", minutes=120) == []


def test_it_exempts_online_meetings_from_the_duration_rule():
    assert rules.duration_errors(kind="regular", fmt="online", minutes=20) == []
    assert rules.duration_errors(kind="acquaintance", fmt="online", minutes=90) == []


def test_it_allows_one_acquaintance_and_one_final_meeting():
    assert rules.kind_conflict(kind="acquaintance", active_kinds=["acquaintance"])
    assert rules.kind_conflict(kind="final", active_kinds=["regular", "final"])
    assert not rules.kind_conflict(kind="regular", active_kinds=["regular", "regular"])


def test_it_counts_the_next_due_date_from_the_last_held_meeting():
    start = dt.date(2026, 10, 1)
    assert rules.next_due_date(last_held_on=None, started_on=start, interval_days=14) == dt.date(2026, 10, 15)
    assert rules.next_due_date(last_held_on=dt.date(2026, 11, 10), started_on=start, interval_days=14) == dt.date(
        2026, 11, 24
    )
    # The lyceum's roadmap (seed 001) asks for weekly meetings: the same pair is overdue sooner.
    assert rules.is_overdue(last_held_on=dt.date(2026, 11, 10), started_on=start, interval_days=7, today=TODAY)
    assert not rules.is_overdue(last_held_on=dt.date(2026, 11, 10), started_on=start, interval_days=14, today=TODAY)
    assert not rules.is_overdue(last_held_on=dt.date(2026, 11, 9), started_on=start, interval_days=14, today=TODAY), (
        "the due day itself is still in time"
    )


def test_it_makes_feedback_due_three_days_after_the_meeting():
    assert rules.feedback_due_date(held_on=dt.date(2026, 11, 20)) == dt.date(2026, 11, 23)
    assert not rules.feedback_overdue(held_on=dt.date(2026, 11, 20), today=TODAY)
    assert rules.feedback_overdue(held_on=dt.date(2026, 11, 19), today=TODAY)


def test_it_times_reminders_around_the_meeting():
    meeting = NOW + dt.timedelta(hours=20)
    assert rules.meeting_reminder_due(scheduled_at=meeting, now=NOW)
    assert not rules.meeting_reminder_due(scheduled_at=NOW + dt.timedelta(hours=30), now=NOW)
    assert not rules.meeting_reminder_due(scheduled_at=NOW - dt.timedelta(minutes=1), now=NOW)
    yesterday = NOW - dt.timedelta(days=1, hours=2)
    assert rules.feedback_reminder_due(scheduled_at=yesterday, duration_minutes=60, now=NOW)
    assert not rules.feedback_reminder_due(scheduled_at=NOW - dt.timedelta(hours=3), duration_minutes=60, now=NOW)
    long_ago = NOW - dt.timedelta(days=10)
    assert not rules.feedback_reminder_due(scheduled_at=long_ago, duration_minutes=60, now=NOW)


def test_it_marks_outcomes_only_once_the_meeting_began():
    assert rules.can_mark_outcome(scheduled_at=NOW, now=NOW)
    assert not rules.can_mark_outcome(scheduled_at=NOW + dt.timedelta(minutes=1), now=NOW)


def test_it_bounds_a_personal_plan_to_three_months_and_a_year():
    start = dt.date(2026, 11, 30)
    assert rules.add_months(start, 3) == dt.date(2027, 2, 28)
    assert rules.plan_period_error(starts_on=start, ends_on=dt.date(2027, 2, 27)) == "short"
    assert rules.plan_period_error(starts_on=start, ends_on=dt.date(2027, 2, 28)) is None
    assert rules.plan_period_error(starts_on=start, ends_on=dt.date(2027, 11, 30)) is None
    assert rules.plan_period_error(starts_on=start, ends_on=dt.date(2027, 12, 1)) == "long"


def test_it_derives_goal_progress_and_overdue_steps():
    assert rules.progress_percent(done=1, total=3) == 33
    assert rules.progress_percent(done=0, total=0) == 0
    assert rules.step_overdue(deadline=dt.date(2026, 11, 22), done_on=None, today=TODAY)
    assert not rules.step_overdue(deadline=dt.date(2026, 11, 23), done_on=None, today=TODAY)
    assert not rules.step_overdue(deadline=dt.date(2026, 11, 1), done_on=dt.date(2026, 11, 2), today=TODAY)
    assert not rules.step_overdue(deadline=None, done_on=None, today=TODAY)
