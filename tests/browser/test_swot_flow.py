"""A real browser: the curator opens the programme's SWOT from its monitoring page, edits the proposal, approves it
and finds it in the history — at the desktop width and on a phone, without the page scrolling sideways."""

import pytest
from playwright.sync_api import Page, expect

from nastavnik.monitoring.models import SwotAnalysis
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import log_in
from tests.monitoring.factories import programme


@pytest.fixture
def page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_curator_edits_and_approves_the_swot(transactional_db, live_server, page: Page, size, screenshot_dir):
    program, curator, _pairs = programme(pairs=1)
    page.set_viewport_size(size)
    log_in(page, live_server.url, curator.user.username)
    page.goto(f"{live_server.url}/monitoring/programs/{program.pk}/")
    page.get_by_role("link", name="SWOT-анализ").click()
    expect(page.get_by_role("heading", name="SWOT-анализ программы")).to_be_visible()
    page.get_by_label("Сильные стороны").fill("Доверие в парах\nРегулярные встречи")
    page.get_by_label("Угрозы").fill("Нагрузка перед экзаменами")
    page.get_by_role("button", name="Утвердить SWOT-анализ").click()
    expect(page.get_by_text("SWOT-анализ утверждён и сохранён в истории программы.")).to_be_visible()
    expect(page.get_by_role("heading", name="История утверждений")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    if screenshot_dir:
        page.screenshot(path=screenshot_dir / f"swot_{size['width']}.png", full_page=True)
    analysis = SwotAnalysis.objects.get(program=program)
    assert analysis.strengths == ["Доверие в парах", "Регулярные встречи"]
    assert analysis.threats == ["Нагрузка перед экзаменами"]
