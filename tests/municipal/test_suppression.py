"""Small counts never shown, and never recoverable from what is shown (issue 13 §2)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from nastavnik.municipal.suppression import (
    COMPLEMENT_MARK,
    State,
    share,
    single,
    suppress_column,
    suppress_columns,
    validate_threshold,
)

# Counts that look like a municipality: many zeros and small numbers, some large.
counts = st.one_of(st.integers(0, 12), st.integers(0, 3), st.integers(10, 200))
tables = st.lists(st.lists(counts, min_size=1, max_size=8), min_size=1, max_size=4)


def attacker_bounds(cell, threshold):
    """What an outsider knows about one published cell."""
    if cell.state == State.PRIMARY:
        return (1, threshold - 1)
    if cell.state == State.COMPLEMENTARY:
        return (threshold, None)  # complements are never zero, so assume the outsider knows it
    return (cell.number, cell.number)


def feasible_range(columns, threshold, column_index, cell_index):
    """Minimise and maximise one hidden cell over every table consistent with what is published (an LP)."""
    variables, equalities = [], []
    for columns_i, column in enumerate(columns):
        start = len(variables)
        variables += [attacker_bounds(c, threshold) for c in column.cells]
        if not column.total.hidden:
            row = [0.0] * start + [1.0] * len(column.cells)
            equalities.append((row, column.total.number))
        if columns_i == column_index:
            target = start + cell_index
    n = len(variables)
    a_eq = np.array([r + [0.0] * (n - len(r)) for r, _ in equalities]) if equalities else None
    b_eq = np.array([v for _, v in equalities]) if equalities else None
    objective = np.zeros(n)
    objective[target] = 1
    low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=variables, method="highs")
    high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=variables, method="highs")
    assert low.status == 0  # the true table is always feasible
    if high.status == 3:  # unbounded above
        return low.fun, float("inf")
    return low.fun, -high.fun


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(5, 12))
def test_no_hidden_count_can_be_worked_out_from_what_is_shown(table, threshold):
    published = suppress_columns(table, threshold=threshold)
    for ci, column in enumerate(published):
        for ri, cell in enumerate(column.cells):
            if cell.hidden:
                lo, hi = feasible_range(published, threshold, ci, ri)
                assert hi - lo > 0.5, (table[ci], [c.text for c in column.cells], column.total.text, ri)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(5, 12))
def test_no_count_from_1_to_threshold_is_ever_shown(table, threshold):
    for values, column in zip(table, suppress_columns(table, threshold=threshold), strict=True):
        for value, cell in zip(values, column.cells, strict=True):
            if 1 <= value < threshold:
                assert cell.text == f"<{threshold}" and cell.number is None
            elif not cell.hidden:
                assert cell.number == value
        assert column.total.hidden or column.total.number == sum(values)
        if 1 <= sum(values) < threshold:
            assert column.total.hidden


def test_a_lone_small_count_gets_a_complement_and_a_zero_never_serves():
    column = suppress_column([120, 3, 0, 45], threshold=10)
    assert [c.text for c in column.cells] == ["120", "<10", "0", COMPLEMENT_MARK]
    assert column.total.text == "168"


def test_when_nothing_can_serve_as_a_complement_the_total_is_hidden():
    column = suppress_column([4, 0, 0], threshold=10)
    assert [c.text for c in column.cells] == ["<10", "0", "0"]
    assert column.total.text == "<10"
    column = suppress_column([1, 10], threshold=10)
    # 1 + 10 = 11: with «<10» in [1, 9] and «…» ≥ 10, the total would give both away, so it goes too.
    assert column.total.hidden


def test_shares_of_hidden_counts_are_hidden():
    assert share(single(4), single(200)) is None
    assert share(single(40), single(200)) == 0.2
    assert share(single(40), single(0)) is None


@pytest.mark.parametrize("bad", [4, 0, -1, "10", 9.5, True])
def test_a_threshold_below_five_or_not_a_number_fails_loudly(bad):
    with pytest.raises(ValueError):
        validate_threshold(bad)
