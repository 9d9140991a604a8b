"""Staff pages: who may build, the builder with and without HTMX, preview, responses and sending links."""

import pytest
from django.core import mail
from django.urls import reverse

from nastavnik.orgs.models import Role
from nastavnik.privacy.models import AccessLog
from nastavnik.surveys import services
from nastavnik.surveys.models import Invitation, Question, Response, Survey
from nastavnik.surveys.selectors import latest_version
from tests.factories import OrganizationFactory, PupilFactory, person_with_login
from tests.surveys.factories import VALID_ANSWERS, all_types_version, questionnaire_consent

pytestmark = pytest.mark.django_db

NEW_QUESTION = {"text": "Какой кружок вы посещаете?", "type": "short_text", "required": "on"}


@pytest.fixture
def org():
    return OrganizationFactory()


@pytest.fixture
def curator(org):
    return person_with_login(role=Role.CURATOR, organization=org)


@pytest.fixture
def survey(org):
    survey = services.survey_create(organization=org, title="Анкета для седьмых классов")
    services.question_add(version=survey.versions.get(), text="Как вас зовут?", type="short_text")
    return survey


def _login(client, person):
    client.force_login(person.user)
    return client


def _add_url(survey: Survey) -> str:
    return reverse("survey_question_add", args=[survey.pk])


