"""Pure matching engine: which mentee goes to which mentor.

Two exact objectives over the same :class:`Instance`:

* :func:`solve_welfare` — the lexicographic optimum: as many matched mentees as possible, and among
  all such matchings the largest total compatibility score (a min-cost assignment solved by SciPy);
* :func:`solve_stable` — the mentee-optimal stable matching (deferred acceptance, mentees propose).

Pairs locked by the curator are applied first in both: they use up the mentor's capacity and their
mentees are not matched again.

This module must stay free of Django (it runs from the ``nastavnik match`` command without settings);
SciPy and NumPy are imported lazily because the stable objective does not need them.
"""

import heapq
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_array

PairKey = tuple[str, str]
"""(mentor_id, mentee_id)."""

Objective = Literal["welfare", "stable"]

NO_ACCEPTABLE_MENTOR = "no_acceptable_mentor"
CAPACITY_EXHAUSTED = "capacity_exhausted"
UNMATCHED_REASON_LABELS: dict[str, str] = {
    NO_ACCEPTABLE_MENTOR: "Нет ни одного подходящего наставника",
    CAPACITY_EXHAUSTED: "Подходящие наставники заняты другими наставляемыми",
}


class InstanceError(ValueError):
    """The instance contradicts itself; the message is in Russian and names the culprit."""


@dataclass(frozen=True, slots=True)
class Mentor:
    id: str
    capacity: int = 1


@dataclass(frozen=True, slots=True)
class Mentee:
    id: str


@dataclass(frozen=True)
class Instance:
    """Everything both objectives need; ids are strings unique within their side.

    ``scores`` holds the pairs acceptable for the welfare objective; rankings list ids best first and
    define acceptability for the stable objective (a pair must appear in both lists).
    """

    mentors: Sequence[Mentor]
    mentees: Sequence[Mentee]
    scores: Mapping[PairKey, float] = field(default_factory=dict)
    mentor_ranks: Mapping[str, Sequence[str]] = field(default_factory=dict)
    mentee_ranks: Mapping[str, Sequence[str]] = field(default_factory=dict)
    forbidden: frozenset[PairKey] = frozenset()
    locked: tuple[PairKey, ...] = ()

    def __post_init__(self) -> None:
        # Accept any iterables from callers but keep the instance immutable and cheap to reuse.
        object.__setattr__(self, "mentors", tuple(self.mentors))
        object.__setattr__(self, "mentees", tuple(self.mentees))
        object.__setattr__(self, "forbidden", frozenset(self.forbidden))
        object.__setattr__(self, "locked", tuple((m, e) for m, e in self.locked))


@dataclass(frozen=True, slots=True)
class Pair:
    """One proposed pair; ranks are 1-based places in the lists, None when the pair was not ranked."""

    mentor: str
    mentee: str
    score: float | None
    mentor_rank: int | None  # the place the mentor gave this mentee
    mentee_rank: int | None  # the place the mentee gave this mentor
    locked: bool = False


@dataclass(frozen=True, slots=True)
class Metrics:
    mentors: int
    mentees: int
    capacity: int
    matched: int
    unmatched: int
    locked: int
    matched_share: float
    mean_mentee_rank: float | None  # mean place of the assigned mentor in the mentee's list
    mean_mentor_rank: float | None  # mean place of the assigned mentee in the mentor's list
    first_choice_share: float  # share of all mentees who got the mentor they ranked first
    total_score: float

    def as_dict(self) -> dict[str, int | float | None]:
        return asdict(self)


@dataclass(frozen=True)
class Proposal:
    objective: Objective
    pairs: tuple[Pair, ...]
    unmatched: Mapping[str, str]  # mentee_id -> NO_ACCEPTABLE_MENTOR | CAPACITY_EXHAUSTED
    metrics: Metrics


@dataclass(frozen=True)
class _Prepared:
    """The validated instance in the shape both solvers work on."""

    instance: Instance
    mentor_pos: dict[str, dict[str, int]]  # mentor -> mentee -> 1-based place
    mentee_pos: dict[str, dict[str, int]]  # mentee -> mentor -> 1-based place
    remaining: dict[str, int]  # capacity left after the locked pairs
    locked_mentees: frozenset[str]


# --- validation -----------------------------------------------------------------------------------


