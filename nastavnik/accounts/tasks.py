"""Background tasks (Django's task framework; the database-backed queue by default, run by `nastavnik worker`)."""

from django.tasks import task


@task()
def send_invitation(person_id: int) -> bool:
    """Send the account invitation e-mail with a fresh one-time link; True when mail went out."""
    from nastavnik.accounts.services import invitation_mail_send

    return invitation_mail_send(person_id=person_id)
