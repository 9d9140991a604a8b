"""The person picker: search by surname or class, scoped by the policy, htmx and plain page."""

import pytest
from django.urls import reverse

from nastavnik.orgs.models import Role
from tests.factories import OrganizationFactory, PersonFactory, PupilFactory, person_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    org = OrganizationFactory()
    curator = person_with_login(role=Role.CURATOR, organization=org)
    PersonFactory(organization=org, category="teacher", last_name="Сомова", first_name="Ксения")
    PupilFactory(organization=org, last_name="Сомов", first_name="Пётр", school_class="7А")
    PupilFactory(organization=org, last_name="Берёзкин", first_name="Лев", school_class="7А")
    PupilFactory(organization=org, last_name="Ясенев", first_name="Иван", school_class="8Б")
    return org, curator


def _pick(client, org, q, scope="any", htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(
        reverse("person_pick"), {"org": org.code, "scope": scope, "field": "person", "q": q}, headers=headers
    )


def test_it_finds_by_the_beginning_of_a_surname_in_any_case(client, school):
    org, curator = school
    client.force_login(curator.user)
    body = _pick(client, org, "сом").content.decode()
    assert "Сомова Ксения" in body and "Сомов Пётр" in body and "Берёзкин" not in body
    assert 'type="radio" name="person"' in body
    staff_only = _pick(client, org, "Сом", scope="staff").content.decode()
    assert "Сомова Ксения" in staff_only and "Сомов Пётр" not in staff_only


def test_it_finds_a_class(client, school):
    org, curator = school
    client.force_login(curator.user)
    body = _pick(client, org, "7А", scope="pupils").content.decode()
    assert "Сомов Пётр" in body and "Берёзкин Лев" in body and "Ясенев" not in body


def test_it_serves_a_plain_page_without_javascript_with_a_way_back(client, school):
    org, curator = school
    client.force_login(curator.user)
    response = client.get(
        reverse("person_pick"),
        {"org": org.code, "field": "person", "q": "Ясен", "next": "/orgs/x/appointments/"},
    )
    body = response.content.decode()
    assert "<html" in body and "Ясенев Иван" in body and "/orgs/x/appointments/?person=" in body
    evil = client.get(reverse("person_pick"), {"org": org.code, "q": "Ясен", "next": "https://evil.example/"})
    assert "evil.example" not in evil.content.decode()


@pytest.mark.parametrize(("role", "status"), [(Role.MENTOR, 403), (Role.MENTEE, 403)])
def test_it_refuses_participants(client, school, role, status):
    org, _ = school
    client.force_login(person_with_login(role=role, organization=org).user)
    assert _pick(client, org, "Сом").status_code == status


def test_it_hides_another_organisation(client, school):
    org, _ = school
    client.force_login(person_with_login(role=Role.CURATOR, organization=OrganizationFactory()).user)
    assert _pick(client, org, "Сом").status_code == 404


def test_a_method_head_finds_teachers_only(client, school):
    org, _ = school
    client.force_login(person_with_login(role=Role.METHOD_HEAD, organization=org).user)
    body = _pick(client, org, "Сом").content.decode()
    assert "Сомова Ксения" in body and "Сомов Пётр" not in body
