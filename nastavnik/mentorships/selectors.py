"""Reads about pairs, groups and their work: meetings, goals, diaries, the curator's attention list, calendars."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nastavnik import policy
from nastavnik.documents.ru import date_short
from nastavnik.mentorships import rules
from nastavnik.mentorships.models import (
    ChangeRequest,
    Goal,
    GoalStep,
    Meeting,
    Mentorship,
    PlanActivity,
    Reflection,
)
from nastavnik.people.models import Person

ACTIVE_STATUSES = (Mentorship.Status.PROPOSED, Mentorship.Status.CONFIRMED, Mentorship.Status.APPROVED)


def mentorship_list(*, user, status: str = "", program_id: int | None = None, query: str = "") -> QuerySet[Mentorship]:
    qs = policy.scope_mentorships(user, Mentorship.objects.all())
    if status:
        qs = qs.filter(status=status)
    if program_id:
        qs = qs.filter(program_id=program_id)
    for word in query.split():
        qs = qs.filter(Q(mentor__last_name__icontains=word) | Q(mentee__last_name__icontains=word))
    return (
        qs.select_related("program", "program__form", "mentor", "mentee")
        .annotate(
            member_count=Count("members", distinct=True),
            held=Count("meetings", filter=Q(meetings__status=Meeting.Status.HELD), distinct=True),
            last_held=Max("meetings__scheduled_at", filter=Q(meetings__status=Meeting.Status.HELD)),
        )
        .order_by("-starts_on", "pk")
    )


def mentorship_people(*, mentorship: Mentorship) -> dict[str, list]:
    members = list(mentorship.members.select_related("person"))
    return {
        "mentors": [mentorship.mentor] + [m.person for m in members if m.side == "mentor"],
        "mentees": [mentorship.mentee] + [m.person for m in members if m.side == "mentee"],
    }


def person_side(*, mentorship: Mentorship, person_id: int) -> str | None:
    people = mentorship_people(mentorship=mentorship)
    if any(p.pk == person_id for p in people["mentors"]):
        return "mentor"
    if any(p.pk == person_id for p in people["mentees"]):
        return "mentee"
    return None


def meeting_people(*, meeting: Meeting) -> list[Person]:
    """Who is expected at the meeting (and so owes a diary entry): the chosen participants or the whole group."""
    chosen = list(meeting.participants.all())
    if chosen:
        return chosen
    people = mentorship_people(mentorship=meeting.mentorship)
    return people["mentors"] + people["mentees"]


def last_held_on(*, mentorship: Mentorship) -> dt.date | None:
    last = mentorship.meetings.filter(status=Meeting.Status.HELD).aggregate(at=Max("scheduled_at"))["at"]
    return timezone.localdate(last) if last else None


def next_due_on(*, mentorship: Mentorship) -> dt.date:
    return rules.next_due_date(
        last_held_on=last_held_on(mentorship=mentorship),
        started_on=mentorship.starts_on,
        interval_days=mentorship.program.meeting_interval_days,
    )


def meetings_of(*, mentorship: Mentorship) -> list[Meeting]:
    """The pair's meetings, newest first, each with who has written the diary (`reflected_ids`)."""
    meetings = list(
        mentorship.meetings.select_related("rescheduled_from")
        .prefetch_related("participants", Prefetch("reflections", queryset=Reflection.objects.select_related("person")))
        .order_by("-scheduled_at")
    )
    for meeting in meetings:
        meeting.reflected_ids = {r.person_id for r in meeting.reflections.all()}
    return meetings


def goals_of(*, mentorship: Mentorship, today: dt.date) -> list[Goal]:
    """Goals with their steps; each goal gets `progress` (percent of steps done) and `overdue` (steps past
    deadline and not done), each step `is_overdue`."""
    goals = list(
        mentorship.goals.select_related("wish").prefetch_related(
            Prefetch("steps", queryset=GoalStep.objects.order_by("deadline", "pk"))
        )
    )
    for goal in goals:
        steps = list(goal.steps.all())
        for step in steps:
            step.is_overdue = rules.step_overdue(deadline=step.deadline, done_on=step.done_on, today=today)
        goal.step_list = steps
        goal.done_count = sum(1 for s in steps if s.done_on)
        goal.progress = rules.progress_percent(done=goal.done_count, total=len(steps))
        goal.overdue = sum(1 for s in steps if s.is_overdue)
    return goals


def activities_of(*, plan, today: dt.date) -> list[PlanActivity]:
    activities = list(plan.activities.all())
    for activity in activities:
        activity.is_overdue = rules.step_overdue(deadline=activity.deadline, done_on=activity.done_on, today=today)
    return activities


