"""A long mentee base on the Mentor Match participants page: the chosen people only, and a search to add more."""

import pytest
from django.urls import reverse

from nastavnik.matching import services
from nastavnik.matching.forms import LONG_LIST
from tests.factories import TODAY, PupilFactory
from tests.intake.factories import MenteeRequestFactory
from tests.matching.conftest import make_world, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowded():
    world = make_world(mentors=2, mentees=4)
    for i in range(LONG_LIST):
        person = participant(world.org, last_name="Запасова", first_name=f"Ева{i}", experience_years=1)
        MenteeRequestFactory(person=person, program=world.program)
    session = services.session_create(organization=world.org, program=world.program, date=TODAY, minutes_per_round=7)
    return world, session


def test_the_page_lists_only_the_chosen_and_offers_a_search(client, crowded):
    world, session = crowded
    client.force_login(world.curator.user)
    page = client.get(reverse("matching_participants", args=[session.pk])).text
    assert "Запасова" not in page and "Добавить наставляемых" in page and "<noscript>" in page
    assert "Кленова Арина" in page  # two mentors: a short list stays a list of boxes


def test_a_mentee_found_by_surname_joins_the_session_and_a_stranger_is_refused(client, crowded):
    world, session = crowded
    client.force_login(world.curator.user)
    url = reverse("matching_participants", args=[session.pk])
    found = client.get(
        reverse("person_pick"),
        {"org": world.org.code, "scope": "mentees", "field": "add_mentees", "multi": "1", "q": "Ромаш"},
        headers={"HX-Request": "true"},
    ).text
    assert "Ромашкина Ева" in found
    base = {"mentors": [c.pk for c in world.mentors]} | {f"capacity_{c.pk}": 1 for c in world.mentors}
    stranger = PupilFactory(organization=world.org, last_name="Посторонний")  # no request in the base
    refused = client.post(url, {**base, "add_mentees": [world.mentees[0].person_id, stranger.pk]})
    assert refused.status_code == 400 and "нельзя выбрать здесь" in refused.text
    assert not session.mentees.exists()
    picked = [world.mentees[0].person_id, world.mentees[1].person_id]
    response = client.post(url, {**base, "add_mentees": picked})
    assert response.status_code == 302
    assert {m.request_id for m in session.mentees.all()} == {world.mentees[0].pk, world.mentees[1].pk}
    again = client.get(url).text
    assert "Ромашкина Ева" in again and "Запасова" not in again  # the chosen ones are listed, ticked
