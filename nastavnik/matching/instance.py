"""The input of the matching engine and its validation (pure Python: no Django, no NumPy).

An :class:`Instance` says who takes part (mentors with their capacity, mentees), how well each pair fits
(``scores``, which decide the welfare objective), whom each side would like (``mentor_ranks`` and
``mentee_ranks``, which decide the stable objective) and which pairs are forbidden. Ids are strings,
unique within their side; a mentor and a mentee may share an id (they are different records).
"""

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from operator import itemgetter

PairKey = tuple[str, str]
"""(mentor_id, mentee_id)."""

Criteria = Mapping[str, float | None]
"""A pair's explanation by criterion (criterion name -> 0..1, None when it could not be judged)."""


class InstanceError(ValueError):
    """The instance contradicts itself; the message is in Russian and names the culprit."""


@dataclass(frozen=True, slots=True)
class Mentor:
    id: str
    capacity: int = 1  # how many mentees the mentor is ready to lead; 0 takes the mentor out of this round


@dataclass(frozen=True, slots=True)
class Mentee:
    id: str


@dataclass(frozen=True)
class Instance:
    """Everything both objectives need.

    * ``scores`` — compatibility of acceptable pairs (any finite numbers, higher is better). For the welfare
      objective a pair without a score is not acceptable.
    * ``mentor_ranks`` / ``mentee_ranks`` — each person's list of the other side, best first. For the stable
      objective a pair is acceptable only when each appears in the other's list.
    * ``forbidden`` — pairs that are never acceptable, whatever the scores and ranks say.
    * ``criteria`` — optional explanation of a pair's score by criterion (see :mod:`.scoring`); it is
      copied into the proposed pairs and never affects the result.
    """

    mentors: Sequence[Mentor]
    mentees: Sequence[Mentee]
    scores: Mapping[PairKey, float] = field(default_factory=dict)
    mentor_ranks: Mapping[str, Sequence[str]] = field(default_factory=dict)
    mentee_ranks: Mapping[str, Sequence[str]] = field(default_factory=dict)
    forbidden: Collection[PairKey] = frozenset()
    criteria: Mapping[PairKey, Criteria] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Callers may pass lists or generators; keep the instance immutable and the membership tests O(1).
        object.__setattr__(self, "mentors", tuple(self.mentors))
        object.__setattr__(self, "mentees", tuple(self.mentees))
        object.__setattr__(self, "forbidden", frozenset(self.forbidden))


def validate(instance: Instance) -> None:
    """Raise :class:`InstanceError` (Russian message) if the instance is inconsistent.

    Every check has a fast path for the valid case (set operations over whole sections, since inputs reach
    hundreds of thousands of scores) and only a failing section is scanned again to name the first culprit.
    """
    mentor_ids = _unique_ids((m.id for m in instance.mentors), "наставник")
    mentee_ids = _unique_ids((e.id for e in instance.mentees), "наставляемый")
    for mentor in instance.mentors:
        _check_capacity(mentor)
    _check_pairs(instance.scores.keys(), mentor_ids, mentee_ids, "в оценках")
    _check_pairs(instance.forbidden, mentor_ids, mentee_ids, "в запрещённых парах")
    _check_scores(instance.scores)
    _check_ranks(instance.mentor_ranks, mentor_ids, mentee_ids, ("наставник", "наставника", "наставляемый"))
    _check_ranks(instance.mentee_ranks, mentee_ids, mentor_ids, ("наставляемый", "наставляемого", "наставник"))


def _unique_ids(ids: Iterable[object], noun: str) -> set[str]:
    seen: set[str] = set()
    for ident in ids:
        if not isinstance(ident, str) or not ident:
            raise InstanceError(f"идентификатор ({noun}) должен быть непустой строкой, а не {ident!r}")
        if ident in seen:
            raise InstanceError(f"{noun} «{ident}» указан дважды")
        seen.add(ident)
    return seen


def _check_capacity(mentor: Mentor) -> None:
    # bool is an int subclass, but a capacity of «true» is certainly a data error.
    capacity = mentor.capacity
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
        raise InstanceError(
            f"вместимость наставника «{mentor.id}» должна быть целым неотрицательным числом, а не {capacity!r}"
        )


def _check_pairs(pairs: Collection[PairKey], mentor_ids: set[str], mentee_ids: set[str], where: str) -> None:
    if set(map(itemgetter(0), pairs)) <= mentor_ids and set(map(itemgetter(1), pairs)) <= mentee_ids:
        return
    for mentor, mentee in pairs:
        for ident in (mentor, mentee):
            if not isinstance(ident, str):
                raise InstanceError(f"{where} идентификатор должен быть строкой, а не {ident!r}")
        if mentor not in mentor_ids:
            raise InstanceError(f"{where} указан неизвестный наставник «{mentor}»")
        if mentee not in mentee_ids:
            raise InstanceError(f"{where} указан неизвестный наставляемый «{mentee}»")


def _check_scores(scores: Mapping[PairKey, float]) -> None:
    values = scores.values()
    # One pass over the types, one sum: a NaN or an infinity makes the sum non-finite (so may an overflow of
    # the sum itself, which the slow path then clears).
    with suppress(OverflowError):  # an integer too large for a float
        if set(map(type, values)) <= {int, float} and math.isfinite(sum(values)):
            return
    for (mentor, mentee), value in scores.items():
        if not is_finite_number(value):
            raise InstanceError(f"оценка пары «{mentor}» — «{mentee}» должна быть конечным числом, а не {value!r}")


def is_finite_number(value: object) -> bool:
    # bool is an int subclass but never a meaningful score; NaN, infinities and integers beyond the float range
    # break the optimisation.
    try:
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    except OverflowError:
        return False


def _check_ranks(
    ranks: Mapping[str, Sequence[str]], owners: set[str], others: set[str], nouns: tuple[str, str, str]
) -> None:
    """Owners must be known; each list names known people of the other side, each at most once."""
    owner_noun, owner_genitive, other_noun = nouns
    for owner, ranked in ranks.items():
        if owner not in owners:
            raise InstanceError(f"в рейтингах указан неизвестный {owner_noun} «{owner}»")
        listed = set(ranked)
        if len(listed) == len(ranked) and listed <= others:
            continue
        seen: set[str] = set()
        for other in ranked:
            if other not in others:
                raise InstanceError(f"в рейтинге {owner_genitive} «{owner}» указан неизвестный {other_noun} «{other}»")
            if other in seen:
                raise InstanceError(f"в рейтинге {owner_genitive} «{owner}» {other_noun} «{other}» указан дважды")
            seen.add(other)
