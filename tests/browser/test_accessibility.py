"""WCAG 2.1 A/AA on every kind of page each role reaches, on a desktop and a phone (axe-core), and reflow at 320 px.

Each role walks the pages reachable from its home page in a real browser (breadth first). A page is checked once per
kind — its URL pattern — at both widths: the same template with other rows renders the same markup, and checking a
thousand pair pages would teach nothing the first one did not. Public pages (the login page, personal questionnaire
and preference-card links) are walked without logging in.
"""

import datetime as dt
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve
from playwright.sync_api import Page

from nastavnik.ops.demo import DEMO_PASSWORD, LOGIN_ROLES, demo_build
from tests.browser.conftest import DESKTOP, PHONE

TODAY = dt.date(2026, 11, 23)
PAGES_PER_ROLE = 60
REFLOW = {"width": 320, "height": 640}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Not pages: leaving, static files, documents (DOCX/PDF/XLSX/ICS downloads are not HTML).
SKIP = re.compile(r"^/(logout|static|media)/|\.(pdf|docx|xlsx|ics|csv|json)$|/(pdf|docx|xlsx|ics|csv|export)/?$")


@pytest.fixture
def demo(transactional_db):
    return demo_build(today=TODAY)


def _kind(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _links(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    found = []
    for raw in hrefs:
        url = urldefrag(raw)[0]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/") or SKIP.search(parts.path):
            continue
        found.append(url)
    return found


def _describe(node: dict) -> str:
    """The element and, for contrast, the colours axe measured: enough to find and mend it without a rerun."""
    data = next((check.get("data") for check in node.get("any", []) if isinstance(check.get("data"), dict)), None)
    colours = f" {data.get('fgColor')} on {data.get('bgColor')} = {data.get('contrastRatio')}" if data else ""
    return f"{node['target']}{colours}"


def _violations(page: Page, axe: Axe, label: str) -> list[str]:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    lines = []
    for violation in results.response["violations"]:
        targets = "; ".join(_describe(node) for node in violation["nodes"][:3])
        lines.append(f"{label}: {violation['id']} ({violation['impact']}) ×{len(violation['nodes'])} — {targets}")
    return lines


def _check(page: Page, axe: Axe, url: str, label: str) -> list[str]:
    found = []
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.wait_for_load_state("load")
        found += _violations(page, axe, f"{label} {url} @{viewport['width']}")
    # Reflow (WCAG 1.4.10): at 320 CSS pixels — a phone zoomed to 200 % — nothing runs off the side of the page;
    # wide tables scroll inside their own focusable region.
    page.set_viewport_size(REFLOW)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > REFLOW["width"] + 1:
        found.append(f"{label} {url} @{REFLOW['width']}: the page is {width}px wide")
    page.set_viewport_size(DESKTOP)
    return found


def _walk(page: Page, base: str, start: list[str], label: str, checked: set[str], axe: Axe) -> list[str]:
    queue, seen, found, visited = deque(start), set(start), [], 0
    while queue and visited < PAGES_PER_ROLE:
        url = queue.popleft()
        response = page.goto(base + url)
        visited += 1
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        kind = _kind(urlsplit(page.url).path)
        if kind and kind not in checked:
            checked.add(kind)
            found += _check(page, axe, url, label)
        for link in _links(page):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return found


def _login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def _public_starts() -> list[str]:
    """The pages a person reaches without logging in: login, personal links, the public section when it exists."""
    from nastavnik.matching.models import PreferenceCard
    from nastavnik.surveys.models import Invitation

    starts = ["/login/"]
    invitation = Invitation.objects.filter(used_at__isnull=True).first()
    if invitation:
        starts.append(f"/q/{invitation.token}/")
    card = PreferenceCard.objects.exclude(token="").first()
    if card:
        starts.append(f"/card/{card.token}/")
    # The public «Наставничество» pages of the municipality and of each organisation (their links lead further).
    from django.urls import reverse

    from nastavnik.orgs.models import Municipality, Organization

    starts += [reverse("public_municipality", args=[m.pk]) for m in Municipality.objects.all()]
    starts += [reverse("public_org", args=[o.code]) for o in Organization.objects.all()]
    return starts


def test_it_meets_wcag_21_aa_on_every_page_of_every_role(demo, live_server, browser, browser_context_args):
    axe, checked, found = Axe(), set(), []
    context = browser.new_context(**browser_context_args)
    try:
        found += _walk(context.new_page(), live_server.url, _public_starts(), "anonymous", checked, axe)
    finally:
        context.close()
    for role in LOGIN_ROLES:
        context = browser.new_context(**browser_context_args)
        try:
            page = context.new_page()
            _login(page, live_server.url, role)
            found += _walk(page, live_server.url, ["/"], role, checked, axe)
        finally:
            context.close()
    assert len(checked) >= 20, f"only {len(checked)} kinds of page reached: {sorted(checked)}"
    assert found == [], f"{len(found)} WCAG 2.1 A/AA violations:\n" + "\n".join(found)
