"""E-mail reminders before a meeting and when a diary entry is missing.

Two ways in, one guarantee. When a meeting is scheduled (or held) its reminders are enqueued with `run_after`
if the task backend can defer (django-tasks-db can); the periodic sweep `nastavnik remind` enqueues whatever is
due, for backends that cannot defer and as a safety net. Both may enqueue the same reminder: the task sends only
if it can create the `Reminder` row (unique per meeting, kind and person), so nobody gets two.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.documents.ru import date_short
from nastavnik.mentorships import rules
from nastavnik.mentorships.models import Meeting, Reflection, Reminder
from nastavnik.mentorships.selectors import meeting_people
from nastavnik.notifications import mail_send
from nastavnik.people.models import Person

log = logging.getLogger(__name__)


def recipients(*, meeting: Meeting) -> list[Person]:
    """Participants who can receive mail: an address on file and data not destroyed."""
    return [p for p in meeting_people(meeting=meeting) if p.email and p.anonymised_at is None]


def _still_relevant(*, meeting: Meeting, person: Person, kind: str, now: dt.datetime) -> bool:
    if kind == Reminder.Kind.MEETING:
        return meeting.status == Meeting.Status.PLANNED and now < meeting.scheduled_at
    return (
        meeting.status == Meeting.Status.HELD and not Reflection.objects.filter(meeting=meeting, person=person).exists()
    )


def reminder_send(*, meeting_id: int, person_id: int, kind: str, now: dt.datetime) -> bool:
    meeting = Meeting.objects.select_related("mentorship", "mentorship__mentor", "mentorship__mentee").filter(
        pk=meeting_id
    )
    meeting = meeting.first()
    person = Person.objects.filter(pk=person_id).first()
    if meeting is None or person is None or not person.email or person.anonymised_at is not None:
        return False
    if not _still_relevant(meeting=meeting, person=person, kind=kind, now=now):
        return False
    subject, body = _message(meeting=meeting, person=person, kind=kind)
    try:
        # The row and the mail succeed together: if sending fails the row is rolled back and a retry may send.
        with transaction.atomic():
            Reminder.objects.create(meeting=meeting, person=person, kind=kind)
            mail_send(to=person.email, subject=subject, body=body)
    except IntegrityError:
        return False  # somebody (another task, the sweep) already sent it
    return True


def _message(*, meeting: Meeting, person: Person, kind: str) -> tuple[str, str]:
    local = timezone.localtime(meeting.scheduled_at)
    when = local.strftime("%d.%m.%Y %H:%M")
    url = settings.SITE_URL + reverse("mentorship", args=[meeting.mentorship_id])
    name = " ".join(p for p in (person.first_name, person.middle_name) if p)
    details = {
        "name": name,
        "kind": meeting.get_kind_display(),
        "when": when,
        "pair": meeting.mentorship,
        "place": meeting.place or _("не указано"),
        "format": meeting.get_format_display(),
        "minutes": meeting.duration_minutes,
        "url": url,
    }
    if kind == Reminder.Kind.MEETING:
        subject = _("Напоминание: %(kind)s %(when)s") % details
        body = (
            _(
                "Здравствуйте, %(name)s!\n\n"
                "Напоминаем о встрече наставнической пары %(pair)s.\n"
                "Встреча: %(kind)s\nКогда: %(when)s, %(minutes)s мин.\nФормат: %(format)s\nМесто: %(place)s\n\n"
                "Если встречу нужно перенести, сделайте это на странице пары: %(url)s\n"
            )
            % details
        )
        return subject, body
    due = rules.feedback_due_date(held_on=local.date())
    details["due"] = date_short(due)
    subject = _("Заполните дневник встречи %(when)s") % details
    body = (
        _(
            "Здравствуйте, %(name)s!\n\n"
            "После встречи «%(kind)s» (%(when)s) пары %(pair)s ждём ваши ответы на вопросы рефлексии "
            "до %(due)s.\nЗаполнить дневник: %(url)s#diary\n"
        )
        % details
    )
    return subject, body


# --- enqueueing -------------------------------------------------------------------------------------------------


def _enqueue(*, meeting: Meeting, person: Person, kind: str, run_after: dt.datetime | None) -> None:
    from nastavnik.mentorships.tasks import send_reminder

    task = send_reminder
    if run_after is not None:
        task = task.using(run_after=run_after)
    task.enqueue(meeting.pk, person.pk, str(kind))


def _can_defer() -> bool:
    from nastavnik.mentorships.tasks import send_reminder

    return bool(send_reminder.get_backend().supports_defer)


def _plan(*, meeting: Meeting, kind: str, at: dt.datetime, due_now: bool, now: dt.datetime) -> int:
    """Enqueue the kind's reminder for every recipient who has none: deferred to `at` when the backend can,
    at once when it is due already, else left to the sweep."""
    sent = set(Reminder.objects.filter(meeting=meeting, kind=kind).values_list("person_id", flat=True))
    count = 0
    for person in recipients(meeting=meeting):
        if person.pk in sent:
            continue
        if due_now:
            _enqueue(meeting=meeting, person=person, kind=kind, run_after=None)
        elif at > now and _can_defer():
            _enqueue(meeting=meeting, person=person, kind=kind, run_after=at)
        else:
            continue
        count += 1
    return count


def schedule_meeting_reminders(*, meeting_id: int, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    meeting = Meeting.objects.filter(pk=meeting_id, status=Meeting.Status.PLANNED).first()
    if meeting is None or meeting.scheduled_at <= now:
        return 0
    return _plan(
        meeting=meeting,
        kind=Reminder.Kind.MEETING,
        at=rules.meeting_reminder_at(scheduled_at=meeting.scheduled_at),
        due_now=rules.meeting_reminder_due(scheduled_at=meeting.scheduled_at, now=now),
        now=now,
    )


def schedule_feedback_reminders(*, meeting_id: int, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    meeting = Meeting.objects.filter(pk=meeting_id, status=Meeting.Status.HELD).first()
    if meeting is None:
        return 0
    local_start = timezone.localtime(meeting.scheduled_at)
    local_now = timezone.localtime(now)
    return _plan(
        meeting=meeting,
        kind=Reminder.Kind.FEEDBACK,
        at=rules.feedback_reminder_at(scheduled_at=local_start, duration_minutes=meeting.duration_minutes),
        due_now=rules.feedback_reminder_due(
            scheduled_at=local_start, duration_minutes=meeting.duration_minutes, now=local_now
        ),
        now=now,
    )


def enqueue_due_reminders(*, now: dt.datetime | None = None) -> int:
    """The sweep: every reminder due right now that has not been sent. Safe to run as often as one likes."""
    now = now or timezone.now()
    count = 0
    upcoming = Meeting.objects.filter(
        status=Meeting.Status.PLANNED, scheduled_at__gt=now, scheduled_at__lte=now + rules.MEETING_REMINDER_BEFORE
    )
    for meeting in upcoming:
        count += schedule_meeting_reminders(meeting_id=meeting.pk, now=now)
    # A reflection reminder is due from a day after the meeting until the diary's due date.
    oldest = now - dt.timedelta(days=rules.FEEDBACK_DUE_DAYS + 1)
    recent = Meeting.objects.filter(status=Meeting.Status.HELD, scheduled_at__gte=oldest, scheduled_at__lte=now)
    for meeting in recent:
        count += _feedback_due(meeting=meeting, now=now)
    return count


def _feedback_due(*, meeting: Meeting, now: dt.datetime) -> int:
    written = set(meeting.reflections.values_list("person_id", flat=True))
    local_start, local_now = timezone.localtime(meeting.scheduled_at), timezone.localtime(now)
    if not rules.feedback_reminder_due(
        scheduled_at=local_start, duration_minutes=meeting.duration_minutes, now=local_now
    ):
        return 0
    sent = set(
        Reminder.objects.filter(meeting=meeting, kind=Reminder.Kind.FEEDBACK).values_list("person_id", flat=True)
    )
    count = 0
    for person in recipients(meeting=meeting):
        if person.pk not in written | sent:
            _enqueue(meeting=meeting, person=person, kind=Reminder.Kind.FEEDBACK, run_after=None)
            count += 1
    return count
