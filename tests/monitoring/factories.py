"""Monitoring test data: a programme with pairs, measurements and marks — invented people only."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from nastavnik.mentorships.models import Mentorship
from nastavnik.monitoring.models import Measurement
from nastavnik.orgs.models import Role
from nastavnik.privacy.models import Consent
from tests.factories import MentorshipFactory, OrganizationFactory, ProgramFactory, person_with_login
from tests.mentorships.factories import consent


def programme(*, pairs: int = 0, interval: int = 14, started_days_ago: int = 60):
    """A programme with `pairs` approved pairs (both sides consent to questionnaires) and its curator."""
    org = OrganizationFactory()
    program = ProgramFactory(organization=org, meeting_interval_days=interval)
    curator = person_with_login(role=Role.CURATOR, organization=org, last_name="Кураторова")
    made = [
        MentorshipFactory(
            program=program,
            status=Mentorship.Status.APPROVED,
            starts_on=timezone.localdate() - dt.timedelta(days=started_days_ago),
        )
        for _ in range(pairs)
    ]
    for m in made:
        consent(m.mentor)
        consent(m.mentee)
    return program, curator, made


def measure(m: Mentorship, measure: str, entry: float | None, exit_: float | None, side: str = "mentee") -> None:
    person = m.mentee if side == "mentee" else m.mentor
    for wave, value in (("entry", entry), ("exit", exit_)):
        if value is not None:
            Measurement.objects.create(
                program=m.program,
                person=person,
                mentorship=m,
                measure=measure,
                side=side,
                wave=wave,
                value=value,
                source=Measurement.Source.MANUAL,
            )


PSYCH = Consent.Purpose.PSYCH_DIAGNOSTICS
