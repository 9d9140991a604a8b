import pytest
from django.utils import timezone

from nastavnik.privacy import selectors
from nastavnik.privacy.demo import populate
from nastavnik.privacy.models import Consent
from tests.factories import PupilFactory
from tests.privacy.factories import school

pytestmark = pytest.mark.django_db
P = Consent.Purpose


def test_it_gives_demo_participants_their_consents_once():
    s = school()
    orphan = PupilFactory(organization=s.org)  # in the base, but no guardian is known
    s.request.__class__.objects.create(person=orphan, organization=s.org, needs="Адаптация в новом классе")
    today = timezone.localdate()

    populate(today=today)

    for person in (s.pupil, s.mentor):
        assert selectors.consent_active(person=person, purpose=P.PARTICIPATION)
        assert selectors.consent_active(person=person, purpose=P.QUESTIONNAIRES)
    pupil_consent = Consent.objects.get(person=s.pupil, purpose=P.PARTICIPATION)
    assert pupil_consent.given_by == s.parent and pupil_consent.guardian_basis == Consent.GuardianBasis.PARENT
    assert selectors.consent_active(person=s.pupil, purpose=P.PSYCH_DIAGNOSTICS)  # a mentee
    assert not Consent.objects.filter(person=orphan).exists()
    assert not Consent.objects.filter(person=s.other_parent).exists()  # not taking part

    count = Consent.objects.count()
    populate(today=today)
    assert Consent.objects.count() == count
