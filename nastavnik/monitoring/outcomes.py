"""Reads for «which matching worked»: the outcomes of a programme's (or an organisation's) pairs by how they were
made, by role model and by match-score band. The statistics are in the pure module `strategies`; here only the
queries (a constant number, whatever the number of pairs)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nastavnik.matching.models import MatchSession
from nastavnik.matching.scoring import check_weights
from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.mentorships.reflections import FINAL_CLOSENESS
from nastavnik.monitoring import instruments, strategies
from nastavnik.monitoring.models import Measurement, Side, Wave
from nastavnik.orgs.models import Organization
from nastavnik.programs.models import Program
from nastavnik.surveys.models import Answer

# Pairs that have taken part (a proposal not yet confirmed has not); closed ones have an outcome.
COUNTED = (
    Mentorship.Status.CONFIRMED,
    Mentorship.Status.APPROVED,
    Mentorship.Status.COMPLETED,
    Mentorship.Status.TERMINATED,
)
CLOSED = (Mentorship.Status.COMPLETED, Mentorship.Status.TERMINATED)

BAND_LABELS = {
    "85-100": "85–100",
    "70-84": "70–84",
    "50-69": "50–69",
    "0-49": "0–49",
}


def _ratings(ids: QuerySet) -> dict[int, float]:
    """Per pair: the mean of both sides' «насколько приблизились к цели» (1–10) at the final meeting."""
    rows = Answer.objects.filter(
        response__reflection__meeting__mentorship__in=ids,
        response__reflection__meeting__kind=Meeting.Kind.FINAL,
        question__code=FINAL_CLOSENESS,
    ).values_list("response__reflection__meeting__mentorship_id", "value")
    values: dict[int, list[float]] = defaultdict(list)
    for pair_id, value in rows:
        try:
            values[pair_id].append(float(value))
        except (TypeError, ValueError):
            continue
    return {pair_id: sum(v) / len(v) for pair_id, v in values.items()}


def _changes(ids: QuerySet) -> dict[int, float]:
    """Per pair: the mean over its mentees of their improvement from entry to exit (see strategies.exit_change)."""
    waves: dict[tuple[int, int], dict[str, dict[str, float]]] = defaultdict(lambda: {Wave.ENTRY: {}, Wave.EXIT: {}})
    rows = Measurement.objects.filter(
        mentorship__in=ids, side=Side.MENTEE, wave__in=[Wave.ENTRY, Wave.EXIT]
    ).values_list("mentorship_id", "person_id", "measure", "wave", "value")
    measures = set()
    for pair_id, person_id, measure, wave, value in rows:
        waves[(pair_id, person_id)][wave][measure] = value
        measures.add(measure)
    better = {m: instruments.higher_is_better(m) for m in measures}
    per_pair: dict[int, list[float]] = defaultdict(list)
    for (pair_id, _person), both in waves.items():
        change = strategies.exit_change(both[Wave.ENTRY], both[Wave.EXIT], better)
        if change is not None:
            per_pair[pair_id].append(change)
    return {pair_id: sum(v) / len(v) for pair_id, v in per_pair.items()}


def _collect(pairs: QuerySet[Mentorship]) -> tuple[list[strategies.PairOutcome], list[strategies.ScoredPair]]:
    pairs = pairs.filter(status__in=COUNTED)
    rows = list(
        pairs.values_list(
            "pk", "origin", "match_score", "match_criteria", "status", "role_model__name", "program_id"
        ).order_by("pk")
    )
    ids = pairs.values("pk")
    ratings, changes = _ratings(ids), _changes(ids)
    session_of = dict(
        MatchSession.mentorships.through.objects.filter(mentorship_id__in=ids).values_list(
            "mentorship_id", "matchsession_id"
        )
    )
    outcomes, scored = [], []
    for pk, origin, score, criteria, status, role_model, program_id in rows:
        closed = status in CLOSED
        outcomes.append(
            strategies.PairOutcome(
                origin=origin,
                role_model=role_model or "",
                score=score,
                closed=closed,
                premature=status == Mentorship.Status.TERMINATED,
                rating=ratings.get(pk),
                change=changes.get(pk),
            )
        )
        if closed and criteria:
            # Ranked among the pairs of its Mentor Match session; a pair recorded without one, among its programme's.
            group = f"s{session_of[pk]}" if pk in session_of else f"p{program_id}"
            scored.append(
                strategies.ScoredPair(
                    session=group,
                    criteria=criteria,
                    completed=status == Mentorship.Status.COMPLETED,
                )
            )
    return outcomes, scored


