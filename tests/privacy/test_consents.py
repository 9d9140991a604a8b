import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.people.models import Person
from nastavnik.privacy import selectors, services
from nastavnik.privacy.consent_docs import consent_docx
from nastavnik.privacy.models import Consent
from tests.factories import PersonFactory
from tests.privacy.factories import docx_text, school, signed_consent

pytestmark = pytest.mark.django_db
P = Consent.Purpose


def test_it_takes_a_minors_consent_only_from_a_guardian():
    s = school()
    for giver in (s.pupil, s.other_parent, s.mentor):
        with pytest.raises(ValidationError, match="Согласие за несовершеннолетнего даёт его законный представитель"):
            services.consent_prepare(person=s.pupil, purpose=P.PARTICIPATION, given_by=giver, recorded_by=None)
    assert not Consent.objects.filter(person=s.pupil).exists()

    consent = services.consent_prepare(person=s.pupil, purpose=P.PARTICIPATION, given_by=s.parent, recorded_by=None)
    assert consent.given_by == s.parent
    assert consent.guardian_basis == Consent.GuardianBasis.PARENT  # taken from the guardianship
    assert consent.signed_at is None and not consent.is_active()


def test_it_lets_an_adult_give_only_their_own_consent():
    s = school()
    with pytest.raises(ValidationError, match="Совершеннолетний даёт согласие сам"):
        services.consent_prepare(person=s.mentor, purpose=P.PARTICIPATION, given_by=s.curator, recorded_by=None)
    consent = services.consent_prepare(person=s.mentor, purpose=P.PARTICIPATION, given_by=s.mentor, recorded_by=None)
    assert consent.guardian_basis == ""


def test_it_fills_operator_categories_and_actions_per_purpose():
    s = school()
    participation = services.consent_prepare(
        person=s.mentor, purpose=P.PARTICIPATION, given_by=s.mentor, recorded_by=None
    )
    psych = services.consent_prepare(person=s.mentor, purpose=P.PSYCH_DIAGNOSTICS, given_by=s.mentor, recorded_by=None)
    assert participation.operator == f"{s.org.name}, г. Северогорск, ул. Школьная, д. 1"
    assert "фамилия, имя, отчество" in participation.data_categories
    assert "результаты психологической диагностики" in psych.data_categories
    assert "результаты психологической диагностики" not in participation.data_categories
    assert "сбор" in participation.actions and "педагогу-психологу" in psych.actions


def test_it_records_who_signed_when_and_how():
    s = school()
    consent = services.consent_prepare(person=s.pupil, purpose=P.PARTICIPATION, given_by=s.parent, recorded_by=None)
    signed_on = timezone.localdate() - dt.timedelta(days=3)
    services.consent_sign(consent=consent, signed_at=signed_on, form=Consent.Form.PAPER, recorded_by=s.curator.user)
    consent.refresh_from_db()
    assert consent.signed_at == signed_on
    assert consent.valid_from == signed_on
    assert consent.form == Consent.Form.PAPER
    assert consent.recorded_by == s.curator.user
    assert consent.signing_recorded_at is not None
    assert selectors.consent_active(person=s.pupil, purpose=P.PARTICIPATION)
    with pytest.raises(ValidationError, match="уже отмечено"):
        services.consent_sign(consent=consent, signed_at=signed_on, form=Consent.Form.PAPER, recorded_by=None)


def test_it_refuses_a_signature_in_the_future_and_an_electronic_psych_consent():
    s = school()
    consent = services.consent_prepare(
        person=s.mentor, purpose=P.PSYCH_DIAGNOSTICS, given_by=s.mentor, recorded_by=None
    )
    with pytest.raises(ValidationError, match="в будущем"):
        services.consent_sign(
            consent=consent, signed_at=timezone.localdate() + dt.timedelta(days=1), form="paper", recorded_by=None
        )
    with pytest.raises(ValidationError, match="письменно"):
        services.consent_sign(consent=consent, signed_at=timezone.localdate(), form="electronic", recorded_by=None)
    consent.refresh_from_db()
    assert consent.signed_at is None


def test_it_keeps_one_consent_per_purpose_in_force():
    s = school()
    signed_consent(s.mentor, P.PARTICIPATION)
    with pytest.raises(ValidationError, match="уже действует"):
        services.consent_prepare(person=s.mentor, purpose=P.PARTICIPATION, given_by=s.mentor, recorded_by=None)
    # A second draft replaces the first: an unsigned paper has no force.
    first = services.consent_prepare(person=s.mentor, purpose=P.QUESTIONNAIRES, given_by=s.mentor, recorded_by=None)
    services.consent_prepare(person=s.mentor, purpose=P.QUESTIONNAIRES, given_by=s.mentor, recorded_by=None)
    assert not Consent.objects.filter(pk=first.pk).exists()
    assert Consent.objects.filter(person=s.mentor, purpose=P.QUESTIONNAIRES).count() == 1


def test_it_refuses_storing_questionnaire_data_without_consent():
    s = school()
    with pytest.raises(ValidationError) as exc:
        selectors.consent_require(person=s.pupil, purpose=P.QUESTIONNAIRES)
    message = exc.value.messages[0]
    assert "законного представителя" in message and "данные не сохранены" in message
    signed_consent(s.pupil, P.QUESTIONNAIRES, given_by=s.parent)
    selectors.consent_require(person=s.pupil, purpose=P.QUESTIONNAIRES)  # no error now


def test_it_prints_the_consent_in_russian_document_style():
    s = school()
    consent = signed_consent(s.pupil, P.PARTICIPATION, given_by=s.parent, signed_at=dt.date(2025, 12, 22))
    text = docx_text(consent_docx(consent=consent))
    assert "СОГЛАСИЕ" in text
    assert "Кедров Пётр Ильич" in text  # the representative
    assert "родитель" in text
    assert "Кедрова Анна Петровна" in text and "20.05.2012" in text  # the subject
    assert "для участия в программе наставничества" in text
    assert "организация участия в программе наставничества" in text
    assert "фамилия, имя, отчество;" in text
    assert "«22» декабря 2025 г." in text
    assert "Кедров П. И." in text
    assert s.org.name in text and "ул. Школьная" in text
    assert "письменным заявлением" in text and "30 дней" in text
    assert "{{" not in text and "{%" not in text


def test_it_prints_an_adults_unsigned_consent_with_blank_date():
    s = school()
    teacher = PersonFactory(organization=s.org, category=Person.Category.TEACHER, last_name="Кедрова")
    consent = services.consent_prepare(person=teacher, purpose=P.PSYCH_DIAGNOSTICS, given_by=teacher, recorded_by=None)
    text = docx_text(consent_docx(consent=consent))
    assert "на проведение психологической диагностики" in text
    assert "«___» ____________ 20___ г." in text
    assert "законным представителем" not in text
    assert teacher.full_name in text
