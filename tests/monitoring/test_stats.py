"""`nastavnik.monitoring.stats`: the Wilcoxon test, the rank-biserial effect and its interval, the verdicts —
against SciPy, against small cases worked out by hand, and as properties over many random samples."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import rankdata
from scipy.stats import wilcoxon as scipy_wilcoxon

from nastavnik.monitoring import stats
from nastavnik.monitoring.stats import (
    Observation,
    analyse,
    compare,
    rank_biserial,
    rank_biserial_interval,
    verdict_of,
    wilcoxon,
)


def pairs_from(differences, start=10.0):
    entry = {f"p{i}": start for i in range(len(differences))}
    exit_ = {f"p{i}": start + d for i, d in enumerate(differences)}
    return entry, exit_


def test_everyone_up_by_a_different_amount_is_significant_with_effect_one():
    # Ranks 1…6 all positive: R+ = 21, R− = 0, so W = 0 and the exact p = 2 / 2⁶.
    result = compare("m", *pairs_from([1, 2, 3, 4, 5, 6]))
    assert result.n == 6
    assert result.statistic == 0.0
    assert result.p_value == pytest.approx(2 / 64)
    assert result.effect_size == 1.0
    assert result.verdict == "up"
    se = math.sqrt(2 * 13 / (3 * 6 * 7))
    assert result.ci_low == pytest.approx(1 - 1.959963984540054 * se)
    assert result.ci_high == 1.0


def test_mixed_signs_worked_by_hand():
    # |d| ranks 1…6; positives 1, 3, 5, 6 → R+ = 15, R− = 6; r = 9/21; W = 6.
    # Subsets of {1…6} with sum ≤ 6: 14 of 64, so two-sided p = 28/64.
    result = compare("m", *pairs_from([1, -2, 3, -4, 5, 6]))
    assert result.statistic == 6.0
    assert result.p_value == pytest.approx(28 / 64)
    assert result.effect_size == pytest.approx(3 / 7)
    assert result.verdict == "no_change"
    z, se = math.atanh(3 / 7), math.sqrt(2 * 13 / (3 * 6 * 7))
    assert result.ci_low == pytest.approx(math.tanh(z - 1.959963984540054 * se))
    assert result.ci_high == pytest.approx(math.tanh(z + 1.959963984540054 * se))
    assert result.ci_low < result.effect_size < result.ci_high


def test_ties_get_average_ranks_and_zero_differences_are_dropped():
    # Non-zero: 1, 1, −2, 3, 3, 3 → ranks 1.5, 1.5, 3, 5, 5, 5; R+ = 18, R− = 3; r = 15/21.
    assert rank_biserial([1, 1, -2, 0, 3, 3, 3]) == pytest.approx(15 / 21)


def test_everyone_down_is_down():
    result = compare("m", *pairs_from([-1, -2, -3, -4, -5, -6, -7]))
    assert result.effect_size == -1.0
    assert result.verdict == "down"
    assert result.mean_change == -4.0
    assert result.median_change == -4.0


def test_no_difference_at_all_is_no_change_with_p_one_and_effect_zero():
    result = compare("m", *pairs_from([0, 0, 0, 0, 0, 0]))
    assert (result.p_value, result.effect_size, result.verdict) == (1.0, 0.0, "no_change")
    assert (result.ci_low, result.ci_high) == (0.0, 0.0)


def test_below_six_pairs_there_is_no_verdict_only_the_means():
    result = compare("m", *pairs_from([5, 6, 7, 8, 9]))
    assert result.n == 5
    assert result.verdict == "too_few"
    assert result.entry_mean == 10.0 and result.exit_mean == 17.0 and result.mean_change == 7.0
    assert result.p_value is None and result.effect_size is None and result.statistic is None


def test_only_participants_with_both_waves_count():
    entry = {"a": 1, "b": 2, "c": 3}
    exit_ = {"b": 4, "c": 4, "d": 9}
    result = compare("m", entry, exit_)
    assert result.n == 2
    assert result.entry_mean == 2.5 and result.exit_mean == 4.0


def test_analyse_sorts_measures_and_ignores_intermediate_waves():
    rows = [
        Observation("a", "я", "entry", 1),
        Observation("a", "я", "intermediate", 100),
        Observation("a", "я", "exit", 2),
        Observation("a", "Б", "entry", 1),
    ]
    result = analyse(rows)
    assert [item.measure for item in result] == sorted(["я", "Б"])
    assert result[1].mean_change == 1.0


def test_verdict_rules():
    assert verdict_of(5, 0.0001, 1.0) == "too_few"
    assert verdict_of(6, 0.049, 0.5) == "up"
    assert verdict_of(6, 0.049, -0.5) == "down"
    assert verdict_of(6, 0.05, 0.9) == "no_change"


def test_wilson_interval_and_mean_interval():
    low, high = stats.proportion_interval(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    assert stats.proportion_interval(0, 0) is None
    assert stats.mean_interval([1.0]) is None
    low, high = stats.mean_interval([1.0, 3.0])
    assert low < 2.0 < high


def test_effect_bands_in_order():
    assert [stats.effect_band(r) for r in (0.05, -0.2, 0.4, -0.9)] == ["negligible", "small", "medium", "large"]
    assert stats.effect_band(None) is None


# Measures are recorded to two decimals at most: arbitrary floats would let scaling underflow a 5e-324 to zero or
# merge two neighbouring floats into a tie, which no questionnaire or mark produces.
values = st.integers(min_value=-5, max_value=5).map(float) | st.floats(
    min_value=-50, max_value=50, allow_nan=False, allow_infinity=False
).map(lambda x: round(x, 2))
samples = st.lists(values, min_size=6, max_size=40)


def reference_rank_biserial(differences):
    nonzero = [d for d in differences if d != 0]
    if not nonzero:
        return 0.0
    ranks = rankdata([abs(d) for d in nonzero])
    plus = sum(r for r, d in zip(ranks, nonzero, strict=True) if d > 0)
    return (2 * plus - sum(ranks)) / sum(ranks)


@settings(max_examples=150, deadline=None)
@given(samples)
def test_statistic_and_p_value_are_exactly_scipys(differences):
    if all(d == 0 for d in differences):
        assert wilcoxon(differences) == (0.0, 1.0)
        return
    expected = scipy_wilcoxon(differences)
    statistic, p_value = wilcoxon(differences)
    assert statistic == float(expected.statistic)
    assert p_value == float(expected.pvalue)


@settings(max_examples=150, deadline=None)
@given(samples)
def test_rank_biserial_matches_a_scipy_rankdata_reference_and_its_interval_contains_it(differences):
    r = rank_biserial(differences)
    assert r == pytest.approx(reference_rank_biserial(differences), abs=1e-12)
    assert -1.0 <= r <= 1.0
    low, high = rank_biserial_interval(r, sum(1 for d in differences if d != 0))
    assert -1.0 <= low <= r + 1e-12 and r - 1e-12 <= high <= 1.0


@settings(max_examples=100, deadline=None)
@given(samples, st.floats(min_value=0.1, max_value=10))
def test_flipping_signs_flips_the_effect_and_scaling_changes_nothing(differences, factor):
    r = rank_biserial(differences)
    assert rank_biserial([-d for d in differences]) == pytest.approx(-r, abs=1e-12)
    assert rank_biserial([d * factor for d in differences]) == pytest.approx(r, abs=1e-9)
    assert rank_biserial(list(reversed(differences))) == pytest.approx(r, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(samples)
def test_verdict_agrees_with_p_value_and_sign(differences):
    result = compare("m", *pairs_from(differences))
    assert result.verdict in stats.VERDICTS
    if result.verdict in ("up", "down"):
        assert result.p_value < 0.05
        assert (result.effect_size > 0) == (result.verdict == "up")
    else:
        assert result.p_value >= 0.05 or result.effect_size == 0
