"""Which way of forming pairs held up better (seed 000: «анализ и корректировка сформированных стратегий
образования пар») — a pure module (no Django).

Each pair is summarised as a :class:`PairOutcome`; :func:`compare` groups them by a key (how the pair was made, its
role model, its match-score band) and gives per group:

* the premature-closure rate among the closed pairs (completed or terminated; a pair still working has no outcome
  yet) with its Wilson 95 % interval;
* the mean final rating «насколько приблизились к цели» (1–10, both sides' answers at the final meeting averaged
  per pair) with a normal 95 % interval;
* the mean change from entry to exit of the mentees' measures (points on the 1–5 scales, signed so that a positive
  change is an improvement), with a normal 95 % interval.

A figure resting on fewer than :data:`MIN_GROUP` pairs is marked «мало данных»: with under ten closed pairs a
Wilson interval is wider than ±25 points, too wide to tell strategies apart.

:func:`propose_weights` suggests new Mentor Match weights from the closed pairs' criteria and shows what would
change before anyone applies them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from nastavnik.matching.scoring import CRITERIA, UNKNOWN, score
from nastavnik.monitoring.stats import mean_interval, proportion_interval

MIN_GROUP = 10
# Weights are only proposed from this many closed pairs, with at least MIN_EACH completed and MIN_EACH premature.
MIN_PAIRS_FOR_WEIGHTS = 20
MIN_EACH = 5

ORIGINS = ("welfare", "stable", "curator", "direct")
# Score bands (lower bound, code); a pair without a score (assigned outside Mentor Match) has none.
SCORE_BANDS = ((85.0, "85-100"), (70.0, "70-84"), (50.0, "50-69"), (0.0, "0-49"))
NO_SCORE = "none"


@dataclass(frozen=True)
class PairOutcome:
    origin: str
    role_model: str = ""
    score: float | None = None
    closed: bool = False
    premature: bool = False
    rating: float | None = None
    change: float | None = None


@dataclass(frozen=True)
class Estimate:
    """A figure with its 95 % interval and the number of pairs it rests on."""

    n: int
    value: float | None
    low: float | None
    high: float | None

    @property
    def few(self) -> bool:
        return self.n < MIN_GROUP


@dataclass(frozen=True)
class GroupOutcome:
    key: str
    pairs: int
    closed: int
    premature: int
    premature_rate: Estimate
    rating: Estimate
    change: Estimate


def score_band(value: float | None) -> str:
    if value is None:
        return NO_SCORE
    for low, code in SCORE_BANDS:
        if value >= low:
            return code
    return SCORE_BANDS[-1][1]


def rate(successes: int, total: int) -> Estimate:
    interval = proportion_interval(successes, total)
    if interval is None:
        return Estimate(0, None, None, None)
    return Estimate(total, successes / total, interval[0], interval[1])


def mean(values: Sequence[float]) -> Estimate:
    if not values:
        return Estimate(0, None, None, None)
    interval = mean_interval(values)
    low, high = interval if interval is not None else (None, None)
    return Estimate(len(values), statistics.fmean(values), low, high)


def summarise(key: str, outcomes: Sequence[PairOutcome]) -> GroupOutcome:
    closed = [o for o in outcomes if o.closed]
    premature = sum(1 for o in closed if o.premature)
    return GroupOutcome(
        key=key,
        pairs=len(outcomes),
        closed=len(closed),
        premature=premature,
        premature_rate=rate(premature, len(closed)),
        rating=mean([o.rating for o in outcomes if o.rating is not None]),
        change=mean([o.change for o in outcomes if o.change is not None]),
    )


def compare(
    outcomes: Iterable[PairOutcome], key: Callable[[PairOutcome], str], order: Sequence[str] = ()
) -> list[GroupOutcome]:
    """One summary per key value: first the keys of `order` (even when empty, so the table always shows every way
    of forming pairs), then the others alphabetically."""
    groups: dict[str, list[PairOutcome]] = {k: [] for k in order}
    for outcome in outcomes:
        groups.setdefault(key(outcome), []).append(outcome)
    rest = sorted(k for k in groups if k not in order)
    return [summarise(k, groups[k]) for k in (*order, *rest)]


def by_origin(outcomes: Sequence[PairOutcome]) -> list[GroupOutcome]:
    return compare(outcomes, lambda o: o.origin, ORIGINS)


def by_role_model(outcomes: Sequence[PairOutcome]) -> list[GroupOutcome]:
    return compare(outcomes, lambda o: o.role_model)


def by_score_band(outcomes: Sequence[PairOutcome]) -> list[GroupOutcome]:
    groups = compare(outcomes, lambda o: score_band(o.score), [code for _, code in SCORE_BANDS])
    return [g for g in groups if g.pairs or g.key != NO_SCORE]


def exit_change(
    entry: Mapping[str, float], exit_: Mapping[str, float], higher_is_better: Mapping[str, bool]
) -> float | None:
    """One person's mean improvement over the measures they have at both waves (sign flipped for measures where
    lower is better); None without such a measure."""
    changes = [(exit_[m] - entry[m]) * (1 if higher_is_better.get(m, True) else -1) for m in entry if m in exit_]
    return statistics.fmean(changes) if changes else None


# --- adjusting the Mentor Match weights -----------------------------------------------------------------------


@dataclass(frozen=True)
class ScoredPair:
    """A closed pair formed at a Mentor Match session, with the criteria it had then."""

    session: str
    criteria: Mapping[str, float | None]
    completed: bool  # False: closed prematurely


@dataclass
class WeightProposal:
    current: dict[str, float]
    proposed: dict[str, float] | None = None
    # criterion -> correlation of its value with completing the programme (None: the criterion never varied)
    correlations: dict[str, float | None] = field(default_factory=dict)
    pairs: int = 0
    completed: int = 0
    premature: int = 0
    rank_changes: int = 0  # past pairs whose place in their session's list by score would change
    gap_current: float | None = None  # mean score of completed minus premature pairs, current weights
    gap_proposed: float | None = None
    enough: bool = False


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    if len(xs) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def _gap(pairs: Sequence[ScoredPair], weights: Mapping[str, float]) -> float | None:
    done = [score(p.criteria, weights) for p in pairs if p.completed and p.criteria]
    stopped = [score(p.criteria, weights) for p in pairs if not p.completed and p.criteria]
    if not done or not stopped:
        return None
    return statistics.fmean(done) - statistics.fmean(stopped)


def _ranking(pairs: Sequence[ScoredPair], weights: Mapping[str, float]) -> dict[int, int]:
    """Each pair's place (0 = highest score) among the pairs of its session."""
    places: dict[int, int] = {}
    sessions: dict[str, list[int]] = {}
    for index, pair in enumerate(pairs):
        sessions.setdefault(pair.session, []).append(index)
    for indices in sessions.values():
        ordered = sorted(indices, key=lambda i: (-score(pairs[i].criteria, weights), i))
        places.update({i: place for place, i in enumerate(ordered)})
    return places


