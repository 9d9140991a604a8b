"""Marks are entered for a mentee picked by surname; somebody who is not a mentee of the programme is refused."""

import pytest
from django.urls import reverse

from nastavnik.monitoring.models import Grade
from tests.factories import PupilFactory
from tests.monitoring.factories import programme

pytestmark = pytest.mark.django_db


def test_a_mark_for_a_picked_mentee_and_a_refusal_for_anybody_else(client):
    program, curator, pairs = programme(pairs=1)
    client.force_login(curator.user)
    url = reverse("monitoring_grades", args=[program.pk])
    page = client.get(url).text
    assert 'name="person__q"' in page and "<noscript>" in page
    mark = {"subject": "Алгебра", "school_year": 2026, "quarter": 1, "mark": "4.5"}
    outsider = PupilFactory(organization=program.organization)  # not in any pair of the programme
    refused = client.post(url, {**mark, "person": outsider.pk})
    assert refused.status_code in (200, 400) and "нельзя выбрать здесь" in refused.text
    assert not Grade.objects.exists()
    client.post(url, {**mark, "person": pairs[0].mentee_id})
    assert Grade.objects.get().person_id == pairs[0].mentee_id
