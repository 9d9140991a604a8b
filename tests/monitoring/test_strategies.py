"""«Which matching worked», the pure part: groups, intervals, «мало данных», the weights proposal."""

import math

import pytest

from nastavnik.matching.scoring import DEFAULT_WEIGHTS, check_weights
from nastavnik.monitoring import strategies
from nastavnik.monitoring.strategies import PairOutcome, ScoredPair


def test_premature_rate_is_among_closed_pairs_with_a_wilson_interval():
    outcomes = [PairOutcome("welfare", closed=True, premature=i < 3) for i in range(12)]
    outcomes += [PairOutcome("welfare")]  # still working: no outcome yet
    (welfare, stable, curator, direct) = strategies.by_origin(outcomes)

    assert (welfare.pairs, welfare.closed, welfare.premature) == (13, 12, 3)
    assert welfare.premature_rate.value == pytest.approx(0.25)
    # Wilson 95 % for 3/12, by hand: centre (p + z²/2n)/(1 + z²/n), half z·sqrt(p(1−p)/n + z²/4n²)/(1 + z²/n)
    z, n, p = 1.959963984540054, 12, 0.25
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert welfare.premature_rate.low == pytest.approx(centre - half)
    assert welfare.premature_rate.high == pytest.approx(centre + half)
    assert not welfare.premature_rate.few
    # every way of forming pairs is listed, even without pairs
    assert [g.key for g in (stable, curator, direct)] == ["stable", "curator", "direct"]
    assert stable.pairs == 0 and stable.premature_rate.value is None


def test_few_pairs_are_marked_below_the_threshold():
    outcomes = [PairOutcome("direct", closed=True, rating=8.0) for _ in range(strategies.MIN_GROUP - 1)]
    direct = strategies.by_origin(outcomes)[3]
    assert direct.premature_rate.few and direct.rating.few
    assert direct.rating.value == 8.0 and direct.rating.n == strategies.MIN_GROUP - 1


def test_rating_and_change_means_with_normal_intervals():
    ratings = [6.0, 7.0, 8.0, 9.0] * 3
    outcomes = [PairOutcome("stable", rating=r, change=r / 10) for r in ratings]
    stable = strategies.by_origin(outcomes)[1]
    assert stable.rating.value == pytest.approx(7.5)
    sd = math.sqrt(sum((r - 7.5) ** 2 for r in ratings) / 11)
    assert stable.rating.low == pytest.approx(7.5 - 1.959963984540054 * sd / math.sqrt(12))
    assert stable.change.value == pytest.approx(0.75)


def test_role_models_and_score_bands():
    outcomes = [
        PairOutcome("welfare", role_model="лидер – пассивный", score=90),
        PairOutcome("welfare", role_model="", score=72.5),
        PairOutcome("direct", role_model="лидер – пассивный", score=None),
        PairOutcome("stable", role_model="равный – равному", score=49.99),
    ]
    assert [(g.key, g.pairs) for g in strategies.by_role_model(outcomes)] == [
        ("", 1),
        ("лидер – пассивный", 2),
        ("равный – равному", 1),
    ]
    bands = {g.key: g.pairs for g in strategies.by_score_band(outcomes)}
    assert bands == {"85-100": 1, "70-84": 1, "50-69": 0, "0-49": 1, "none": 1}


def test_exit_change_flips_measures_where_lower_is_better():
    entry = {"motivation": 3.0, "burnout": 4.0}
    exit_ = {"motivation": 4.0, "burnout": 3.0, "climate": 5.0}
    assert strategies.exit_change(entry, exit_, {"motivation": True, "burnout": False}) == pytest.approx(1.0)
    assert strategies.exit_change({}, exit_, {}) is None


def _history(n_done: int, n_stopped: int) -> list[ScoredPair]:
    """Pairs that completed shared the subject; those that closed early did not — interests made no difference."""
    done = [
        ScoredPair(str(i % 3), {"needs": 0.5, "subject": 1.0, "interests": (i % 2) * 1.0}, True) for i in range(n_done)
    ]
    stopped = [
        ScoredPair(str(i % 3), {"needs": 0.5, "subject": 0.0, "interests": (i % 2) * 1.0}, False)
        for i in range(n_stopped)
    ]
    return done + stopped


def test_weights_are_not_proposed_from_too_few_closed_pairs():
    proposal = strategies.propose_weights(_history(10, 4), check_weights({}))
    assert not proposal.enough and proposal.proposed is None
    assert (proposal.pairs, proposal.completed, proposal.premature) == (14, 10, 4)


def test_weights_proposal_strengthens_what_went_with_completion_and_says_what_changes():
    current = check_weights({})
    proposal = strategies.propose_weights(_history(15, 10), current)

    assert proposal.enough
    assert proposal.correlations["subject"] == pytest.approx(1.0)
    assert proposal.correlations["needs"] is None  # never varied: its weight stays
    assert proposal.proposed["subject"] == 2 * DEFAULT_WEIGHTS["subject"]
    assert proposal.proposed["needs"] == DEFAULT_WEIGHTS["needs"]
    assert abs(proposal.correlations["interests"]) < 0.1
    assert proposal.gap_proposed > proposal.gap_current > 0
    assert proposal.rank_changes == strategies.rank_changes(_history(15, 10), current, proposal.proposed)


def test_rank_changes_counts_pairs_that_move_within_their_session():
    pairs = [
        ScoredPair("a", {"needs": 1.0, "subject": 0.0}, True),
        ScoredPair("a", {"needs": 0.0, "subject": 1.0}, True),
        ScoredPair("b", {"needs": 1.0, "subject": 1.0}, True),
    ]
    old = check_weights({"needs": 3, "subject": 1})
    assert strategies.rank_changes(pairs, old, old) == 0
    assert strategies.rank_changes(pairs, old, check_weights({"needs": 1, "subject": 3})) == 2
