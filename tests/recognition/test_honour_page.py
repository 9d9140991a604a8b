"""The honour board page as the curator uses it: the mentor is found by surname (the school's whole list is too long
for a select), and entries are shown by school year, as the board is kept."""

import pytest
from django.urls import reverse

from nastavnik.orgs.models import Role
from nastavnik.recognition import services
from tests.factories import OrganizationFactory, PersonFactory, person_with_login


@pytest.fixture
def board(db):
    org = OrganizationFactory(code="boardschool")
    mentor = PersonFactory(organization=org, last_name="Доскина", first_name="Вера")
    services.honour_add(organization=org, person=mentor, year=2025, title="«Наставник года», 1 место")
    curator = person_with_login(role=Role.CURATOR, organization=org)
    return {"org": org, "mentor": mentor, "curator": curator}


def test_the_board_shows_the_school_year_and_a_search_for_the_mentor(client, board):
    client.force_login(board["curator"].user)
    page = client.get(reverse("recognition_honour", args=[board["org"].code])).content.decode()
    assert "2025/26" in page
    assert "Снять с доски" in page
    assert reverse("person_pick") in page  # the picker's search, not a <select> of everybody
    assert '<select name="person"' not in page


def test_the_plain_search_page_sends_the_mentor_back_into_the_form(client, board):
    client.force_login(board["curator"].user)
    url = reverse("recognition_honour", args=[board["org"].code]) + f"?person={board['mentor'].pk}"
    page = client.get(url).content.decode()
    assert f'value="{board["mentor"].pk}" checked' in page or f'value="{board["mentor"].pk}"' in page
    assert "Доскина" in page


def test_a_mentor_is_added_through_the_picker(client, board):
    other = PersonFactory(organization=board["org"], last_name="Новикова", first_name="Анна")
    client.force_login(board["curator"].user)
    response = client.post(
        reverse("recognition_honour", args=[board["org"].code]),
        {"person": other.pk, "year": 2026, "title": "Лучшая пара"},
    )
    assert response.status_code == 302
    assert other.honour_entries.filter(year=2026).exists()
