"""Intake's answers to privacy signals. Connected by importing this module in IntakeConfig.ready()."""

from django.dispatch import receiver

from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.privacy.signals import consent_withdrawn

_REQUEST_CLOSED = (MenteeRequest.Status.CLOSED, MenteeRequest.Status.WITHDRAWN)
_CANDIDATE_CLOSED = (MentorCandidate.Status.REJECTED, MentorCandidate.Status.WITHDRAWN)


@receiver(consent_withdrawn, dispatch_uid="intake_leave_bases_on_withdrawal")
def leave_bases_on_withdrawal(sender, *, person, stop_processing: bool, **kwargs) -> None:
    """Without consent a person is out of the mentee and mentor bases at once, and so out of any matching."""
    if not stop_processing:
        return
    MenteeRequest.objects.filter(person=person).exclude(status__in=_REQUEST_CLOSED).update(
        status=MenteeRequest.Status.WITHDRAWN
    )
    MentorCandidate.objects.filter(person=person).exclude(status__in=_CANDIDATE_CLOSED).update(
        status=MentorCandidate.Status.WITHDRAWN
    )
