"""Background tasks of Mentor Match (Django's task framework, as the reminders use)."""

from django.tasks import task


@task()
def send_match_outcome(session_id: int, person_id: int) -> bool:
    """Tell one participant the outcome of the session by e-mail; True when mail went out."""
    from nastavnik.matching.services import outcome_send

    return outcome_send(session_id=session_id, person_id=person_id)
