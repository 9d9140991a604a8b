"""The head appoints and removes the target model's staff; the history stays and positions reach the orders."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nastavnik.orgs.models import Appointment, Membership, Role
from nastavnik.orgs.services import appointment_end, appointment_make
from tests.documents.factories import school_with_director, staff
from tests.factories import OrganizationFactory, PupilFactory, person_with_login

pytestmark = pytest.mark.django_db

START = dt.date(2026, 9, 1)
TODAY = dt.date(2026, 12, 6)


def test_an_appointment_gives_the_role_and_its_end_takes_it_away_keeping_history():
    org, _ = school_with_director()
    teacher = staff(org, last_name="Филиппов", first_name="Андрей", middle_name="Викторович")
    appointment = appointment_make(
        organization=org,
        person=teacher,
        role=Role.COORDINATOR,
        starts_on=START,
        position="заместитель директора по УВР",
    )
    membership = Membership.objects.get(person=teacher, role=Role.COORDINATOR, organization=org)
    assert membership.position == "заместитель директора по УВР" and membership.appointed_on == START
    with pytest.raises(ValidationError, match="уже назначен"):
        appointment_make(organization=org, person=teacher, role=Role.COORDINATOR, starts_on=START)
    appointment_end(appointment=appointment, ends_on=TODAY, today=TODAY, reason="перевод")
    assert not Membership.objects.filter(person=teacher, role=Role.COORDINATOR).exists()
    appointment.refresh_from_db()
    assert (appointment.starts_on, appointment.ends_on, appointment.ended_reason) == (START, TODAY, "перевод")
    again = appointment_make(organization=org, person=teacher, role=Role.COORDINATOR, starts_on=TODAY)
    assert Appointment.objects.filter(person=teacher).count() == 2 and again.ends_on is None


def test_a_future_end_keeps_the_role_until_that_day():
    org, _ = school_with_director()
    teacher = staff(org)
    appointment = appointment_make(organization=org, person=teacher, role=Role.CURATOR, starts_on=START)
    appointment_end(appointment=appointment, ends_on=TODAY + dt.timedelta(days=20), today=TODAY)
    assert Membership.objects.filter(person=teacher, role=Role.CURATOR).exists()


def test_it_refuses_pupils_other_organisations_roles_and_backward_dates():
    org, _ = school_with_director()
    with pytest.raises(ValidationError, match="не обучающегося"):
        appointment_make(organization=org, person=PupilFactory(organization=org), role=Role.CURATOR, starts_on=START)
    with pytest.raises(ValidationError, match="сотрудника этой организации"):
        appointment_make(organization=org, person=staff(OrganizationFactory()), role=Role.CURATOR, starts_on=START)
    with pytest.raises(ValidationError, match="не назначают"):
        appointment_make(organization=org, person=staff(org), role=Role.MENTOR, starts_on=START)
    with pytest.raises(ValidationError, match="раньше его начала"):
        appointment_make(
            organization=org, person=staff(org), role=Role.CURATOR, starts_on=START, ends_on=START - dt.timedelta(1)
        )
    assert not Appointment.objects.exists()


@pytest.fixture
def world():
    org, director = school_with_director()
    users = {"director": director.user}
    for role in (Role.COORDINATOR, Role.CURATOR, Role.PSYCHOLOGIST, Role.METHOD_HEAD, Role.MENTOR):
        users[role] = person_with_login(role=role, organization=org).user
    users["stranger"] = person_with_login(role=Role.DIRECTOR, organization=OrganizationFactory()).user
    return org, users


@pytest.mark.parametrize(
    ("who", "get_status", "post_status"),
    [
        ("director", 200, 302),
        (Role.COORDINATOR, 200, 403),
        (Role.CURATOR, 200, 403),
        (Role.PSYCHOLOGIST, 200, 403),
        (Role.METHOD_HEAD, 200, 403),
        (Role.MENTOR, 403, 403),
        ("stranger", 404, 404),
    ],
)
def test_only_the_director_appoints_and_removes(client, world, who, get_status, post_status):
    org, users = world
    teacher = staff(org, last_name="Сомова", first_name="Ксения", middle_name="Андреевна")
    client.force_login(users[who])
    url = reverse("org_appointments", args=[org.code])
    page = client.get(url)
    assert page.status_code == get_status
    if get_status == 200:
        assert ('value="appoint"' in page.content.decode()) == (who == "director")
    data = {
        "action": "appoint",
        "person": teacher.pk,
        "role": Role.CURATOR,
        "position": "учитель математики",
        "starts_on": "2026-09-01",
    }
    assert client.post(url, data).status_code == post_status
    assert Appointment.objects.filter(person=teacher).exists() == (post_status == 302)
    if post_status == 302:
        appointment = Appointment.objects.get(person=teacher)
        assert (
            client.post(url, {"action": "end", "appointment": appointment.pk, "ends_on": "2026-09-02"}).status_code
            == 302
        )
        appointment.refresh_from_db()
        assert appointment.ends_on == dt.date(2026, 9, 2)
        page = client.get(url).content.decode()
        assert "История назначений" in page and "Сомова Ксения Андреевна" in page


def test_the_page_explains_a_refusal_in_russian_and_changes_nothing(client, world):
    org, users = world
    client.force_login(users["director"])
    pupil = PupilFactory(organization=org)
    response = client.post(
        reverse("org_appointments", args=[org.code]),
        {"action": "appoint", "person": pupil.pk, "role": Role.CURATOR, "starts_on": "2026-09-01"},
    )
    assert response.status_code == 400
    assert "не обучающегося" in response.content.decode()
    assert not Appointment.objects.exists()
