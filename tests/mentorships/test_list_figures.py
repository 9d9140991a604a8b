"""The pairs list's figures per pair (group size, meetings held, last held) come from per-row subqueries."""

import datetime as dt

import pytest
from django.utils import timezone

from nastavnik.mentorships import selectors
from nastavnik.mentorships.models import Meeting
from tests.factories import MeetingFactory, MentorshipMemberFactory
from tests.mentorships.factories import at, held, pair

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_it_counts_members_and_held_meetings_and_finds_the_last_held_one():
    p = pair()
    m = p.mentorship
    MentorshipMemberFactory(mentorship=m)
    MentorshipMemberFactory(mentorship=m)
    for days in (30, 16, 2):
        held(m, TODAY - dt.timedelta(days=days))
    MeetingFactory(mentorship=m, status=Meeting.Status.MISSED, scheduled_at=at(TODAY - dt.timedelta(days=1)))
    MeetingFactory(mentorship=m, scheduled_at=at(TODAY + dt.timedelta(days=5)))
    lone = pair()
    rows = {row.pk: row for row in selectors.mentorship_list(user=p.curator.user)}
    assert (rows[m.pk].member_count, rows[m.pk].held) == (2, 3)
    assert rows[m.pk].last_held == at(TODAY - dt.timedelta(days=2))
    rows = {row.pk: row for row in selectors.mentorship_list(user=lone.curator.user)}
    assert (rows[lone.mentorship.pk].member_count, rows[lone.mentorship.pk].held) == (0, 0)
    assert rows[lone.mentorship.pk].last_held is None


def test_the_list_links_each_pair_and_names_its_status(client):
    # perf2: the link is built from a reversed prefix and the label from one dict per page, not per row.
    from django.urls import reverse

    p = pair()
    client.force_login(p.curator.user)
    page = client.get(reverse("mentorships")).text
    assert f'href="{reverse("mentorship", args=[p.mentorship.pk])}"' in page
    assert f'data-label="Статус">{p.mentorship.get_status_display()}</td>' in page
