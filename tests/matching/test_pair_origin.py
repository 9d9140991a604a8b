"""A pair formed at Mentor Match remembers how it was made and its compatibility, for «which matching worked»."""

import pytest
from django.core.exceptions import ValidationError

from nastavnik.matching import services
from nastavnik.matching.models import MatchSession
from nastavnik.mentorships.models import Mentorship
from tests.matching.conftest import mentee_of, mentor_of, session_of

pytestmark = pytest.mark.django_db


def test_confirmed_pairs_record_the_objective_the_curators_lock_and_the_direct_assignment(world):
    session = session_of(world)
    services.pair_lock(session=session, mentor=mentor_of(session, world, 0), mentee=mentee_of(session, world, 0))
    services.pair_assign(session=session, mentor=mentor_of(session, world, 1), mentee=mentee_of(session, world, 1))
    services.proposals_compute(session=session)

    created = services.proposal_confirm(session=session, objective="stable")

    origin = {m.mentee_id: m.origin for m in created}
    assert origin[world.mentees[0].person_id] == Mentorship.Origin.CURATOR
    assert origin[world.mentees[1].person_id] == Mentorship.Origin.DIRECT
    others = [m for m in created if m.mentee_id not in {world.mentees[0].person_id, world.mentees[1].person_id}]
    assert others and {m.origin for m in others} == {Mentorship.Origin.STABLE}
    assert all(m.match_score is not None and 0 <= m.match_score <= 100 and m.match_criteria for m in created)


def test_weights_set_validates_and_makes_open_proposals_stale(world):
    session = session_of(world)
    services.proposals_compute(session=session)
    program = world.program

    with pytest.raises(ValidationError, match="неотрицательным"):
        services.program_weights_set(program=program, weights={"needs": -1})
    services.program_weights_set(program=program, weights={"needs": 5, "subject": 0})

    program.refresh_from_db()
    assert program.matching_weights["needs"] == 5.0 and program.matching_weights["subject"] == 0.0
    session = MatchSession.objects.get(pk=session.pk)
    with pytest.raises(ValidationError, match="пересчитайте"):
        services.proposal_confirm(session=session, objective="welfare")


def test_the_data_migration_fills_pairs_formed_before_the_origin_existed(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("nastavnik.matching.migrations.0002_mentorship_origin_from_sessions")
    session = session_of(world)
    services.pair_assign(session=session, mentor=mentor_of(session, world, 0), mentee=mentee_of(session, world, 0))
    services.proposals_compute(session=session)
    created = services.proposal_confirm(session=session, objective="welfare")
    before = {m.pk: (m.origin, m.match_score, m.match_criteria) for m in created}
    Mentorship.objects.update(origin="direct", match_score=None, match_criteria={})

    migration.fill(apps, None)

    after = {m.pk: (m.origin, m.match_score, m.match_criteria) for m in Mentorship.objects.all()}
    assert after == before
    assert {origin for origin, _s, _c in after.values()} == {"direct", "welfare"}
