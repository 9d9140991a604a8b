"""Login throttling behind a proxy: the client address comes from X-Forwarded-For as far as the trusted proxies
vouch for it; a username is locked only from the address that failed, and failures from everywhere only slow it."""

import datetime as dt

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from nastavnik.security import throttle
from nastavnik.security.client import client_ip
from nastavnik.security.models import SecurityEvent
from tests.factories import person_with_login

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.1"


def _request(xff: str = ""):
    meta = {"REMOTE_ADDR": PROXY}
    if xff:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


def test_it_takes_the_socket_address_without_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("203.0.113.5")) == PROXY


def test_it_takes_the_address_the_trusted_proxy_saw_and_ignores_what_the_client_forged(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("203.0.113.5")) == "203.0.113.5"
    assert client_ip(_request("1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("1.2.3.4, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"
    assert client_ip(_request("garbage")) == PROXY


def _post_login(client, username, password, ip):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ip)


@pytest.fixture
def behind_proxy(settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_SLOWDOWN_AFTER = 100  # only axes here
    return person_with_login(role=None, username="victim")


def test_it_locks_the_attackers_address_not_the_owner_behind_the_same_proxy(behind_proxy):
    attacker = Client()
    for _ in range(4):
        _post_login(attacker, "victim", "wrong", "198.51.100.66")
    assert _post_login(attacker, "victim", "pass", "198.51.100.66").status_code == 429
    owner = Client()
    response = _post_login(owner, "victim", "pass", "203.0.113.7")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert SecurityEvent.objects.filter(kind="lockout", username="victim", ip="198.51.100.66").exists()


def test_it_slows_an_account_down_after_failures_from_many_addresses(settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_SLOWDOWN_AFTER = 3
    person_with_login(role=None, username="victim")
    client = Client()
    for i in range(3):
        _post_login(client, "victim", "wrong", f"198.51.100.{i + 1}")
    response = _post_login(client, "victim", "pass", "203.0.113.7")
    assert response.status_code == 200
    body = response.content.decode()
    assert "вход под этим именем замедлен" in body
    # The early attempt was not checked and did not count as a failure.
    assert SecurityEvent.objects.filter(kind="login_failed", username="victim").count() == 3
    # The delay is short and grows: after it passes, the owner gets in.
    wait = throttle.wait_seconds(username="victim")
    assert 0 < wait <= 2
    later = timezone.now() + dt.timedelta(seconds=wait + 1)
    assert throttle.wait_seconds(username="victim", now=later) == 0


def test_it_grows_the_delay_but_never_beyond_the_cap(settings):
    settings.LOGIN_SLOWDOWN_AFTER = 2
    settings.LOGIN_SLOWDOWN_MAX_SECONDS = 60
    now = timezone.now()
    for _ in range(12):
        SecurityEvent.objects.create(kind="login_failed", username="victim", at=now)
    assert throttle.wait_seconds(username="victim", now=now) == 60
    assert throttle.wait_seconds(username="victim", now=now + dt.timedelta(seconds=61)) == 0
