"""Templates with versions: installing specs is idempotent, and editing never rewrites past answers."""

import copy

import pytest
from django.core.exceptions import ValidationError

from nastavnik.surveys import catalog, services
from nastavnik.surveys.models import Question, Survey, SurveyVersion
from nastavnik.surveys.selectors import latest_version, response_answers, version_spec
from tests.factories import OrganizationFactory, PersonFactory
from tests.surveys.factories import ALL_TYPES_SPEC, VALID_ANSWERS, all_types_version, questionnaire_consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    person = PersonFactory()
    questionnaire_consent(person)
    return person


def test_the_shipped_questionnaires_are_installed_after_migrate():
    codes = set(Survey.objects.filter(organization__isnull=True).values_list("code", flat=True))
    assert {"mentee_request", "mentor_candidate", "interview_record", "training_needs"} <= codes
    version = latest_version(code="mentor_candidate")
    assert version.survey.title == "Чем я могу быть полезен в качестве наставника?"
    assert version.is_published


def test_the_mentor_questionnaire_asks_what_the_roadmap_lists():
    texts = " ".join(q.text.lower() for q in latest_version(code="mentor_candidate").questions.all())
    for topic in [
        "жизненный опыт",
        "профессиональный опыт",
        "интересы и хобби",
        "помочь наставляемому",
        "какого возраста",
        "времени в месяц",
        "как часто",
        "в какое время",
        "хочу быть наставником",
    ]:
        assert topic in texts, topic


def test_it_installs_a_spec_once_and_again_only_when_it_changes():
    first = services.survey_ensure(spec=ALL_TYPES_SPEC)
    assert services.survey_ensure(spec=ALL_TYPES_SPEC) == first
    assert services.catalog_install() is None and SurveyVersion.objects.filter(survey=first.survey).count() == 1
    changed = copy.deepcopy(ALL_TYPES_SPEC)
    changed["sections"][0]["questions"][0]["text"] = "Ваше имя"
    second = services.survey_ensure(spec=changed)
    assert second.number == 2 and second.survey == first.survey
    assert first.questions.get(code="name").text == "Как вас зовут?"
    assert latest_version(code="all_types") == second


def test_a_title_change_does_not_make_a_new_version():
    first = services.survey_ensure(spec=ALL_TYPES_SPEC)
    renamed = {**ALL_TYPES_SPEC, "title": "Новое название"}
    assert services.survey_ensure(spec=renamed) == first
    assert Survey.objects.get(pk=first.survey_id).title == "Новое название"


def test_a_stored_version_reads_back_as_its_spec():
    version = all_types_version()
    spec = version_spec(version=version)
    assert [q["code"] for s in spec["sections"] for q in s["questions"]] == [
        "name",
        "story",
        "color",
        "days",
        "mood",
        "agree",
        "hours",
        "since",
        "ready",
    ]
    likert = spec["sections"][1]["questions"][3]
    assert likert["options"][0] == "Полностью не согласен" and len(likert["options"]) == 5


def test_every_catalogue_spec_is_valid_and_registering_a_clash_is_refused():
    for spec in catalog.SPECS.values():
        assert services.survey_ensure(spec=spec).survey.code == spec["code"]
    with pytest.raises(ValueError, match="already registered"):
        catalog.register({**catalog.MENTEE_REQUEST, "title": "Другая"})
    with pytest.raises(ValueError, match="options"):
        catalog.register(
            {
                "code": "bad",
                "title": "Плохая",
                "sections": [
                    {
                        "title": "",
                        "questions": [{"code": "x", "text": "?", "type": "single_choice", "options": ["один"]}],
                    }
                ],
            }
        )


def test_an_organisation_copy_takes_the_catalogue_place_once_published():
    org = OrganizationFactory()
    catalogue = latest_version(code="mentee_request")
    copy_ = services.survey_copy(survey=catalogue.survey, organization=org)
    assert copy_.code == "mentee_request" and copy_.organization == org
    assert latest_version(code="mentee_request", organization=org) == catalogue  # the copy is still a draft
    own = services.version_publish(version=copy_.versions.get())
    assert latest_version(code="mentee_request", organization=org) == own
    assert latest_version(code="mentee_request") == catalogue
    assert own.questions.count() == catalogue.questions.count()


