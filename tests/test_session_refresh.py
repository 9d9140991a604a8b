"""A session lives two hours after the last activity, yet a page view does not rewrite it every time."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nastavnik.orgs.models import Role
from tests.factories import person_with_login

pytestmark = pytest.mark.django_db


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _viewed(client) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_a_page_view_within_a_minute_writes_no_session_row(client):
    person = person_with_login(role=Role.CURATOR)
    client.force_login(person.user)
    _viewed(client)  # the first view stamps the session
    before = _expiry(client)
    queries = _viewed(client)
    assert not [q for q in queries if "django_session" in q and q.lstrip().upper().startswith("UPDATE")]
    assert _expiry(client) == before


def test_activity_after_the_refresh_interval_moves_the_expiry(client, settings):
    person = person_with_login(role=Role.CURATOR)
    client.force_login(person.user)
    _viewed(client)
    first = _expiry(client)
    settings.SESSION_REFRESH_SECONDS = 0  # as if a minute had passed since the last save
    _viewed(client)
    assert _expiry(client) > first
