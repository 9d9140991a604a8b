"""Every link a demo user is shown leads somewhere that works for them.

Each demo role walks the pages reachable from its home page (breadth first, a bounded number per role) and
every link on them must answer 200 (or redirect to a page that does): a link the interface offers never ends
in an error, a refusal or a missing page.
"""

import datetime as dt
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from nastavnik.ops.demo import DEMO_PASSWORD, LOGIN_ROLES, demo_build

PAGES_PER_ROLE = 70
HREF = re.compile(r'href="([^"#][^"]*)"')
# Not pages: leaving, documents converted by LibreOffice (slow; covered by the documents tests), static files.
SKIP = re.compile(r"^/(logout|static|admin)/|\.pdf$|/pdf/$")


def _links(html: str) -> list[str]:
    found = []
    for raw in HREF.findall(html):
        url = urldefrag(raw.replace("&amp;", "&"))[0]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/") or SKIP.search(parts.path):
            continue
        found.append(url)
    return found


@pytest.fixture
def demo(db):
    return demo_build(today=dt.date(2026, 11, 23))


@pytest.mark.parametrize("role", LOGIN_ROLES)
def test_it_leads_every_demo_role_only_to_working_pages(demo, role):
    client = Client()
    assert client.login(username=role, password=DEMO_PASSWORD)
    queue, seen, broken = deque(["/"]), {"/": "—"}, []
    visited = 0
    while queue and visited < PAGES_PER_ROLE:
        url = queue.popleft()
        response = client.get(url, follow=True)
        visited += 1
        if response.status_code != 200:
            broken.append(f"{url} → {response.status_code} (linked from {seen[url]})")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _links(response.content.decode()):
            if link not in seen:
                seen[link] = url
                queue.append(link)
    assert broken == [], f"{role}: {broken}"
    assert visited >= 3, f"{role} reached only {visited} pages"
