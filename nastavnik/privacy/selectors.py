"""Reads about personal data: which consents cover what."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.privacy.models import AccessLog, Consent, DestructionRecord


def consents_active(*, on: dt.date | None = None) -> QuerySet[Consent]:
    """Signed, not withdrawn and in force on the given day (today by default)."""
    on = on or timezone.localdate()
    return Consent.objects.filter(withdrawn_at__isnull=True, signed_at__isnull=False, valid_from__lte=on).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    )


def publication_allowed(*, person_ids, on: dt.date | None = None) -> dict[int, frozenset[str]]:
    """Who of `person_ids` may appear on a public page right now, and with what (codes of `PublishCategory`).

    Asked at render time by every public page: a withdrawn or lapsed consent removes the person at once.
    """
    allowed: dict[int, set[str]] = {}
    rows = consents_active(on=on).filter(person_id__in=list(person_ids), purpose=Consent.Purpose.PUBLICATION)
    for person_id, codes in rows.filter(person__anonymised_at__isnull=True).values_list(
        "person_id", "publish_categories"
    ):
        allowed.setdefault(person_id, set()).update(codes or [])
    return {pid: frozenset(codes) for pid, codes in allowed.items() if codes}


def consent_active(*, person: Person, purpose: str, on: dt.date | None = None) -> bool:
    """Whether processing `person`'s data for `purpose` is covered right now.

    Every write of personal data asks this first: no consent, nothing stored.
    """
    return consents_active(on=on).filter(person=person, purpose=purpose).exists()


def persons_with_consent(*, purpose: str, on: dt.date | None = None) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=consents_active(on=on).filter(purpose=purpose).values("person_id"))


def consent_require(*, person: Person, purpose: str, on: dt.date | None = None) -> None:
    """Refuse (ValidationError, nothing written) when no consent in force covers `purpose` for `person`.

    Forms that store anything about a person call this first and show the message to the user.
    """
    if consent_active(person=person, purpose=purpose, on=on):
        return
    label = Consent.Purpose(purpose).label
    if person.is_minor:
        message = _(
            "Нет действующего согласия законного представителя на цель «%(purpose)s»: данные не сохранены. "
            "Оформите согласие на странице «Согласия на обработку персональных данных»."
        )
    else:
        message = _(
            "Нет действующего согласия на цель «%(purpose)s»: данные не сохранены. "
            "Оформите согласие на странице «Согласия на обработку персональных данных»."
        )
    raise ValidationError(message % {"purpose": label}, code="no_consent")


def consent_status(consent: Consent, *, on: dt.date | None = None) -> str:
    """'active', 'draft', 'withdrawn', 'expired' or 'pending' (signed, in force from a later day)."""
    on = on or timezone.localdate()
    if consent.withdrawn_at:
        return "withdrawn"
    if not consent.signed_at:
        return "draft"
    if consent.valid_until and consent.valid_until < on:
        return "expired"
    return "active" if consent.valid_from <= on else "pending"


def consents_of_person(*, person: Person) -> QuerySet[Consent]:
    return Consent.objects.filter(person=person).select_related("given_by", "recorded_by__person", "withdrawn_by")


def access_log_about(*, person: Person) -> QuerySet[AccessLog]:
    """Who viewed this person's record: what the person (or their guardian) may see."""
    return AccessLog.objects.filter(person=person).select_related("user__person")


def access_log_of_organization(*, organization: Organization, query: str = "") -> QuerySet[AccessLog]:
    qs = AccessLog.objects.filter(person__organization=organization).select_related("user__person", "person")
    for word in query.split():
        qs = qs.filter(
            Q(person__last_name__icontains=word)
            | Q(person__first_name__icontains=word)
            | Q(user__person__last_name__icontains=word)
            | Q(user__username__icontains=word)
        )
    return qs


def destruction_records(*, organization: Organization) -> QuerySet[DestructionRecord]:
    return DestructionRecord.objects.filter(
        Q(organization=organization) | Q(organization__isnull=True, organization_name=organization.name)
    )


