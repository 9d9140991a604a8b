"""The pair lists and the calendar read as many queries however many pairs and meetings there are, and show the
same pairs and meetings as the rule says (participants see theirs, the curator the programme's meetings they
attend)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.mentorships import selectors
from nastavnik.mentorships.models import Mentorship, MentorshipMember
from nastavnik.orgs.models import Role
from tests.factories import MeetingFactory, MentorshipFactory, MentorshipMemberFactory
from tests.mentorships.factories import at, pair, staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_pairs(program, n: int) -> None:
    for i in range(n):
        m = MentorshipFactory(program=program)
        MeetingFactory(mentorship=m, scheduled_at=at(TODAY + dt.timedelta(days=i + 1)))


def test_the_pair_list_and_the_calendar_take_as_many_queries_for_five_times_the_pairs(client):
    p = pair()
    program = p.mentorship.program
    director = staff(program.organization, Role.DIRECTOR)
    MeetingFactory(mentorship=p.mentorship, scheduled_at=at(TODAY + dt.timedelta(days=2)))
    _more_pairs(program, 2)

    def counts() -> tuple[int, ...]:
        client.force_login(director.user)
        pairs = _queries(client, reverse("mentorships"))
        client.force_login(p.mentor.user)
        mine = _queries(client, reverse("mentorships"))
        calendar = _queries(client, reverse("my_calendar"))
        client.force_login(p.curator.user)
        curator_calendar = _queries(client, reverse("my_calendar"))
        return pairs, mine, calendar, curator_calendar

    before = counts()
    _more_pairs(program, 8)
    assert counts() == before


def test_a_participant_sees_the_pairs_and_meetings_they_take_part_in_and_the_curator_those_they_attend():
    p = pair()
    program = p.mentorship.program
    group = MentorshipFactory(program=program)
    MentorshipMemberFactory(mentorship=group, person=p.mentee, side=MentorshipMember.Side.MENTEE)
    other = MentorshipFactory(program=program)
    own = MeetingFactory(mentorship=p.mentorship, scheduled_at=at(TODAY + dt.timedelta(days=1)))
    in_group = MeetingFactory(mentorship=group, scheduled_at=at(TODAY + dt.timedelta(days=2)))
    attended = MeetingFactory(mentorship=other, scheduled_at=at(TODAY + dt.timedelta(days=3)), curator_present=True)
    MeetingFactory(mentorship=other, scheduled_at=at(TODAY + dt.timedelta(days=4)))  # without the curator

    assert list(selectors.calendar_meetings(person=p.mentee)) == [own, in_group]
    assert list(selectors.calendar_meetings(person=p.mentor)) == [own]
    assert list(selectors.calendar_meetings(person=p.curator)) == [attended]

    from nastavnik.dashboard.selectors import mentorships_of_person

    assert set(mentorships_of_person(person_ids={p.mentee.pk})) == {p.mentorship, group}
    assert set(Mentorship.objects.all()) - set(mentorships_of_person(person_ids={p.mentee.pk})) == {other}