def validate(instance: Instance) -> None:
    """Raise :class:`InstanceError` if the instance is inconsistent."""
    _prepare(instance)


def _prepare(instance: Instance) -> _Prepared:
    mentor_ids = _unique_ids((m.id for m in instance.mentors), "наставник")
    mentee_ids = _unique_ids((e.id for e in instance.mentees), "наставляемый")
    for mentor in instance.mentors:
        _check_capacity(mentor)
    _check_scores(instance.scores, mentor_ids, mentee_ids)
    _check_known(instance.forbidden, mentor_ids, mentee_ids, "в запрещённых парах")
    mentor_pos = _positions(instance.mentor_ranks, mentor_ids, mentee_ids, "mentor")
    mentee_pos = _positions(instance.mentee_ranks, mentee_ids, mentor_ids, "mentee")
    remaining, locked_mentees = _apply_locks(instance, mentor_ids, mentee_ids)
    return _Prepared(instance, mentor_pos, mentee_pos, remaining, locked_mentees)


def _unique_ids(ids: Iterable[str], noun: str) -> set[str]:
    seen: set[str] = set()
    for ident in ids:
        if not isinstance(ident, str):
            raise InstanceError(f"идентификатор ({noun}) должен быть строкой, а не {ident!r}")
        if ident in seen:
            raise InstanceError(f"{noun} «{ident}» указан дважды")
        seen.add(ident)
    return seen


def _check_capacity(mentor: Mentor) -> None:
    # bool is an int subclass, but «true» places is certainly a data error.
    capacity = mentor.capacity
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
        raise InstanceError(
            f"вместимость наставника «{mentor.id}» должна быть целым неотрицательным числом, а не {capacity!r}"
        )


def _check_known(pairs: Collection[PairKey], mentor_ids: set[str], mentee_ids: set[str], where: str) -> None:
    # Set differences first: the valid case then costs two fast passes instead of a check per pair.
    unknown_mentors = {m for m, _ in pairs} - mentor_ids
    if unknown_mentors:
        mentor = next(m for m, _ in pairs if m in unknown_mentors)
        raise InstanceError(f"{where} указан неизвестный наставник «{mentor}»")
    unknown_mentees = {e for _, e in pairs} - mentee_ids
    if unknown_mentees:
        mentee = next(e for _, e in pairs if e in unknown_mentees)
        raise InstanceError(f"{where} указан неизвестный наставляемый «{mentee}»")


def _check_scores(scores: Mapping[PairKey, float], mentor_ids: set[str], mentee_ids: set[str]) -> None:
    _check_known(scores.keys(), mentor_ids, mentee_ids, "в оценках")
    for (mentor, mentee), value in scores.items():
        if not _is_number(value):
            raise InstanceError(f"оценка пары «{mentor}» — «{mentee}» должна быть числом, а не {value!r}")


def _is_number(value: object) -> bool:
    # bool is an int subclass but never a meaningful score; NaN and infinities break the optimisation.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# (owner in the nominative, owner in the genitive, the ranked side in the nominative)
_RANK_NOUNS = {
    "mentor": ("наставник", "наставника", "наставляемый"),
    "mentee": ("наставляемый", "наставляемого", "наставник"),
}


def _positions(
    ranks: Mapping[str, Sequence[str]], owners: set[str], others: set[str], side: Literal["mentor", "mentee"]
) -> dict[str, dict[str, int]]:
    """Turn ranked lists into place lookups so every "how much does X like Y" is O(1)."""
    owner_noun, owner_genitive, other_noun = _RANK_NOUNS[side]
    positions: dict[str, dict[str, int]] = {}
    for owner, ranked in ranks.items():
        if owner not in owners:
            raise InstanceError(f"в рейтингах указан неизвестный {owner_noun} «{owner}»")
        places = {other: place for place, other in enumerate(ranked, start=1)}
        if len(places) != len(ranked) or not places.keys() <= others:
            _explain_bad_ranking(ranked, others, f"в рейтинге {owner_genitive} «{owner}»", other_noun)
        positions[owner] = places
    return positions


def _explain_bad_ranking(ranked: Sequence[str], others: set[str], where: str, other_noun: str) -> None:
    """Slow path, only for a list already known to be wrong: name the first offending entry."""
    seen: set[str] = set()
    for other in ranked:
        if other not in others:
            raise InstanceError(f"{where} указан неизвестный {other_noun} «{other}»")
        if other in seen:
            raise InstanceError(f"{where} {other_noun} «{other}» указан дважды")
        seen.add(other)


