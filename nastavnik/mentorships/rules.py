"""The rules of a pair's work, as seed 000 («Организация хода наставнического взаимодействия») states them.

Pure: no Django import, every function takes `now`/`today` explicitly, so the rules are tested against a fixed
clock and reused by services, selectors, the reminder sweep and the demo alike. Kinds and formats are the string
values of `Meeting.Kind` and `Meeting.Format`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

ACQUAINTANCE = "acquaintance"
TRIAL = "trial"
PLANNING = "planning"
REGULAR = "regular"
FINAL = "final"
IN_PERSON = "in_person"
ONLINE = "online"


@dataclass(frozen=True)
class KindRule:
    default_minutes: int
    min_minutes: int  # bounds apply to meetings held in person; online work «не регламентируется»
    max_minutes: int
    curator_required: bool
    curator_default: bool
    once: bool  # a pair has one acquaintance and one final meeting (not counting cancelled ones)


KIND_RULES: dict[str, KindRule] = {
    # «Время: 30-40 минут»; participants: curator, mentor, mentee.
    ACQUAINTANCE: KindRule(40, 30, 40, curator_required=True, curator_default=True, once=True),
    # «Время: по желанию участников, до часа»: a short trial is fine, 15 min is the least that is still a meeting.
    TRIAL: KindRule(60, 15, 60, curator_required=False, curator_default=False, once=False),
    # «Время: 1-1,5 часа»; the curator takes part, but a pair may plan again on its own.
    PLANNING: KindRule(90, 60, 90, curator_required=False, curator_default=True, once=False),
    # «Любая встреча не может длиться менее часа, если проходит очно»: no upper bound besides the database's 8 h.
    REGULAR: KindRule(60, 60, 480, curator_required=False, curator_default=False, once=False),
    # «Время: 1,5 часа» with the curator. Recorded within 1–2 h so a real meeting that ran a little short or long
    # can still be entered truthfully.
    FINAL: KindRule(90, 60, 120, curator_required=True, curator_default=True, once=True),
}

# The structure of a regular meeting («10 минут … 40 минут … 10 минут»), shown as the agenda.
REGULAR_AGENDA_MINUTES = (("news", 10), ("work", 40), ("reflection", 10))

# «Встречи проводятся не реже одного раза в две недели»: the default of Program.meeting_interval_days.
DEFAULT_INTERVAL_DAYS = 14

# Reflections are asked for «по окончании встречи»; the curator «проверяет своевременное заполнение форм обратной
# связи». We give each side three days after a held meeting before the diary counts as missing: long enough for a
# pupil who meets on Friday to write on Monday, short enough that the answers still describe that meeting.
FEEDBACK_DUE_DAYS = 3

# A reminder of a missing reflection goes out one day after the meeting, while there is still time before it is due.
FEEDBACK_REMINDER_AFTER = dt.timedelta(days=1)

# The reminder of a meeting goes out a day ahead: enough to move it if something came up.
MEETING_REMINDER_BEFORE = dt.timedelta(hours=24)

# Seed 004: «персонализированная программа (от 3 месяцев до 1 года)».
PLAN_MIN_MONTHS = 3
PLAN_MAX_MONTHS = 12


def duration_errors(*, kind: str, fmt: str, minutes: int) -> list[str]:
    """Why this duration breaks the rule for this kind (empty when it is fine). Online meetings are exempt."""
    if fmt == ONLINE:
        return []
    rule = KIND_RULES[kind]
    if minutes < rule.min_minutes:
        return [f"min:{rule.min_minutes}"]
    if minutes > rule.max_minutes:
        return [f"max:{rule.max_minutes}"]
    return []


def curator_required(kind: str) -> bool:
    return KIND_RULES[kind].curator_required


def kind_conflict(*, kind: str, active_kinds: list[str]) -> bool:
    """True when the pair already has a planned or held meeting of a kind that happens once."""
    return KIND_RULES[kind].once and kind in active_kinds


def can_mark_outcome(*, scheduled_at: dt.datetime, now: dt.datetime) -> bool:
    """A meeting is marked held or missed only once its start time has come."""
    return scheduled_at <= now


def next_due_date(*, last_held_on: dt.date | None, started_on: dt.date, interval_days: int) -> dt.date:
    """The day by which the pair must meet again: the interval counts from the last held meeting, or from the
    start of the pair when it has not met yet."""
    return (last_held_on or started_on) + dt.timedelta(days=interval_days)


def is_overdue(*, last_held_on: dt.date | None, started_on: dt.date, interval_days: int, today: dt.date) -> bool:
    return today > next_due_date(last_held_on=last_held_on, started_on=started_on, interval_days=interval_days)


def feedback_due_date(*, held_on: dt.date) -> dt.date:
    return held_on + dt.timedelta(days=FEEDBACK_DUE_DAYS)


def feedback_overdue(*, held_on: dt.date, today: dt.date) -> bool:
    return today > feedback_due_date(held_on=held_on)


def meeting_reminder_at(*, scheduled_at: dt.datetime) -> dt.datetime:
    return scheduled_at - MEETING_REMINDER_BEFORE


def meeting_reminder_due(*, scheduled_at: dt.datetime, now: dt.datetime) -> bool:
    """Inside the window between «a day before» and the start itself."""
    return meeting_reminder_at(scheduled_at=scheduled_at) <= now < scheduled_at


def feedback_reminder_at(*, scheduled_at: dt.datetime, duration_minutes: int) -> dt.datetime:
    return scheduled_at + dt.timedelta(minutes=duration_minutes) + FEEDBACK_REMINDER_AFTER


def feedback_reminder_due(*, scheduled_at: dt.datetime, duration_minutes: int, now: dt.datetime) -> bool:
    """From a day after the meeting until the reflection is due: later the curator's list takes over."""
    start = feedback_reminder_at(scheduled_at=scheduled_at, duration_minutes=duration_minutes)
    due = feedback_due_date(held_on=scheduled_at.date())
    return start <= now and now.date() <= due


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clipped to the month's end (31 January + 1 month = 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plan_period_error(*, starts_on: dt.date, ends_on: dt.date) -> str | None:
    """'short', 'long' or None: a personalised programme runs from 3 months to a year."""
    if ends_on < add_months(starts_on, PLAN_MIN_MONTHS):
        return "short"
    if ends_on > add_months(starts_on, PLAN_MAX_MONTHS):
        return "long"
    return None


