"""Invitations to the measurement questionnaires: by the curator for a whole wave, and automatically at the right
moment (issue «Monitoring» §2) —

* entry instruments when a person enters the programme: when their pair or group is formed, before it starts work
  (Mentor Match confirmation, or a pair made by hand), so the entry values describe them before mentoring — and a
  member added to a group afterwards, when they are added;
* exit instruments at the final meeting: when it is scheduled (or recorded as held without having been scheduled).

Nobody is ever invited twice to the same instrument and wave of a programme (a `MeasurementRequest` per person,
instrument and wave, unique). Without the consent to questionnaires, or the written consent to psychological
diagnostics for an instrument that is one, the invitation is refused: the reason is kept on the request and shown
to the curator on the measurement plan; a later attempt after the consent is given sends it.

The links are the surveys' personal one-time links, e-mailed; one reminder goes out for a link not filled
`REMIND_AFTER_DAYS` days after it was sent (`nastavnik remind-measurements`, run by the scheduler like `remind`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.mentorships.models import Mentorship, MentorshipMember
from nastavnik.monitoring import instruments
from nastavnik.monitoring.models import MeasurementRequest, PlanItem, Side, Wave
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import consents_active
from nastavnik.programs.models import Program
from nastavnik.surveys import selectors as survey_selectors
from nastavnik.surveys import services as survey_services
from nastavnik.surveys.models import Invitation

log = logging.getLogger(__name__)

# A pair or group in these states has people entering the programme (proposed, formed or at work).
ENTERING = (Mentorship.Status.PROPOSED, Mentorship.Status.CONFIRMED, Mentorship.Status.APPROVED)
AUTOMATIC_DAYS = 14  # how long an automatic link stays valid
REMIND_AFTER_DAYS = 5  # one reminder for a link not filled this many days after it was sent


@dataclass(frozen=True)
class Invitee:
    person: Person
    side: str
    mentorship: Mentorship | None


@dataclass
class InvitationResult:
    sent: list[MeasurementRequest] = field(default_factory=list)
    refused: list[tuple[Person, str, str]] = field(default_factory=list)  # person, instrument title, reason
    already: int = 0


def link_for(invitation: Invitation) -> str:
    """The personal link as the e-mail gives it, outside any request (automatic sending)."""
    return settings.SITE_URL + reverse("survey_public", args=[invitation.token])


def _refusal(instrument: instruments.Instrument, purposes: set[str]) -> str:
    if Consent.Purpose.QUESTIONNAIRES not in purposes:
        return _("нет согласия на анкетирование и мониторинг")
    if instrument.psychological and Consent.Purpose.PSYCH_DIAGNOSTICS not in purposes:
        return _("это психологическая диагностика, а письменного согласия на неё нет")
    return ""


def invite(
    *,
    program: Program,
    wave: str,
    invitees: Iterable[Invitee],
    created_by=None,
    link: Callable[[Invitation], str] | None = None,
    days: int = AUTOMATIC_DAYS,
    automatic: bool = False,
) -> InvitationResult:
    """Invite each invitee to every instrument of the programme's plan for their side and this wave."""
    result = InvitationResult()
    invitees = [i for i in invitees if i.person.anonymised_at is None]
    plan = list(PlanItem.objects.filter(program=program, wave=wave))
    if not plan or not invitees:
        return result
    person_ids = {i.person.pk for i in invitees}
    purposes: dict[int, set[str]] = {}
    for person_id, purpose in consents_active().filter(person_id__in=person_ids).values_list("person_id", "purpose"):
        purposes.setdefault(person_id, set()).add(purpose)
    existing = {
        (r.person_id, r.instrument): r
        for r in MeasurementRequest.objects.filter(program=program, wave=wave, person_id__in=person_ids)
    }
    versions: dict[str, object] = {}
    for invitee in invitees:
        for item in plan:
            if item.side != invitee.side or item.instrument not in instruments.INSTRUMENTS:
                continue
            instrument = instruments.INSTRUMENTS[item.instrument]
            request = existing.get((invitee.person.pk, instrument.code))
            if request is not None and request.invitation_id is not None:
                result.already += 1
                continue
            reason = _refusal(instrument, purposes.get(invitee.person.pk, set()))
            if request is None:
                request = _request(program, invitee, instrument.code, wave, automatic)
                if request is None:  # made by a concurrent sending a moment ago
                    result.already += 1
                    continue
                existing[(invitee.person.pk, instrument.code)] = request
            if reason:
                _refuse(result, request, invitee, instrument, reason)
                continue
            if instrument.code not in versions:
                versions[instrument.code] = survey_selectors.latest_version(code=instrument.survey_code)
            if versions[instrument.code] is None:
                _refuse(result, request, invitee, instrument, _("анкета этой методики не опубликована"))
                continue
            try:
                with transaction.atomic():
                    invitation = survey_services.invitation_create(
                        version=versions[instrument.code],
                        person=invitee.person,
                        subject=request,
                        created_by=created_by,
                        days=days,
                    )
            except ValidationError as error:  # e.g. the questionnaire is unpublished: kept as the reason
                _refuse(result, request, invitee, instrument, " ".join(error.messages)[:300])
                continue
            request.invitation = invitation
            request.refusal = ""
            request.save(update_fields=["invitation", "refusal"])
            if link is not None:
                survey_services.invitation_email(invitation=invitation, link=link(invitation))
            result.sent.append(request)
    return result


