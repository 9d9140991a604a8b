"""The demo shows every status of both bases in every organisation, and a second run adds nothing."""

import pytest
from django.utils import timezone

from nastavnik.intake import demo
from nastavnik.intake.models import (
    Agreement,
    Attendance,
    Interview,
    MenteeRequest,
    MentorCandidate,
    Training,
    TrainingEnrolment,
)
from nastavnik.ops import demo as ops_demo
from nastavnik.orgs.models import Organization

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    models = [MenteeRequest, MentorCandidate, Interview, Agreement, Training, TrainingEnrolment, Attendance]
    return {m.__name__: m.objects.count() for m in models}


def test_it_enriches_the_demo_with_every_status_and_is_idempotent(monkeypatch):
    today = timezone.localdate()
    # Only this app's hook: the other stages' demo data is theirs to test.
    monkeypatch.setattr(ops_demo, "HOOK_APPS", ["intake"])
    ops_demo.demo_build(today=today)

    for org in Organization.objects.all():
        statuses = set(MenteeRequest.objects.filter(organization=org).values_list("status", flat=True))
        assert statuses == set(MenteeRequest.Status.values), org
        candidates = MentorCandidate.objects.filter(organization=org)
        assert set(candidates.values_list("status", flat=True)) == set(MentorCandidate.Status.values), org
        assert not candidates.filter(status__in=["interviewed", "approved", "rejected"], interviews__isnull=True)
        assert Agreement.objects.filter(organization=org, candidate__organization=org).exists(), org
        assert all(a.file for a in Agreement.objects.filter(organization=org))
        training = Training.objects.get(organization=org)
        assert training.sessions.count() == 5
        assert training.enrolments.filter(completed_on__isnull=False).exists(), org
        assert Attendance.objects.filter(session__training=training).exists()
    categories = {c for cats in MenteeRequest.objects.values_list("categories", flat=True) for c in cats}
    assert {"gifted", "low_results", "young_specialist", "digital_skills"} <= categories

    before = _counts()
    demo.populate(today=today)
    assert _counts() == before
