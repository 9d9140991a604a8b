"""The participants screen of Mentor Match reads as many queries however many people are in the bases, and lists
the consenting ones to choose and the others among those who lack a consent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nastavnik.intake.models import MentorCandidate
from nastavnik.matching import services
from tests.factories import TODAY
from tests.intake.factories import CandidateFactory, MenteeRequestFactory
from tests.matching.conftest import participant

pytestmark = pytest.mark.django_db


def _more(world, n: int) -> None:
    for _ in range(n):
        CandidateFactory(person=participant(world.org), status=MentorCandidate.Status.APPROVED)
        MenteeRequestFactory(person=participant(world.org), program=world.program)
    CandidateFactory(person=participant(world.org, consent=False), status=MentorCandidate.Status.APPROVED)


def test_the_participants_screen_takes_as_many_queries_for_five_times_the_people(client, world):
    session = services.session_create(organization=world.org, program=world.program, date=TODAY)
    url = reverse("matching_participants", args=[session.pk])
    client.force_login(world.curator.user)
    _more(world, 1)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    _more(world, 8)
    assert queries() == before
    page = client.get(url)
    form = page.context["form"]
    assert len(form.fields["mentors"].choices) == len(world.mentors) + 9
    assert [lack.side for lack in page.context["lacking"]] == ["mentor", "mentor"]