def _apply_locks(
    instance: Instance, mentor_ids: set[str], mentee_ids: set[str]
) -> tuple[dict[str, int], frozenset[str]]:
    remaining = {m.id: m.capacity for m in instance.mentors}
    locked_mentees: set[str] = set()
    _check_known(instance.locked, mentor_ids, mentee_ids, "в закреплённых парах")
    for mentor, mentee in instance.locked:
        if mentee in locked_mentees:
            raise InstanceError(f"наставляемый «{mentee}» закреплён дважды")
        if (mentor, mentee) in instance.forbidden:
            raise InstanceError(f"пара «{mentor}» — «{mentee}» одновременно закреплена и запрещена")
        if remaining[mentor] == 0:
            raise InstanceError(f"у наставника «{mentor}» закреплённых пар больше, чем его вместимость")
        remaining[mentor] -= 1
        locked_mentees.add(mentee)
    return remaining, frozenset(locked_mentees)


# --- welfare: maximum cardinality, then maximum total score ---------------------------------------


def solve_welfare(instance: Instance) -> Proposal:
    """Exact lexicographic optimum: most matched mentees, then the highest total score.

    A pair is acceptable when it has a score and is not forbidden.
    """
    prep = _prepare(instance)
    edges, has_acceptable = _welfare_edges(prep)
    chosen = _assign(prep, edges)
    return _build_proposal("welfare", prep, chosen, has_acceptable)


def _welfare_edges(prep: _Prepared) -> tuple[list[tuple[str, str, float]], set[str]]:
    """Acceptable pairs of still free mentees with mentors that still have room."""
    forbidden, locked, remaining = prep.instance.forbidden, prep.locked_mentees, prep.remaining
    edges: list[tuple[str, str, float]] = []
    has_acceptable: set[str] = set()
    for (mentor, mentee), score in prep.instance.scores.items():
        if mentee in locked or (forbidden and (mentor, mentee) in forbidden):
            continue
        # A full mentor still counts as acceptable: the mentee then lost to capacity, not to a rule.
        has_acceptable.add(mentee)
        if remaining[mentor] > 0:
            edges.append((mentor, mentee, float(score)))
    return edges, has_acceptable


def _assign(prep: _Prepared, edges: list[tuple[str, str, float]]) -> list[PairKey]:
    """Solve the capacitated assignment exactly as a sparse min-cost full bipartite matching.

    Rows are mentees, columns are mentor capacity slots plus one private "stay unmatched" column per
    mentee, so a full matching of the rows always exists.
    """
    if not edges:
        return []
    import numpy as np  # lazily: the stable objective and the CLI start-up do not need them
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    mentor_order = [m.id for m in prep.instance.mentors]
    mentee_order = [e.id for e in prep.instance.mentees]
    edge_mentor, edge_mentee, scores = _edge_arrays(edges, mentor_order, mentee_order)
    rows, edge_row = np.unique(edge_mentee, return_inverse=True)
    slots = _slots_per_mentor(edge_mentor, [prep.remaining[m] for m in mentor_order])
    graph, slot_owner = _slot_graph(edge_mentor, edge_row, scores, slots, len(rows))
    row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    real = col_ind < len(slot_owner)
    pairs = zip(row_ind[real], col_ind[real], strict=True)
    return [(mentor_order[slot_owner[col]], mentee_order[rows[row]]) for row, col in pairs]


def _edge_arrays(
    edges: list[tuple[str, str, float]], mentor_order: list[str], mentee_order: list[str]
) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    """Index the edges and sort them by (mentee, mentor) so the result never depends on dict order."""
    import numpy as np

    mentor_index = {m: i for i, m in enumerate(mentor_order)}
    mentee_index = {e: i for i, e in enumerate(mentee_order)}
    edge_mentor = np.fromiter((mentor_index[m] for m, _, _ in edges), dtype=np.int64, count=len(edges))
    edge_mentee = np.fromiter((mentee_index[e] for _, e, _ in edges), dtype=np.int64, count=len(edges))
    scores = np.fromiter((s for _, _, s in edges), dtype=np.float64, count=len(edges))
    order = np.lexsort((edge_mentor, edge_mentee))
    return edge_mentor[order], edge_mentee[order], scores[order]


