"""Every demo role logs in and opens that role's main pages, on a desktop and on a phone."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from nastavnik.ops.demo import DEMO_PASSWORD, demo_build
from tests.browser.conftest import DESKTOP, PHONE

TODAY = dt.date(2026, 11, 23)

# role → pages to open after the home page (link texts in the navigation, then a heading to expect)
ROLE_PAGES = {
    "director": ["Организация", "Люди", "Программы", "Пары и группы"],
    "coordinator": ["Люди", "Программы", "Пары и группы"],
    "curator": ["Люди", "Программы", "Пары и группы"],
    "psychologist": ["Люди", "Пары и группы"],
    "method_head": ["Люди", "Пары и группы"],
    "mentor": ["Пары и группы"],
    "mentee": ["Пары и группы"],
    "guardian": ["Пары и группы"],
    "municipal": ["Муниципалитет"],
}
HOME_MARKERS = {
    "director": "Требует внимания",
    "coordinator": "Требует внимания",
    "curator": "Требует внимания",
    "psychologist": "Наставляемые, которым нужна поддержка психолога",
    "method_head": "Пары педагогов: промежуточный контроль",
    "mentor": "Мои наставляемые",
    "mentee": "Мой наставник",
    "guardian": "Мои дети в программах наставничества",
    "municipal": "муниципальный координатор",
}


@pytest.fixture
def demo(transactional_db):
    return demo_build(today=TODAY)


def _login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    expect(page.locator("nav")).to_contain_text("Выйти")


def _open_menu_item(page: Page, title: str) -> None:
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():  # the phone layout folds the menu
        toggler.click()
    page.locator("nav").get_by_role("link", name=title, exact=True).click()


def _tour(page: Page, base: str, role: str, viewport: dict, screenshot_dir) -> None:
    page.set_viewport_size(viewport)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, base, role)
    expect(page.locator("main")).to_contain_text(HOME_MARKERS[role])
    if screenshot_dir:
        page.screenshot(path=screenshot_dir / f"{role}-{viewport['width']}-home.png", full_page=True)
    for title in ROLE_PAGES[role]:
        _open_menu_item(page, title)
        expect(page.locator("h1")).to_be_visible()
        assert page.locator("main").inner_text().strip(), f"{role}: «{title}» is empty"
        if screenshot_dir:
            page.screenshot(path=screenshot_dir / f"{role}-{viewport['width']}-{title}.png", full_page=True)
        # Nothing runs off the side of the screen.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"] + 1, f"{role}: «{title}» is {width}px wide"
    assert errors == [], f"{role}: {errors}"


# The demo takes a while to build, so one test per screen size walks through every role in fresh browser contexts.
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_it_shows_each_demo_role_its_main_pages(demo, live_server, browser, browser_context_args, viewport,
                                                screenshot_dir):
    for role in ROLE_PAGES:
        context = browser.new_context(**browser_context_args)
        try:
            _tour(context.new_page(), live_server.url, role, viewport, screenshot_dir)
        finally:
            context.close()
