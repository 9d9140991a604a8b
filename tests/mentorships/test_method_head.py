"""The head of a methodological association controls teachers' work (seed 003): teacher–teacher pairs of their
organisation, never pupils' pairs — not the list, the page, the plan DOCX, the meeting's calendar file or the diary."""

import pytest
from django.test import Client
from django.urls import reverse

from nastavnik.orgs.models import Role
from tests.factories import MeetingFactory, MentorshipFactory, MentorshipMemberFactory, PupilFactory, person_with_login
from tests.mentorships.factories import PlanFactory, pupil_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    pupils, _parent = pupil_pair()
    m = pupils.mentorship
    PlanFactory(mentorship=m)
    meeting = MeetingFactory(mentorship=m)
    org = m.program.organization
    teachers = MentorshipFactory(program=m.program)
    head = person_with_login(role=Role.METHOD_HEAD, organization=org)
    client = Client()
    client.force_login(head.user)
    return {"pupils": m, "meeting": meeting, "teachers": teachers, "client": client}


def test_it_hides_pupils_pairs_and_their_documents_from_the_method_head(setting):
    client, m = setting["client"], setting["pupils"]
    for url in [
        reverse("mentorship", args=[m.pk]),
        reverse("plan_download", args=[m.pk]),
        reverse("meeting_ics", args=[setting["meeting"].pk]),
        reverse("meeting_reflection", args=[setting["meeting"].pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_it_shows_the_method_head_teacher_pairs_of_their_organisation(setting):
    client = setting["client"]
    assert client.get(reverse("mentorship", args=[setting["teachers"].pk])).status_code == 200
    body = client.get(reverse("mentorships")).content.decode()
    assert setting["teachers"].mentee.full_name in body
    assert setting["pupils"].mentee.full_name not in body


def test_it_counts_a_group_with_a_pupil_among_its_mentees_as_a_pupils_group(setting):
    group = setting["teachers"]
    MentorshipMemberFactory(mentorship=group, person=PupilFactory(organization=group.program.organization))
    assert setting["client"].get(reverse("mentorship", args=[group.pk])).status_code == 404
    assert group.mentee.full_name not in setting["client"].get(reverse("mentorships")).content.decode()
