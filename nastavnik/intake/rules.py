"""Rules of the first stages as plain data and pure functions: no Django, so services and pages share them."""

from __future__ import annotations

from fractions import Fraction

# The mentee request's cycle (codes of MenteeRequest.Status). Closed and withdrawn are final: a new cycle starts
# with a new request. A pair that fell apart sends the mentee back to the search (seed 000: «продолжить поиск
# наставника для тех наставляемых, кто остался без пары»).
REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"analysed", "withdrawn"}),
    "analysed": frozenset({"in_base", "closed", "withdrawn"}),
    "in_base": frozenset({"matched", "searching", "closed", "withdrawn"}),
    "searching": frozenset({"matched", "in_base", "closed", "withdrawn"}),
    "matched": frozenset({"searching", "closed", "withdrawn"}),
    "closed": frozenset(),
    "withdrawn": frozenset(),
}

# Completing the mentor school needs attendance of at least this share of the sessions held. Three quarters is the
# usual bar for a certificate of in-service training; it is a rule of the product, not a per-school setting.
MIN_ATTENDANCE_SHARE = Fraction(3, 4)


def attendance_sufficient(*, attended: int, held: int) -> bool:
    """`held` is the number of ALL sessions of the training (cycle: not just those held so far)."""
    return held > 0 and Fraction(attended, held) >= MIN_ATTENDANCE_SHARE


def completion_refusal(*, attended: int, total: int, last_day, on) -> str | None:
    """cycle: why the mentor school cannot be marked completed on day `on` (None when it can). Completion counts all
    sessions of the training and comes only after the last one: 'no_sessions', 'not_finished' or 'attendance'."""
    if total == 0 or last_day is None:
        return "no_sessions"
    if on < last_day:
        return "not_finished"
    if not attendance_sufficient(attended=attended, held=total):
        return "attendance"
    return None


# --- cycle: how a candidate meets a selection criterion --------------------------------------------------------------

# Words every criterion uses that say nothing about its subject («Опыт работы с …», «Умение …»).
_GENERIC_STEMS = frozenset({"опыт", "работ", "умени", "навык", "знани", "владе", "обуча", "детьм", "детей", "коллег"})
_STEM = 5


def _stems(text: str) -> set[str]:
    words = "".join(ch if ch.isalnum() else " " for ch in text.casefold().replace("ё", "е")).split()
    return {w[:_STEM] for w in words if len(w) >= 4} - _GENERIC_STEMS


def criterion_evidence(*, criterion: str, phrases: list[str]) -> str | None:
    """The first of the candidate's own phrases (competencies, experience, portfolio) that speaks to the criterion,
    by shared word stems; None when none does. A crude but explainable comparison: the page shows the phrase."""
    wanted = _stems(criterion)
    if not wanted:
        return None
    for phrase in phrases:
        if wanted & _stems(phrase):
            return phrase
    return None
