"""The welfare objective, solved exactly: as many mentees matched as possible, then the highest total score.

A pair is acceptable when it has a score, is not forbidden and its mentor has capacity.

Formulation: a capacitated assignment turned into a sparse min-cost full bipartite matching for SciPy's LAPJVsp
(``min_weight_full_bipartite_matching``). Each mentor becomes as many identical "slots" as places (never more
than their acceptable mentees, since extra slots could not be used); every acceptable pair links the mentee to
each slot of the mentor. The smaller side — slots or mentees — becomes the rows, and each row gets one private
"left out" column, so a matching that covers every row always exists. (Putting the smaller side in rows matters:
with 6,000 slots for 10,000 mentees it is six times faster than the other way round.)

Exactness (why the solver's optimum is the lexicographic optimum, with no tolerance involved):

1. Scores become integer gains ``q`` in ``0..R``: multiplied by ``10**d`` for the fewest decimals ``d ≤ 6``
   that make them whole, and shifted so the smallest is 0. Shifting and scaling keep the order of any two
   matchings with the same number of pairs, which is all step 3 compares.
2. A real pair costs ``R + 1 − q`` (in ``1..R+1``; LAPJVsp drops zero weights), a private column costs
   ``D = n·R + 2`` for ``n`` rows. A matching with ``k + 1`` real pairs costs at most ``(k+1)(R+1) + (n−k−1)·D``,
   one with ``k`` pairs at least ``k + (n−k)·D``; the first is smaller because ``D > k·R + R + 1`` for every
   ``k < n``. So the cheapest matching has the most pairs.
3. Among matchings with ``k`` pairs the cost is ``k(R+1) + (n−k)·D − Σq``: the cheapest has the largest total.
4. LAPJVsp only adds, subtracts and compares costs and dual values; all are integers bounded by a few times
   ``n·D``. While ``(n+1)·D ≤ 2**51`` float64 holds every one of them exactly, so no rounding ever happens.
   Should the scores need more precision than that budget allows (thousands of rows and scores with many
   decimals or a huge range), fewer decimals are kept: the result is then exact for the scores rounded to
   ``d`` decimals (``d`` may even go negative for enormous ranges). Scores from :mod:`.scoring` have two.
"""

from operator import itemgetter

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from nastavnik.matching.instance import Instance, PairKey

MAX_DECIMALS = 6
EXACT_BUDGET = 2**51  # float64 is exact for integers up to 2**53; keep a factor of 4 for the dual values


def assign(instance: Instance) -> tuple[list[PairKey], set[str]]:
    """The optimal pairs, and the mentees that had at least one acceptable mentor."""
    mentor_ids = [m.id for m in instance.mentors]
    mentee_ids = [e.id for e in instance.mentees]
    capacity = np.fromiter((m.capacity for m in instance.mentors), np.int64, len(mentor_ids))
    edge_mentor, edge_mentee, scores = _acceptable_edges(instance, mentor_ids, mentee_ids, capacity)
    if not len(scores):
        return [], set()
    slots = np.minimum(capacity, np.bincount(edge_mentor, minlength=len(mentor_ids)))
    slot_owner = np.repeat(np.arange(len(mentor_ids)), slots)
    pair_slot, pair_edge = _expand_to_slots(edge_mentor, slots)
    pair_mentee = edge_mentee[pair_edge]
    n_slots, n_mentees = len(slot_owner), len(mentee_ids)
    n_rows = min(n_slots, n_mentees)
    gains, span = integer_gains(scores, n_rows)
    pair_cost = (span + 1 - gains)[pair_edge]
    private_cost = n_rows * span + 2
    if n_slots <= n_mentees:  # the smaller side as rows (module docstring)
        slot, mentee = _full_matching(pair_slot, pair_mentee, pair_cost, (n_slots, n_mentees), private_cost)
    else:
        mentee, slot = _full_matching(pair_mentee, pair_slot, pair_cost, (n_mentees, n_slots), private_cost)
    pairs = zip(slot_owner[slot].tolist(), mentee.tolist(), strict=True)
    had_acceptable = np.flatnonzero(np.bincount(edge_mentee, minlength=n_mentees))
    return [(mentor_ids[m], mentee_ids[e]) for m, e in pairs], {mentee_ids[e] for e in had_acceptable.tolist()}


def _acceptable_edges(
    instance: Instance, mentor_ids: list[str], mentee_ids: list[str], capacity: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scored pairs as index arrays (mentor, mentee, score), without forbidden pairs and full mentors."""
    keys = instance.scores.keys()
    mentor_index = {ident: i for i, ident in enumerate(mentor_ids)}
    mentee_index = {ident: i for i, ident in enumerate(mentee_ids)}
    edge_mentor = np.fromiter(map(mentor_index.__getitem__, map(itemgetter(0), keys)), np.int64, len(keys))
    edge_mentee = np.fromiter(map(mentee_index.__getitem__, map(itemgetter(1), keys)), np.int64, len(keys))
    scores = np.fromiter(instance.scores.values(), np.float64, len(keys))
    keep = capacity[edge_mentor] > 0
    if instance.forbidden:
        keep &= np.fromiter((key not in instance.forbidden for key in keys), bool, len(keys))
    return edge_mentor[keep], edge_mentee[keep], scores[keep]


def integer_gains(scores: np.ndarray, n_rows: int) -> tuple[np.ndarray, int]:
    """Scores as integers ``0..span`` (see the module docstring, steps 1 and 4); returns (gains, span)."""
    decimals = _decimals_needed(scores)
    while True:
        scaled = np.rint(scores * 10.0**decimals)
        span = int(scaled.max() - scaled.min())
        if (n_rows + 1) * (n_rows * span + 2) <= EXACT_BUDGET:
            return scaled - scaled.min(), span
        decimals -= 1


def _decimals_needed(scores: np.ndarray) -> int:
    for decimals in range(MAX_DECIMALS + 1):
        scaled = scores * 10.0**decimals
        # A score written with d decimals is a binary fraction close to, not at, a multiple of 10**-d.
        if np.all(np.abs(scaled - np.rint(scaled)) < 1e-6):
            return decimals
    return MAX_DECIMALS


def _expand_to_slots(edge_mentor: np.ndarray, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair once per slot of its mentor: (slot, index of the pair) — a mentor's slots are consecutive."""
    repeat = slots[edge_mentor]
    pair_edge = np.repeat(np.arange(len(edge_mentor)), repeat)
    first_slot = np.cumsum(slots) - slots
    within = np.arange(len(pair_edge)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    return first_slot[edge_mentor][pair_edge] + within, pair_edge


def _full_matching(
    rows: np.ndarray, cols: np.ndarray, costs: np.ndarray, shape: tuple[int, int], private_cost: int
) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the real pairs in the cheapest matching that covers every row.

    Row r may also take its private column ``n_cols + r`` at ``private_cost`` (module docstring, step 2).
    """
    n_rows, n_cols = shape
    private = np.arange(n_rows)
    graph = csr_array(  # built from coordinates: SciPy converts them to CSR in linear time, no sort needed
        (
            np.concatenate((costs, np.full(n_rows, private_cost))).astype(np.float64),
            (np.concatenate((rows, private)), np.concatenate((cols, n_cols + private))),
        ),
        shape=(n_rows, n_cols + n_rows),
    )
    row, col = min_weight_full_bipartite_matching(graph)
    real = col < n_cols
    return row[real], col[real]
