"""Seed 002's indicator table: computed from the data, entered by hand with who and when."""

import datetime as dt

import pytest
from django.urls import reverse

from nastavnik.intake.models import MenteeRequest
from nastavnik.mentorships.models import Mentorship
from nastavnik.monitoring import indicators
from nastavnik.monitoring.models import IndicatorEntry
from nastavnik.orgs.models import Role
from tests.factories import MentorshipFactory, ProgramFactory
from tests.mentorships.factories import staff
from tests.monitoring.factories import programme

pytestmark = pytest.mark.django_db


def test_review_dates_are_the_start_and_the_end_of_each_quarter():
    program = ProgramFactory(starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 5, 31))
    assert indicators.review_dates(program, dt.date(2027, 3, 10)) == [
        dt.date(2026, 9, 1),
        dt.date(2026, 11, 30),
        dt.date(2027, 2, 28),
        dt.date(2027, 3, 10),
    ]


def test_counts_come_from_the_data_at_each_date():
    program, _curator, (first, second) = programme(pairs=2)
    program.starts_on, program.ends_on = dt.date(2026, 9, 1), dt.date(2027, 5, 31)
    program.save()
    Mentorship.objects.filter(pk=first.pk).update(starts_on=dt.date(2026, 9, 10))
    Mentorship.objects.filter(pk=second.pk).update(
        starts_on=dt.date(2026, 12, 1), status="terminated", ends_on=dt.date(2027, 1, 15)
    )
    # the first pair's mentee becomes a mentor in a later pair of the same programme
    MentorshipFactory(program=program, mentor=first.mentee, starts_on=dt.date(2027, 1, 20))
    MenteeRequest.objects.create(person=first.mentee, organization=program.organization, needs="Помощь с физикой")
    dates, rows = indicators.table(program=program, today=dt.date(2027, 2, 1), improved=None, meeting_share=50.0)
    by_code = {row.indicator.code: [value for value, _how in row.values] for row in rows}
    assert dates == [dt.date(2026, 9, 1), dt.date(2026, 11, 30), dt.date(2027, 2, 1)]
    assert by_code["mentees_in_pairs"] == [0, 1, 3]
    assert by_code["closed_premature"] == [0, 0, 1]
    assert by_code["mentee_to_mentor"] == [0, 0, 1]
    assert by_code["pairs_meeting"] == [None, None, 50.0]


def test_curator_enters_a_value_by_hand_and_the_page_says_who(client):
    program, curator, _pairs = programme()
    client.force_login(curator.user)
    url = reverse("monitoring_indicators", args=[program.pk])
    response = client.post(url, {"code": "prepared_for_contests", "on": program.starts_on.isoformat(), "value": "3"})
    assert response.status_code == 302
    entry = IndicatorEntry.objects.get()
    assert (entry.value, entry.entered_by) == (3, curator.user)
    page = client.get(url).content.decode()
    assert "Обучающиеся, подготовленные к участию в конкурсах" in page
    assert curator.short_name in page


def test_a_date_outside_the_programme_is_refused_and_nothing_saved(client):
    program, curator, _pairs = programme()
    client.force_login(curator.user)
    response = client.post(
        reverse("monitoring_indicators", args=[program.pk]),
        {"code": "prepared_for_contests", "on": (program.starts_on - dt.timedelta(days=30)).isoformat(), "value": "3"},
    )
    assert response.status_code == 200
    assert "Дата должна быть в пределах срока программы." in response.content.decode()
    assert not IndicatorEntry.objects.exists()


@pytest.mark.parametrize(("role", "status"), [(Role.PSYCHOLOGIST, 200), (Role.MENTOR, 404), (Role.METHOD_HEAD, 404)])
def test_indicator_access_by_role(client, role, status):
    program, _curator, _pairs = programme()
    client.force_login(staff(program.organization, role).user)
    url = reverse("monitoring_indicators", args=[program.pk])
    assert client.get(url).status_code == status
    client.post(url, {"code": "prepared_for_contests", "on": program.starts_on.isoformat(), "value": "1"})
    assert IndicatorEntry.objects.exists() == (status == 200)
