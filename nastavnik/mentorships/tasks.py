"""Background tasks (Django's task framework; the database-backed queue by default, run by `nastavnik worker`)."""

from django.tasks import task
from django.utils import timezone


@task()
def send_reminder(meeting_id: int, person_id: int, kind: str) -> bool:
    """Send one reminder e-mail unless it was already sent or is no longer relevant; True when mail went out."""
    from nastavnik.mentorships.reminders import reminder_send

    return reminder_send(meeting_id=meeting_id, person_id=person_id, kind=kind, now=timezone.now())
