"""Every date has sane bounds and every free text a length limit, in every form of the project, with a Russian
message: a typing slip (year 0001 or 9999) or a 100,000-character paste is refused, never stored, never a 500."""

import datetime as dt
import importlib
import pkgutil

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import nastavnik
from nastavnik.forms import LONG_TEXT_LIMIT, BoundsMixin
from nastavnik.mentorships.models import Meeting
from tests.factories import MeetingFactory
from tests.mentorships.factories import pair


def _project_forms() -> list[type]:
    for module in pkgutil.walk_packages(nastavnik.__path__, "nastavnik."):
        if ".migrations" in module.name or module.name.endswith(("cli", "wsgi", "settings", "settings_test")):
            continue
        importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("nastavnik."):
                found.append(sub)
    return found


def test_it_bounds_every_form_class_of_the_project():
    classes = _project_forms()
    assert len(classes) > 30
    escaped = sorted(f"{c.__module__}.{c.__qualname__}" for c in classes if not issubclass(c, BoundsMixin))
    assert escaped == [], (
        "Forms without date bounds and text limits — derive them from nastavnik.forms.StyledForm / BoundedForm: "
        f"{escaped}"
    )


@pytest.mark.django_db
def test_it_refuses_rescheduling_a_meeting_to_year_one_with_a_russian_message():
    p = pair()
    meeting = MeetingFactory(mentorship=p.mentorship, scheduled_at=timezone.now() + dt.timedelta(days=3))
    client = Client()
    client.force_login(p.mentor.user)
    for day in ["0001-01-01", "9999-12-31"]:
        response = client.post(
            reverse("meeting_reschedule", args=[meeting.pk]), {"day": day, "time": "00:05", "reason": "x"}
        )
        assert response.status_code in (200, 400)
        assert "Укажите дату с" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


@pytest.mark.django_db
def test_it_refuses_a_100000_character_text_and_stores_nothing():
    p = pair()
    client = Client()
    client.force_login(p.mentee.user)
    response = client.post(reverse("change_request_create", args=[p.mentorship.pk]), {"reason": "я" * 100_000})
    assert response.status_code in (200, 400)
    assert f"не более {LONG_TEXT_LIMIT}" in response.content.decode()
    assert not p.mentorship.change_requests.exists()


def test_it_takes_birth_dates_from_1900_to_today():
    from nastavnik.forms import date_bounds

    low, high = date_bounds("birth_date", dt.date(2026, 12, 6))
    assert (low, high) == (dt.date(1900, 1, 1), dt.date(2026, 12, 6))
    low, high = date_bounds("day", dt.date(2026, 12, 6))
    assert low.year == 2016 and high.year == 2031