def progress_percent(*, done: int, total: int) -> int:
    """A goal's progress follows from its steps: the share of steps done."""
    return round(100 * done / total) if total else 0


def step_overdue(*, deadline: dt.date | None, done_on: dt.date | None, today: dt.date) -> bool:
    return deadline is not None and done_on is None and deadline < today


# --- cycle: the pair's work as the first cycle's users met it ------------------------------------------------------

# Seed 000: «срок … не менее 3 месяцев»; seed 004: «от 3 месяцев до 1 года». The programme may set its own minimum.
DEFAULT_MIN_DURATION_MONTHS = 3


def overlaps(*, start: dt.datetime, minutes: int, other_start: dt.datetime, other_minutes: int) -> bool:
    """Two meetings of one pair overlap when either starts before the other ends (touching ends are fine)."""
    end = start + dt.timedelta(minutes=minutes)
    other_end = other_start + dt.timedelta(minutes=other_minutes)
    return start < other_end and other_start < end


def interval_gap_days(*, anchor: dt.date, planned_on: dt.date, interval_days: int) -> int:
    """How many days past the interval a meeting planned on `planned_on` falls, counting from the pair's previous
    meeting (or its start): 0 when the rule «не реже раза в N дней» holds."""
    return max(0, (planned_on - anchor).days - interval_days)


def premature(*, starts_on: dt.date, on: dt.date, min_months: int) -> bool:
    """Closing a pair before the programme's minimum duration is a premature closure, not a completion."""
    return on < add_months(starts_on, min_months)


def acquaintance_confirmed(*, answers: dict[str, list[bool | None]]) -> bool:
    """«Необходимо, чтобы … участники проговорили, что они готовы работать друг с другом»: the pair is confirmed
    when both sides answered and every answer to «Готовы ли мы работать друг с другом?» is yes.
    `answers` maps the side ('mentor', 'mentee') to the answers of that side's participants (None: not yet)."""
    sides = [answers.get("mentor") or [], answers.get("mentee") or []]
    return all(side and all(a is True for a in side) for side in sides)
