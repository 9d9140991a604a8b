"""The people list's rows: a link to each person's page, the category's label and the account state."""

import pytest
from django.urls import reverse

from nastavnik.orgs.models import Role
from nastavnik.people.models import Person
from tests.factories import OrganizationFactory, PersonFactory, person_with_login

pytestmark = pytest.mark.django_db


def test_each_row_links_the_person_and_names_the_category(client):
    # perf2: the link comes from one reversed prefix and the label from one dict per page, not per row.
    org = OrganizationFactory()
    curator = person_with_login(role=Role.CURATOR, organization=org)
    pupil = PersonFactory(organization=org, category=Person.Category.STUDENT)
    client.force_login(curator.user)
    page = client.get(reverse("people") + f"?org={org.pk}").text
    assert f'<a href="{reverse("person", args=[pupil.pk])}">{pupil.full_name}</a>' in page
    assert f'data-label="Категория">{pupil.get_category_display()}</td>' in page
    assert 'data-label="Учётная запись"><span class="text-body-secondary">нет</span>' in page
