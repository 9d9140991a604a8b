"""The Mentor Match rotation: every mentor talks with every mentee exactly once (pure Python, no Django).

The smaller side stays seated, one person per table; the larger side moves on one table after every round and,
past the last table, waits for a round or more (a break) before starting again at table 1. With ``m`` mentors and
``e`` mentees that takes ``max(m, e)`` rounds at ``min(m, e)`` tables, and both are the least possible:

* a mentor meets one mentee per round and must meet ``e`` of them, a mentee must meet ``m`` mentors, so no
  timetable has fewer than ``max(m, e)`` rounds;
* a round holds at most ``min(m, e)`` talks (nobody talks twice at once), and ``m·e`` talks over ``max(m, e)``
  rounds need exactly ``min(m, e)`` of them in every round — every table is busy in every round.

Construction: with ``n = max(m, e)`` and ``k = min(m, e)``, in round ``r`` (0-based) seated person ``s`` (table
``s + 1``) meets mover ``(s − r) mod n``. Mover ``j`` therefore sits at table ``j + r + 1`` when that is ``≤ k`` and
has a break otherwise; over the ``n`` rounds it visits every table once. When both sides are equal the mentors
stay seated (they are fewer to move in practice: the mentees are often pupils and the room is theirs).
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

Side = Literal["mentor", "mentee"]


@dataclass(frozen=True, slots=True)
class Talk:
    """One meeting of the rotation: in round ``round`` at table ``table`` (both from 1)."""

    round: int
    table: int
    mentor: Hashable
    mentee: Hashable


@dataclass(frozen=True, slots=True)
class Break:
    """Somebody of the larger side who waits this round."""

    round: int
    side: Side
    person: Hashable


@dataclass(frozen=True)
class Rotation:
    rounds: int
    tables: int
    seated: Side  # the side that stays at its table all the time
    talks: tuple[Talk, ...]  # by round, then by table
    breaks: tuple[Break, ...]  # by round, then in the order the people were given

    def round_talks(self, number: int) -> list[Talk]:
        return [t for t in self.talks if t.round == number]

    def round_breaks(self, number: int) -> list[Break]:
        return [b for b in self.breaks if b.round == number]


def build(mentors: Sequence[Hashable], mentees: Sequence[Hashable]) -> Rotation:
    """The timetable for the given people (ids, in the order to seat them); ValueError for an empty side or a repeat."""
    for ids, noun in ((mentors, "наставник"), (mentees, "наставляемый")):
        if not ids:
            raise ValueError(f"для ротации нужен хотя бы один {noun}")
        if len(set(ids)) != len(ids):
            raise ValueError(f"{noun} указан в ротации дважды")
    seated: Side = "mentor" if len(mentors) <= len(mentees) else "mentee"
    sitting, moving = (mentors, mentees) if seated == "mentor" else (mentees, mentors)
    n, k = len(moving), len(sitting)
    mover_side: Side = "mentee" if seated == "mentor" else "mentor"
    talks: list[Talk] = []
    breaks: list[Break] = []
    for r in range(n):
        for s, person in enumerate(sitting):
            mover = moving[(s - r) % n]
            pair = (person, mover) if seated == "mentor" else (mover, person)
            talks.append(Talk(round=r + 1, table=s + 1, mentor=pair[0], mentee=pair[1]))
        for j, person in enumerate(moving):
            if (j + r) % n >= k:
                breaks.append(Break(round=r + 1, side=mover_side, person=person))
    return Rotation(rounds=n, tables=k, seated=seated, talks=tuple(talks), breaks=tuple(breaks))