def _refuse(result: InvitationResult, request: MeasurementRequest, invitee: Invitee, instrument, reason: str) -> None:
    """Not sent: the reason stays on the request for the curator (and is reported to whoever sent the wave)."""
    if request.refusal != reason:
        request.refusal = reason
        request.save(update_fields=["refusal"])
    result.refused.append((invitee.person, _(instrument.title), reason))


def _request(program, invitee: Invitee, instrument: str, wave: str, automatic: bool) -> MeasurementRequest | None:
    try:
        with transaction.atomic():
            return MeasurementRequest.objects.create(
                program=program,
                person=invitee.person,
                mentorship=invitee.mentorship,
                instrument=instrument,
                side=invitee.side,
                wave=wave,
                automatic=automatic,
            )
    except IntegrityError:
        return None


def pair_invitees(mentorship: Mentorship) -> list[Invitee]:
    """The lead mentor and mentee and the group's further members (two queries)."""
    people = [Invitee(mentorship.mentor, Side.MENTOR, mentorship), Invitee(mentorship.mentee, Side.MENTEE, mentorship)]
    for member in MentorshipMember.objects.filter(mentorship=mentorship).select_related("person"):
        people.append(Invitee(member.person, member.side, mentorship))
    return people


@transaction.atomic
def pair_wave_invitations_send(*, mentorship_id: int, wave: str) -> InvitationResult:
    """The automatic invitations of one pair for a wave (entry when it is formed, exit at its final meeting)."""
    mentorship = Mentorship.objects.select_related("program", "mentor", "mentee").filter(pk=mentorship_id).first()
    if mentorship is None or wave not in (Wave.ENTRY, Wave.EXIT):
        return InvitationResult()
    return invite(
        program=mentorship.program,
        wave=wave,
        invitees=pair_invitees(mentorship),
        link=link_for,
        automatic=True,
    )


@transaction.atomic
def member_entry_invitations_send(*, member_id: int) -> InvitationResult:
    """A person added to a group after it was formed enters the programme then: the entry instruments of their
    side, for them alone (the others were invited when the group was formed). Nobody is invited twice."""
    member = MentorshipMember.objects.select_related("mentorship__program", "person").filter(pk=member_id).first()
    if member is None or member.mentorship.status not in ENTERING:
        return InvitationResult()
    return invite(
        program=member.mentorship.program,
        wave=Wave.ENTRY,
        invitees=[Invitee(member.person, member.side, member.mentorship)],
        link=link_for,
        automatic=True,
    )


def refused_requests(*, program: Program):
    """Invitations refused for want of a consent, with the reason (the curator's list on the plan page)."""
    return (
        MeasurementRequest.objects.filter(program=program, invitation__isnull=True)
        .exclude(refusal="")
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "instrument", "wave")
    )


# --- one reminder for a link not filled ------------------------------------------------------------------------


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Send the link again, once, to everyone whose measurement link is unfilled, still valid and was sent
    REMIND_AFTER_DAYS ago or more. Running it again sends nothing twice."""
    now = now or timezone.now()
    due = MeasurementRequest.objects.filter(
        reminded_at__isnull=True,
        invitation__isnull=False,
        invitation__used_at__isnull=True,
        invitation__expires_at__gt=now,
        invitation__created_at__lte=now - dt.timedelta(days=REMIND_AFTER_DAYS),
    ).select_related("invitation__version__survey", "invitation__person")
    count = 0
    for request in due:
        # Claim the row first: a sweep running twice at once sends one reminder, not two.
        claimed = MeasurementRequest.objects.filter(pk=request.pk, reminded_at__isnull=True).update(reminded_at=now)
        if claimed and survey_services.invitation_email(
            invitation=request.invitation, link=link_for(request.invitation)
        ):
            count += 1
    return count
