"""Demo consents: everyone taking part in a programme gets the participation and questionnaire consents, signed
on paper (a minor's by the guardian, as parent); a few mentees also give the psychological diagnostics consent.

Idempotent: a purpose already covered is skipped, so running twice changes nothing. Called by `nastavnik demo`.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.privacy import selectors, services
from nastavnik.privacy.models import Consent

BASIC = (Consent.Purpose.PARTICIPATION, Consent.Purpose.QUESTIONNAIRES)
PSYCH_PER_ORG = 3


@transaction.atomic
def populate(*, today: dt.date) -> None:
    signed_on = today - dt.timedelta(days=60)
    for org in Organization.objects.order_by("pk"):
        roles = selectors.participant_ids(organization=org)
        people = Person.objects.filter(pk__in=roles, anonymised_at__isnull=True).order_by("pk")
        for person in people:
            for purpose in BASIC:
                _give(person, purpose, signed_on=signed_on, today=today)
        mentees = [p for p in people if {"mentee_base", "pair_mentee"} & set(roles[p.pk])]
        for person in mentees[:PSYCH_PER_ORG]:
            _give(person, Consent.Purpose.PSYCH_DIAGNOSTICS, signed_on=signed_on, today=today)


def _give(person: Person, purpose: str, *, signed_on: dt.date, today: dt.date) -> None:
    if Consent.objects.filter(person=person, purpose=purpose, withdrawn_at__isnull=True).exists():
        return
    giver = person
    if person.is_minor:
        link = person.guardians.select_related("guardian").order_by("pk").first()
        if link is None:
            return  # no guardian known: the pupil stays without consent, as the overview page then shows
        giver = link.guardian
    try:
        consent = services.consent_prepare(
            person=person,
            purpose=purpose,
            given_by=giver,
            recorded_by=None,
            today=signed_on,
            valid_until=signed_on + dt.timedelta(days=730),
        )
        services.consent_sign(consent=consent, signed_at=signed_on, form=Consent.Form.PAPER, recorded_by=None)
    except ValidationError:
        return  # e.g. no organisation to name as operator: such a person is left for the curator