def test_the_list_shows_the_catalogue_and_the_organisations_questionnaires(client, curator, survey):
    page = _login(client, curator).get(reverse("surveys"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Чем я могу быть полезен в качестве наставника?" in html
    assert "Анкета для седьмых классов" in html


def test_a_mentor_does_not_get_the_staff_list(client, org):
    mentor = person_with_login(role=Role.MENTOR, organization=org)
    assert _login(client, mentor).get(reverse("surveys")).status_code == 403


def test_the_curator_opens_the_builder(client, curator, survey):
    page = _login(client, curator).get(reverse("survey_build", args=[survey.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Как вас зовут?" in html and "черновик" in html and "Опубликовать" in html


def test_a_mentor_of_the_same_organisation_is_refused(client, org, survey):
    mentor = person_with_login(role=Role.MENTOR, organization=org)
    _login(client, mentor)
    assert client.get(reverse("survey_build", args=[survey.pk])).status_code == 403
    assert client.post(_add_url(survey), NEW_QUESTION).status_code == 403
    assert not Question.objects.filter(text=NEW_QUESTION["text"]).exists()


def test_a_curator_of_another_organisation_does_not_see_it(client, survey):
    stranger = person_with_login(role=Role.CURATOR, organization=OrganizationFactory())
    _login(client, stranger)
    assert client.get(reverse("survey_build", args=[survey.pk])).status_code == 404
    assert client.post(_add_url(survey), NEW_QUESTION).status_code == 404
    assert client.get(reverse("survey_responses", args=[survey.pk])).status_code == 404
    assert not Question.objects.filter(text=NEW_QUESTION["text"]).exists()


def test_adding_a_question_without_javascript_redirects_back(client, curator, survey):
    page = _login(client, curator).post(_add_url(survey), NEW_QUESTION)
    assert page.status_code == 302 and page.url == reverse("survey_build", args=[survey.pk])
    question = Question.objects.get(text=NEW_QUESTION["text"])
    assert question.required and question.version == survey.versions.get()


def test_adding_a_question_with_htmx_returns_the_builder_part(client, curator, survey):
    page = _login(client, curator).post(_add_url(survey), NEW_QUESTION, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="builder-body"' in html and "<html" not in html
    assert NEW_QUESTION["text"] in html


def test_a_wrong_question_comes_back_with_the_message(client, curator, survey):
    data = {"text": "Выберите день", "type": "single_choice", "options": "Понедельник"}
    page = _login(client, curator).post(_add_url(survey), data, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert "Нужно не меньше двух вариантов ответа." in html
    assert "<details open>" in html
    assert not Question.objects.filter(text="Выберите день").exists()


def test_editing_with_htmx_swaps_the_form_and_saves(client, curator, survey):
    question = survey.versions.get().questions.get()
    _login(client, curator)
    form = client.get(reverse("survey_question_edit", args=[question.pk]), HTTP_HX_REQUEST="true")
    assert f'id="q-{question.pk}"' in form.content.decode() and "<html" not in form.content.decode()
    data = {"text": "Ваше имя и фамилия", "type": "short_text", "section": question.section_id}
    saved = client.post(reverse("survey_question_edit", args=[question.pk]), data, HTTP_HX_REQUEST="true")
    assert "Ваше имя и фамилия" in saved.content.decode()
    question.refresh_from_db()
    assert question.text == "Ваше имя и фамилия" and not question.required


def test_an_edit_of_an_answered_version_redirects_to_the_new_version(client, curator, survey):
    version = survey.versions.get()
    services.version_publish(version=version)
    pupil = PupilFactory(organization=survey.organization)
    questionnaire_consent(pupil)
    question = version.questions.get()
    services.response_submit(version=version, answers={question.code: "Глеб"}, respondent=pupil)
    _login(client, curator)
    page = client.post(reverse("survey_question_delete", args=[question.pk]), HTTP_HX_REQUEST="true")
    assert page.headers["HX-Redirect"] == reverse("survey_build", args=[survey.pk])
    assert survey.versions.count() == 2 and version.questions.count() == 1
    builder = client.get(reverse("survey_build", args=[survey.pk]))
    assert "прежние ответы остаются привязаны к версии 1" in builder.content.decode().lower()


def test_moving_and_publishing_through_the_pages(client, curator, survey):
    version = survey.versions.get()
    second = services.question_add(version=version, text="Ваш класс", type="short_text")
    _login(client, curator)
    client.post(reverse("survey_question_move", args=[second.pk]), {"direction": "up"})
    assert list(version.questions.order_by("position").values_list("text", flat=True)) == [
        "Ваш класс",
        "Как вас зовут?",
    ]
    client.post(reverse("survey_publish", args=[survey.pk]))
    version.refresh_from_db()
    assert version.is_published


def test_a_catalogue_questionnaire_opens_as_preview_and_is_not_edited(client, curator):
    catalogue = latest_version(code="mentee_request")
    _login(client, curator)
    assert client.get(reverse("survey_build", args=[catalogue.survey_id])).url == reverse(
        "survey_preview", args=[catalogue.survey_id]
    )
    question = catalogue.questions.first()
    assert client.post(reverse("survey_question_delete", args=[question.pk])).status_code == 403
    copied = client.post(reverse("survey_copy", args=[catalogue.survey_id]), {"organization": curator.organization_id})
    copy_ = Survey.objects.get(organization=curator.organization, code="mentee_request")
    assert copied.url == reverse("survey_build", args=[copy_.pk])


def test_a_curator_creates_a_questionnaire(client, curator):
    page = _login(client, curator).post(
        reverse("survey_create"),
        {"organization": curator.organization_id, "title": "Анкета выпускника", "purpose": "custom"},
    )
    survey = Survey.objects.get(title="Анкета выпускника")
    assert page.url == reverse("survey_build", args=[survey.pk]) and survey.organization == curator.organization


def test_the_preview_checks_answers_and_stores_nothing(client, curator):
    version = all_types_version()
    _login(client, curator)
    page = client.post(reverse("survey_preview", args=[version.survey_id]), {"name": "", "mood": "4"})
    assert "Ответьте на этот вопрос: он обязательный." in page.content.decode()
    ok = client.post(
        reverse("survey_preview", args=[version.survey_id]),
        {"name": "Вера", "color": "Синий", "mood": "4", "agree": "3", "ready": "no"},
    )
    assert "Все ответы прошли проверку" in ok.content.decode()
    assert Response.objects.count() == 0


def test_a_response_about_another_person_is_shown_and_logged(client, curator, org):
    pupil = PupilFactory(organization=org, last_name="Ольховая", first_name="Вера")
    questionnaire_consent(pupil)
    response = services.response_submit(version=all_types_version(), answers=VALID_ANSWERS, respondent=pupil)
    _login(client, curator)
    listing = client.get(reverse("survey_responses", args=[response.version.survey_id]))
    assert "Ольховая В." in listing.content.decode()
    page = client.get(reverse("survey_response", args=[response.pk]))
    html = page.content.decode()
    assert "Ольховая Вера" in html and "7 из 10" in html and "Скорее согласен" in html and "01.09.2026" in html
    # The list logged who it showed, the answers page whose answers were read.
    assert {(a.action, a.person, a.user) for a in AccessLog.objects.all()} == {
        ("surveys.responses", pupil, curator.user),
        ("surveys.response", pupil, curator.user),
    }
    stranger = person_with_login(role=Role.CURATOR, organization=OrganizationFactory())
    _login(client, stranger)
    assert client.get(reverse("survey_response", args=[response.pk])).status_code == 404
    assert "Ольховая" not in client.get(reverse("survey_responses", args=[response.version.survey_id])).content.decode()


def test_sending_a_link_finds_the_person_creates_the_link_and_mails_it(client, curator, org):
    pupil = PupilFactory(organization=org, last_name="Рябинина", first_name="Нина", email="nina@example.org")
    _login(client, curator)
    catalogue = latest_version(code="mentee_request")
    url = reverse("survey_invite", args=[catalogue.survey_id])
    found = client.get(url, {"q": "Рябин"})
    html = found.content.decode()
    assert "Рябинина Нина" in html and "Нет согласия на анкетирование" in html
    # Without the consent the curator is refused and taken to where the consent is prepared; the child gets nothing.
    refused = client.post(url, {"person": pupil.pk, "days": "7", "send_email": "on"})
    assert refused.url == reverse("privacy_consents", args=[pupil.pk])
    assert not Invitation.objects.exists() and not mail.outbox
    questionnaire_consent(pupil)
    created = client.post(url, {"person": pupil.pk, "days": "7", "send_email": "on"})
    invitation = Invitation.objects.get()
    assert created.url == reverse("survey_invitation", args=[invitation.pk])
    assert invitation.person == pupil and invitation.version == catalogue
    assert len(mail.outbox) == 1 and invitation.token in mail.outbox[0].body
    assert mail.outbox[0].to == ["nina@example.org"]
    detail = client.get(created.url)
    assert f"/q/{invitation.token}/" in detail.content.decode()


def test_links_go_only_to_people_of_ones_own_organisation(client, curator):
    outsider = PupilFactory(organization=OrganizationFactory())
    _login(client, curator)
    url = reverse("survey_invite", args=[latest_version(code="mentee_request").survey_id])
    assert client.post(url, {"person": outsider.pk, "days": "7"}).status_code == 404
    assert not Invitation.objects.exists()


def test_an_interview_record_is_not_sent_as_a_personal_link(client, curator):
    interview = latest_version(code="interview_record").survey
    page = _login(client, curator).get(reverse("survey_invite", args=[interview.pk]), follow=True)
    assert "Эту анкету заполняют не по личной ссылке" in page.content.decode()
    assert not Invitation.objects.exists()
