"""The demo's public «Наставничество» pages: a completed cycle, a contest, the honour board and two practices —
and nobody on them whose consent to dissemination is not in force."""

import datetime as dt
import re
from collections import deque

import pytest
from django.test import Client

from nastavnik.ops.demo import demo_build
from nastavnik.people.models import Person
from nastavnik.privacy.selectors import publication_allowed
from nastavnik.recognition.models import Closure, Contest, Festival, HonourEntry, Practice

HREF = re.compile(r'href="(/p/[^"#]*)"')


@pytest.fixture
def demo(db):
    return demo_build(today=dt.date(2026, 11, 23))


def test_the_demo_school_has_a_completed_cycle_a_contest_and_practices(demo):
    assert Festival.objects.filter(organization__code="school7", event_order__isnull=False,
                                   reward_order__isnull=False).exists()
    assert Contest.objects.filter(status=Contest.Status.FINISHED, results_order__isnull=False).exists()
    assert Closure.objects.exists() and HonourEntry.objects.count() == 3
    published = Practice.objects.filter(status=Practice.Status.PUBLISHED)
    assert published.count() == 2 and published.filter(anonymous=True).count() == 1


def test_no_demo_public_page_names_a_person_without_consent(demo):
    people = list(Person.objects.filter(organization__code="school7"))
    allowed = publication_allowed(person_ids={p.pk for p in people})
    hidden = [p for p in people if "name" not in allowed.get(p.pk, frozenset())]
    shown = [p for p in people if "name" in allowed.get(p.pk, frozenset())]
    assert HonourEntry.objects.filter(person__in=hidden).exists()  # the demo does put someone without consent there
    client, pages, queue = Client(), {}, deque(["/p/school7/"])
    while queue:
        url = queue.popleft()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
        queue.extend(HREF.findall(pages[url]))
    text = "".join(pages.values())
    for person in hidden:
        assert f"{person.last_name} {person.first_name}" not in text, person.pk
    assert any(f"{p.last_name} {p.first_name}" in text for p in shown)
