"""In a real browser on a phone (issue 10 §2): the mentor school's attendance grid keeps the listener and the result
columns on screen while the sessions scroll sideways. Screenshot: /tmp/cycle_attendance_phone.png."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from nastavnik.intake.models import TrainingEnrolment
from nastavnik.orgs.models import Role
from tests.browser.conftest import browser_type_launch_args  # noqa: F401
from tests.browser.helpers import PHONE, log_in
from tests.factories import OrganizationFactory, person_with_login
from tests.intake.factories import CandidateFactory, TrainingFactory, participant, session_on

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_attendance_grid_shows_the_result_column_on_a_phone(live_server, browser):
    org = OrganizationFactory()
    curator = person_with_login(role=Role.CURATOR, organization=org)
    training = TrainingFactory(organization=org)
    for n in range(1, 9):
        session_on(training, n, -30 + 3 * n)
    for last in ("Кедрова", "Ольховский"):
        enrolment = TrainingEnrolment.objects.create(
            training=training, candidate=CandidateFactory(person=participant(org, last_name=last))
        )
        TrainingEnrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=timezone.now() - dt.timedelta(days=40))

    page = browser.new_context(viewport=PHONE, locale="ru-RU", is_mobile=True, has_touch=True).new_page()
    log_in(page, live_server.url, curator.user.username)
    page.goto(f"{live_server.url}{reverse('intake_training', args=[training.pk])}")
    grid = page.locator("#attendance")
    grid.scroll_into_view_if_needed()
    result = grid.locator("thead th").last
    expect(result).to_have_text("Итог")
    name = grid.locator("tbody tr").first.locator("td").first
    for cell in (result, name):
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
    page.screenshot(path="/tmp/cycle_attendance_phone.png", full_page=False)
