"""The security-event log: logins, failures, refusals, exports, role and account changes and consent withdrawals are
recorded with who, what, when and from where, and the director reads them on a page. The logs are append-only."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client
from django.urls import reverse

from nastavnik.appendonly import AppendOnlyError
from nastavnik.orgs.models import Membership, Role
from nastavnik.privacy.models import AccessLog, DestructionRecord
from nastavnik.privacy.services import consent_withdraw
from nastavnik.security.models import SecurityEvent
from tests.factories import ConsentFactory, OrganizationFactory, PersonFactory, person_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_people():
    org = OrganizationFactory()
    director = person_with_login(role=Role.DIRECTOR, organization=org, username="dir")
    mentor = person_with_login(role=Role.MENTOR, organization=org, username="men")
    return org, director, mentor


def test_it_records_logins_and_failures_with_the_address(org_people):
    org, _director, _mentor = org_people
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.post(reverse("login"), {"username": "men", "password": "wrong"})
    client.post(reverse("login"), {"username": "men", "password": "pass"})
    failed = SecurityEvent.objects.get(kind="login_failed")
    assert (failed.username, failed.ip, failed.organization_id) == ("men", "192.0.2.10", org.pk)
    login = SecurityEvent.objects.get(kind="login")
    assert (login.username, login.ip, login.organization_id) == ("men", "192.0.2.10", org.pk)


def test_it_records_a_refusal_and_role_changes_and_a_withdrawal(org_people):
    org, director, mentor = org_people
    client = Client()
    client.force_login(mentor.user)
    assert client.get(reverse("order_issue", args=[org.code, "introduce_model"])).status_code == 403
    refused = SecurityEvent.objects.get(kind="refused")
    assert refused.username == "men" and "introduce_model" in refused.path
    membership = Membership.objects.create(person=mentor, role=Role.CURATOR, organization=org)
    membership.delete()
    assert SecurityEvent.objects.filter(kind="role_granted", organization_id=org.pk).exists()
    assert SecurityEvent.objects.filter(kind="role_revoked", organization_id=org.pk).exists()
    pupil = PersonFactory(organization=org)
    consent = ConsentFactory(person=pupil)
    consent_withdraw(consent=consent, withdrawn_by=director.user)
    assert SecurityEvent.objects.filter(kind="consent_withdrawn", organization_id=org.pk).exists()


def test_it_shows_the_director_the_events_and_refuses_others(org_people):
    org, director, mentor = org_people
    Client(REMOTE_ADDR="192.0.2.77").post(reverse("login"), {"username": "men", "password": "wrong"})
    client = Client()
    client.force_login(director.user)
    body = client.get(reverse("security_events", args=[org.code])).content.decode()
    assert "Неудачная попытка входа" in body and "192.0.2.77" in body
    client.force_login(mentor.user)
    assert client.get(reverse("security_events", args=[org.code])).status_code == 403
    other = person_with_login(role=Role.DIRECTOR, organization=OrganizationFactory())
    client.force_login(other.user)
    assert client.get(reverse("security_events", args=[org.code])).status_code == 404


def test_it_never_changes_or_removes_a_log_row(org_people):
    _org, director, mentor = org_people
    entry = AccessLog.objects.create(user=director.user, person=mentor, action="person.view")
    record = DestructionRecord.objects.create(person_ref="x1", reason="истёк срок", performed_by="комиссия")
    event = SecurityEvent.objects.create(kind="login", username="men")
    for row, model in [(entry, AccessLog), (record, DestructionRecord), (event, SecurityEvent)]:
        with pytest.raises(AppendOnlyError):
            row.save()
        with pytest.raises(AppendOnlyError):
            row.delete()
        with pytest.raises(AppendOnlyError):
            model.objects.filter(pk=row.pk).update(pk=row.pk)
        with pytest.raises(AppendOnlyError):
            model.objects.filter(pk=row.pk).delete()
        assert model.objects.filter(pk=row.pk).exists()


def test_it_refuses_raw_sql_changes_on_postgresql(org_people):
    """On PostgreSQL a trigger refuses UPDATE and DELETE even from raw SQL; SQLite has no such trigger."""
    _org, director, mentor = org_people
    entry = AccessLog.objects.create(user=director.user, person=mentor, action="person.view")
    if connection.vendor != "postgresql":
        from nastavnik.appendonly import append_only_sql

        assert "BEFORE UPDATE OR DELETE ON privacy_accesslog" in append_only_sql("privacy_accesslog")[0]
        return
    for sql in [
        "UPDATE privacy_accesslog SET action = 'x' WHERE id = %s",
        "DELETE FROM privacy_accesslog WHERE id = %s",
    ]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AccessLog.objects.get(pk=entry.pk).action == "person.view"