def wishes_by_person(*, mentorship: Mentorship) -> list[tuple[Person, list]]:
    wishes = list(mentorship.wishes.select_related("person").prefetch_related("goals"))
    grouped: dict[int, tuple[Person, list]] = {}
    for wish in wishes:
        grouped.setdefault(wish.person_id, (wish.person, []))[1].append(wish)
    return list(grouped.values())


def reflections_visible(*, mentorship: Mentorship, side: str | None, actor: policy.Actor) -> QuerySet[Reflection]:
    """Diaries are read by the pair itself and the organisation's staff; a guardian reads the ward's only."""
    qs = Reflection.objects.filter(meeting__mentorship=mentorship).select_related("meeting", "person")
    if side == "guardian":
        return qs.filter(person_id__in=actor.ward_ids)
    return qs


def change_requests_of(*, mentorship: Mentorship) -> QuerySet[ChangeRequest]:
    return mentorship.change_requests.select_related("requested_by", "subject", "decided_by")


# --- feedback ---------------------------------------------------------------------------------------------------


@dataclass
class MissingFeedback:
    meeting: Meeting
    person: Person
    due_on: dt.date


def feedback_missing(*, mentorships: QuerySet[Mentorship], today: dt.date) -> list[MissingFeedback]:
    """Held meetings of working pairs whose reflection is past due for some participant."""
    held = (
        Meeting.objects.filter(mentorship__in=mentorships, status=Meeting.Status.HELD)
        .select_related("mentorship", "mentorship__mentor", "mentorship__mentee", "mentorship__program")
        .prefetch_related("participants", "reflections", "mentorship__members__person")
        .order_by("scheduled_at")
    )
    missing: list[MissingFeedback] = []
    for meeting in held:
        held_on = timezone.localdate(meeting.scheduled_at)
        if not rules.feedback_overdue(held_on=held_on, today=today):
            continue
        written = {r.person_id for r in meeting.reflections.all()}
        for person in _expected(meeting):
            if person.pk not in written:
                missing.append(MissingFeedback(meeting, person, rules.feedback_due_date(held_on=held_on)))
    return missing


def _expected(meeting: Meeting) -> list[Person]:
    """Like meeting_people, but from prefetched rows (no query per meeting)."""
    chosen = list(meeting.participants.all())
    if chosen:
        return chosen
    m = meeting.mentorship
    return [m.mentor, m.mentee] + [member.person for member in m.members.all()]


# --- the curator's attention list -------------------------------------------------------------------------------


@dataclass
class AttentionItem:
    kind: str
    mentorship: Mentorship
    text: str
    since: dt.date
    url: str  # named as the dashboard's items (text, url, severity), so the home page shows these unchanged

    # Bootstrap colour: what needs action first is red.
    SEVERITY = {
        "no_meeting": "danger",
        "change_request": "danger",
        "feedback_missing": "warning",
        "unmarked": "warning",
        "step_overdue": "warning",
        "activity_overdue": "info",
    }

    @property
    def severity(self) -> str:
        return self.SEVERITY.get(self.kind, "warning")


def attention_kinds() -> list[tuple[str, str]]:
    # Evaluated on call: labels follow the request's language.
    return [
        ("no_meeting", _("Давно не встречались")),
        ("feedback_missing", _("Нет обратной связи")),
        ("unmarked", _("Встреча не отмечена")),
        ("step_overdue", _("Просрочены шаги к цели")),
        ("activity_overdue", _("Просрочены мероприятия программы")),
        ("change_request", _("Обращения о замене")),
    ]


def _link(mentorship: Mentorship, anchor: str) -> str:
    return reverse("mentorship", args=[mentorship.pk]) + f"#{anchor}"


def attention_list(*, organization, today: dt.date, program_id: int | None = None) -> list[AttentionItem]:
    """What the curator must look at in the organisation's working pairs, oldest trouble first."""
    pairs = Mentorship.objects.filter(program__organization=organization, status__in=ACTIVE_STATUSES)
    if program_id:
        pairs = pairs.filter(program_id=program_id)
    items = (
        _no_meeting(pairs, today)
        + _feedback(pairs, today)
        + _unmarked(pairs, today)
        + _steps(pairs, today)
        + _activities(pairs, today)
        + _change_requests(pairs)
    )
    return sorted(items, key=lambda i: (i.since, i.kind, i.mentorship.pk))


