"""A curator's day by keyboard alone: home → bases → Mentor Match → a pair → a document, focus always visible."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from nastavnik.ops.demo import DEMO_PASSWORD, demo_build
from tests.browser.conftest import DESKTOP, PHONE

TODAY = dt.date(2026, 11, 23)
MAX_TABS = 150

# What the focused element says of itself: its text, or its accessible label.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
    href: el.getAttribute('href') || '',
    id: el.id || '',
    inMain: !!el.closest('main'),
    visible: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' || style.boxShadow !== 'none',
  };
}"""


@pytest.fixture
def demo(transactional_db):
    return demo_build(today=TODAY)


def tab_to(page: Page, *, text: str | None = None, href: str | None = None, element_id: str | None = None,
           in_main: bool = False) -> dict:
    """Press Tab until the focused element matches, checking on the way that focus is always visible."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if not focused:
            continue
        assert focused["visible"], f"focus is invisible on {focused}"
        if in_main and not focused["inMain"]:
            continue
        if text is not None and text not in focused["text"]:
            continue
        if href is not None and not re.search(href, focused["href"]):
            continue
        if element_id is not None and focused["id"] != element_id:
            continue
        return focused
    raise AssertionError(f"Tab never reached text={text!r} href={href!r} on {page.url}")


def press_enter_on(page: Page, **match) -> None:
    tab_to(page, **match)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _log_in_by_keyboard(page: Page, base: str) -> None:
    page.goto(f"{base}/login/")
    tab_to(page, element_id="id_username")
    page.keyboard.type("curator")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("nav")).to_contain_text("Выйти")


def test_it_lets_a_curator_work_through_the_day_by_keyboard(demo, live_server, page: Page):
    page.set_viewport_size(DESKTOP)
    _log_in_by_keyboard(page, live_server.url)

    press_enter_on(page, text="Базы")
    expect(page.locator("h1")).to_be_visible()

    press_enter_on(page, text="Подбор пар")
    expect(page.locator("h1")).to_contain_text("Mentor Match")
    press_enter_on(page, href=r"^/matching/sessions/\d+/$", in_main=True)
    expect(page.locator("main")).to_contain_text("Mentor Match")

    press_enter_on(page, text="Пары и группы")
    press_enter_on(page, href=r"^/mentorships/\d+/$", in_main=True)
    expect(page.locator("main")).to_contain_text("Встречи")

    press_enter_on(page, text="Документы")
    tab_to(page, href=r"^/documents/orders/\d+/docx/$", in_main=True)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".docx")


def test_it_opens_the_folded_phone_menu_by_keyboard(demo, live_server, page: Page):
    page.set_viewport_size(PHONE)
    _log_in_by_keyboard(page, live_server.url)
    tab_to(page, text="Меню")  # the toggler, named by its aria-label
    page.keyboard.press("Enter")
    expect(page.locator("#mainnav")).to_be_visible()
    press_enter_on(page, text="Пары и группы")
    expect(page.locator("h1")).to_contain_text("пары и группы")
