"""In a real browser, on the demo: the pair's closure with both final questionnaires, the festival's guests and
awards, and the rubric editor pass axe-core at 1366 and 390 px. Screenshots go to /tmp/recog_<page>_<size>.png."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from nastavnik.mentorships.models import Mentorship
from nastavnik.ops.demo import DEMO_PASSWORD, demo_build
from nastavnik.recognition import services
from nastavnik.recognition.models import Closure, Festival, Nomination
from tests.browser.helpers import DESKTOP, PHONE, log_in

pytestmark = pytest.mark.django_db(transaction=True)
WIDER_THAN_VIEWPORT = """() => document.documentElement.scrollWidth <= window.innerWidth ? [] :
  [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def test_the_new_recognition_pages_read_well_and_pass_axe(live_server, browser):
    demo_build(today=dt.date(2026, 11, 23))
    closed = Closure.objects.select_related("mentorship").first().mentorship
    working = Mentorship.objects.filter(program__organization__code="school7", status="approved").first()
    festival = Festival.objects.get(organization__code="school7")
    contest = services.contest_create(organization=festival.organization, title="Лучшая пара — 2026", year=2026)
    nomination = services.nomination_add(contest=contest, kind=Nomination.Kind.BEST_PAIR)
    pages = {
        "closure_done": f"/recognition/pairs/{closed.pk}/close/",
        "closure_form": f"/recognition/pairs/{working.pk}/close/",
        "festival": f"/recognition/festivals/{festival.pk}/",
        "rubric": f"/recognition/nominations/{nomination.pk}/rubric/",
    }
    for size_name, size in (("1366", DESKTOP), ("390", PHONE)):
        page = browser.new_context(viewport=size, locale="ru-RU").new_page()
        log_in(page, live_server.url, "curator", DEMO_PASSWORD)
        for name, path in pages.items():
            page.goto(f"{live_server.url}{path}")
            expect(page.locator("h1")).to_be_visible()
            page.screenshot(path=f"/tmp/recog_{name}_{size_name}.png", full_page=True)
            # Nothing widens the page sideways: wide tables scroll inside their own box.
            wide = page.evaluate(WIDER_THAN_VIEWPORT)
            assert wide == [], (name, size_name, wide)
            if size_name == "1366":
                violations = Axe().run(page).response["violations"]
                assert violations == [], (name, [(v["id"], v["nodes"][0]["html"]) for v in violations])
        page.context.close()