def _origin_label(code: str) -> str:
    return str(Mentorship.Origin(code).label) if code in Mentorship.Origin.values else code


def _band_label(code: str) -> str:
    if code == strategies.NO_SCORE:
        return _("Без оценки совместимости (пара назначена вне Mentor Match)")
    label = BAND_LABELS.get(code, code)
    upper = code.rpartition("-")[2]
    # Russian agrees the noun with the range's upper bound: «70–84 балла», «85–100 баллов».
    count = int(upper) if upper.isdigit() else 0
    return ngettext("%(band)s балл", "%(band)s баллов", count) % {"band": label}


def _role_label(code: str) -> str:
    return code or _("Без ролевой модели")


def _row(group: strategies.GroupOutcome, label: str) -> dict:
    return {
        "key": group.key,
        "label": label,
        "pairs": group.pairs,
        "closed": group.closed,
        "premature": group.premature,
        "premature_rate": group.premature_rate,
        "rating": group.rating,
        "change": group.change,
        "few": group.closed < strategies.MIN_GROUP,
    }


def _tables(outcomes: Sequence[strategies.PairOutcome]) -> list[dict]:
    return [
        {
            "key": "origin",
            "title": _("Как сформирована пара"),
            "rows": [_row(g, _origin_label(g.key)) for g in strategies.by_origin(outcomes)],
        },
        {
            "key": "role_model",
            "title": _("Ролевая модель"),
            "rows": [_row(g, _role_label(g.key)) for g in strategies.by_role_model(outcomes)],
        },
        {
            "key": "score_band",
            "title": _("Совместимость при подборе"),
            "rows": [_row(g, _band_label(g.key)) for g in strategies.by_score_band(outcomes)],
        },
    ]


def _result(pairs: QuerySet[Mentorship], weights: dict | None) -> dict:
    outcomes, scored = _collect(pairs)
    proposal = strategies.propose_weights(scored, weights) if weights is not None else None
    return {
        "pairs": len(outcomes),
        "closed": sum(1 for o in outcomes if o.closed),
        "min_group": strategies.MIN_GROUP,
        "tables": _tables(outcomes),
        "weights": proposal,
    }


def matching_outcomes(*, program: Program) -> dict:
    """The comparison for one programme: {"pairs", "closed", "min_group", "tables": [{"key", "title", "rows":
    [{"key", "label", "pairs", "closed", "premature", "premature_rate", "rating", "change", "few"}]}], "weights"}.

    `premature_rate`, `rating` and `change` are `strategies.Estimate` (n, value, low, high, few): the share of
    closed pairs closed early (Wilson 95 %), the final 1–10 rating and the mentees' entry→exit change in points
    (mean, normal 95 %). `weights` is a `strategies.WeightProposal` for the programme's Mentor Match weights."""
    return _result(Mentorship.objects.filter(program=program), program_weights(program))


def organization_matching_outcomes(*, organization: Organization) -> dict:
    """The same across every programme of the organisation, all years (no weights: they are per programme)."""
    return _result(Mentorship.objects.filter(program__organization=organization), None)


def weights_preview(*, program: Program, weights: dict[str, float]) -> strategies.WeightProposal:
    """What the curator's weights would change over the programme's closed Mentor Match pairs."""
    _outcomes, scored = _collect(Mentorship.objects.filter(program=program))
    return strategies.preview(scored, program_weights(program), check_weights(weights))


def program_weights(program: Program) -> dict[str, float]:
    try:
        return check_weights(program.matching_weights or {})
    except ValueError:  # stored by hand in the admin: fall back to the defaults, as Mentor Match itself cannot run
        return check_weights({})
