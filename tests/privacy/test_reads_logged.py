"""Every read of another person's personal data leaves a row in the access log: pair documents, orders, roadmap
exports, list pages (who was shown) and the console's roster export (under the operator's name)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.documents.services import order_issue
from nastavnik.orgs.models import Role
from nastavnik.privacy.models import AccessLog
from nastavnik.programs import periods
from nastavnik.programs.services import roadmap_create_from_template
from nastavnik.security.models import SecurityEvent
from tests.documents.factories import introduce_payload, school_with_director, staff
from tests.factories import MeetingFactory, PersonFactory, person_with_login
from tests.mentorships.factories import PlanFactory, pair

pytestmark = pytest.mark.django_db


def _logged(person, action: str) -> bool:
    return AccessLog.objects.filter(person=person, action=action).exists()


@pytest.fixture
def curator_pair():
    p = pair()
    client = Client()
    client.force_login(p.curator.user)
    return p, client


def test_it_logs_the_plan_docx_and_the_meeting_file_downloaded_by_staff(curator_pair):
    p, client = curator_pair
    PlanFactory(mentorship=p.mentorship)
    meeting = MeetingFactory(mentorship=p.mentorship)
    assert client.get(reverse("plan_download", args=[p.mentorship.pk])).status_code == 200
    assert client.get(reverse("meeting_ics", args=[meeting.pk])).status_code == 200
    for person in (p.mentor, p.mentee):
        assert _logged(person, "mentorship.plan_docx")
        assert _logged(person, "mentorship.meeting_ics")
    entry = AccessLog.objects.filter(action="mentorship.plan_docx").first()
    assert entry.user == p.curator.user


def test_it_logs_who_a_list_page_showed(curator_pair):
    p, client = curator_pair
    assert client.get(reverse("mentorships")).status_code == 200
    assert client.get(reverse("people")).status_code == 200
    assert _logged(p.mentee, "mentorship.list") and _logged(p.mentor, "mentorship.list")
    assert _logged(p.mentee, "people.list")
    # Looking at one's own record is no access to another's.
    assert not AccessLog.objects.filter(person=p.curator).exists()


def test_it_logs_the_people_an_order_names_when_it_is_downloaded():
    org, director = school_with_director()
    responsible = staff(org, Role.CURATOR)
    order = order_issue(
        organization=org, kind="introduce_model", date=dt.date(2026, 9, 1), subject="О внедрении",
        payload=introduce_payload(responsible),
    )
    client = Client()
    client.force_login(director.user)
    assert client.get(reverse("order_docx", args=[order.pk])).status_code == 200
    assert _logged(responsible, "documents.order")


def test_it_logs_the_responsible_people_of_an_exported_roadmap():
    org, director = school_with_director()
    roadmap = roadmap_create_from_template(
        organization=org, template_code="lyceum_2023", starts_on=periods.month_start(timezone.localdate(), -4)
    )
    someone = PersonFactory(organization=org)
    roadmap.activities.update(responsible=someone)
    client = Client()
    client.force_login(director.user)
    assert client.get(reverse("roadmap_export", args=[roadmap.pk])).status_code == 200
    assert _logged(someone, "programs.roadmap_export")


def test_it_logs_the_console_roster_export_under_the_operators_name(tmp_path):
    org, _director = school_with_director()
    pupil = PersonFactory(organization=org)
    call_command("export_roster", str(tmp_path / "r.xlsx"), "--org", org.code, "--by", "Оператор Иванов",
                 stdout=io.StringIO())
    entry = AccessLog.objects.get(person=pupil)
    assert (entry.operator, entry.action, entry.user) == ("Оператор Иванов", "roster_export.console", None)
    event = SecurityEvent.objects.get(kind="export")
    assert (event.actor_name, event.organization_id) == ("Оператор Иванов", org.pk)


def test_it_names_the_system_user_when_the_operator_gives_no_name(tmp_path):
    org, _director = school_with_director()
    pupil = PersonFactory(organization=org)
    call_command("export_roster", str(tmp_path / "r.xlsx"), "--org", org.code, stdout=io.StringIO())
    assert AccessLog.objects.get(person=pupil).operator != ""


def test_it_shows_a_method_head_no_pupil_in_the_pairs_list():
    p = pair()
    head = person_with_login(role=Role.METHOD_HEAD, organization=p.mentorship.program.organization)
    client = Client()
    client.force_login(head.user)
    client.get(reverse("mentorships"))
    assert AccessLog.objects.filter(user=head.user, action="mentorship.list").count() == 2  # a teachers' pair


def test_it_logs_who_the_consents_list_showed(curator_pair):
    p, client = curator_pair
    code = p.mentorship.program.organization.code
    assert client.get(reverse("privacy_org_consents", args=[code])).status_code == 200
    assert _logged(p.mentee, "privacy.org_consents") and _logged(p.mentor, "privacy.org_consents")
