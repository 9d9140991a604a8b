"""Optimistic locking of a Mentor Match session (issue 14 §4): two curators act on the same session; the one whose
page is out of date is refused, sees what the other did, and nothing of theirs is written."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from nastavnik.matching.models import MatchSession, PairDecision
from nastavnik.orgs.models import Role
from tests.factories import person_with_login
from tests.matching.conftest import mentee_of, mentor_of, session_of

pytestmark = pytest.mark.django_db
REFUSED = "эту запись сохранил другой пользователь"


@pytest.fixture
def curators(world):
    first = Client()
    first.force_login(world.curator.user)
    second = Client()
    second.force_login(person_with_login(role=Role.CURATOR, organization=world.org).user)
    return first, second


def _version(page) -> str:
    return re.search(r'name="version" value="(\d+)"', page.content.decode()).group(1)


def test_a_decision_on_an_outdated_proposals_page_is_refused_through_htmx(world, curators):
    first, second = curators
    session = session_of(world)
    first.post(reverse("matching_proposals", args=[session.pk]))
    url = reverse("matching_proposals", args=[session.pk])
    seen_first, seen_second = _version(first.get(url)), _version(second.get(url))
    m0, m1, e0 = mentor_of(session, world, 0), mentor_of(session, world, 1), mentee_of(session, world, 0)
    decide = reverse("matching_decision", args=[session.pk])

    locked = first.post(decide, {"action": "lock", "mentor": m0.pk, "mentee": e0.pk, "version": seen_first},
                        HTTP_HX_REQUEST="true")
    assert locked.status_code == 200 and REFUSED not in locked.content.decode()
    refused = second.post(decide, {"action": "lock", "mentor": m1.pk, "mentee": e0.pk, "version": seen_second},
                          HTTP_HX_REQUEST="true")

    page = refused.content.decode()
    assert refused.status_code == 200 and 'id="proposals"' in page and REFUSED in page
    # What the other curator did, and what this one wanted.
    assert f"закреплены: {m0.person.short_name} — {e0.person.short_name}" in page
    assert f"закрепить пару {m1.person.short_name} — {e0.person.short_name}" in page
    assert list(PairDecision.objects.values_list("mentor_id", flat=True)) == [m0.pk]
    # The refreshed section carries the current version: the next click is judged against what is shown now.
    assert _version(refused) == str(MatchSession.objects.get(pk=session.pk).version)


def test_confirming_a_proposal_after_another_curator_changed_the_session_is_refused(world, curators):
    first, second = curators
    session = session_of(world)
    first.post(reverse("matching_proposals", args=[session.pk]))
    seen = _version(second.get(reverse("matching_proposals", args=[session.pk])))
    m0, e0 = mentor_of(session, world, 0), mentee_of(session, world, 0)
    first.post(reverse("matching_decision", args=[session.pk]),
               {"action": "forbid", "mentor": m0.pk, "mentee": e0.pk})

    response = second.post(reverse("matching_confirm", args=[session.pk]), {"objective": "welfare", "version": seen},
                           follow=True)

    assert REFUSED in response.content.decode() and "запрещены" in response.content.decode()
    session.refresh_from_db()
    assert session.status == MatchSession.Status.PROPOSED and not session.mentorships.exists()


def test_the_second_choice_of_participants_is_refused_and_shows_the_first(world, curators):
    first, second = curators
    session = session_of(world)
    url = reverse("matching_participants", args=[session.pk])
    seen_first, seen_second = _version(first.get(url)), _version(second.get(url))
    everybody = {f"capacity_{c.pk}": "1" for c in world.mentors}

    saved = first.post(url, {"mentors": [world.mentors[0].pk, world.mentors[1].pk],
                             "mentees": [r.pk for r in world.mentees[:2]], "version": seen_first, **everybody})
    assert saved.status_code == 302
    refused = second.post(url, {"mentors": [c.pk for c in world.mentors], "mentees": [r.pk for r in world.mentees],
                                "version": seen_second, **everybody})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert REFUSED in page and "участников: 2 наставников, 2 наставляемых" in page
    assert session.mentors.count() == 2 and session.mentees.count() == 2
