"""The privacy pages over HTTP: who may open what, and the consent flow a guardian and a curator go through."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.intake.models import MenteeRequest
from nastavnik.mentorships.models import Mentorship
from nastavnik.privacy.models import AccessLog, Consent, DestructionRecord
from tests.factories import OrganizationFactory, assert_sent_back_without_a_file, person_with_login
from tests.privacy.factories import docx_text, role, school, signed_consent

pytestmark = pytest.mark.django_db
P = Consent.Purpose


@pytest.fixture
def s():
    world = school()
    world.coordinator = role(
        person_with_login(role=None, organization=world.org, username="coordinator"), "coordinator"
    )
    world.foreign_director = person_with_login(role="director", organization=OrganizationFactory(), username="fd")
    return world


def client_for(person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def status(person, url: str) -> int:
    return client_for(person).get(url).status_code


def test_it_shows_a_pupils_consents_only_to_those_who_manage_them(s):
    url = reverse("privacy_consents", args=[s.pupil.pk])
    assert status(s.parent, url) == 200  # guardian for the ward
    assert status(s.curator, url) == 200
    assert status(s.director, url) == 200
    assert status(s.other_parent, url) == 404  # another child's parent does not even learn it exists
    assert status(s.mentor, url) == 403  # sees the mentee in the pair, but not their consents
    assert status(s.pupil, url) == 403  # a minor's consent is the guardian's
    assert status(s.foreign_director, url) == 404
    assert status(s.mentor, reverse("privacy_consents", args=[s.mentor.pk])) == 200  # an adult manages their own


def test_it_lets_the_subject_and_guardian_download_their_data(s):
    url = reverse("privacy_person_export", args=[s.pupil.pk])
    response = client_for(s.parent).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = load_workbook(io.BytesIO(response.content))
    assert "Сведения о человеке" in book.sheetnames
    assert status(s.director, url) == 200
    assert status(s.curator, url) == 403
    assert status(s.mentor, url) == 403
    assert status(s.other_parent, url) == 404
    assert status(s.mentor, reverse("privacy_person_export", args=[s.mentor.pk])) == 200


def test_it_shows_the_guardian_who_viewed_the_childs_record(s):
    client_for(s.curator).get(reverse("person", args=[s.pupil.pk]))
    client_for(s.curator).get(reverse("privacy_consents", args=[s.pupil.pk]))
    assert AccessLog.objects.filter(person=s.pupil, user=s.curator.user).count() == 2

    response = client_for(s.parent).get(reverse("privacy_person_data", args=[s.pupil.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert s.curator.short_name in page
    assert "Просмотр согласий" in page and "Просмотр карточки человека" in page

    my = client_for(s.parent).get(reverse("privacy_me")).content.decode()
    assert s.pupil.full_name in my and s.parent.full_name in my
    assert s.other_parent.full_name not in my


def test_it_shows_the_organisation_audit_log_to_director_and_coordinator_only(s):
    client_for(s.curator).get(reverse("person", args=[s.pupil.pk]))
    url = reverse("privacy_org_audit", args=[s.org.code])
    response = client_for(s.director).get(url)
    assert response.status_code == 200
    assert s.pupil.short_name in response.content.decode() and s.curator.short_name in response.content.decode()
    assert status(s.coordinator, url) == 200
    found = client_for(s.director).get(url, {"q": "Кедрова"}, HTTP_HX_REQUEST="true").content.decode()
    nothing = client_for(s.director).get(url, {"q": "Несуществующий"}, HTTP_HX_REQUEST="true").content.decode()
    assert s.pupil.short_name in found and s.pupil.short_name not in nothing
    assert status(s.curator, url) == 403
    assert status(s.mentor, url) == 403
    assert status(s.foreign_director, url) == 404
    assert status(s.director, reverse("privacy_org_destruction", args=[s.org.code])) == 200
    assert status(s.curator, reverse("privacy_org_destruction", args=[s.org.code])) == 403


def test_it_lists_participants_lacking_participation_consent_for_curators(s):
    signed_consent(s.mentor, P.PARTICIPATION)
    url = reverse("privacy_org_consents", args=[s.org.code])
    response = client_for(s.curator).get(url, {"lacking": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert s.pupil.full_name in page  # in the mentee base without participation consent
    assert s.mentor.full_name not in page  # has it
    partial = client_for(s.curator).get(url, {"lacking": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert s.pupil.full_name in partial and "<html" not in partial  # the table alone, for htmx
    assert status(s.mentor, url) == 403
    assert status(s.parent, url) == 403
    assert status(s.foreign_director, url) == 404


def test_it_takes_a_guardian_through_prepare_sign_print_and_withdraw(s):
    parent = client_for(s.parent)
    url = reverse("privacy_consents", args=[s.pupil.pk])
    response = parent.post(url, {"purpose": P.PARTICIPATION, "given_by": s.parent.pk, "guardian_basis": ""})
    assert response.status_code == 302
    consent = Consent.objects.get(person=s.pupil, purpose=P.PARTICIPATION)
    assert consent.given_by == s.parent and consent.signed_at is None

    docx = parent.get(reverse("privacy_consent_docx", args=[consent.pk]))
    assert docx.status_code == 200 and "Кедров Пётр Ильич" in docx_text(docx.content)

    sign_url = reverse("privacy_consent_sign", args=[consent.pk])
    today = consent.valid_from.isoformat()
    refused = parent.post(sign_url, {"signed_at": today, "form": Consent.Form.PAPER})
    assert refused.status_code == 400  # paper signatures are recorded by the school
    assert parent.post(sign_url, {"signed_at": today, "form": Consent.Form.ELECTRONIC}).status_code == 302
    consent.refresh_from_db()
    assert consent.form == Consent.Form.ELECTRONIC and consent.recorded_by == s.parent.user

    withdraw_url = reverse("privacy_consent_withdraw", args=[consent.pk])
    assert "Отзыв согласия" in parent.get(withdraw_url).content.decode()
    assert parent.post(withdraw_url, {}).status_code == 400  # confirmation required, nothing changed
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    assert parent.post(withdraw_url, {"confirm": "on"}).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == s.parent.user
    assert MenteeRequest.objects.get(pk=s.request.pk).status == MenteeRequest.Status.WITHDRAWN
    assert Mentorship.objects.get(pk=s.mentorship.pk).status == Mentorship.Status.TERMINATED


def test_it_lets_a_curator_record_a_paper_signature_but_not_a_stranger(s):
    curator = client_for(s.curator)
    curator.post(
        reverse("privacy_consents", args=[s.pupil.pk]), {"purpose": P.PSYCH_DIAGNOSTICS, "given_by": s.parent.pk}
    )
    consent = Consent.objects.get(person=s.pupil, purpose=P.PSYCH_DIAGNOSTICS)
    sign_url = reverse("privacy_consent_sign", args=[consent.pk])
    assert status(s.other_parent, sign_url) == 404
    assert status(s.mentor, sign_url) == 403
    response = curator.post(sign_url, {"signed_at": consent.valid_from.isoformat(), "form": Consent.Form.PAPER})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.form == Consent.Form.PAPER and consent.recorded_by == s.curator.user


def test_it_refuses_a_minors_consent_from_a_non_guardian_with_a_clear_message(s):
    response = client_for(s.curator).post(
        reverse("privacy_consents", args=[s.pupil.pk]), {"purpose": P.PARTICIPATION, "given_by": s.other_parent.pk}
    )
    assert response.status_code == 400
    assert not Consent.objects.filter(person=s.pupil).exists()


def test_it_offers_the_consent_as_a_pdf(s):
    consent = signed_consent(s.pupil, P.PARTICIPATION, given_by=s.parent)
    response = client_for(s.parent).get(reverse("privacy_consent_pdf", args=[consent.pk]), follow=False)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_without_libreoffice_the_consent_pdf_sends_back_to_the_consents_with_a_message(s, no_libreoffice):
    consent = signed_consent(s.pupil, P.PARTICIPATION, given_by=s.parent)
    assert_sent_back_without_a_file(
        client_for(s.parent),
        reverse("privacy_consent_pdf", args=[consent.pk]),
        to=reverse("privacy_consents", args=[s.pupil.pk]),
        says="Скачайте документ в формате DOCX",
    )


def test_it_lists_destruction_records_of_the_organisation(s):
    DestructionRecord.objects.create(
        person_ref="P-999",
        organization=s.org,
        organization_name=s.org.name,
        categories=["ответы на анкеты"],
        reason="Отзыв согласия / истечение срока",
        performed_by="nastavnik purge",
    )
    DestructionRecord.objects.create(
        person_ref="P-777", organization_name="Другая школа", categories=[], reason="—", performed_by="nastavnik purge"
    )
    page = client_for(s.director).get(reverse("privacy_org_destruction", args=[s.org.code])).content.decode()
    assert "P-999" in page and "ответы на анкеты" in page
    assert "P-777" not in page
