"""Access to the recognition pages: role × page × own/other organisation, GET and POST (the policy's own block)."""

import pytest
from django.test import Client

from tests.test_policy import PERSONAS, world  # noqa: F401 — the shared world of the policy matrix

MANAGERS = {"director", "coordinator", "curator"}
IN_ORG = MANAGERS | {"psychologist", "method_head", "mentor", "other_mentor", "mentee", "guardian"}


def _manager_page(path):
    return path, {p: 200 for p in MANAGERS} | {p: 403 for p in IN_ORG - MANAGERS}


PAGES = {
    "overview": ("/recognition/orga/", {p: 200 for p in IN_ORG}),
    "my": ("/recognition/orga/my/", {p: 200 for p in IN_ORG}),
    "points": _manager_page("/recognition/orga/points/"),
    "contests": _manager_page("/recognition/orga/contests/"),
    "honour": _manager_page("/recognition/orga/honour/"),
    "news": _manager_page("/recognition/orga/news/"),
    "festivals": _manager_page("/recognition/orga/festivals/"),
    "practices": ("/recognition/orga/practices/",
                  {p: 200 for p in MANAGERS | {"mentor", "other_mentor", "mentee"}}
                  | {p: 403 for p in {"psychologist", "method_head", "guardian"}}),
}


def _status(persona, url, method="get"):
    client = Client()
    client.force_login(__import__("nastavnik.people.models", fromlist=["User"]).User.objects.get(username=persona))
    response = getattr(client, method)(url, follow=method == "get")
    return response.status_code


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_gets_the_exact_answer(world, page, persona):  # noqa: F811
    url, allowed = PAGES[page]
    assert _status(persona, url) == allowed.get(persona, 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_managers_may_post_news_and_close_pairs(world, persona):  # noqa: F811
    news = _status(persona, "/recognition/orga/news/", "post")
    close = _status(persona, f"/recognition/pairs/{world['pair_a'].pk}/close/", "post")
    if persona in MANAGERS:
        assert news == 400 and close == 400  # an empty form: refused with a message, nothing written
    else:
        assert news == (403 if persona in IN_ORG else 404)
        assert close in {403, 404}


def test_programme_completion_is_for_managers_of_its_organisation(world):  # noqa: F811
    url = f"/recognition/programs/{world['program_a'].pk}/"
    assert _status("curator", url) == 200
    assert _status("b_curator", url) == 404
    assert _status("mentor", url) == 403
