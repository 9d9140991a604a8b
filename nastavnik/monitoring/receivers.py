"""Monitoring's answers to other apps' events. Connected by importing this module in MonitoringConfig.ready()."""

import datetime as dt

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from nastavnik.mentorships.models import Meeting, Mentorship, MentorshipMember
from nastavnik.monitoring.models import Wave
from nastavnik.surveys.models import Invitation

ENTERING = (Mentorship.Status.PROPOSED, Mentorship.Status.CONFIRMED, Mentorship.Status.APPROVED)


@receiver(post_save, sender=Invitation, dispatch_uid="monitoring_measurement_from_invitation")
def measurement_from_invitation(sender, instance: Invitation, update_fields=None, **kwargs) -> None:
    """A measurement questionnaire filled by its personal link becomes a measurement at once."""
    if instance.response_id is None or (update_fields is not None and "response" not in update_fields):
        return
    from nastavnik.monitoring.services import measurement_from_response

    measurement_from_response(invitation=instance)


# --- automatic invitations (see monitoring.invitations) -------------------------------------------------------------

# A final meeting recorded this long after it took place is history being entered, not a moment to invite.
FINAL_MEETING_RECENT = dt.timedelta(days=14)


def _enqueue(mentorship_id: int, wave: str) -> None:
    from nastavnik.monitoring.tasks import send_pair_invitations

    transaction.on_commit(lambda: send_pair_invitations.enqueue(mentorship_id, wave))


@receiver(post_save, sender=Mentorship, dispatch_uid="monitoring_entry_invitations")
def entry_invitations(sender, instance: Mentorship, created: bool, raw: bool = False, **kwargs) -> None:
    """A pair or group is formed, before it starts work: its people enter the programme — entry instruments.
    (Pairs entered afterwards with a start in the past are history, not an entry.)"""
    if raw or not created or instance.status not in ENTERING or instance.starts_on < timezone.localdate():
        return
    _enqueue(instance.pk, Wave.ENTRY)


@receiver(post_save, sender=MentorshipMember, dispatch_uid="monitoring_member_entry_invitations")
def member_entry_invitations(sender, instance: MentorshipMember, created: bool, raw: bool = False, **kwargs) -> None:
    """A person joins a group after it was formed: they enter the programme now — their entry instruments.
    (Members written together with a new group come by bulk_create, without this signal: the group's own entry
    invitations cover them; a member entered with a past joining date is history.)"""
    if raw or not created:
        return
    if instance.joined_on is not None and instance.joined_on < timezone.localdate():
        return
    member_id = instance.pk

    def send() -> None:
        from nastavnik.monitoring.tasks import send_member_invitations

        send_member_invitations.enqueue(member_id)

    transaction.on_commit(send)


@receiver(post_save, sender=Meeting, dispatch_uid="monitoring_exit_invitations")
def exit_invitations(sender, instance: Meeting, raw: bool = False, **kwargs) -> None:
    """The pair's final meeting is scheduled (or recorded as held): exit instruments. Saving it again changes
    nothing: nobody is invited twice."""
    if raw or instance.kind != Meeting.Kind.FINAL:
        return
    if instance.status not in (Meeting.Status.PLANNED, Meeting.Status.HELD):
        return
    if instance.scheduled_at < timezone.now() - FINAL_MEETING_RECENT:
        return
    _enqueue(instance.mentorship_id, Wave.EXIT)
