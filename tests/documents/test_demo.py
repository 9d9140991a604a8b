import datetime as dt

import pytest

from nastavnik.documents.demo import populate
from nastavnik.documents.models import Order
from nastavnik.documents.services import order_render
from nastavnik.orgs.models import Role
from tests.documents.factories import MentorCandidateFactory, docx_text, school_with_director, staff
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def test_it_issues_the_launch_orders_for_a_demo_organisation_once():
    org, _ = school_with_director()
    staff(org, Role.COORDINATOR)
    staff(org, Role.CURATOR)
    MentorCandidateFactory(person=PersonFactory(organization=org))
    headless = OrganizationFactory()

    populate(today=TODAY)
    populate(today=TODAY)

    signed = Order.objects.filter(organization=org, status=Order.Status.SIGNED)
    kinds = sorted(signed.values_list("kind", flat=True))
    assert kinds == ["appoint_coordinator", "approve_mentor_registry", "introduce_model", "mentor_school"]
    # One draft waits for the director: the order approving the Положение, prepared by the curator.
    draft = Order.objects.get(organization=org, status=Order.Status.DRAFT)
    assert draft.kind == Order.Kind.APPROVE_REGULATION and draft.number is None
    assert not Order.objects.filter(organization=headless).exists()
    assert all(o.date <= TODAY for o in signed)
    for order in signed:
        assert f"№ {order.display_number}" in docx_text(order_render(order=order))
