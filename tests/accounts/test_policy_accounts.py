"""Who may give accounts and add organisations: role × action × ownership, GET and POST."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from nastavnik.orgs.models import Organization, Role
from nastavnik.people.models import Person
from tests.factories import MunicipalityFactory, OrganizationFactory, PersonFactory, person_with_login

pytestmark = pytest.mark.django_db

MANAGERS = [Role.DIRECTOR, Role.COORDINATOR, Role.CURATOR]
OTHERS = [Role.PSYCHOLOGIST, Role.METHOD_HEAD, Role.MENTOR, Role.MENTEE, Role.GUARDIAN]


@pytest.fixture
def org():
    return OrganizationFactory()


def _client_for(person: Person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


@pytest.mark.parametrize("name", ["account_invite", "account_slip", "account_disable"])
@pytest.mark.parametrize("role", MANAGERS + OTHERS)
def test_person_account_actions(org, role, name):
    teacher = PersonFactory(organization=org, email="t@example.org")
    client = _client_for(person_with_login(role=role, organization=org))
    url = reverse(name, args=[teacher.pk])
    assert client.get(url).status_code in (404, 405)  # a GET never changes anything
    response = client.post(url, {"format": "docx"})
    teacher.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code in (200, 302)
        assert name == "account_disable" or teacher.user is not None
    else:
        assert response.status_code in (403, 404)
        assert teacher.user is None


@pytest.mark.parametrize("role", MANAGERS)
def test_staff_of_another_organisation_get_404_and_change_nothing(org, role):
    teacher = PersonFactory(organization=org)
    client = _client_for(person_with_login(role=role, organization=OrganizationFactory()))
    for name in ("account_invite", "account_slip", "account_disable"):
        assert client.post(reverse(name, args=[teacher.pk])).status_code == 404
    client.post(reverse("accounts_bulk"), {"person": [teacher.pk]})
    teacher.refresh_from_db()
    assert teacher.user is None


@pytest.mark.parametrize("role", MANAGERS + OTHERS)
def test_bulk_issue(org, role):
    teacher = PersonFactory(organization=org, email="")
    client = _client_for(person_with_login(role=role, organization=org))
    assert client.get(reverse("accounts_bulk")).status_code == 405
    response = client.post(reverse("accounts_bulk"), {"person": [teacher.pk], "format": "docx"})
    teacher.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 200 and teacher.user is not None
    else:
        assert response.status_code == 403 and teacher.user is None


def test_anonymous_is_sent_to_login():
    response = Client().post(reverse("accounts_bulk"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


FORM = {
    "code": "lyceum3",
    "name": "Муниципальное автономное общеобразовательное учреждение «Лицей № 3»",
    "short_name": "Лицей № 3",
    "kind": "lyceum",
    "director": "Тисова Марина Андреевна",
    "email": "tisova@example.org",
}


def test_the_municipal_coordinator_adds_an_organisation_and_the_director_is_invited(settings):
    settings.SITE_URL = "https://mun.example"
    mun = MunicipalityFactory()
    coordinator = person_with_login(role=Role.MUNICIPAL_COORDINATOR, organization=OrganizationFactory(municipality=mun))
    client = _client_for(coordinator)
    assert "Добавить организацию" in client.get(reverse("municipal")).content.decode()
    url = reverse("municipal_org_add", args=[mun.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, FORM, follow=True)
    assert "Организация «Лицей № 3» добавлена" in response.content.decode()
    org = Organization.objects.get(code="lyceum3")
    assert org.municipality == mun
    assert [m.to for m in mail.outbox] == [["tisova@example.org"]]
    assert "https://mun.example/accounts/set/" in mail.outbox[0].body
    bad = client.post(url, {**FORM, "code": "lyceum4", "director": "Tisova"})
    assert bad.status_code == 400 and "не похоже на «Фамилия Имя Отчество»" in bad.content.decode()
    assert not Organization.objects.filter(code="lyceum4").exists()


@pytest.mark.parametrize("role", [*MANAGERS, "other_municipality"])
def test_nobody_else_adds_organisations(org, role):
    if role == "other_municipality":
        person = person_with_login(role=Role.MUNICIPAL_COORDINATOR, organization=OrganizationFactory())
    else:
        person = person_with_login(role=role, organization=org)
    client = _client_for(person)
    url = reverse("municipal_org_add", args=[org.municipality_id])
    assert client.get(url).status_code == 404
    assert client.post(url, FORM).status_code == 404
    assert not Organization.objects.filter(code="lyceum3").exists()


def test_the_password_page_is_ones_own(org):
    client = _client_for(person_with_login(role=Role.MENTOR, organization=org))
    assert client.get(reverse("password_first")).status_code == 200
    assert Client().get(reverse("password_first")).status_code == 302
