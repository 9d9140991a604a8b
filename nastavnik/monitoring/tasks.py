"""Background tasks of monitoring (Django's task framework, as the reminders use)."""

from django.tasks import task


@task()
def send_pair_invitations(mentorship_id: int, wave: str) -> int:
    """The automatic measurement invitations of one pair for a wave; returns how many went out."""
    from nastavnik.monitoring.invitations import pair_wave_invitations_send

    return len(pair_wave_invitations_send(mentorship_id=mentorship_id, wave=wave).sent)
