"""Mentorships' answers to privacy signals. Connected by importing this module in MentorshipsConfig.ready()."""

from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.mentorships.models import Meeting, Mentorship, MentorshipMember
from nastavnik.privacy.signals import consent_withdrawn

_OPEN = (Mentorship.Status.PROPOSED, Mentorship.Status.CONFIRMED, Mentorship.Status.APPROVED)


@receiver(consent_withdrawn, dispatch_uid="mentorships_leave_on_withdrawal")
def leave_mentorships_on_withdrawal(sender, *, person, when, stop_processing: bool, **kwargs) -> None:
    """A pair led by (or for) the person ends at once; from a group with others the person just leaves."""
    if not stop_processing:
        return
    day = timezone.localtime(when).date()
    reason = _("Отзыв согласия на обработку персональных данных")
    for mentorship in Mentorship.objects.filter(Q(mentor=person) | Q(mentee=person), status__in=_OPEN):
        mentorship.status = Mentorship.Status.TERMINATED
        mentorship.ends_on = max(day, mentorship.starts_on)
        mentorship.end_reason = reason
        mentorship.save(update_fields=["status", "ends_on", "end_reason"])
        Meeting.objects.filter(mentorship=mentorship, status=Meeting.Status.PLANNED).update(
            status=Meeting.Status.CANCELLED
        )
    # A further member of a group: the group goes on without them.
    MentorshipMember.objects.filter(person=person, mentorship__status__in=_OPEN).delete()