def _slots_per_mentor(edge_mentor: "np.ndarray", remaining: list[int]) -> "np.ndarray":
    """A mentor never needs more slots than acceptable mentees: fewer identical columns, faster solve."""
    import numpy as np

    degree = np.bincount(edge_mentor, minlength=len(remaining))
    return np.minimum(np.asarray(remaining, dtype=np.int64), degree)


def _slot_graph(
    edge_mentor: "np.ndarray", edge_row: "np.ndarray", scores: "np.ndarray", slots: "np.ndarray", n_rows: int
) -> tuple["csr_array", "np.ndarray"]:
    """Rows × (mentor slots + one dummy column per row) with costs; also which mentor owns each slot."""
    import numpy as np
    from scipy.sparse import csr_array

    costs = _edge_costs(scores)
    first_slot = np.concatenate(([0], np.cumsum(slots)[:-1]))
    n_slots = int(slots.sum())
    # Every acceptable pair becomes one edge per slot of its mentor (slots of a mentor are contiguous).
    repeat = slots[edge_mentor]
    offsets = np.arange(int(repeat.sum())) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    cols = np.repeat(first_slot[edge_mentor], repeat) + offsets
    rows = np.repeat(edge_row, repeat)
    weights = np.repeat(costs, repeat)
    # The dummy column of row r is n_slots + r; it costs more than any sacrifice of score can win back.
    rows = np.concatenate((rows, np.arange(n_rows)))
    cols = np.concatenate((cols, n_slots + np.arange(n_rows)))
    weights = np.concatenate((weights, np.full(n_rows, 2.0 + n_rows + 1.0)))
    order = np.lexsort((cols, rows))
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n_rows))))
    graph = csr_array((weights[order], cols[order], indptr), shape=(n_rows, n_slots + n_rows))
    slot_owner = np.repeat(np.arange(len(slots)), slots)
    return graph, slot_owner


def _edge_costs(scores: "np.ndarray") -> "np.ndarray":
    """Map scores to costs in [1, 2]; the dummy cost 2 + (n_rows + 1) makes cardinality dominate.

    With k matched rows the total cost is 2·n − Σs' + (n − k)·M where s' ∈ [0, 1] is the normalised score.
    One more matched row saves M = n + 1 while the score sum can differ by at most n, so every
    maximum-cardinality matching beats every smaller one. Normalising is safe because all candidates
    have the same cardinality, so an affine change of scores keeps their order; it also keeps the costs
    small and strictly positive (LAPJVsp treats zero weights as missing edges).
    """
    low, high = float(scores.min()), float(scores.max())
    spread = high - low
    normalised = (scores - low) / spread if spread > 0 else scores * 0.0
    return 2.0 - normalised


# --- stable: mentee-proposing deferred acceptance -------------------------------------------------


def solve_stable(instance: Instance) -> Proposal:
    """The mentee-optimal stable matching (hospitals/residents, residents propose).

    A pair is acceptable when each side appears in the other's ranking and the pair is not forbidden.
    """
    prep = _prepare(instance)
    prefs, has_acceptable = _stable_preferences(prep)
    chosen = _deferred_acceptance(prep, prefs)
    return _build_proposal("stable", prep, chosen, has_acceptable)


def _stable_preferences(prep: _Prepared) -> tuple[dict[str, list[str]], set[str]]:
    """Each free mentee's list of mutually acceptable mentors that still have room, best first."""
    instance, mentor_pos, forbidden = prep.instance, prep.mentor_pos, prep.instance.forbidden
    no_places: dict[str, int] = {}
    prefs: dict[str, list[str]] = {}
    has_acceptable: set[str] = set()
    for mentee in (e.id for e in instance.mentees if e.id not in prep.locked_mentees):
        ranked = instance.mentee_ranks.get(mentee, ())
        acceptable = [mentor for mentor in ranked if mentee in mentor_pos.get(mentor, no_places)]
        if forbidden:
            acceptable = [mentor for mentor in acceptable if (mentor, mentee) not in forbidden]
        if acceptable:
            has_acceptable.add(mentee)
        prefs[mentee] = [mentor for mentor in acceptable if prep.remaining[mentor] > 0]
    return prefs, has_acceptable