def rank_changes(pairs: Sequence[ScoredPair], old: Mapping[str, float], new: Mapping[str, float]) -> int:
    before, after = _ranking(pairs, old), _ranking(pairs, new)
    return sum(1 for i in before if before[i] != after[i])


def propose_weights(pairs: Sequence[ScoredPair], current: Mapping[str, float]) -> WeightProposal:
    """Strengthen the criteria that went with completing the programme and weaken those that went with closing
    early: each weight is multiplied by (1 + r), r the correlation of the criterion (unknown = 0.5, as in the score)
    with completion, rounded to 0.5. Proposed only from MIN_PAIRS_FOR_WEIGHTS closed pairs with at least MIN_EACH
    of each outcome; otherwise ``enough`` is False and nothing is proposed."""
    pairs = [p for p in pairs if p.criteria]
    result = WeightProposal(current=dict(current), pairs=len(pairs))
    result.completed = sum(1 for p in pairs if p.completed)
    result.premature = len(pairs) - result.completed
    result.gap_current = _gap(pairs, current)
    if len(pairs) < MIN_PAIRS_FOR_WEIGHTS or min(result.completed, result.premature) < MIN_EACH:
        return result
    outcome = [1.0 if p.completed else 0.0 for p in pairs]
    proposed: dict[str, float] = {}
    for name in CRITERIA:
        present = [(p.criteria[name], y) for p, y in zip(pairs, outcome, strict=True) if name in p.criteria]
        xs = [UNKNOWN if value is None else float(value) for value, _ in present]
        r = _correlation(xs, [y for _, y in present])
        result.correlations[name] = r
        weight = current.get(name, 0.0)
        proposed[name] = weight if r is None else max(0.0, round(2 * weight * (1 + r)) / 2)
    if not any(proposed.values()):
        return result
    result.enough = True
    result.proposed = proposed
    result.rank_changes = rank_changes(pairs, current, proposed)
    result.gap_proposed = _gap(pairs, proposed)
    return result


def preview(pairs: Sequence[ScoredPair], current: Mapping[str, float], new: Mapping[str, float]) -> WeightProposal:
    """What the given new weights would change over the closed pairs (the curator's own figures, or the proposal)."""
    pairs = [p for p in pairs if p.criteria]
    result = WeightProposal(current=dict(current), proposed=dict(new), pairs=len(pairs))
    result.completed = sum(1 for p in pairs if p.completed)
    result.premature = len(pairs) - result.completed
    result.enough = len(pairs) >= MIN_PAIRS_FOR_WEIGHTS and min(result.completed, result.premature) >= MIN_EACH
    result.rank_changes = rank_changes(pairs, current, new)
    result.gap_current = _gap(pairs, current)
    result.gap_proposed = _gap(pairs, new)
    return result
