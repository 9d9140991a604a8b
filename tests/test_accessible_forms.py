"""Form errors are announced with their field: aria-invalid on the field, aria-describedby naming the error text."""

import re

import pytest
from django.urls import reverse

from nastavnik.orgs.models import Role
from tests.factories import person_with_login

DESCRIBED = re.compile(r'<(input|select|textarea)\b[^>]*aria-describedby="([^"]+)"[^>]*>')


@pytest.mark.django_db
def test_it_ties_each_error_and_hint_to_its_field(client):
    curator = person_with_login(role=Role.CURATOR)
    client.force_login(curator.user)
    url = reverse("program_create") + f"?org={curator.organization.code}"

    html = client.post(url, {"title": "", "starts_on": "не дата"}).content.decode()

    invalid = re.findall(r'<(?:input|select|textarea)\b[^>]*aria-invalid="true"[^>]*>', html)
    assert invalid, "the refused form marks no field as invalid"
    described = DESCRIBED.findall(html)
    assert any("_error" in ids for _, ids in described), "no invalid field points to its error text"
    for _, ids in described:
        for element_id in ids.split():
            match = re.search(rf'id="{re.escape(element_id)}"[^>]*>(.*?)</div>', html, re.S)
            assert match, f"aria-describedby names #{element_id}, which the page does not have"
            assert match.group(1).strip(), f"#{element_id} is empty"
