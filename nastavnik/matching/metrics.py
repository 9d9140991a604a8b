"""What the engine returns: the proposed pairs with their explanation, who is left, and the figures."""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

from nastavnik.matching.instance import Criteria, Instance, PairKey

NO_ACCEPTABLE_MENTOR = "no_acceptable_mentor"
CAPACITY_EXHAUSTED = "capacity_exhausted"
UNMATCHED_REASON_LABELS: dict[str, str] = {
    NO_ACCEPTABLE_MENTOR: "Нет ни одного подходящего наставника",
    CAPACITY_EXHAUSTED: "Подходящие наставники заняты другими наставляемыми",
}


@dataclass(frozen=True, slots=True)
class Pair:
    """One proposed pair and why: its score, the score by criterion, and each side's rank of the other."""

    mentor: str
    mentee: str
    score: float | None  # None when the instance has no score for the pair (possible with the stable objective)
    mentor_rank: int | None  # the place the mentor gave this mentee (1 = first choice); None when not ranked
    mentee_rank: int | None  # the place the mentee gave this mentor; None when not ranked
    criteria: Criteria = field(default_factory=dict)  # criterion -> 0..1 (None: no data), from the scoring


@dataclass(frozen=True, slots=True)
class Metrics:
    mentors: int
    mentees: int
    places: int  # the mentors' total capacity
    matched: int
    unmatched: int
    matched_share: float  # matched / mentees (0 when there are no mentees)
    mean_mentee_rank: float | None  # mean place of the assigned mentor in the mentee's list (ranked pairs only)
    mean_mentor_rank: float | None  # mean place of the assigned mentee in the mentor's list (ranked pairs only)
    mentee_first_choice_share: float | None  # of the mentees who ranked anyone, the share given their first choice
    mentor_first_choice_share: float | None  # of the mentors who ranked anyone, the share given their first choice
    total_score: float  # sum of the pairs' scores (a pair without a score adds nothing)

    def as_dict(self) -> dict[str, int | float | None]:
        return asdict(self)


@dataclass(frozen=True)
class Proposal:
    objective: str
    pairs: tuple[Pair, ...]  # in the order of the mentors, then of the mentees, in the instance
    unmatched: tuple[str, ...]  # mentee ids, in the order of the instance
    unmatched_reasons: Mapping[str, str]  # mentee id -> NO_ACCEPTABLE_MENTOR | CAPACITY_EXHAUSTED
    metrics: Metrics


def build_proposal(objective: str, instance: Instance, chosen: Iterable[PairKey], had_acceptable: set[str]) -> Proposal:
    """Attach the explanation to every chosen pair and compute the figures."""
    mentor_order = {m.id: i for i, m in enumerate(instance.mentors)}
    mentee_order = {e.id: i for i, e in enumerate(instance.mentees)}
    keys = sorted(chosen, key=lambda key: (mentor_order[key[0]], mentee_order[key[1]]))
    pairs = tuple(_explain(instance, mentor, mentee) for mentor, mentee in keys)
    matched = {pair.mentee for pair in pairs}
    unmatched = tuple(e.id for e in instance.mentees if e.id not in matched)
    reasons = {e: CAPACITY_EXHAUSTED if e in had_acceptable else NO_ACCEPTABLE_MENTOR for e in unmatched}
    return Proposal(objective, pairs, unmatched, reasons, _metrics(instance, pairs))


def _explain(instance: Instance, mentor: str, mentee: str) -> Pair:
    score = instance.scores.get((mentor, mentee))
    return Pair(
        mentor=mentor,
        mentee=mentee,
        score=None if score is None else float(score),
        mentor_rank=_place(instance.mentor_ranks.get(mentor, ()), mentee),
        mentee_rank=_place(instance.mentee_ranks.get(mentee, ()), mentor),
        criteria=instance.criteria.get((mentor, mentee), {}),
    )


def _place(ranked: Sequence[str], other: str) -> int | None:
    # A linear search is fine: it runs once per proposed pair, over one person's list.
    try:
        return ranked.index(other) + 1
    except ValueError:
        return None


def _metrics(instance: Instance, pairs: tuple[Pair, ...]) -> Metrics:
    n_mentees = len(instance.mentees)
    chosen = {(p.mentor, p.mentee) for p in pairs}
    mentor_of = {p.mentee: p.mentor for p in pairs}
    mentee_firsts = [mentor_of.get(e) == ranked[0] for e, ranked in instance.mentee_ranks.items() if ranked]
    mentor_firsts = [(m, ranked[0]) in chosen for m, ranked in instance.mentor_ranks.items() if ranked]
    return Metrics(
        mentors=len(instance.mentors),
        mentees=n_mentees,
        places=sum(m.capacity for m in instance.mentors),
        matched=len(pairs),
        unmatched=n_mentees - len(pairs),
        matched_share=len(pairs) / n_mentees if n_mentees else 0.0,
        mean_mentee_rank=_mean([p.mentee_rank for p in pairs if p.mentee_rank is not None]),
        mean_mentor_rank=_mean([p.mentor_rank for p in pairs if p.mentor_rank is not None]),
        mentee_first_choice_share=_mean(mentee_firsts),
        mentor_first_choice_share=_mean(mentor_firsts),
        total_score=math.fsum(p.score for p in pairs if p.score is not None),
    )


def _mean(values: Sequence[int | bool]) -> float | None:
    return sum(values) / len(values) if values else None