def _no_meeting(pairs: QuerySet[Mentorship], today: dt.date) -> list[AttentionItem]:
    items = []
    annotated = pairs.select_related("program", "mentor", "mentee").annotate(
        last_held=Max("meetings__scheduled_at", filter=Q(meetings__status=Meeting.Status.HELD))
    )
    for m in annotated:
        last = timezone.localdate(m.last_held) if m.last_held else None
        interval = m.program.meeting_interval_days
        if not rules.is_overdue(last_held_on=last, started_on=m.starts_on, interval_days=interval, today=today):
            continue
        if last is None:
            text = _("Пара %(pair)s ни разу не встречалась с %(d)s") % {"pair": m, "d": date_short(m.starts_on)}
        else:
            text = _("Пара %(pair)s не встречалась с %(d)s (норма — не реже раза в %(n)d дн.)") % {
                "pair": m,
                "d": date_short(last),
                "n": interval,
            }
        due = rules.next_due_date(last_held_on=last, started_on=m.starts_on, interval_days=interval)
        items.append(AttentionItem("no_meeting", m, text, due, _link(m, "meetings")))
    return items


def _feedback(pairs: QuerySet[Mentorship], today: dt.date) -> list[AttentionItem]:
    by_meeting: dict[int, list[MissingFeedback]] = {}
    for row in feedback_missing(mentorships=pairs, today=today):
        by_meeting.setdefault(row.meeting.pk, []).append(row)
    items = []
    for rows in by_meeting.values():
        meeting = rows[0].meeting
        names = ", ".join(r.person.short_name for r in rows)
        text = _("Нет дневника после встречи %(d)s («%(kind)s»): %(names)s") % {
            "d": date_short(timezone.localdate(meeting.scheduled_at)),
            "kind": meeting.get_kind_display(),
            "names": names,
        }
        items.append(
            AttentionItem(
                "feedback_missing", meeting.mentorship, text, rows[0].due_on, _link(meeting.mentorship, "diary")
            )
        )
    return items


def _unmarked(pairs: QuerySet[Mentorship], today: dt.date) -> list[AttentionItem]:
    """Planned meetings whose day has passed but nobody marked them held or missed."""
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    stale = (
        Meeting.objects.filter(mentorship__in=pairs, status=Meeting.Status.PLANNED, scheduled_at__lt=start_of_today)
        .select_related("mentorship", "mentorship__mentor", "mentorship__mentee")
        .order_by("scheduled_at")
    )
    items = []
    for meeting in stale:
        day = timezone.localdate(meeting.scheduled_at)
        text = _("Встреча %(d)s («%(kind)s») пары %(pair)s не отмечена проведённой или сорвавшейся") % {
            "d": date_short(day),
            "kind": meeting.get_kind_display(),
            "pair": meeting.mentorship,
        }
        items.append(AttentionItem("unmarked", meeting.mentorship, text, day, _link(meeting.mentorship, "meetings")))
    return items


def _steps(pairs: QuerySet[Mentorship], today: dt.date) -> list[AttentionItem]:
    rows = (
        GoalStep.objects.filter(goal__mentorship__in=pairs, done_on__isnull=True, deadline__lt=today)
        .values("goal__mentorship_id")
        .annotate(n=Count("id"), first=Min("deadline"))
    )
    pair_by_id = {m.pk: m for m in pairs.select_related("mentor", "mentee")}
    items = []
    for r in rows:
        m = pair_by_id[r["goal__mentorship_id"]]
        text = ngettext(
            "У пары %(pair)s просрочен %(n)d шаг к цели (срок был %(d)s)",
            "У пары %(pair)s просрочено шагов к цели: %(n)d (самый ранний срок %(d)s)",
            r["n"],
        ) % {"pair": m, "n": r["n"], "d": date_short(r["first"])}
        items.append(AttentionItem("step_overdue", m, text, r["first"], _link(m, "goals")))
    return items


def _activities(pairs: QuerySet[Mentorship], today: dt.date) -> list[AttentionItem]:
    overdue = (
        PlanActivity.objects.filter(plan__mentorship__in=pairs, done_on__isnull=True, deadline__lt=today)
        .select_related("plan__mentorship", "plan__mentorship__mentor", "plan__mentorship__mentee")
        .order_by("deadline")
    )
    items = []
    for activity in overdue:
        m = activity.plan.mentorship
        text = _("Мероприятие программы пары %(pair)s «%(title)s» не выполнено к сроку %(d)s") % {
            "pair": m,
            "title": activity.title,
            "d": date_short(activity.deadline),
        }
        items.append(AttentionItem("activity_overdue", m, text, activity.deadline, _link(m, "plan")))
    return items


