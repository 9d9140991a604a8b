"""All outgoing mail of the project goes through here.

`notify()` puts a message on the task queue (the database-backed queue run by `nastavnik worker`; tests run tasks at
once): a page never waits for the mail server and a failed delivery is retried by the worker, not lost with a 500.
`mail_send()` is the one place that talks to the mail backend; it is used by the queue's task and by tasks that must
send inside their own transaction (the meeting reminders).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task


def mail_send(*, to: str, subject: str, body: str) -> None:
    """Send one plain-text message now (inside a task)."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@task()
def deliver(to: str, subject: str, body: str) -> None:
    mail_send(to=to, subject=subject, body=body)


def notify(*, to: str, subject: str, body: str) -> None:
    """Queue one message for delivery."""
    deliver.enqueue(to=to, subject=str(subject), body=str(body))
