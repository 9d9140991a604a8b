"""The welfare objective: most pairs first, then the highest total score — exactly, never greedily."""

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings

from nastavnik.matching.engine import CAPACITY_EXHAUSTED, NO_ACCEPTABLE_MENTOR, Instance, Mentee, Mentor, solve
from nastavnik.matching.welfare import EXACT_BUDGET, integer_gains
from tests.matching.helpers import best_welfare, instances, welfare_acceptable


def welfare(mentors: dict[str, int], mentees: list[str], scores: dict[tuple[str, str], float], **extra) -> dict:
    instance = Instance(
        mentors=[Mentor(m, c) for m, c in mentors.items()], mentees=[Mentee(e) for e in mentees], scores=scores, **extra
    )
    return {(p.mentor, p.mentee) for p in solve(instance, "welfare").pairs}


@settings(max_examples=150, deadline=None)
@given(instances())
def test_it_equals_the_brute_force_optimum(instance):
    proposal = solve(instance, "welfare")
    matched, total = best_welfare(instance)
    assert proposal.metrics.matched == matched
    assert proposal.metrics.total_score == pytest.approx(total, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(instances())
def test_it_keeps_capacity_forbidden_pairs_and_scored_pairs_only(instance):
    proposal = solve(instance, "welfare")
    capacity = {m.id: m.capacity for m in instance.mentors}
    load = Counter(pair.mentor for pair in proposal.pairs)
    assert all(load[mentor] <= capacity[mentor] for mentor in load)
    assert {(p.mentor, p.mentee) for p in proposal.pairs} <= welfare_acceptable(instance)
    mentees = [pair.mentee for pair in proposal.pairs]
    assert len(mentees) == len(set(mentees))
    assert set(proposal.unmatched) == {e.id for e in instance.mentees} - set(mentees)


@pytest.mark.parametrize(("n_mentors", "n_mentees", "max_capacity"), [(30, 120, 3), (60, 40, 4), (40, 40, 1)])
def test_it_equals_a_dense_hungarian_on_medium_instances(n_mentors, n_mentees, max_capacity):
    # Fewer places than mentees, more places than mentees, and one to one: both orientations of the solver.
    from scipy.optimize import linear_sum_assignment

    rng = np.random.default_rng(n_mentors * n_mentees)
    capacity = rng.integers(0, max_capacity + 1, n_mentors)
    cents = np.where(rng.random((n_mentors, n_mentees)) < 0.2, rng.integers(-1000, 10_000, (n_mentors, n_mentees)), 0)
    acceptable = cents != 0
    # Dense reference: one row per place; an acceptable pair gains a bonus larger than any total, plus its score.
    bonus = int(np.abs(cents).max()) * 2 * n_mentees + 1
    gain = np.repeat(np.where(acceptable, bonus + cents + 10_000, 0), capacity, axis=0)
    rows, cols = linear_sum_assignment(gain, maximize=True)
    taken = gain[rows, cols] > 0
    owner = np.repeat(np.arange(n_mentors), capacity)[rows[taken]]
    expected_total = int(cents[owner, cols[taken]].sum()) / 100
    scores = {(f"m{m}", f"e{e}"): int(cents[m, e]) / 100 for m, e in zip(*np.nonzero(acceptable), strict=True)}
    instance = Instance(
        mentors=[Mentor(f"m{i}", int(c)) for i, c in enumerate(capacity)],
        mentees=[Mentee(f"e{i}") for i in range(n_mentees)],
        scores=scores,
    )
    metrics = solve(instance, "welfare").metrics
    assert metrics.matched == int(taken.sum())
    assert metrics.total_score == pytest.approx(expected_total, abs=1e-6)


def test_it_is_not_greedy():
    # Greedy by score takes e1–m1 (10) and is left with e2–m2 (1); the optimum swaps them: 9 + 9.
    pairs = welfare(
        {"m1": 1, "m2": 1}, ["e1", "e2"], {("m1", "e1"): 10, ("m2", "e1"): 9, ("m1", "e2"): 9, ("m2", "e2"): 1}
    )
    assert pairs == {("m2", "e1"), ("m1", "e2")}


def test_it_prefers_one_more_pair_to_a_higher_total():
    scores = {("m1", "e1"): 100, ("m2", "e1"): 1, ("m1", "e2"): 1}
    assert welfare({"m1": 1, "m2": 1}, ["e1", "e2"], scores) == {("m2", "e1"), ("m1", "e2")}


def test_it_fills_a_mentor_up_to_the_capacity():
    scores = {("m1", e): 50 for e in ("e1", "e2", "e3")}
    assert len(welfare({"m1": 2}, ["e1", "e2", "e3"], scores)) == 2


def test_it_never_uses_a_pair_without_a_score_even_if_both_ranked_it():
    pairs = welfare(
        {"m1": 1}, ["e1", "e2"], {("m1", "e2"): 5}, mentor_ranks={"m1": ["e1"]}, mentee_ranks={"e1": ["m1"]}
    )
    assert pairs == {("m1", "e2")}


def test_it_never_uses_a_forbidden_pair():
    assert welfare({"m1": 1}, ["e1"], {("m1", "e1"): 99}, forbidden={("m1", "e1")}) == set()


def test_it_tells_the_sixth_decimal_apart():
    scores = {("m1", "e1"): 50.000001, ("m1", "e2"): 50.000002, ("m2", "e1"): 0.5, ("m2", "e2"): 0.5}
    assert welfare({"m1": 1, "m2": 1}, ["e1", "e2"], scores) == {("m1", "e2"), ("m2", "e1")}


def test_it_keeps_the_most_pairs_when_scores_span_a_huge_range():
    scores = {("m1", "e1"): 1e15, ("m1", "e2"): 0.25, ("m2", "e1"): -1e15}
    assert welfare({"m1": 1, "m2": 1}, ["e1", "e2"], scores) == {("m1", "e2"), ("m2", "e1")}


def test_it_keeps_the_most_pairs_for_many_mentees_with_fine_scores():
    # 1,500 mentees, scores with six decimals: more precision than float64 allows at this size, so decimals are
    # dropped — but one more pair must still beat any total. Mentor m0 is the only one e0 accepts.
    rng = np.random.default_rng(7)
    mentees = [f"e{i}" for i in range(1500)]
    scores = {(f"m{i % 500 + 1}", e): round(float(rng.uniform(0, 100)), 6) for i, e in enumerate(mentees[1:])}
    scores[("m0", "e0")] = 0.000001
    scores[("m0", "e1")] = 100.0
    mentors = {"m0": 1} | {f"m{i}": 3 for i in range(1, 501)}
    pairs = welfare(mentors, mentees, scores)
    assert ("m0", "e0") in pairs
    assert len(pairs) == 1500


def test_it_turns_scores_into_exact_integers_within_the_float_budget():
    scores = np.array([0.1, 0.25, 99.99, -3.5])
    gains, span = integer_gains(scores, n_rows=4)
    assert gains.tolist() == [360, 375, 10349, 0]
    assert span == 10349
    fine = np.array([0.000001, 100.0])
    gains, span = integer_gains(fine, n_rows=10_000)
    assert (10_001) * (10_000 * span + 2) <= EXACT_BUDGET
    assert span == 10**7  # five decimals kept


def test_it_explains_every_pair_and_reports_the_figures():
    instance = Instance(
        mentors=[Mentor("m1", 1), Mentor("m2", 1)],
        mentees=[Mentee("e1"), Mentee("e2"), Mentee("e3")],
        scores={("m1", "e1"): 80, ("m2", "e2"): 60.5, ("m2", "e3"): 10},
        mentor_ranks={"m1": ["e2", "e1"], "m2": ["e2"]},
        mentee_ranks={"e1": ["m1"], "e2": ["m1", "m2"]},
        criteria={("m1", "e1"): {"subject": 1.0, "needs": None}},
    )
    proposal = solve(instance, "welfare")
    first, second = proposal.pairs
    assert (first.mentor, first.mentee, first.score, first.mentor_rank, first.mentee_rank) == ("m1", "e1", 80.0, 2, 1)
    assert first.criteria == {"subject": 1.0, "needs": None}
    assert (second.mentor, second.mentee, second.mentor_rank, second.mentee_rank) == ("m2", "e2", 1, 2)
    assert proposal.unmatched == ("e3",)
    assert proposal.unmatched_reasons == {"e3": CAPACITY_EXHAUSTED}
    metrics = proposal.metrics
    assert (metrics.matched, metrics.unmatched, metrics.places) == (2, 1, 2)
    assert metrics.matched_share == pytest.approx(2 / 3)
    assert metrics.mean_mentee_rank == 1.5
    assert metrics.mean_mentor_rank == 1.5
    assert metrics.mentee_first_choice_share == 0.5  # e1 got m1; e2 wanted m1 but got m2
    assert metrics.mentor_first_choice_share == 0.5  # m2 got e2; m1 wanted e2
    assert metrics.total_score == 140.5


def test_it_says_why_a_mentee_is_left_without_a_pair():
    instance = Instance(
        mentors=[Mentor("m1", 1), Mentor("m0", 0)],
        mentees=[Mentee("e1"), Mentee("e2"), Mentee("e3")],
        scores={("m1", "e1"): 5, ("m1", "e2"): 4, ("m0", "e3"): 9},
    )
    proposal = solve(instance, "welfare")
    assert proposal.unmatched_reasons == {"e2": CAPACITY_EXHAUSTED, "e3": NO_ACCEPTABLE_MENTOR}


def test_it_handles_an_instance_without_any_acceptable_pair():
    proposal = solve(Instance(mentors=[Mentor("m1", 2)], mentees=[Mentee("e1")]), "welfare")
    assert proposal.pairs == ()
    assert proposal.metrics.matched_share == 0.0
    assert proposal.metrics.mean_mentee_rank is None