def _change_requests(pairs: QuerySet[Mentorship]) -> list[AttentionItem]:
    open_requests = ChangeRequest.objects.filter(mentorship__in=pairs, status=ChangeRequest.Status.OPEN).select_related(
        "mentorship", "mentorship__mentor", "mentorship__mentee", "subject"
    )
    items = []
    for request in open_requests:
        what = (
            _("просит заменить наставника")
            if request.side == "mentee"
            else _("просит освободить от обязанностей наставника")
        )
        text = _("%(who)s %(what)s (пара %(pair)s)") % {
            "who": request.subject.short_name,
            "what": what,
            "pair": request.mentorship,
        }
        day = timezone.localdate(request.created_at)
        items.append(
            AttentionItem("change_request", request.mentorship, text, day, _link(request.mentorship, "change"))
        )
    return items


# --- calendars --------------------------------------------------------------------------------------------------


def calendar_meetings(*, person: Person) -> QuerySet[Meeting]:
    """A person's meetings for their calendar: as a participant of the pair or group, or as the curator of the
    programme at meetings the curator attends (the acquaintance and the final meeting)."""
    mine = (
        Q(mentorship__mentor=person)
        | Q(mentorship__mentee=person)
        | Q(mentorship__members__person=person)
        | Q(curator_present=True, mentorship__program__curators=person)
    )
    return (
        Meeting.objects.filter(mine)
        .distinct()
        .select_related("mentorship", "mentorship__mentor", "mentorship__mentee", "mentorship__program")
        .order_by("scheduled_at")
    )


def upcoming_meetings(*, person: Person, now: dt.datetime, limit: int = 20) -> list[Meeting]:
    return list(calendar_meetings(person=person).filter(status=Meeting.Status.PLANNED, scheduled_at__gte=now)[:limit])


# --- cycle: what a participant's home page says about each of their pairs ------------------------------------------


@dataclass
class PairOverview:
    mentorship: Mentorship
    goals: list[str]
    next_step: str
    link: str


def pair_overviews(*, mentorships: list[Mentorship], person_ids: set[int], now: dt.datetime) -> list[PairOverview]:
    """For a participant's (or a guardian's) home: the pair's goals from its goal map, worded as goals, and the
    next thing to do — a diary owed, the first meeting not yet arranged, the next meeting, or a meeting overdue.
    Three queries whatever the number of pairs."""
    ids = [m.pk for m in mentorships]
    goals: dict[int, list[str]] = {}
    for mentorship_id, number, title in Goal.objects.filter(mentorship_id__in=ids).values_list(
        "mentorship_id", "number", "title"
    ):
        goals.setdefault(mentorship_id, []).append(_("Цель № %(n)s: %(title)s") % {"n": number, "title": title})
    meetings: dict[int, list[Meeting]] = {}
    for meeting in Meeting.objects.filter(
        mentorship_id__in=ids, status__in=[Meeting.Status.PLANNED, Meeting.Status.HELD]
    ).order_by("scheduled_at"):
        meetings.setdefault(meeting.mentorship_id, []).append(meeting)
    written = set(
        Reflection.objects.filter(meeting__mentorship_id__in=ids, person_id__in=person_ids).values_list(
            "meeting_id", flat=True
        )
    )
    today = timezone.localdate(now)
    result = []
    for m in mentorships:
        own = meetings.get(m.pk, [])
        link = reverse("mentorship", args=[m.pk])
        owed = [mt for mt in own if mt.status == Meeting.Status.HELD and mt.pk not in written]
        planned = [mt for mt in own if mt.status == Meeting.Status.PLANNED and mt.scheduled_at >= now]
        held = [mt for mt in own if mt.status == Meeting.Status.HELD]
        if owed and person_ids:
            step = _("Заполните дневник встречи %(d)s.") % {"d": date_short(timezone.localdate(owed[-1].scheduled_at))}
            link += "#diary"
        elif not own:
            step = _("Первая встреча ещё не назначена: договоритесь с наставником и куратором о встрече-знакомстве.")
            link += "#meetings"
        elif planned:
            local = timezone.localtime(planned[0].scheduled_at)
            step = _("Следующая встреча: %(d)s в %(t)s, %(kind)s.") % {
                "d": date_short(local.date()),
                "t": local.strftime("%H:%M"),
                "kind": planned[0].get_kind_display().lower(),
            }
            link += "#meetings"
        else:
            last = timezone.localdate(held[-1].scheduled_at) if held else None
            due = rules.next_due_date(
                last_held_on=last, started_on=m.starts_on, interval_days=m.program.meeting_interval_days
            )
            step = _("Договоритесь о следующей встрече: не позже %(d)s.") % {"d": date_short(max(due, today))}
            link += "#meetings"
        result.append(PairOverview(mentorship=m, goals=goals.get(m.pk, []), next_step=step, link=link))
    return result
