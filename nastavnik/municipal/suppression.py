"""Small-count suppression for statistics about people (pure: no Django).

Rules (issue 13 §2):
* a count from 1 to `threshold − 1` is never shown: it is published as «<10» (primary suppression);
* a second cell is hidden («…», the mark Rosstat uses for confidential figures) wherever a hidden one could be
  worked out from a published total (complementary suppression);
* a share computed from a hidden count is hidden too.

The one table shape published anywhere (pages, workbook, API) is a *column table*: rows (organisations, forms,
quarters, categories) × independent measures, with one total per measure and no row totals. Rows never overlap
(an organisation, a quarter, a form), no filter offers a subset of rows next to the whole, so the only linear
facts an outsider has about a column are «the cells add up to the total». For one such equation the feasible
interval of every hidden cell is computed exactly here (`interval`), and complements are added until each hidden
cell keeps an interval of positive width — or the total itself is hidden. What an outsider knows about a hidden
cell is modelled pessimistically: a «<10» cell lies in [1, threshold − 1]; a «…» cell is never zero (zeros are
never chosen as complements), so it lies in [threshold, ∞).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEFAULT_THRESHOLD = 10
MIN_THRESHOLD = 5
UNBOUNDED = float("inf")


class State(StrEnum):
    SHOWN = "shown"
    PRIMARY = "primary"  # a small count: «<10»
    COMPLEMENTARY = "complementary"  # hidden so that a small one cannot be worked out: «…»


COMPLEMENT_MARK = "…"


def validate_threshold(threshold: int) -> int:
    """Fail loudly: a threshold below 5 would publish counts small enough to point at a child."""
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise ValueError(f"SUPPRESSION_THRESHOLD must be a whole number, got {threshold!r}")
    if threshold < MIN_THRESHOLD:
        raise ValueError(f"SUPPRESSION_THRESHOLD must be at least {MIN_THRESHOLD}, got {threshold}")
    return threshold


@dataclass(frozen=True)
class Cell:
    """A published count: `number` is None when the count is hidden, and then `text` says how."""

    number: int | None
    state: State
    threshold: int

    @property
    def hidden(self) -> bool:
        return self.state != State.SHOWN

    @property
    def text(self) -> str:
        if self.state == State.PRIMARY:
            return f"<{self.threshold}"
        if self.state == State.COMPLEMENTARY:
            return COMPLEMENT_MARK
        return str(self.number)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Column:
    cells: list[Cell]
    total: Cell


def _is_small(value: int, threshold: int) -> bool:
    return 1 <= value < threshold


def _bounds(state: State, threshold: int) -> tuple[float, float]:
    if state == State.PRIMARY:
        return 1, threshold - 1
    return threshold, UNBOUNDED


def interval(values: list[int], states: list[State], index: int, threshold: int) -> tuple[float, float]:
    """The values cell `index` could take, knowing the shown cells, the total and the bounds of hidden ones."""
    return _intervals(values, states, threshold)[index]


def _intervals(values: list[int], states: list[State], threshold: int) -> dict[int, tuple[float, float]]:
    """Every hidden cell's feasible interval, in one pass (the column's sums are computed once)."""
    hidden = [i for i, s in enumerate(states) if s != State.SHOWN]
    bounds = {i: _bounds(states[i], threshold) for i in hidden}
    rest = sum(values[i] for i in hidden)  # what the shown cells leave of the total
    all_min = sum(lo for lo, _hi in bounds.values())
    finite_max = sum(hi for _lo, hi in bounds.values() if hi != UNBOUNDED)
    unbounded = sum(1 for _lo, hi in bounds.values() if hi == UNBOUNDED)
    result = {}
    for i, (lo, hi) in bounds.items():
        others_unbounded = unbounded - (hi == UNBOUNDED)
        others_max = UNBOUNDED if others_unbounded else finite_max - (0 if hi == UNBOUNDED else hi)
        result[i] = (max(lo, rest - others_max), min(hi, rest - (all_min - lo)))
    return result


def _exposed(values: list[int], states: list[State], threshold: int) -> bool:
    return any(hi - lo <= 0 for lo, hi in _intervals(values, states, threshold).values())


def suppress_column(values: list[int], *, threshold: int = DEFAULT_THRESHOLD) -> Column:
    """Suppress one column of counts that is published with its total."""
    validate_threshold(threshold)
    if any(v < 0 for v in values):
        raise ValueError("counts cannot be negative")
    states = [State.PRIMARY if _is_small(v, threshold) else State.SHOWN for v in values]
    total = sum(values)
    total_state = State.PRIMARY if _is_small(total, threshold) else State.SHOWN
    if total_state == State.SHOWN:
        while _exposed(values, states, threshold):
            # The smallest shown non-zero count costs the least information; zeros never serve (they would
            # tell nothing hidden: an outsider could rule them out).
            candidates = [i for i, s in enumerate(states) if s == State.SHOWN and values[i] > 0]
            if not candidates:
                total_state = State.COMPLEMENTARY
                break
            states[min(candidates, key=lambda i: (values[i], i))] = State.COMPLEMENTARY
    cells = [Cell(v if s == State.SHOWN else None, s, threshold) for v, s in zip(values, states, strict=True)]
    return Column(cells, Cell(total if total_state == State.SHOWN else None, total_state, threshold))


def suppress_columns(columns: list[list[int]], *, threshold: int = DEFAULT_THRESHOLD) -> list[Column]:
    return [suppress_column(values, threshold=threshold) for values in columns]


def single(value: int, *, threshold: int = DEFAULT_THRESHOLD) -> Cell:
    """A count published alone (no total it adds up to)."""
    validate_threshold(threshold)
    state = State.PRIMARY if _is_small(value, threshold) else State.SHOWN
    return Cell(value if state == State.SHOWN else None, state, threshold)


def share(part: Cell, whole: Cell) -> float | None:
    """part / whole as a fraction, or None when either count is hidden (or the whole is zero)."""
    if part.hidden or whole.hidden or not whole.number:
        return None
    return part.number / whole.number
