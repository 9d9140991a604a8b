"""In a real browser: the public page works without JavaScript, passes axe-core, and reads on a phone.
Screenshots go to /tmp/rec_public_*.png."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe

from nastavnik.ops.demo import demo_build
from tests.browser.helpers import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_public_page_is_accessible_without_javascript(live_server, browser):
    demo_build(today=dt.date(2026, 11, 23))
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=size, locale="ru-RU", java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{live_server.url}/p/school7/")
        assert page.get_by_role("heading", name="Доска почёта «Лучшие наставники»").is_visible()
        page.screenshot(path=f"/tmp/rec_public_{name}.png", full_page=False)
        context.close()
    page = browser.new_context(viewport=DESKTOP, locale="ru-RU").new_page()
    for path in ("/p/school7/", "/p/m/1/"):
        page.goto(f"{live_server.url}{path}")
        violations = Axe().run(page).response["violations"]
        assert violations == [], [(v["id"], v["nodes"][0]["html"]) for v in violations]