def _deferred_acceptance(prep: _Prepared, prefs: dict[str, list[str]]) -> list[PairKey]:
    """Gale–Shapley with capacities; O(L log c): each proposal is made once, heaps hold the worst on top."""
    held: dict[str, list[tuple[int, str]]] = {m: [] for m in prep.remaining}  # (−place, mentee)
    next_choice = dict.fromkeys(prefs, 0)
    free = list(reversed(prefs))  # pop() then proposes in input order; the outcome is unique anyway
    while free:
        mentee = free.pop()
        choice = next_choice[mentee]
        if choice == len(prefs[mentee]):
            continue  # rejected everywhere: stays unmatched
        next_choice[mentee] = choice + 1
        mentor = prefs[mentee][choice]
        rejected = _propose(held[mentor], prep.remaining[mentor], prep.mentor_pos[mentor][mentee], mentee)
        if rejected is not None:
            free.append(rejected)
    return [(mentor, mentee) for mentor, heap in held.items() for _, mentee in heap]


def _propose(heap: list[tuple[int, str]], capacity: int, place: int, mentee: str) -> str | None:
    """Let the mentor tentatively hold the proposer; return whoever is rejected, if anyone."""
    if len(heap) < capacity:
        heapq.heappush(heap, (-place, mentee))
        return None
    worst_place = -heap[0][0]
    if place < worst_place:
        return heapq.heapreplace(heap, (-place, mentee))[1]
    return mentee


# --- result ---------------------------------------------------------------------------------------


def _build_proposal(
    objective: Objective, prep: _Prepared, chosen: Iterable[PairKey], has_acceptable: set[str]
) -> Proposal:
    instance = prep.instance
    locked = set(instance.locked)
    mentor_index = {m.id: i for i, m in enumerate(instance.mentors)}
    mentee_index = {e.id: i for i, e in enumerate(instance.mentees)}
    keys = sorted({*locked, *chosen}, key=lambda key: (mentor_index[key[0]], mentee_index[key[1]]))
    pairs = tuple(_make_pair(prep, mentor, mentee, (mentor, mentee) in locked) for mentor, mentee in keys)
    matched = {pair.mentee for pair in pairs}
    unmatched = {
        e.id: CAPACITY_EXHAUSTED if e.id in has_acceptable else NO_ACCEPTABLE_MENTOR
        for e in instance.mentees
        if e.id not in matched
    }
    return Proposal(objective, pairs, unmatched, _metrics(instance, pairs))


def _make_pair(prep: _Prepared, mentor: str, mentee: str, locked: bool) -> Pair:
    score = prep.instance.scores.get((mentor, mentee))
    return Pair(
        mentor=mentor,
        mentee=mentee,
        score=None if score is None else float(score),
        mentor_rank=prep.mentor_pos.get(mentor, {}).get(mentee),
        mentee_rank=prep.mentee_pos.get(mentee, {}).get(mentor),
        locked=locked,
    )


def _metrics(instance: Instance, pairs: tuple[Pair, ...]) -> Metrics:
    n_mentees = len(instance.mentees)
    mentee_ranks = [p.mentee_rank for p in pairs if p.mentee_rank is not None]
    mentor_ranks = [p.mentor_rank for p in pairs if p.mentor_rank is not None]
    return Metrics(
        mentors=len(instance.mentors),
        mentees=n_mentees,
        capacity=sum(m.capacity for m in instance.mentors),
        matched=len(pairs),
        unmatched=n_mentees - len(pairs),
        locked=sum(p.locked for p in pairs),
        matched_share=len(pairs) / n_mentees if n_mentees else 0.0,
        mean_mentee_rank=_mean(mentee_ranks),
        mean_mentor_rank=_mean(mentor_ranks),
        first_choice_share=mentee_ranks.count(1) / n_mentees if n_mentees else 0.0,
        total_score=math.fsum(p.score for p in pairs if p.score is not None),
    )


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


SOLVERS = {"welfare": solve_welfare, "stable": solve_stable}


def solve(instance: Instance, objective: Objective) -> Proposal:
    """Dispatch by objective name (used by the file interface and the Django side alike)."""
    try:
        solver = SOLVERS[objective]
    except KeyError:
        raise ValueError(f"неизвестная цель подбора «{objective}»: ожидается welfare или stable") from None
    return solver(instance)