def test_editing_a_version_with_answers_makes_a_new_version_and_keeps_old_answers(person):
    org = OrganizationFactory()
    survey = services.survey_create(organization=org, title="Анкета класса")
    v1 = survey.versions.get()
    question = services.question_add(version=v1, text="Что нравится в школе?", type="short_text")
    services.version_publish(version=v1)
    response = services.response_submit(version=v1, answers={question.code: "Друзья"}, respondent=person)

    edited = services.question_update(question=question, text="Что вам нравится в школе?", type="long_text")

    assert edited.version != v1 and edited.version.number == 2 and not edited.version.is_published
    question.refresh_from_db()
    assert question.text == "Что нравится в школе?" and question.type == "short_text"
    assert response.version == v1
    assert [(q.text, value) for q, value in response_answers(response=response)] == [
        ("Что нравится в школе?", "Друзья")
    ]
    # The draft is where further edits go, without yet another copy.
    added = services.question_add(version=edited.version, text="Ваш класс", type="short_text")
    assert added.version == edited.version
    with pytest.raises(ValidationError, match="последнюю версию"):
        services.question_add(version=v1, text="Ещё вопрос", type="short_text")


def test_deleting_and_moving_on_a_version_with_answers_also_go_to_a_new_version(person):
    org = OrganizationFactory()
    survey = services.survey_create(organization=org, title="Анкета")
    v1 = survey.versions.get()
    first = services.question_add(version=v1, text="Первый", type="short_text", required=False)
    second = services.question_add(version=v1, text="Второй", type="yes_no", required=False)
    services.version_publish(version=v1)
    services.response_submit(version=v1, answers={second.code: True}, respondent=person)

    v2 = services.question_delete(question=first)
    assert v2.number == 2 and list(v2.questions.values_list("text", flat=True)) == ["Второй"]
    assert Question.objects.filter(pk=first.pk).exists()


def test_questions_move_within_and_across_sections():
    org = OrganizationFactory()
    survey = services.survey_create(organization=org, title="Анкета")
    version = survey.versions.get()
    a = services.question_add(version=version, text="А", type="short_text")
    b = services.question_add(version=version, text="Б", type="short_text")
    lower = services.section_add(version=version, title="Второй раздел")
    c = services.question_add(version=version, section=lower, text="В", type="short_text")

    def order():
        return [[q.text for q in s.questions.order_by("position")] for s in version.sections.order_by("position")]

    services.question_move(question=b, direction="up")
    assert order() == [["Б", "А"], ["В"]]
    services.question_move(question=a, direction="down")
    assert order() == [["Б"], ["А", "В"]]
    services.question_move(question=c, direction="down")
    assert order() == [["Б"], ["А", "В"]]
    services.question_move(question=Question.objects.get(pk=a.pk), direction="up")
    assert order() == [["Б", "А"], ["В"]]


def test_the_builder_checks_questions_with_russian_messages():
    org = OrganizationFactory()
    version = services.survey_create(organization=org, title="Анкета").versions.get()
    with pytest.raises(ValidationError) as caught:
        services.question_add(version=version, text="", type="single_choice", options=["Один"])
    assert caught.value.message_dict == {
        "text": ["Напишите текст вопроса."],
        "options": ["Нужно не меньше двух вариантов ответа."],
    }
    with pytest.raises(ValidationError) as caught:
        services.question_add(version=version, text="Оценка", type="scale", min_value=5, max_value=3)
    assert caught.value.message_dict == {"max_value": ["Максимум шкалы должен быть больше минимума."]}
    with pytest.raises(ValidationError, match="нет ни одного вопроса"):
        services.version_publish(version=version)


def test_catalogue_questionnaires_are_not_edited_in_place():
    catalogue = latest_version(code="training_needs")
    with pytest.raises(ValidationError, match="копию"):
        services.question_delete(question=catalogue.questions.first())


def test_a_draft_cannot_be_filled(person):
    org = OrganizationFactory()
    version = services.survey_create(organization=org, title="Анкета").versions.get()
    services.question_add(version=version, text="Вопрос", type="short_text")
    with pytest.raises(ValidationError, match="не опубликована"):
        services.response_submit(version=version, answers={"q1": "ответ"}, respondent=person)


def test_removing_a_persons_answers_leaves_other_answers(person):
    other = PersonFactory()
    questionnaire_consent(other)
    version = all_types_version()
    services.response_submit(version=version, answers=VALID_ANSWERS, respondent=person)
    kept = services.response_submit(version=version, answers=VALID_ANSWERS, respondent=other)
    assert services.responses_delete_about(person=person) == 1
    assert list(version.responses.all()) == [kept]


def test_a_partial_update_keeps_the_other_fields():
    org = OrganizationFactory()
    version = services.survey_create(organization=org, title="Анкета").versions.get()
    question = services.question_add(
        version=version, text="Оценка", type="scale", min_value=1, max_value=5, labels=["плохо", "отлично"]
    )
    updated = services.question_update(question=question, text="Оцените занятие")
    assert (updated.text, updated.type, updated.min_value, updated.max_value) == ("Оцените занятие", "scale", 1, 5)
    assert updated.labels == ["плохо", "отлично"]
