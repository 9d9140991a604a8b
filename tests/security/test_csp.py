"""Content-Security-Policy: every page sends `default-src 'self'` and no page carries an inline script, a style=""
attribute or an on*= handler (the policy would block them; the pages' behaviour is in static/js/nastavnik.js)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import MeetingFactory
from tests.mentorships.factories import PlanFactory, pair

INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), 'style="" attribute'),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on*= handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def _inline(html: str) -> list[str]:
    return [label for pattern, label in INLINE if pattern.search(html)]


def test_it_keeps_every_template_free_of_inline_script_and_style():
    found = []
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        text = TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(settings.BASE_DIR)}: {label}" for label in _inline(text)]
    assert found == []


@pytest.mark.django_db
def test_it_sends_the_policy_and_no_inline_code_on_pages():
    p = pair()
    PlanFactory(mentorship=p.mentorship)
    MeetingFactory(mentorship=p.mentorship)
    anonymous = Client().get(reverse("login"))
    client = Client()
    client.force_login(p.curator.user)
    pages = [anonymous] + [
        client.get(url)
        for url in [reverse("home"), reverse("mentorship", args=[p.mentorship.pk]), reverse("mentorships"),
                    reverse("people"), reverse("my_calendar")]
    ]
    for response in pages:
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert _inline(response.content.decode()) == [], response.request["PATH_INFO"]
