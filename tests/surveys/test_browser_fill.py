"""A pupil opens the personal link on a phone and fills the mentee request questionnaire."""

import os

import pytest
from playwright.sync_api import Browser, expect

from nastavnik.surveys import services
from nastavnik.surveys.models import Response
from nastavnik.surveys.selectors import latest_version, response_answer_values
from tests.factories import GuardianshipFactory, OrganizationFactory, PupilFactory
from tests.surveys.factories import questionnaire_consent

# Playwright runs an event loop in the test thread; Django's ORM calls from the same thread are safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PHONE = {"width": 390, "height": 844}
SCREENSHOT = "/tmp/h2_fill.png"


@pytest.mark.django_db(transaction=True)
def test_it_lets_a_pupil_fill_the_request_by_link_on_a_phone(live_server, browser: Browser):
    services.catalog_install()
    org = OrganizationFactory(short_name="Школа № 7 г. Заречного")
    link = GuardianshipFactory(child=PupilFactory(organization=org, first_name="Глеб", school_class="7Б"))
    pupil = link.child
    questionnaire_consent(pupil, given_by=link.guardian)
    invitation = services.invitation_create(version=latest_version(code="mentee_request"), person=pupil)

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{live_server.url}/q/{invitation.token}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Анкета наставляемого: мой запрос")
    expect(page.locator("main")).to_contain_text("Школа № 7 г. Заречного")
    expect(page.locator("main")).to_contain_text("Привет, Глеб!")  # a pupil is addressed as a pupil
    # Nothing wider than the phone, and answer rows big enough for a finger.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    row = page.locator("label", has=page.get_by_text("Обучающийся", exact=True))
    assert row.bounding_box()["height"] >= 44 and row.bounding_box()["width"] >= 300

    page.get_by_text("Обучающийся", exact=True).tap()
    page.get_by_label("Кто я, чем занимаюсь?").fill("Учусь в 7Б, хожу в кружок робототехники.")
    page.get_by_label("Почему вам хочется принять участие").fill("Хочу лучше понимать алгебру.")
    page.get_by_text("Учёба по отдельным предметам").tap()
    page.get_by_text("Уверенность в себе, волнение, стресс").tap()
    page.get_by_label("Над какими вопросами").fill("Теряюсь на контрольных по алгебре.")
    page.locator("label[for='id_self_confidence_3']").tap()  # the button «4» on the 1–10 scale
    page.get_by_label("Что вам важно увидеть в наставнике?").fill("Чтобы объяснял спокойно.")
    page.get_by_text("Обучающегося постарше или студента").tap()
    page.get_by_text("Очно, один на один").tap()
    page.get_by_text("После уроков").tap()
    page.get_by_text("Раз в неделю").tap()
    page.get_by_label("С какого числа").fill("2026-12-01")
    page.locator("label[for='id_ready_to_agree_0']").tap()  # «Да»
    page.screenshot(path=SCREENSHOT, full_page=True)

    page.get_by_role("button", name="Отправить ответы").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Спасибо! Ответы сохранены.")
    context.close()

    response = Response.objects.get()
    assert response.about == pupil and response.respondent == pupil and response.organization == org
    values = response_answer_values(response=response)
    assert values["role"] == "Обучающийся"
    assert values["help_areas"] == ["Учёба по отдельным предметам", "Уверенность в себе, волнение, стресс"]
    assert values["self_confidence"] == 4
    assert values["mentor_kind"] == "Обучающегося постарше или студента"
    assert values["start_from"] == "2026-12-01"
    assert values["ready_to_agree"] is True
    assert "goal" not in values  # optional and left empty: nothing stored
    invitation.refresh_from_db()
    assert invitation.is_used
