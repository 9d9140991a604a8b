"""Reads about personal data: which consents cover what."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent


def consents_active(*, on: dt.date | None = None) -> QuerySet[Consent]:
    """Signed, not withdrawn and in force on the given day (today by default)."""
    on = on or timezone.localdate()
    return Consent.objects.filter(
        withdrawn_at__isnull=True, signed_at__isnull=False, valid_from__lte=on
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))


def consent_active(*, person: Person, purpose: str, on: dt.date | None = None) -> bool:
    """Whether processing `person`'s data for `purpose` is covered right now.

    Every write of personal data asks this first: no consent, nothing stored.
    """
    return consents_active(on=on).filter(person=person, purpose=purpose).exists()


def persons_with_consent(*, purpose: str, on: dt.date | None = None) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=consents_active(on=on).filter(purpose=purpose).values("person_id"))
