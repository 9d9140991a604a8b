"""Personal one-time links: the public page without an account, once only, until it expires."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from nastavnik.surveys import services
from nastavnik.surveys.models import Answer, Invitation, Response
from nastavnik.surveys.selectors import latest_version, response_answer_values
from tests.factories import GuardianshipFactory, PupilFactory, UserFactory
from tests.surveys.factories import VALID_ANSWERS, all_types_version, questionnaire_consent

pytestmark = pytest.mark.django_db

FORM_ANSWERS = {
    "name": "Глеб",
    "color": "Красный",
    "mood": "8",
    "agree": "5",
    "since": "2026-12-01",
    "ready": "yes",
}


@pytest.fixture
def pupil():
    link = GuardianshipFactory(child=PupilFactory(first_name="Глеб"))
    questionnaire_consent(link.child, given_by=link.guardian)
    return link.child


@pytest.fixture
def invitation(pupil):
    return services.invitation_create(version=all_types_version(), person=pupil)


def _url(invitation: Invitation) -> str:
    return reverse("survey_public", args=[invitation.token])


def test_a_link_is_random_personal_and_expires_in_two_weeks(pupil):
    version = all_types_version()
    a = services.invitation_create(version=version, person=pupil)
    b = services.invitation_create(version=version, person=pupil)
    assert a.token != b.token and len(a.token) >= 32
    assert dt.timedelta(days=13) < a.expires_at - timezone.now() <= dt.timedelta(days=14)
    assert a.is_open


def test_a_link_works_once(invitation):
    response = services.invitation_use(invitation=invitation, answers=VALID_ANSWERS)
    invitation.refresh_from_db()
    assert invitation.is_used and invitation.response == response
    with pytest.raises(ValidationError) as caught:
        services.invitation_use(invitation=invitation, answers=VALID_ANSWERS)
    assert caught.value.code == "used"
    assert Response.objects.count() == 1


def test_an_expired_link_stores_nothing(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    invitation.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.invitation_use(invitation=invitation, answers=VALID_ANSWERS)
    assert caught.value.code == "expired"
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


def test_a_link_is_only_for_a_published_questionnaire(pupil):
    survey = services.survey_create(organization=pupil.organization, title="Черновик")
    with pytest.raises(ValidationError, match="опубликуйте"):
        services.invitation_create(version=survey.versions.get(), person=pupil)


def test_the_public_page_opens_without_an_account_and_shows_whose_and_what(client, invitation, pupil):
    page = client.get(_url(invitation))
    assert page.status_code == 200
    html = page.content.decode()
    assert pupil.organization.short_name in html
    assert "Анкета со всеми типами вопросов" in html
    assert "Другая анкета" in html  # the purpose
    assert "Привет, Глеб!" in html  # a pupil is addressed as a pupil
    assert pupil.last_name not in html  # only the first name on a page anyone with the link can open
    assert 'type="date"' in html and 'class="btn-check"' in html


def test_filling_by_link_saves_the_answers_and_thanks(client, invitation, pupil):
    page = client.post(_url(invitation), FORM_ANSWERS)
    assert page.status_code == 302 and page.url == reverse("survey_thanks")
    response = Response.objects.get()
    assert response.about == pupil and response.respondent == pupil and response.submitted_by is None
    assert response_answer_values(response=response)["since"] == "2026-12-01"
    assert response.organization == pupil.organization
    thanks = client.get(page.url)
    assert "Спасибо! Ответы сохранены." in thanks.content.decode()
    assert "Анкета со всеми типами вопросов" in thanks.content.decode()


def test_a_used_link_says_so(client, invitation):
    client.post(_url(invitation), FORM_ANSWERS)
    page = client.get(_url(invitation))
    assert page.status_code == 410
    assert "Анкета уже заполнена" in page.content.decode()
    again = client.post(_url(invitation), FORM_ANSWERS)
    assert again.status_code == 410 and Response.objects.count() == 1


def test_an_expired_or_unknown_link_says_so(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    page = client.get(_url(invitation))
    assert page.status_code == 410 and "Срок действия ссылки истёк" in page.content.decode()
    unknown = client.get(reverse("survey_public", args=["no-such-token"]))
    assert unknown.status_code == 404 and "Ссылка не найдена" in unknown.content.decode()


def test_wrong_answers_come_back_with_messages_and_the_link_stays_open(client, invitation):
    page = client.post(_url(invitation), {**FORM_ANSWERS, "name": "", "mood": "11"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ответьте на этот вопрос: он обязательный." in html
    assert "Ответы не сохранены" in html
    invitation.refresh_from_db()
    assert not invitation.is_used and Response.objects.count() == 0


def test_a_link_is_not_issued_without_the_consent_it_needs():
    pupil = PupilFactory()
    with pytest.raises(ValidationError, match="Ссылка не создана: нет действующего согласия на анкетирование") as exc:
        services.invitation_create(version=all_types_version(), person=pupil)
    assert exc.value.error_list[0].code == "no_consent"
    assert "родитель" in exc.value.messages[0]
    assert not Invitation.objects.exists()


def test_without_consent_the_page_explains_and_the_form_writes_nothing(client):
    """A consent withdrawn after the link was issued: the person is told, nothing is stored."""
    from nastavnik.privacy.models import Consent

    pupil = PupilFactory()
    questionnaire_consent(pupil)
    invitation = services.invitation_create(version=all_types_version(), person=pupil)
    Consent.objects.filter(person=pupil).delete()
    page = client.get(_url(invitation))
    html = page.content.decode()
    assert "Нет действующего согласия на обработку персональных данных для анкетирования" in html
    assert "Отправить ответы" not in html
    posted = client.post(_url(invitation), FORM_ANSWERS)
    assert posted.status_code == 200
    assert "Нет действующего согласия" in posted.content.decode()
    invitation.refresh_from_db()
    assert not invitation.is_used
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


def test_a_logged_in_person_fills_their_own_links(client, pupil):
    pupil.user = UserFactory()
    pupil.save()
    invitation = services.invitation_create(version=latest_version(code="training_needs"), person=pupil)
    client.force_login(pupil.user)
    listing = client.get(reverse("survey_my"))
    assert "Анкета потребностей в обучении наставников" in listing.content.decode()
    form_page = client.get(reverse("survey_my_fill", args=[invitation.pk]))
    assert form_page.status_code == 200
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(reverse("survey_my_fill", args=[invitation.pk])).status_code == 404


def test_a_logged_in_fill_records_who_submitted(client, pupil):
    pupil.user = UserFactory()
    pupil.save()
    invitation = services.invitation_create(version=all_types_version(), person=pupil)
    client.force_login(pupil.user)
    page = client.post(reverse("survey_my_fill", args=[invitation.pk]), FORM_ANSWERS)
    assert page.status_code == 302
    assert Response.objects.get().submitted_by == pupil.user
