"""For a region: reminders travel through the broker (RabbitMQ on this machine) and a Celery worker sends them."""

import datetime as dt
import secrets

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import OperationalError
from django.utils import timezone

from nastavnik.mentorships import services
from nastavnik.mentorships.models import Reminder
from nastavnik.ops.celery_app import app
from tests.mentorships.factories import pair

BROKER = "amqp://guest:guest@127.0.0.1:5672//"


@pytest.fixture
def celery_queue(settings):
    prefix = f"test-{secrets.token_hex(4)}-"  # a queue of this test's own: nothing stale, nothing shared
    settings.TASKS = {"default": {"BACKEND": "nastavnik.ops.celery_backend.CeleryBackend", "QUEUES": ["default"]}}
    settings.TASKS_QUEUE_PREFIX = prefix
    app.conf.broker_url = BROKER
    app.conf.task_default_queue = f"{prefix}default"
    with start_worker(app, pool="solo", perform_ping_check=False, queues=[f"{prefix}default"], shutdown_timeout=30):
        yield


def _wait_for(condition, seconds: float = 30) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_it_sends_meeting_reminders_through_the_broker(celery_queue):
    p = pair()
    soon = timezone.now() + dt.timedelta(hours=5)

    services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=soon, place="Каб. 12")

    assert _wait_for(lambda: len(mail.outbox) == 2), f"the worker sent {len(mail.outbox)} of 2 reminders"
    assert sorted(m.to[0] for m in mail.outbox) == ["mentee@example.org", "mentor@example.org"]
    # The worker may still be committing its bookkeeping after the mail left (SQLite then reports the table locked).
    assert _wait_for(lambda: _meeting_reminders() == 2)


def _meeting_reminders() -> int:
    try:
        return Reminder.objects.filter(kind="meeting").count()
    except OperationalError:
        return -1
