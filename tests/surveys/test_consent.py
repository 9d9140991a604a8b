"""The consent gate: nothing from a questionnaire is stored about a person without a consent covering it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.privacy.models import Consent
from nastavnik.surveys.models import Answer, Response
from nastavnik.surveys.services import response_submit
from tests.factories import ConsentFactory, GuardianshipFactory, PersonFactory, PupilFactory
from tests.surveys.factories import VALID_ANSWERS, all_types_version, questionnaire_consent

pytestmark = pytest.mark.django_db

CONSENT_MESSAGE = "Нет действующего согласия на обработку персональных данных для анкетирования"


@pytest.fixture
def version():
    return all_types_version()


def _refused(version, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        response_submit(version=version, answers=VALID_ANSWERS, **kwargs)
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0
    return caught.value


def test_it_refuses_and_writes_nothing_without_any_consent(version):
    error = _refused(version, respondent=PersonFactory())
    assert error.code == "no_consent"
    assert CONSENT_MESSAGE in error.messages[0]


def test_a_consent_for_another_purpose_does_not_cover_questionnaires(version):
    person = PersonFactory()
    ConsentFactory(person=person, purpose=Consent.Purpose.PARTICIPATION)
    _refused(version, respondent=person)


def test_a_withdrawn_expired_or_unsigned_consent_stops_storing(version):
    withdrawn, expired, unsigned = PersonFactory(), PersonFactory(), PersonFactory()
    questionnaire_consent(withdrawn, withdrawn_at=timezone.now())
    today = timezone.localdate()
    questionnaire_consent(expired, valid_from=today - dt.timedelta(days=400), valid_until=today - dt.timedelta(days=1))
    questionnaire_consent(unsigned, signed_at=None)
    for person in (withdrawn, expired, unsigned):
        _refused(version, respondent=person)


def test_the_gate_asks_about_the_person_the_answers_are_about(version):
    curator, candidate = PersonFactory(), PersonFactory()
    questionnaire_consent(curator)
    # The curator's own consent does not cover answers about the candidate …
    _refused(version, respondent=curator, about=candidate)
    # … the candidate's does.
    questionnaire_consent(candidate)
    response = response_submit(version=version, answers=VALID_ANSWERS, respondent=curator, about=candidate)
    assert response.about == candidate and response.respondent == curator


def test_a_minor_answers_with_the_guardians_consent(version):
    link = GuardianshipFactory(child=PupilFactory())
    pupil = link.child
    assert pupil.is_minor
    questionnaire_consent(pupil, given_by=link.guardian)
    response = response_submit(version=version, answers=VALID_ANSWERS, respondent=pupil)
    assert response.answers.count() == len(VALID_ANSWERS)


def test_an_anonymous_questionnaire_needs_no_consent(version):
    response = response_submit(version=version, answers=VALID_ANSWERS, respondent=None)
    assert response.about is None and response.answers.count() == len(VALID_ANSWERS)
