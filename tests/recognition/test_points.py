"""Points: quality over volume, caps, editable rules, ratings per year; pupils see only their own."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from nastavnik.mentorships.models import Meeting
from nastavnik.orgs.models import Role
from nastavnik.recognition import selectors, services
from nastavnik.recognition.models import PointRule
from tests.factories import MeetingFactory, MentorshipFactory, OrganizationFactory, ProgramFactory, person_with_login
from tests.mentorships.factories import reflect

DAY = dt.datetime(2026, 10, 5, 15, 0, tzinfo=dt.UTC)


def _meetings(pair, n: int, *, diaries: bool) -> None:
    for i in range(n):
        meeting = MeetingFactory(mentorship=pair, status=Meeting.Status.HELD, scheduled_at=DAY + dt.timedelta(days=i))
        if diaries:
            reflect(meeting, pair.mentor)
            reflect(meeting, pair.mentee)


@pytest.fixture
def org(db):
    organization = OrganizationFactory()
    services.point_rules_ensure(organization=organization)
    return organization


def test_five_meetings_with_diaries_beat_ten_without(org):
    program = ProgramFactory(organization=org)
    careful = MentorshipFactory(program=program)
    busy = MentorshipFactory(program=program)
    _meetings(careful, 5, diaries=True)
    _meetings(busy, 10, diaries=False)
    rating = {p.pk: p.points for p in selectors.mentor_rating(organization=org, year=2026)}
    assert rating[careful.mentor_id] == 25  # 5 × 5
    assert rating[busy.mentor_id] == 10  # 10 × 1
    teams = list(selectors.team_rating(organization=org, year=2026))
    assert [t.pk for t in teams] == [careful.pk, busy.pk]


def test_caps_stop_farming_and_rules_are_editable(org):
    pair = MentorshipFactory(program=ProgramFactory(organization=org))
    _meetings(pair, 30, diaries=True)
    assert selectors.mentor_rating(organization=org, year=2026).get(pk=pair.mentor_id).points == 60  # the cap
    rule = PointRule.objects.get(organization=org, code=PointRule.Code.MEETING_WITH_DIARIES)
    services.point_rule_set(rule=rule, points=2, cap=100)
    assert selectors.mentor_rating(organization=org, year=2026).get(pk=pair.mentor_id).points == 60  # 30 × 2
    with pytest.raises(ValidationError):
        services.point_rule_set(rule=rule, points=10, cap=5)


def test_points_count_in_their_school_year_only(org):
    pair = MentorshipFactory(program=ProgramFactory(organization=org))
    _meetings(pair, 3, diaries=True)
    assert not selectors.mentor_rating(organization=org, year=2025).filter(points__gt=0).exists()


def test_a_pupil_sees_only_own_points_never_a_leaderboard(org):
    program = ProgramFactory(organization=org)
    pupil = person_with_login(role=Role.MENTEE, organization=org, category="pupil")
    _meetings(MentorshipFactory(program=program), 3, diaries=True)
    client = Client()
    client.force_login(pupil.user)
    response = client.get(f"/recognition/{org.code}/", follow=True)
    assert response.status_code == 200
    assert "Мои баллы и награды" in response.content.decode()
    assert client.get(f"/recognition/{org.code}/points/").status_code == 403


def test_curator_edits_rules_through_the_page(org):
    curator = person_with_login(role=Role.CURATOR, organization=org)
    rule = PointRule.objects.get(organization=org, code=PointRule.Code.GOAL_REACHED)
    client = Client()
    client.force_login(curator.user)
    data = {f"points_{r.pk}": r.points for r in PointRule.objects.filter(organization=org)}
    data |= {f"cap_{r.pk}": r.cap for r in PointRule.objects.filter(organization=org)}
    data[f"points_{rule.pk}"] = 12
    assert client.post(f"/recognition/{org.code}/points/", data).status_code == 302
    rule.refresh_from_db()
    assert rule.points == 12
    data[f"cap_{rule.pk}"] = 1  # below one unit: refused, nothing changed
    client.post(f"/recognition/{org.code}/points/", data)
    rule.refresh_from_db()
    assert rule.cap == 50
