"""Background tasks of monitoring (Django's task framework, as the reminders use)."""

from django.tasks import task


@task()
def send_pair_invitations(mentorship_id: int, wave: str) -> int:
    """The automatic measurement invitations of one pair for a wave; returns how many went out."""
    from nastavnik.monitoring.invitations import pair_wave_invitations_send

    return len(pair_wave_invitations_send(mentorship_id=mentorship_id, wave=wave).sent)


@task()
def send_member_invitations(member_id: int) -> int:
    """The entry invitations of a person added to a group after it was formed; returns how many went out."""
    from nastavnik.monitoring.invitations import member_entry_invitations_send

    return len(member_entry_invitations_send(member_id=member_id).sent)
