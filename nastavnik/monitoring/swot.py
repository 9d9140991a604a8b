"""The SWOT proposal (seed 000, stage 1 of monitoring), computed from figures only: no Django, no database.

Strengths and weaknesses come from the programme-quality questionnaires: a rated statement (1–5, higher is better)
whose mean is at least STRONG with enough answers is a strength, one at most WEAK a weakness, each with the mean and
the number of answers behind it. Opportunities and threats are external to the pairs' work, so they are only
suggested, from the programme's figures (mentors' load, pairs needing a check, premature closures…); the curator
edits all four quadrants before approving.

The result is a list of `Point`s: a quadrant, a code saying what kind of point it is and the figures. The words are
written by the caller (so they can be translated); `basis` turns the figures into the short note shown beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STRENGTHS = "strengths"
WEAKNESSES = "weaknesses"
OPPORTUNITIES = "opportunities"
THREATS = "threats"
QUADRANTS = (STRENGTHS, WEAKNESSES, OPPORTUNITIES, THREATS)

STRONG = 4.0  # mean at or above: a strength
WEAK = 3.0  # mean at or below: a weakness
MIN_ANSWERS = 3  # fewer answers to an item say nothing about the programme
PREMATURE_SHARE = 0.15  # premature closures above this share of closed pairs: a threat
CHECK_SHARE = 0.25  # pairs needing a check above this share of working pairs: a threat
LOW_RESPONSE = 0.5  # fewer than half of the invited answered: a threat to the SWOT itself


@dataclass(frozen=True)
class ItemStat:
    """The answers to one rated statement: its code, mean and number of answers."""

    code: str
    mean: float
    n: int
    min_answers: int = MIN_ANSWERS  # a programme has one or two curators: their items count from one answer


@dataclass(frozen=True)
class Facts:
    """The programme's figures the opportunities and threats are suggested from."""

    mentors: int = 0  # mentors with working pairs
    mentors_full: int = 0  # of them, at or over the capacity they declared
    free_places: int = 0  # places left with approved mentors of the organisation (capacity − working pairs)
    pairs_active: int = 0
    pairs_check: int = 0  # working pairs whose health is «нужна проверка»
    closed_planned: int = 0
    closed_premature: int = 0
    mentee_to_mentor: int = 0  # former mentees now mentoring
    waiting_mentees: int = 0  # requests for a mentor not yet in a pair
    invited: int = 0  # quality questionnaires sent
    answered: int = 0  # of them filled


@dataclass(frozen=True)
class Point:
    quadrant: str
    code: str  # an item code for strengths/weaknesses, a fact code for opportunities/threats
    figures: dict[str, float | int] = field(default_factory=dict)


def _items(stats: list[ItemStat]) -> list[Point]:
    usable = [s for s in stats if s.n >= s.min_answers]
    strong = sorted((s for s in usable if s.mean >= STRONG), key=lambda s: (-s.mean, s.code))
    weak = sorted((s for s in usable if s.mean <= WEAK), key=lambda s: (s.mean, s.code))
    return [Point(STRENGTHS, s.code, {"mean": round(s.mean, 2), "n": s.n}) for s in strong] + [
        Point(WEAKNESSES, s.code, {"mean": round(s.mean, 2), "n": s.n}) for s in weak
    ]


def _opportunities(f: Facts) -> list[Point]:
    points = []
    if f.free_places > 0:
        points.append(Point(OPPORTUNITIES, "free_places", {"count": f.free_places, "waiting": f.waiting_mentees}))
    if f.mentee_to_mentor > 0:
        points.append(Point(OPPORTUNITIES, "mentee_to_mentor", {"count": f.mentee_to_mentor}))
    if f.closed_planned > 0:
        points.append(Point(OPPORTUNITIES, "closed_planned", {"count": f.closed_planned}))
    return points


def _threats(f: Facts) -> list[Point]:
    points = []
    if f.mentors_full > 0:
        points.append(Point(THREATS, "mentors_full", {"count": f.mentors_full, "of": f.mentors}))
    if f.waiting_mentees > f.free_places:
        points.append(Point(THREATS, "waiting_mentees", {"count": f.waiting_mentees, "places": f.free_places}))
    if f.pairs_active and f.pairs_check / f.pairs_active > CHECK_SHARE:
        points.append(Point(THREATS, "pairs_check", {"count": f.pairs_check, "of": f.pairs_active}))
    closed = f.closed_planned + f.closed_premature
    if closed and f.closed_premature / closed > PREMATURE_SHARE:
        share = round(100 * f.closed_premature / closed)
        points.append(Point(THREATS, "premature", {"count": f.closed_premature, "of": closed, "percent": share}))
    if f.invited and f.answered / f.invited < LOW_RESPONSE:
        points.append(Point(THREATS, "low_response", {"count": f.answered, "of": f.invited}))
    return points


def propose(stats: list[ItemStat], facts: Facts) -> list[Point]:
    """The proposed SWOT: strengths and weaknesses from the rated items, opportunities and threats from the facts."""
    return _items(stats) + _opportunities(facts) + _threats(facts)


def by_quadrant(points: list[Point]) -> dict[str, list[Point]]:
    grouped: dict[str, list[Point]] = {quadrant: [] for quadrant in QUADRANTS}
    for point in points:
        grouped[point.quadrant].append(point)
    return grouped


def number(value: float) -> str:
    """A mean the Russian way: two decimals, decimal comma."""
    return f"{value:.2f}".replace(".", ",")
