"""The attention list and the home page at scale: the same items as before, found in SQL, and a number of queries
that does not grow with the number of pairs and meetings."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.mentorships import selectors, services
from nastavnik.mentorships.models import Mentorship, MentorshipMember
from nastavnik.orgs.models import Role
from tests.factories import MeetingFactory, MentorshipFactory, MentorshipMemberFactory, ProgramFactory
from tests.mentorships.factories import (
    GoalFactory,
    PlanFactory,
    StepFactory,
    at,
    held,
    pair,
    reflect,
    reflect_all,
    staff,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _missing(mentorships, **kwargs):
    return sorted(
        (row.meeting.pk, row.person.pk) for row in selectors.feedback_missing(mentorships=mentorships, **kwargs)
    )


def test_it_finds_exactly_the_silent_people_of_pairs_and_groups():
    p = pair()
    m = p.mentorship
    both = held(m, TODAY - dt.timedelta(days=10))
    reflect_all(both, p)
    mentor_only = held(m, TODAY - dt.timedelta(days=9))
    reflect(mentor_only, p.mentor)
    on_the_due_day = held(m, TODAY - dt.timedelta(days=3))  # still in time: due today
    day_after_due = held(m, TODAY - dt.timedelta(days=4))
    reflect(day_after_due, p.mentee)
    member = MentorshipMemberFactory(mentorship=m, side=MentorshipMember.Side.MENTEE).person
    group_meeting = held(m, TODAY - dt.timedelta(days=8))
    reflect_all(group_meeting, p)  # the lead pair wrote, the further member did not
    chosen = held(m, TODAY - dt.timedelta(days=7))
    chosen.participants.set([p.mentor, member])
    reflect(chosen, p.mentor)  # the mentee was not expected; the member was and is silent
    chosen_done = held(m, TODAY - dt.timedelta(days=6))
    chosen_done.participants.set([p.mentor])
    reflect(chosen_done, p.mentor)
    MeetingFactory(mentorship=m, scheduled_at=at(TODAY - dt.timedelta(days=12)))  # planned, not held: not a diary

    expected = sorted(
        [
            (mentor_only.pk, p.mentee.pk),
            (day_after_due.pk, p.mentor.pk),
            (day_after_due.pk, member.pk),
            (mentor_only.pk, member.pk),
            (both.pk, member.pk),
            (group_meeting.pk, member.pk),
            (chosen.pk, member.pk),
        ]
    )
    pairs = Mentorship.objects.filter(pk=m.pk)
    assert _missing(pairs, today=TODAY) == expected
    assert on_the_due_day.pk not in {pk for pk, _ in expected}
    pending = list(selectors.feedback_pending(mentorships=pairs, today=TODAY))
    assert pending == [both, mentor_only, group_meeting, chosen, day_after_due], "oldest first"
    assert {pk for pk, _ in _missing(pairs, today=TODAY, limit=2)} == {both.pk, mentor_only.pk}


def _troubled_pairs(program, n: int, start: int = 0) -> None:
    """`n` working pairs with one trouble of every kind each, on days spread over the past weeks."""
    for i in range(start, start + n):
        day = TODAY - dt.timedelta(days=20 + i % 9)
        m = MentorshipFactory(program=program, starts_on=TODAY - dt.timedelta(days=90))
        held(m, day)  # nobody wrote the diary, and the pair has not met since
        reflect(held(m, day - dt.timedelta(days=14)), m.mentor)
        MeetingFactory(mentorship=m, scheduled_at=at(day + dt.timedelta(days=7)))  # never marked
        StepFactory(goal=GoalFactory(mentorship=m), deadline=day)
        plan = PlanFactory(mentorship=m, starts_on=TODAY - dt.timedelta(days=60), ends_on=TODAY + dt.timedelta(days=90))
        plan.activities.create(title=f"Посещение уроков {i}", deadline=day + dt.timedelta(days=1))
        services.change_request_create(
            mentorship=m, requested_by=m.mentee, subject=m.mentee, side="mentee", reason="Не сложилось общение"
        )


def test_the_overview_shows_the_first_items_of_the_full_list_and_counts_every_kind():
    p = pair(interval=14)
    org = p.mentorship.program.organization
    _troubled_pairs(p.mentorship.program, 4)
    _troubled_pairs(ProgramFactory(organization=org, meeting_interval_days=7), 3, start=4)
    full = selectors.attention_list(organization=org, today=TODAY)
    for limit in (0, 1, 5, 8, 100):
        first, counts = selectors.attention_overview(organization=org, today=TODAY, limit=limit)
        assert [(i.kind, i.mentorship.pk, i.since, i.text) for i in first] == [
            (i.kind, i.mentorship.pk, i.since, i.text) for i in full[:limit]
        ]
        assert counts == {kind: sum(1 for i in full if i.kind == kind) for kind, _ in selectors.attention_kinds()}
    assert counts["no_meeting"] == 8 and counts["change_request"] == 7 and counts["feedback_missing"] == 14
    only = selectors.attention_list(organization=org, today=TODAY, kind="unmarked")
    assert only == [i for i in full if i.kind == "unmarked"] and len(only) == 7


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_attention_list_home_and_pages_take_as_many_queries_for_three_times_the_pairs(client):
    p = pair()
    org = p.mentorship.program.organization
    program = p.mentorship.program
    director = staff(org, Role.DIRECTOR)
    _troubled_pairs(program, 3)

    def counts() -> tuple[int, ...]:
        client.force_login(p.curator.user)
        home = _queries(lambda: client.get(reverse("home")))
        attention = _queries(lambda: client.get(reverse("mentorship_attention")))
        by_kind = _queries(lambda: client.get(reverse("mentorship_attention"), {"kind": "feedback_missing"}))
        client.force_login(director.user)
        director_home = _queries(lambda: client.get(reverse("home")))
        overview = _queries(lambda: selectors.attention_overview(organization=org, today=TODAY, limit=8))
        return home, attention, by_kind, director_home, overview

    before = counts()
    _troubled_pairs(program, 6, start=3)
    assert counts() == before


def test_the_attention_page_pages_the_list_and_reads_only_what_it_shows(client, monkeypatch):
    from nastavnik.mentorships.views import pages

    p = pair()
    org = p.mentorship.program.organization
    _troubled_pairs(p.mentorship.program, 3)
    full = selectors.attention_list(organization=org, today=TODAY)
    assert len(full) == 22
    monkeypatch.setattr(pages, "ATTENTION_PAGE", 8)
    client.force_login(p.curator.user)
    shown = []
    for number in (1, 2, 3):
        page = client.get(reverse("mentorship_attention"), {"page": number})
        shown += [item.text for item in page.context["items"]]
        assert f"{number} из 3" in page.content.decode()
    assert shown == [item.text for item in full]
    only = client.get(reverse("mentorship_attention"), {"kind": "change_request", "page": 1})
    assert [i.text for i in only.context["items"]] == [i.text for i in full if i.kind == "change_request"]
    assert "pagination" not in only.content.decode(), "three requests fit on one page"
