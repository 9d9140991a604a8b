"""The contest organiser edits a nomination's rubric (criteria, maxima, weights) on a page, until scoring starts."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from nastavnik.orgs.models import Role
from nastavnik.recognition import services
from nastavnik.recognition.models import Nomination
from tests.factories import OrganizationFactory, PersonFactory, person_with_login


@pytest.fixture
def world(db):
    org = OrganizationFactory()
    contest = services.contest_create(organization=org, title="Наставник года — 2026", year=2026)
    nomination = services.nomination_add(contest=contest, kind=Nomination.Kind.MENTOR_OF_YEAR)
    applicant = PersonFactory(organization=org)
    application = services.application_submit(nomination=nomination, person=applicant)
    curator = person_with_login(role=Role.CURATOR, organization=org)
    return {"org": org, "contest": contest, "nomination": nomination, "application": application,
            "curator": curator}


def _post(rows):
    data = {"c-TOTAL_FORMS": str(len(rows)), "c-INITIAL_FORMS": "0", "c-MIN_NUM_FORMS": "0",
            "c-MAX_NUM_FORMS": "10"}
    for i, (name, top, weight) in enumerate(rows):
        data.update({f"c-{i}-name": name, f"c-{i}-max": str(top), f"c-{i}-weight": str(weight)})
    return data


def test_the_organiser_sets_criteria_maxima_and_weights_and_the_total_is_weighted(world):
    client = Client()
    client.force_login(world["curator"].user)
    url = f"/recognition/nominations/{world['nomination'].pk}/rubric/"
    page = client.get(url).content.decode()
    assert "Результаты наставляемых" in page  # the default rubric, ready to edit
    response = client.post(url, _post([("Результаты наставляемых", 10, 2), ("Открытые уроки", 5, 1), ("", "", "")]))
    assert response.status_code == 302
    nomination = Nomination.objects.get(pk=world["nomination"].pk)
    assert nomination.rubric == [{"name": "Результаты наставляемых", "max": 10, "weight": 2},
                                 {"name": "Открытые уроки", "max": 5, "weight": 1}]
    assert nomination.max_total == 25
    juror = services.juror_add(contest=world["contest"], person=PersonFactory(organization=world["org"]))
    services.contest_start_judging(contest=world["contest"])
    score = services.score_submit(juror=juror, application=world["application"], values=[7, 4])
    assert score.total == 7 * 2 + 4


def test_the_rubric_page_has_the_section_menu_of_the_contest_pages(world):
    client = Client()
    client.force_login(world["curator"].user)
    code = world["org"].code
    pages = {
        "rubric": client.get(f"/recognition/nominations/{world['nomination'].pk}/rubric/").content.decode(),
        "contest": client.get(reverse("recognition_contest", args=[world["contest"].pk])).content.decode(),
    }
    for page in pages.values():
        menu = page[page.index('aria-label="Разделы итогов и наград"') :]
        menu = menu[: menu.index("</nav>")]
        for name in ("recognition_overview", "recognition_contests", "recognition_honour", "recognition_news"):
            assert f'href="{reverse(name, args=[code])}"' in menu
        assert "Конкурсы" in menu and "Доска почёта" in menu


def test_bad_rows_are_refused_with_a_russian_message_and_nothing_changes(world):
    client = Client()
    client.force_login(world["curator"].user)
    url = f"/recognition/nominations/{world['nomination'].pk}/rubric/"
    before = Nomination.objects.get(pk=world["nomination"].pk).rubric
    response = client.post(url, _post([("Критерий", 10, 9)]))
    assert response.status_code == 400 and "вес — от 1 до 5" in response.content.decode()
    response = client.post(url, _post([("Критерий", 10, 1), ("критерий", 5, 1)]))
    assert response.status_code == 400 and "повторяется" in response.content.decode()
    response = client.post(url, _post([("", "", "")]))
    assert response.status_code == 400 and "хотя бы один критерий" in response.content.decode()
    assert Nomination.objects.get(pk=world["nomination"].pk).rubric == before


def test_the_rubric_is_refused_once_scoring_has_started(world):
    juror = services.juror_add(contest=world["contest"], person=PersonFactory(organization=world["org"]))
    services.contest_start_judging(contest=world["contest"])
    services.score_submit(juror=juror, application=world["application"], values=[5, 5, 5])
    with pytest.raises(ValidationError, match="жюри уже начало оценивание"):
        services.nomination_rubric_set(nomination=world["nomination"], rubric=[{"name": "Новый", "max": 10}])
    client = Client()
    client.force_login(world["curator"].user)
    url = f"/recognition/nominations/{world['nomination'].pk}/rubric/"
    assert "критерии менять нельзя" in client.get(url).content.decode()
    response = client.post(url, _post([("Новый", 10, 1)]))
    assert response.status_code == 400 and "жюри уже начало оценивание (оценок: 1)" in response.content.decode()


def test_a_juror_may_not_edit_the_rubric(world):
    client = Client()
    client.force_login(person_with_login(role=Role.MENTOR, organization=world["org"]).user)
    assert client.get(f"/recognition/nominations/{world['nomination'].pk}/rubric/").status_code in {403, 404}
