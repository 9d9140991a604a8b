"""Pure matching engine: which mentee goes to which mentor. No Django here (``nastavnik match`` runs it
without settings, and the Mentor Match screen calls it with plain data).

Two exact objectives over the same :class:`Instance`:

* ``welfare`` — as many mentees matched as possible, then the largest total score (:mod:`.welfare`, a sparse
  min-cost assignment solved by SciPy);
* ``stable`` — the mentee-optimal stable matching by mentee-proposing deferred acceptance (:mod:`.stable`).

Both return a :class:`Proposal`: the pairs with their explanation, the mentees left without a pair and why,
and the figures (:mod:`.metrics`). Scores, criteria and hard rules are computed from questionnaires by
:mod:`.scoring`.
"""

from typing import Literal

from nastavnik.matching.instance import Criteria, Instance, InstanceError, Mentee, Mentor, PairKey, validate
from nastavnik.matching.metrics import (
    CAPACITY_EXHAUSTED,
    NO_ACCEPTABLE_MENTOR,
    UNMATCHED_REASON_LABELS,
    Metrics,
    Pair,
    Proposal,
    build_proposal,
)
from nastavnik.matching.stable import deferred_acceptance

__all__ = [
    "CAPACITY_EXHAUSTED",
    "NO_ACCEPTABLE_MENTOR",
    "OBJECTIVES",
    "UNMATCHED_REASON_LABELS",
    "Criteria",
    "Instance",
    "InstanceError",
    "Mentee",
    "Mentor",
    "Metrics",
    "Objective",
    "Pair",
    "PairKey",
    "Proposal",
    "solve",
]

Objective = Literal["welfare", "stable"]
OBJECTIVES: tuple[Objective, ...] = ("welfare", "stable")


def solve(instance: Instance, objective: Objective) -> Proposal:
    """Validate the instance (:class:`InstanceError` on contradictions) and propose pairs for the objective."""
    if objective not in OBJECTIVES:
        raise ValueError(f"неизвестная цель подбора «{objective}»: ожидается welfare или stable")
    validate(instance)
    if objective == "welfare":
        # Imported here: NumPy and SciPy take about a second to load, and the stable objective needs neither.
        from nastavnik.matching.welfare import assign

        chosen, had_acceptable = assign(instance)
    else:
        chosen, had_acceptable = deferred_acceptance(instance)
    return build_proposal(objective, instance, chosen, had_acceptable)
