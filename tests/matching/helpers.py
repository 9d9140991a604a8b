"""Small random instances (hypothesis) and brute-force references for the matching tests."""

import itertools
import math
from collections import Counter
from collections.abc import Iterator

from hypothesis import strategies as st

from nastavnik.matching.engine import Instance, Mentee, Mentor, PairKey

# Scores with two decimals, negative ones included: the welfare objective must not care about the sign.
SCORES = st.integers(-500, 10_000).map(lambda cents: cents / 100)


@st.composite
def instances(draw: st.DrawFn, max_mentors: int = 3, max_mentees: int = 5) -> Instance:
    """Up to 3 mentors (capacity 0–2) and 5 mentees with random scores, rankings and forbidden pairs."""
    mentors = [Mentor(f"m{i}", draw(st.integers(0, 2))) for i in range(draw(st.integers(1, max_mentors)))]
    mentees = [Mentee(f"e{i}") for i in range(draw(st.integers(1, max_mentees)))]
    pairs = [(m.id, e.id) for m in mentors for e in mentees]
    scored = draw(st.lists(st.sampled_from(pairs), unique=True))
    return Instance(
        mentors=mentors,
        mentees=mentees,
        scores={pair: draw(SCORES) for pair in scored},
        mentor_ranks={m.id: draw(_ranking([e.id for e in mentees])) for m in mentors},
        mentee_ranks={e.id: draw(_ranking([m.id for m in mentors])) for e in mentees},
        forbidden=draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3)),
    )


def _ranking(ids: list[str]) -> st.SearchStrategy[list[str]]:
    """A random order of a random subset."""
    return st.permutations(ids).flatmap(lambda order: st.integers(0, len(order)).map(lambda k: list(order[:k])))


def assignments(instance: Instance, acceptable: set[PairKey]) -> Iterator[dict[str, str]]:
    """Every assignment mentee -> mentor that uses only acceptable pairs and respects capacities."""
    capacity = {m.id: m.capacity for m in instance.mentors}
    options = [[None, *(m.id for m in instance.mentors if (m.id, e.id) in acceptable)] for e in instance.mentees]
    for choice in itertools.product(*options):
        load = Counter(mentor for mentor in choice if mentor is not None)
        if all(load[mentor] <= capacity[mentor] for mentor in load):
            yield {e.id: mentor for e, mentor in zip(instance.mentees, choice, strict=True) if mentor is not None}


def welfare_acceptable(instance: Instance) -> set[PairKey]:
    return {pair for pair in instance.scores if pair not in instance.forbidden}


def stable_acceptable(instance: Instance) -> set[PairKey]:
    capacity = {m.id: m.capacity for m in instance.mentors}
    return {
        (mentor, mentee)
        for mentee, mentors in instance.mentee_ranks.items()
        for mentor in mentors
        if mentee in instance.mentor_ranks.get(mentor, ())
        and (mentor, mentee) not in instance.forbidden
        and capacity[mentor] > 0
    }


def best_welfare(instance: Instance) -> tuple[int, float]:
    """(most pairs, then the largest total score) over every feasible assignment."""
    best = (0, 0.0)
    for assignment in assignments(instance, welfare_acceptable(instance)):
        total = math.fsum(instance.scores[mentor, mentee] for mentee, mentor in assignment.items())
        best = max(best, (len(assignment), total))
    return best


def rank(ranking: list[str] | tuple[str, ...], other: str | None) -> float:
    """Place of `other` in a ranking; being unmatched (None) is worse than any place."""
    return math.inf if other is None else ranking.index(other)


def blocking_pairs(instance: Instance, assignment: dict[str, str]) -> list[PairKey]:
    """Acceptable pairs that would both rather be together than with what they got."""
    capacity = {m.id: m.capacity for m in instance.mentors}
    held: dict[str, list[str]] = {m.id: [] for m in instance.mentors}
    for mentee, mentor in assignment.items():
        held[mentor].append(mentee)
    blocking = []
    for mentor, mentee in stable_acceptable(instance):
        if assignment.get(mentee) == mentor:
            continue
        mentee_wants = rank(instance.mentee_ranks[mentee], mentor) < rank(
            instance.mentee_ranks[mentee], assignment.get(mentee)
        )
        ranking = instance.mentor_ranks[mentor]
        mentor_wants = len(held[mentor]) < capacity[mentor] or any(
            ranking.index(mentee) < ranking.index(other) for other in held[mentor]
        )
        if mentee_wants and mentor_wants:
            blocking.append((mentor, mentee))
    return blocking


def stable_assignments(instance: Instance) -> list[dict[str, str]]:
    return [a for a in assignments(instance, stable_acceptable(instance)) if not blocking_pairs(instance, a)]
