"""Accounts tests: pupils with and without their guardian's consent (invented people only)."""

from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from tests.factories import ConsentFactory, GuardianshipFactory, PersonFactory, PupilFactory


def pupil_with_consent(*, organization, **kwargs) -> Person:
    """A minor pupil whose parent signed the participation consent."""
    pupil = PupilFactory(organization=organization, **kwargs)
    parent = PersonFactory(
        organization=organization, category=Person.Category.PARENT, subject="", experience_years=None
    )
    GuardianshipFactory(guardian=parent, child=pupil)
    ConsentFactory(
        person=pupil,
        given_by=parent,
        guardian_basis=Consent.GuardianBasis.PARENT,
        purpose=Consent.Purpose.PARTICIPATION,
    )
    return pupil
