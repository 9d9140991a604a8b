"""Main pages kept rendered per session: served again while nothing changed, renewed by any committed write."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nastavnik.mentorships.models import Mentorship
from nastavnik.orgs.models import Membership
from nastavnik.privacy.models import AccessLog
from tests.mentorships.factories import pair

# Real commits: a write renews the data version after its commit, which a test in one transaction never reaches.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def keeping(settings):
    settings.PAGE_CACHE_SECONDS = 120
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def _signed_in(user) -> Client:
    """A browser after signing in: it holds the session and the CSRF cookie its first page gave it."""
    client = Client()
    client.force_login(user)
    client.get(reverse("home"))
    return client


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries.captured_queries)


def test_the_second_visit_is_served_kept_and_still_logs_whose_records_it_showed():
    p = pair()
    client = _signed_in(p.curator.user)
    url = reverse("mentorship", args=[p.mentorship.pk])
    first, rendered = _get(client, url)
    logged = AccessLog.objects.filter(user=p.curator.user).count()
    second, kept = _get(client, url)
    # session, user, data version, the access log again — not the page's own queries
    assert kept <= 5 < rendered
    assert second.content == first.content
    assert p.mentee.last_name in second.content.decode()
    assert AccessLog.objects.filter(user=p.curator.user).count() == 2 * logged > 0


def test_a_bulk_write_elsewhere_shows_on_the_next_visit():
    p = pair()
    client = _signed_in(p.curator.user)
    url = reverse("mentorship", args=[p.mentorship.pk])
    _get(client, url)
    # Another process changes the goal with a queryset update: no model signal is sent.
    Mentorship.objects.filter(pk=p.mentorship.pk).update(goal="Подготовить открытый урок по физике")
    response, _queries = _get(client, url)
    assert "Подготовить открытый урок по физике" in response.content.decode()


def test_another_session_of_the_same_person_gets_its_own_page():
    p = pair()
    url = reverse("mentorship", args=[p.mentorship.pk])
    one, two = _signed_in(p.curator.user), _signed_in(p.curator.user)
    _get(one, url)
    _response, rendered = _get(two, url)
    assert rendered > 5  # rendered for this session: its forms carry this session's CSRF token


def test_a_person_never_gets_another_persons_kept_page():
    p = pair()
    url = reverse("mentorships")
    curator, mentor = _signed_in(p.curator.user), _signed_in(p.mentor.user)
    curator_page = _get(curator, url)[0].content
    mentor_page = _get(mentor, url)[0].content
    assert curator_page != mentor_page


def test_a_lost_role_is_refused_at_once_not_served_from_the_cache():
    p = pair()
    client = _signed_in(p.curator.user)
    url = reverse("mentorship", args=[p.mentorship.pk])
    _get(client, url)
    Membership.objects.filter(person=p.curator).delete()
    p.mentorship.program.curators.remove(p.curator)
    assert client.get(url).status_code in (403, 404)


def test_a_page_with_a_message_shows_it_once_and_is_not_kept_with_it():
    p = pair()
    client = _signed_in(p.curator.user)
    url = reverse("mentorships")
    _get(client, url)  # kept without a message
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(messages.SUCCESS, "Изменения сохранены.")])
    shown = client.get(url).content.decode()
    again = client.get(url).content.decode()
    assert "Изменения сохранены." in shown
    assert "Изменения сохранены." not in again


def test_htmx_fragments_are_never_kept():
    p = pair()
    client = _signed_in(p.mentor.user)
    url = reverse("mentorship", args=[p.mentorship.pk])
    _get(client, url)
    _response, fragment_queries = _get_htmx(client, url)
    assert fragment_queries > 5


def _get_htmx(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HX_REQUEST="true")
    return response, len(queries.captured_queries)


def test_keeping_is_off_when_the_setting_is_zero(settings):
    settings.PAGE_CACHE_SECONDS = 0
    p = pair()
    client = _signed_in(p.curator.user)
    url = reverse("mentorship", args=[p.mentorship.pk])
    _first, rendered = _get(client, url)
    _second, again = _get(client, url)
    assert again == rendered


def test_an_organisations_home_figures_are_computed_once_for_all_its_staff_and_follow_writes():
    from nastavnik.intake.models import MenteeRequest
    from nastavnik.orgs.models import Role
    from tests.factories import PersonFactory, person_with_login
    from tests.intake.factories import MenteeRequestFactory

    p = pair()
    org = p.mentorship.program.organization
    other = person_with_login(role=Role.CURATOR, organization=org, last_name="Второва")
    first, second = _signed_in(p.curator.user), _signed_in(other.user)
    caches["pages"].clear()
    _page, computed = _get(first, "/")
    _page, shared = _get(second, "/")  # its own page, the organisation's figures from the first
    assert shared < computed
    MenteeRequestFactory(person=PersonFactory(organization=org), status=MenteeRequest.Status.NEW)
    page, recomputed = _get(second, "/")
    assert recomputed == computed
    assert "1 новый запрос наставляемого ждёт анализа" in page.content.decode()
