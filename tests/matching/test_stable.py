"""The stable objective: no blocking pair, and the best stable matching for every mentee."""

import warnings
from collections import Counter

from hypothesis import given, settings

from nastavnik.matching.engine import CAPACITY_EXHAUSTED, NO_ACCEPTABLE_MENTOR, Instance, Mentee, Mentor, solve
from tests.matching.helpers import blocking_pairs, instances, rank, stable_acceptable, stable_assignments


def stable(instance: Instance) -> dict[str, str]:
    return {pair.mentee: pair.mentor for pair in solve(instance, "stable").pairs}


@settings(max_examples=200, deadline=None)
@given(instances())
def test_it_has_no_blocking_pair_and_keeps_capacity_and_forbidden_pairs(instance):
    assignment = stable(instance)
    assert blocking_pairs(instance, assignment) == []
    assert {(mentor, mentee) for mentee, mentor in assignment.items()} <= stable_acceptable(instance)
    load = Counter(assignment.values())
    assert all(load[m.id] <= m.capacity for m in instance.mentors)


@settings(max_examples=150, deadline=None)
@given(instances(max_mentors=3, max_mentees=4))
def test_it_is_the_best_stable_matching_for_every_mentee(instance):
    assignment = stable(instance)
    for other in stable_assignments(instance):
        for mentee in instance.mentee_ranks:
            ranking = instance.mentee_ranks[mentee]
            assert rank(ranking, assignment.get(mentee)) <= rank(ranking, other.get(mentee))


@settings(max_examples=40, deadline=None)
@given(instances(max_mentors=4, max_mentees=6))
def test_it_agrees_with_the_matching_package(instance):
    from matching.games import HospitalResident

    acceptable = stable_acceptable(instance)
    mentee_prefs = {e: [m for m in ranked if (m, e) in acceptable] for e, ranked in instance.mentee_ranks.items()}
    mentor_prefs = {m: [e for e in ranked if (m, e) in acceptable] for m, ranked in instance.mentor_ranks.items()}
    capacities = {m.id: m.capacity for m in instance.mentors if m.capacity}
    mentee_prefs = {e: ranked for e, ranked in mentee_prefs.items() if ranked}
    mentor_prefs = {m: ranked for m, ranked in mentor_prefs.items() if ranked and m in capacities}
    if not mentee_prefs:
        assert stable(instance) == {}
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the package warns about people nobody ranked
        game = HospitalResident.create_from_dictionaries(
            mentee_prefs, mentor_prefs, {m: capacities[m] for m in mentor_prefs}, clean=True
        )
        result = game.solve(optimal="resident")
    expected = {resident.name: hospital.name for hospital, residents in result.items() for resident in residents}
    assert stable(instance) == expected


def test_it_gives_the_mentees_their_best_stable_partners_not_the_mentors():
    # Two stable matchings exist: mentees' favourites (e1–m1, e2–m2) and mentors' (e1–m2, e2–m1).
    instance = Instance(
        mentors=[Mentor("m1"), Mentor("m2")],
        mentees=[Mentee("e1"), Mentee("e2")],
        mentor_ranks={"m1": ["e2", "e1"], "m2": ["e1", "e2"]},
        mentee_ranks={"e1": ["m1", "m2"], "e2": ["m2", "m1"]},
    )
    assert stable(instance) == {"e1": "m1", "e2": "m2"}


def test_it_lets_a_mentor_with_capacity_keep_the_best_proposals():
    instance = Instance(
        mentors=[Mentor("m1", 2), Mentor("m2", 1)],
        mentees=[Mentee("e1"), Mentee("e2"), Mentee("e3")],
        mentor_ranks={"m1": ["e3", "e2", "e1"], "m2": ["e1"]},
        mentee_ranks={"e1": ["m1", "m2"], "e2": ["m1"], "e3": ["m1"]},
    )
    assert stable(instance) == {"e1": "m2", "e2": "m1", "e3": "m1"}


def test_it_needs_both_sides_to_list_each_other_and_ignores_scores():
    instance = Instance(
        mentors=[Mentor("m1"), Mentor("m2")],
        mentees=[Mentee("e1"), Mentee("e2")],
        scores={("m1", "e1"): 100.0},
        mentor_ranks={"m1": ["e2"], "m2": ["e1"]},
        mentee_ranks={"e1": ["m1", "m2"], "e2": ["m2"]},
    )
    proposal = solve(instance, "stable")
    assert [(p.mentor, p.mentee, p.score, p.mentor_rank, p.mentee_rank) for p in proposal.pairs] == [
        ("m2", "e1", None, 1, 2)
    ]
    assert proposal.unmatched_reasons == {"e2": NO_ACCEPTABLE_MENTOR}
    assert proposal.metrics.total_score == 0.0


def test_it_skips_forbidden_pairs_and_mentors_without_places():
    instance = Instance(
        mentors=[Mentor("m1", 1), Mentor("m0", 0), Mentor("m2", 1)],
        mentees=[Mentee("e1"), Mentee("e2")],
        mentor_ranks={"m1": ["e1", "e2"], "m0": ["e1"], "m2": ["e2"]},
        mentee_ranks={"e1": ["m0", "m1"], "e2": ["m1", "m2"]},
        forbidden={("m2", "e2")},
    )
    proposal = solve(instance, "stable")
    assert {(p.mentor, p.mentee) for p in proposal.pairs} == {("m1", "e1")}
    assert proposal.unmatched_reasons == {"e2": CAPACITY_EXHAUSTED}
