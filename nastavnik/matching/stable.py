"""The stable objective: mentee-proposing deferred acceptance with capacities (pure Python, no NumPy).

A pair is acceptable when each side lists the other, the pair is not forbidden and the mentor has capacity.
A matching is stable when no acceptable mentor and mentee would both rather be together than with what they
got (the mentor "would rather" when they have a free place or hold someone they rank lower).

Every free mentee proposes to the next mentor on their own list; the mentor tentatively holds the best
``capacity`` proposals so far and turns the rest away. Whatever order the free mentees propose in, the result
is the same stable matching, and it is the best stable matching for every mentee at once (Gale and Shapley
1962; Roth 1984 for capacities). Each list entry is proposed at most once, and a mentor keeps the mentees it
holds in a heap with the worst on top, so the run takes O(L log c) for L list entries and capacity c.
"""

import heapq
from itertools import count

from nastavnik.matching.instance import Instance, PairKey


def deferred_acceptance(instance: Instance) -> tuple[list[PairKey], set[str]]:
    """The mentee-optimal stable matching, and the mentees that had at least one acceptable mentor."""
    capacity = {mentor.id: mentor.capacity for mentor in instance.mentors}
    # place[mentor][mentee]: the 1-based place the mentor gave the mentee; absent means "not acceptable"
    # (so is everyone for a mentor without capacity).
    place: dict[str, dict[str, int]] = {mentor: {} for mentor in capacity}
    place.update((m, dict(zip(ranked, count(1)))) for m, ranked in instance.mentor_ranks.items() if capacity[m])
    forbidden = instance.forbidden
    held: dict[str, list[tuple[int, str]]] = {mentor: [] for mentor in capacity}  # (−place, mentee)
    next_choice = dict.fromkeys((mentee.id for mentee in instance.mentees), 0)
    had_acceptable: set[str] = set()
    free = [mentee.id for mentee in reversed(instance.mentees)]  # pop() takes them in input order
    while free:
        mentee = free.pop()
        ranked = instance.mentee_ranks.get(mentee, ())
        choice = next_choice[mentee]
        while choice < len(ranked):
            mentor = ranked[choice]
            choice += 1
            rank = place[mentor].get(mentee)
            if rank is None or (forbidden and (mentor, mentee) in forbidden):
                continue
            had_acceptable.add(mentee)
            turned_away = _hold(held[mentor], capacity[mentor], rank, mentee)
            if turned_away != mentee:  # held: stop proposing; whoever was bumped proposes again later
                if turned_away is not None:
                    free.append(turned_away)
                break
        next_choice[mentee] = choice
    pairs = [(mentor, mentee) for mentor, heap in held.items() for _, mentee in heap]
    return pairs, had_acceptable


def _hold(heap: list[tuple[int, str]], capacity: int, rank: int, mentee: str) -> str | None:
    """The mentor considers a proposal; returns who is turned away (maybe the proposer), None if nobody."""
    if len(heap) < capacity:
        heapq.heappush(heap, (-rank, mentee))
        return None
    if rank < -heap[0][0]:  # better than the worst held mentee, who is on top of the heap
        return heapq.heapreplace(heap, (-rank, mentee))[1]
    return mentee
