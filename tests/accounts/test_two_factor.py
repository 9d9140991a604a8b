"""Two-factor sign-in: required for the roles of OTP_REQUIRED_ROLES, set up with a TOTP app, recovery codes."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from nastavnik.orgs.models import Role
from tests.factories import OrganizationFactory, person_with_login

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice, *, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _sign_in(username: str) -> Client:
    client = Client()
    assert client.post("/login/", {"username": username, "password": "pass"}).status_code == 302
    return client


def test_required_roles_set_up_a_totp_app_and_then_sign_in_with_codes(settings):
    settings.OTP_REQUIRED_ROLES = ["director", "coordinator", "curator"]
    org = OrganizationFactory()
    director = person_with_login(role=Role.DIRECTOR, organization=org)
    client = _sign_in(director.user.username)
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == reverse("otp_setup")
    page = client.get(reverse("otp_setup")).content.decode()
    assert "data:image/svg+xml" in page and "Ключ для ввода вручную" in page
    device = TOTPDevice.objects.get(user=director.user, confirmed=False)
    wrong = "000000" if _code(device) != "000000" else "111111"
    assert client.post(reverse("otp_setup"), {"token": wrong}).status_code == 400
    time.sleep(1.2)  # django-otp throttles a device for a second after a wrong code
    done = client.post(reverse("otp_setup"), {"token": _code(device)})
    codes = re.findall(r'<li class="list-group-item">(\w+)</li>', done.content.decode())
    assert len(codes) == 10
    assert client.get("/").status_code == 200

    # A new sign-in asks for a code; a recovery code works once.
    second = _sign_in(director.user.username)
    assert second.get("/")["Location"] == reverse("otp_verify")
    assert second.post(reverse("otp_verify"), {"token": codes[0]}).status_code == 302
    assert second.get("/").status_code == 200
    third = _sign_in(director.user.username)
    assert third.post(reverse("otp_verify"), {"token": codes[0]}).status_code == 400
    time.sleep(1.2)  # throttled after the wrong code; this step's TOTP code was used at setup, the next one is
    device.refresh_from_db()
    assert third.post(reverse("otp_verify"), {"token": _code(device, offset=1)}).status_code == 302
    assert third.get("/").status_code == 200


def test_other_roles_and_the_default_test_settings_need_no_second_factor(settings):
    org = OrganizationFactory()
    director = person_with_login(role=Role.DIRECTOR, organization=org)
    assert _sign_in(director.user.username).get("/").status_code == 200  # off unless a test turns it on
    settings.OTP_REQUIRED_ROLES = ["director"]
    mentor = person_with_login(role=Role.MENTOR, organization=org)
    assert _sign_in(mentor.user.username).get("/").status_code == 200