# --- who lacks which consent ------------------------------------------------------------------------------------

# Statuses after which a person no longer takes part: a closed request, a rejected candidate, an ended pair.
_CLOSED_REQUEST = ("closed", "withdrawn")
_CLOSED_CANDIDATE = ("rejected", "withdrawn")
_CLOSED_MENTORSHIP = ("completed", "terminated")


@dataclass
class ParticipantConsents:
    person: Person
    roles: list[str]
    statuses: dict[str, str]  # purpose → consent_status, or 'none'

    @property
    def cells(self) -> list[tuple[str, str]]:
        return [(Consent.Purpose(purpose).label, status) for purpose, status in self.statuses.items()]

    @property
    def lacks_participation(self) -> bool:
        return self.statuses.get(Consent.Purpose.PARTICIPATION) != "active"


PARTICIPATION_LABELS = {
    "mentee_base": gettext_lazy("в базе наставляемых"),
    "mentor_base": gettext_lazy("в базе наставников"),
    "pair_mentor": gettext_lazy("наставник в паре"),
    "pair_mentee": gettext_lazy("наставляемый в паре"),
}


def participant_ids(*, organization: Organization) -> dict[int, list[str]]:
    """People of the organisation who take part in the programme now, with how: codes of PARTICIPATION_LABELS."""
    roles: dict[int, list[str]] = {}

    def add(ids, role) -> None:
        for pid in ids:
            if pid is not None and role not in roles.setdefault(pid, []):
                roles[pid].append(role)

    request_model = _optional_model("intake", "MenteeRequest")
    if request_model:
        rows = request_model.objects.filter(organization=organization).exclude(status__in=_CLOSED_REQUEST)
        add(rows.values_list("person_id", flat=True), "mentee_base")
    candidate_model = _optional_model("intake", "MentorCandidate")
    if candidate_model:
        rows = candidate_model.objects.filter(organization=organization).exclude(status__in=_CLOSED_CANDIDATE)
        add(rows.values_list("person_id", flat=True), "mentor_base")
    mentorship_model = _optional_model("mentorships", "Mentorship")
    if mentorship_model:
        open_pairs = mentorship_model.objects.filter(program__organization=organization).exclude(
            status__in=_CLOSED_MENTORSHIP
        )
        add(open_pairs.values_list("mentor_id", flat=True), "pair_mentor")
        add(open_pairs.values_list("mentee_id", flat=True), "pair_mentee")
        for pid, side in open_pairs.values_list("members__person_id", "members__side"):
            add([pid], f"pair_{side}" if side else "pair_mentee")
    return roles


def organization_consents(
    *, organization: Organization, only_lacking: bool = False, on: dt.date | None = None
) -> list[ParticipantConsents]:
    """Every participant with the status of each consent purpose: what the curator has to collect."""
    on = on or timezone.localdate()
    roles = participant_ids(organization=organization)
    people = Person.objects.filter(pk__in=roles, anonymised_at__isnull=True).order_by(
        "school_class", "last_name", "first_name"
    )
    statuses: dict[int, dict[str, str]] = {pid: {} for pid in roles}
    # Oldest first, so the latest consent for a purpose decides its status, unless an earlier one is in force.
    for consent in Consent.objects.filter(person_id__in=roles).order_by("created_at", "pk"):
        known = statuses[consent.person_id]
        if known.get(consent.purpose) != "active":
            known[consent.purpose] = consent_status(consent, on=on)
    rows = [
        ParticipantConsents(
            person=p,
            roles=[str(PARTICIPATION_LABELS[r]) for r in roles[p.pk]],
            statuses={purpose: statuses[p.pk].get(purpose, "none") for purpose in Consent.Purpose.values},
        )
        for p in people
    ]
    return [r for r in rows if r.lacks_participation] if only_lacking else rows


def _optional_model(app_label: str, model_name: str):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None
