"""E-mail reminders before a meeting and of a missing diary: sent once, checked in Django's outbox."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nastavnik.mentorships import reminders, services
from nastavnik.mentorships.models import Meeting, Reminder
from tests.factories import MeetingFactory
from tests.mentorships.factories import pair, reflect_all

pytestmark = pytest.mark.django_db


def test_it_reminds_both_sides_of_a_meeting_within_a_day_once(django_capture_on_commit_callbacks):
    p = pair()
    soon = timezone.now() + dt.timedelta(hours=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=soon, place="Каб. 12")
    assert sorted(m.to[0] for m in mail.outbox) == ["mentee@example.org", "mentor@example.org"]
    message = mail.outbox[0]
    assert message.subject.startswith("Напоминание: Регулярная встреча")
    assert "Каб. 12" in message.body and f"/mentorships/{p.mentorship.pk}/" in message.body
    reminders.enqueue_due_reminders()
    out = io.StringIO()
    call_command("remind", stdout=out)
    assert "поставлено в очередь: 0" in out.getvalue()
    assert len(mail.outbox) == 2, "nobody gets the same reminder twice"
    assert Reminder.objects.filter(kind="meeting").count() == 2


def test_it_leaves_later_meetings_to_the_sweep(django_capture_on_commit_callbacks):
    p = pair()
    later = timezone.now() + dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=later)
    assert mail.outbox == []
    assert reminders.enqueue_due_reminders(now=later - dt.timedelta(hours=30)) == 0
    assert reminders.enqueue_due_reminders(now=later - dt.timedelta(hours=20)) == 2
    assert len(mail.outbox) == 2
    assert reminders.enqueue_due_reminders(now=later - dt.timedelta(hours=10)) == 0
    services.meeting_cancel(meeting=meeting, reason="Болезнь")
    assert len(mail.outbox) == 2


def test_it_sends_nothing_for_a_cancelled_meeting():
    p = pair()
    meeting = MeetingFactory(mentorship=p.mentorship, scheduled_at=timezone.now() + dt.timedelta(hours=3))
    services.meeting_cancel(meeting=meeting, reason="Карантин")
    assert reminders.enqueue_due_reminders() == 0
    sent = reminders.reminder_send(meeting_id=meeting.pk, person_id=p.mentor.pk, kind="meeting", now=timezone.now())
    assert not sent and mail.outbox == []


def test_it_reminds_only_those_who_have_not_written_the_diary():
    p = pair()
    start = timezone.now() - dt.timedelta(hours=30)
    meeting = MeetingFactory(mentorship=p.mentorship, scheduled_at=start, status=Meeting.Status.HELD)
    reflect_all(meeting, p)
    meeting.reflections.filter(person=p.mentor).delete()
    assert reminders.enqueue_due_reminders() == 1
    [message] = mail.outbox
    assert message.to == ["mentor@example.org"]
    assert "дневник" in message.subject.lower() and "#diary" in message.body
    assert reminders.enqueue_due_reminders() == 0
    assert len(mail.outbox) == 1


def test_it_skips_people_without_an_address():
    p = pair(mentee_email="")
    soon = timezone.now() + dt.timedelta(hours=2)
    MeetingFactory(mentorship=p.mentorship, scheduled_at=soon)
    assert reminders.enqueue_due_reminders() == 1
    assert [m.to for m in mail.outbox] == [["mentor@example.org"]]


def test_it_defers_reminders_in_the_database_queue(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    p = pair()
    later = timezone.now() + dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=later)
    queued = DBTaskResult.objects.filter(task_path="nastavnik.mentorships.tasks.send_reminder")
    assert queued.count() == 2
    assert {row.run_after for row in queued} == {later - dt.timedelta(hours=24)}
    assert not queued.ready().exists(), "the worker leaves them until a day before"
    assert mail.outbox == []
