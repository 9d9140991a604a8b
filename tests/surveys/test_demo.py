"""The demo hook: filled questionnaires and open links for invented people who consented."""

import datetime as dt

import pytest

from nastavnik.orgs.models import Role
from nastavnik.surveys.demo import populate
from nastavnik.surveys.models import Invitation, Response
from tests.factories import OrganizationFactory, PersonFactory, PupilFactory, person_with_login
from tests.surveys.factories import questionnaire_consent

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def test_it_does_nothing_without_people():
    populate(today=TODAY)
    assert not Response.objects.exists() and not Invitation.objects.exists()


def test_it_fills_the_shipped_questionnaires_only_for_consenting_people():
    org = OrganizationFactory()
    curator = person_with_login(role=Role.CURATOR, organization=org)
    pupils = [PupilFactory(organization=org) for _ in range(3)]
    teachers = [PersonFactory(organization=org) for _ in range(5)]
    for person in [*pupils, *teachers]:
        questionnaire_consent(person)
    refused = PupilFactory(organization=org)  # no consent: must stay out of every questionnaire

    populate(today=TODAY)

    codes = set(Response.objects.values_list("version__survey__code", flat=True))
    assert codes == {"mentee_request", "mentor_candidate", "interview_record", "training_needs"}
    assert not Response.objects.filter(about=refused).exists()
    interview = Response.objects.get(version__survey__code="interview_record")
    assert interview.respondent == curator and interview.about in teachers
    mentee_answer = Response.objects.filter(about=pupils[0]).get().answers.get(question__code="role")
    assert mentee_answer.value == "Обучающийся"
    assert Invitation.objects.filter(used_at__isnull=True).count() == 3
    assert all(r.submitted_at.date() < TODAY for r in Response.objects.all())

    # 3 requests, 2 mentor questionnaires, 2 training-needs questionnaires, 1 interview record
    assert Response.objects.count() == 8
    populate(today=TODAY)  # a second call adds nothing
    assert Response.objects.count() == 8
