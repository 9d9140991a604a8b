"""Every question type: what the engine accepts, how it stores it, what it refuses and with which message."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from nastavnik.surveys.forms import ResponseForm
from nastavnik.surveys.models import Answer, Response
from nastavnik.surveys.selectors import response_answer_values, response_answers
from nastavnik.surveys.services import response_submit
from tests.factories import PersonFactory
from tests.surveys.factories import VALID_ANSWERS, all_types_version, questionnaire_consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    return all_types_version()


@pytest.fixture
def person():
    person = PersonFactory()
    questionnaire_consent(person)
    return person


def _submit(version, person, **changes):
    return response_submit(version=version, answers={**VALID_ANSWERS, **changes}, respondent=person)


def _refusal(version, person, **changes) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        _submit(version, person, **changes)
    assert Response.objects.count() == 0 and Answer.objects.count() == 0
    return caught.value.message_dict


def test_it_stores_every_type_as_plain_json(version, person):
    response = _submit(version, person)
    assert response_answer_values(response=response) == {
        "name": "Вера",
        "story": "Люблю читать.",
        "color": "Синий",
        "days": ["Понедельник", "Пятница"],  # the questionnaire's order, not the click order
        "mood": 7,
        "agree": 4,
        "hours": 2.5,
        "since": "2026-09-01",
        "ready": True,
    }
    assert response.about == person and response.respondent == person


def test_it_shows_stored_answers_as_people_read_them(version, person):
    response = _submit(version, person, hours="3", ready=False)
    shown = {q.code: text for q, text in response_answers(response=response)}
    assert shown == {
        "name": "Вера",
        "story": "Люблю читать.",
        "color": "Синий",
        "days": "Понедельник; Пятница",
        "mood": "7 из 10",
        "agree": "Скорее согласен",
        "hours": "3",
        "since": "01.09.2026",
        "ready": "Нет",
    }


def test_it_accepts_python_values_and_iso_dates(version, person):
    response = _submit(version, person, since=dt.date(2026, 9, 1), hours=4, ready=True, agree="Полностью согласен")
    values = response_answer_values(response=response)
    assert values["since"] == "2026-09-01" and values["hours"] == 4 and values["agree"] == 5
    response = _submit(version, person, since="2026-09-02")
    assert response_answer_values(response=response)["since"] == "2026-09-02"


def test_it_skips_unanswered_optional_questions(version, person):
    response = _submit(version, person, story="", days=[], hours=None, since="  ")
    assert set(response_answer_values(response=response)) == {"name", "color", "mood", "agree", "ready"}


@pytest.mark.parametrize("code", ["name", "color", "mood", "agree", "ready"])
def test_it_refuses_a_missing_required_answer(version, person, code):
    errors = _refusal(version, person, **{code: ""})
    assert errors == {code: ["Ответьте на этот вопрос: он обязательный."]}


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("name", "я" * 501, "Слишком длинный ответ: не больше 500 знаков."),
        ("story", "я" * 5001, "Слишком длинный ответ: не больше 5000 знаков."),
        ("color", "Зелёный", "Выберите один из предложенных вариантов."),
        ("days", ["Среда", "Воскресенье"], "Вариант «Воскресенье» не из списка."),
        ("mood", 11, "Выберите число от 1 до 10."),
        ("mood", 0, "Выберите число от 1 до 10."),
        ("mood", "7.5", "Выберите число от 1 до 10."),
        ("mood", True, "Выберите число от 1 до 10."),
        ("agree", 6, "Выберите степень согласия из списка."),
        ("agree", "Абсолютно", "Выберите степень согласия из списка."),
        ("hours", "много", "Введите число, например 5 или 2,5."),
        ("hours", "nan", "Введите число, например 5 или 2,5."),
        ("hours", -1, "Число должно быть не меньше 0."),
        ("hours", "40,5", "Число должно быть не больше 40."),
        ("since", "31.02.2026", "Введите дату в виде ДД.ММ.ГГГГ, например 01.09.2026."),
        ("since", "завтра", "Введите дату в виде ДД.ММ.ГГГГ, например 01.09.2026."),
        ("ready", "может быть", "Ответьте «да» или «нет»."),
    ],
)
def test_it_refuses_a_wrong_answer_with_a_russian_message(version, person, code, value, message):
    assert _refusal(version, person, **{code: value}) == {code: [message]}


def test_it_refuses_an_answer_to_a_question_that_is_not_there(version, person):
    errors = _refusal(version, person, favourite_teacher="Кедров П. О.")
    assert errors == {"favourite_teacher": ["Такого вопроса нет в этой анкете."]}


def test_it_reports_every_wrong_answer_at_once(version, person):
    errors = _refusal(version, person, name="", mood=42, since="вчера")
    assert set(errors) == {"name", "mood", "since"}


def test_the_form_builds_a_field_for_every_type_and_passes_clean_answers(version, person):
    data = {
        "name": "Вера",
        "color": "Красный",
        "days": ["Среда"],
        "mood": "10",
        "agree": "1",
        "hours": "2,5",
        "since": "2026-09-01",  # what a phone's date picker sends
        "ready": "no",
    }
    form = ResponseForm(data=data, version=version)
    assert form.is_valid(), form.errors
    response = response_submit(version=version, answers=form.answers(), respondent=person)
    values = response_answer_values(response=response)
    assert values["mood"] == 10 and values["agree"] == 1 and values["ready"] is False
    assert values["hours"] == 2.5 and values["since"] == "2026-09-01" and values["days"] == ["Среда"]
    assert [s["section"].title for s in form.sections] == ["Тексты", "Выбор", "Прочее"]


def test_the_form_shows_the_engine_messages_under_the_questions(version):
    form = ResponseForm(
        data={"name": "", "color": "Зелёный", "mood": "11", "hours": "много", "ready": "yes"}, version=version
    )
    assert not form.is_valid()
    assert form.errors["name"] == ["Ответьте на этот вопрос: он обязательный."]
    assert form.errors["hours"] == ["Введите число, например 5 или 2,5."]
    assert "color" in form.errors and "mood" in form.errors and "agree" in form.errors
    assert "ready" not in form.errors
