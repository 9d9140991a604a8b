"""The demo shows pairs at every point of their work, and running the hook again adds nothing."""

import pytest
from django.utils import timezone

from nastavnik.intake.models import MentorCandidate
from nastavnik.mentorships import selectors
from nastavnik.mentorships.demo import populate
from nastavnik.mentorships.models import ChangeRequest, Goal, Meeting, Mentorship, PersonalPlan, Reflection, Wish
from nastavnik.ops.demo import demo_build
from nastavnik.orgs.models import Organization

pytestmark = pytest.mark.django_db


def test_it_shows_pairs_at_every_point_of_their_work():
    today = timezone.localdate()
    demo_build(today=today)
    statuses = set(Mentorship.objects.values_list("status", flat=True))
    assert {"proposed", "confirmed", "approved", "completed"} <= statuses
    assert Mentorship.objects.filter(status="proposed", meetings__isnull=True).exists()
    assert Meeting.objects.filter(kind="acquaintance", status="planned").exists()
    assert Mentorship.objects.filter(status="confirmed", meetings__kind="trial", meetings__status="held").exists()
    assert PersonalPlan.objects.exists() and Wish.objects.exists() and Goal.objects.exists()
    assert Reflection.objects.filter(meeting__kind="regular").exists()
    assert Meeting.objects.filter(kind="final", status="held", mentorship__status="approved").exists()
    assert MentorCandidate.objects.filter(motivation__startswith="Итоговая встреча").exists()
    school = Organization.objects.get(code="school7")
    kinds = {i.kind for i in selectors.attention_list(organization=school, today=today)}
    assert {"no_meeting", "feedback_missing", "step_overdue", "change_request"} <= kinds
    counts = (Reflection.objects.count(), Goal.objects.count(), ChangeRequest.objects.count(), Meeting.objects.count())
    populate(today=today)
    assert (
        Reflection.objects.count(),
        Goal.objects.count(),
        ChangeRequest.objects.count(),
        Meeting.objects.count(),
    ) == counts
