"""A real browser: the coordinator types a surname into the curators' search of an order, picks two people by
keyboard, and the draft names both."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from nastavnik.documents.models import Order
from nastavnik.orgs.models import Role
from tests.browser.conftest import DESKTOP
from tests.browser.helpers import log_in
from tests.browser.test_accessibility import _violations
from tests.factories import OrganizationFactory, PersonFactory, person_with_login
from tests.intake.factories import director_of


@pytest.fixture
def page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def test_coordinator_picks_curators_by_surname(transactional_db, live_server, page):
    org = OrganizationFactory(code="school7")
    director_of(org)  # the order needs someone to sign it
    coordinator = person_with_login(role=Role.COORDINATOR, organization=org, username="coord")
    linden = PersonFactory(organization=org, last_name="Липова", first_name="Анна")
    maple = PersonFactory(organization=org, last_name="Кленов", first_name="Пётр")
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url, "coord")
    page.goto(f"{live_server.url}/documents/{org.code}/issue/appoint_coordinator/")
    search = page.get_by_label("Кураторы", exact=True)
    for surname, person in (("Лип", linden), ("Клен", maple)):
        search.fill(surname)
        match = page.locator(f'[data-pick-results] input[value="{person.pk}"]')
        expect(match).to_be_visible()
        match.focus()
        page.keyboard.press("Space")  # by keyboard: the match joins the chosen ones and the next search keeps it
        expect(page.locator(f'[data-picked] input[value="{person.pk}"]')).to_be_checked()
    expect(page.locator("[data-picked] input:checked")).to_have_count(2)
    axe = Axe()
    assert _violations(page, axe, "picker") == []  # WCAG 2.1 AA with the results and the chosen ones shown
    page.get_by_label("Координатор", exact=True).fill(coordinator.last_name[:4])
    page.locator(f'input[type=radio][value="{coordinator.pk}"]').check()
    page.get_by_role("button", name="Передать на подпись").click()
    expect(page.locator("main")).to_contain_text("ждёт подписи")
    order = Order.objects.get()
    assert {row["person_id"] for row in order.payload["curators"]} == {linden.pk, maple.pk}
    # The draft's page: its text and lists are edited in place, a curator added with the same picker.
    expect(page.get_by_role("heading", name="Текст проекта")).to_be_visible()
    assert _violations(page, axe, "order edit") == []
