import io

import pytest
from openpyxl import load_workbook

from nastavnik.intake.models import MenteeRequest
from nastavnik.privacy.export import personal_data_export
from nastavnik.privacy.models import AccessLog, Consent
from nastavnik.surveys.models import Answer, Question, Response, Section, Survey, SurveyVersion
from tests.factories import PupilFactory
from tests.privacy.factories import school, signed_consent

pytestmark = pytest.mark.django_db


def _answer(s, *, about, text: str) -> None:
    survey, _ = Survey.objects.get_or_create(code="entry", defaults={"title": "Входная анкета"})
    version, _ = SurveyVersion.objects.get_or_create(survey=survey, number=1)
    section, _ = Section.objects.get_or_create(version=version, title="Интересы")
    question, _ = Question.objects.get_or_create(
        version=version, section=section, code="hobby", defaults={"text": "Чем вы увлекаетесь?", "type": "long_text"}
    )
    response = Response.objects.create(version=version, organization=s.org, about=about, respondent=s.parent)
    Answer.objects.create(response=response, question=question, value=text)


def _workbook_text(data: bytes) -> dict[str, str]:
    book = load_workbook(io.BytesIO(data))
    return {
        sheet.title: "\n".join(
            " | ".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True)
        )
        for sheet in book.worksheets
    }


def test_it_exports_everything_about_the_person_and_nothing_about_others():
    s = school()
    signed_consent(s.pupil, Consent.Purpose.PARTICIPATION, given_by=s.parent)
    AccessLog.objects.create(user=s.curator.user, person=s.pupil, action="person.view", path="/people/1/")
    _answer(s, about=s.pupil, text="Люблю шахматы и робототехнику")
    stranger = PupilFactory(organization=s.org, last_name="Чужакова", first_name="Зоя", middle_name="Олеговна")
    MenteeRequest.objects.create(person=stranger, organization=s.org, needs="Чужой секретный запрос")
    _answer(s, about=stranger, text="Чужой ответ на анкету")
    AccessLog.objects.create(user=s.director.user, person=stranger, action="person.view")

    sheets = _workbook_text(personal_data_export(person=s.pupil))
    everything = "\n".join(sheets.values())

    for title in (
        "Сведения о человеке",
        "Роли",
        "Представители",
        "Согласия",
        "Журнал доступа",
        "Запросы наставляемого",
        "Пары и группы",
        "Встречи",
    ):
        assert title in sheets
    assert "Кедрова" in sheets["Сведения о человеке"] and "20.05.2012" in sheets["Сведения о человеке"]
    assert "Кедров Пётр Ильич" in sheets["Представители"]
    assert "Участие в программе наставничества" in sheets["Согласия"]
    assert "Ясенев О." in sheets["Журнал доступа"] and "Просмотр карточки человека" in sheets["Журнал доступа"]
    assert "Трудности с алгеброй и дробями" in sheets["Запросы наставляемого"]
    assert "Подтянуть алгебру" in sheets["Пары и группы"] and "Рябинина Н." in sheets["Пары и группы"]
    assert "Разбор урока" in sheets["Встречи"]
    assert "Люблю шахматы и робототехнику" in sheets["Ответы на анкеты"]
    assert "Входная анкета" in sheets["Ответы на анкеты"]
    # Nobody else's data: not the other pupil, their request, nor who viewed them; not the mentor's portfolio.
    assert "Чужакова" not in everything and "Чужой секретный запрос" not in everything
    assert "Чужой ответ на анкету" not in everything
    assert "Берёзкин" not in everything
    assert "Учитель года" not in everything
