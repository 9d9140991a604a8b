"""Reads about pairs, groups and their work: meetings, goals, diaries, the curator's attention list, calendars."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, TruncDate
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
    MemberChange,
    Mentorship,
    MentorshipMember,
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
        .annotate(member_count=_count_of(MentorshipMember.objects), held=held_count(), last_held=Subquery(_last_held()))
        .order_by("-starts_on", "pk")
    )


# Per-pair figures as correlated subqueries rather than GROUP BY over joined meetings: the database works out only
# the rows of the page, and two joined tables do not multiply each other.


def _count_of(qs: QuerySet) -> Coalesce:
    rows = qs.filter(mentorship_id=OuterRef("pk")).order_by().values("mentorship_id").annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n")), 0)


def held_count() -> Coalesce:
    """How many meetings each pair of a Mentorship queryset has held (an annotation)."""
    return _count_of(Meeting.objects.filter(status=Meeting.Status.HELD))


def _last_held() -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(mentorship_id=OuterRef("pk"), status=Meeting.Status.HELD)
        .order_by("-scheduled_at")
        .values("scheduled_at")[:1]
    )


def mentorship_people(*, mentorship: Mentorship) -> dict[str, list]:
    members = list(mentorship.members.select_related("person"))
    return {
        "mentors": [mentorship.mentor] + [m.person for m in members if m.side == "mentor"],
        "mentees": [mentorship.mentee] + [m.person for m in members if m.side == "mentee"],
    }


def member_changes_of(*, mentorship: Mentorship) -> list[MemberChange]:
    """groups: who joined the formed group or left it, newest first, with who recorded it."""
    return list(MemberChange.objects.filter(mentorship=mentorship).select_related("person", "by__person"))


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


def interval_words(days: int) -> str:
    """The programme's meeting rule in words: «не реже раза в 14 дней», «… в 21 день», «… в 3 дня» (never «дн.»)."""
    return ngettext("не реже раза в %(n)s день", "не реже раза в %(n)s дней", days) % {"n": days}


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


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def feedback_pending(*, mentorships: QuerySet[Mentorship], today: dt.date) -> QuerySet[Meeting]:
    """Held meetings past the diary's due date for which some expected person has not written, found in SQL:
    only these rows are ever loaded, however long the pairs' history. Oldest first (by day, then pair)."""
    # rules.feedback_overdue: today > held_on + FEEDBACK_DUE_DAYS, i.e. held before the start of this day.
    cutoff = _start_of(today - dt.timedelta(days=rules.FEEDBACK_DUE_DAYS))
    chosen = Meeting.participants.through.objects.filter(meeting_id=OuterRef("pk"))
    chosen_silent = chosen.filter(
        ~Exists(Reflection.objects.filter(meeting_id=OuterRef("meeting_id"), person_id=OuterRef("person_id")))
    )
    members_silent = MentorshipMember.objects.filter(mentorship_id=OuterRef("mentorship_id")).filter(
        ~Exists(Reflection.objects.filter(meeting_id=OuterRef(OuterRef("pk")), person_id=OuterRef("person_id")))
    )
    mentor_wrote = Exists(
        Reflection.objects.filter(meeting_id=OuterRef("pk"), person_id=OuterRef("mentorship__mentor_id"))
    )
    mentee_wrote = Exists(
        Reflection.objects.filter(meeting_id=OuterRef("pk"), person_id=OuterRef("mentorship__mentee_id"))
    )
    whole_group_silent = ~Exists(chosen) & (~mentor_wrote | ~mentee_wrote | Exists(members_silent))
    return (
        Meeting.objects.filter(mentorship__in=mentorships, status=Meeting.Status.HELD, scheduled_at__lt=cutoff)
        .filter((Exists(chosen) & Exists(chosen_silent)) | whole_group_silent)
        .order_by(TruncDate("scheduled_at"), "mentorship_id", "scheduled_at", "pk")
    )


def feedback_missing(
    *, mentorships: QuerySet[Mentorship], today: dt.date, limit: int | None = None
) -> list[MissingFeedback]:
    """Held meetings of working pairs whose reflection is past due for some participant (the first `limit`
    meetings' rows when given)."""
    return _missing_in(_feedback_meetings(mentorships, today, limit), today)


def _missing_in(held, today: dt.date) -> list[MissingFeedback]:
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
#
# Every kind is found in SQL and ordered there by (day, pair), so a page that shows the first few loads only those
# rows and counts the rest in the database; the number of queries does not depend on the number of pairs or meetings.


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


def _attention_pairs(organization, program_id: int | None) -> QuerySet[Mentorship]:
    pairs = Mentorship.objects.filter(program__organization=organization, status__in=ACTIVE_STATUSES)
    if program_id:
        pairs = pairs.filter(program_id=program_id)
    return pairs


def _sorted(items: list[AttentionItem]) -> list[AttentionItem]:
    return sorted(items, key=lambda i: (i.since, i.kind, i.mentorship.pk))


def attention_list(
    *, organization, today: dt.date, program_id: int | None = None, kind: str = ""
) -> list[AttentionItem]:
    """What the curator must look at in the organisation's working pairs, oldest trouble first (of one kind
    when `kind` is given)."""
    pairs = _attention_pairs(organization, program_id)
    items: list[AttentionItem] = []
    for code, finder in _FINDERS.items():
        if not kind or kind == code:
            items += finder(pairs, today, None)[0]
    return _sorted(items)


def attention_overview(
    *, organization, today: dt.date, limit: int, program_id: int | None = None
) -> tuple[list[AttentionItem], dict[str, int]]:
    """The first `limit` items of attention_list and how many there are of each kind; loads at most `limit`
    rows per kind (none when `limit` is 0) and counts in SQL."""
    items, counts = attention_loaded(organization=organization, today=today, limit=limit, program_id=program_id)
    return _sorted(items)[:limit], counts


def attention_loaded(
    *, organization, today: dt.date, limit: int, program_id: int | None = None
) -> tuple[list[AttentionItem], dict[str, int]]:
    """The first `limit` items of each kind (unsorted) and how many there are of each kind, in one query per
    kind: enough for the first `limit` items of the whole list or of any one kind (see AttentionRows)."""
    pairs = _attention_pairs(organization, program_id)
    items: list[AttentionItem] = []
    counts: dict[str, int] = {}
    for code, finder in _FINDERS.items():
        found, counts[code] = finder(pairs, today, limit)
        items += found
    return items, counts


class AttentionRows:
    """attention_list as a sequence for a Paginator: its length is counted in SQL and a slice loads only the items
    up to its end (at most that many rows per kind), so a page of the list does not read the whole list."""

    def __init__(
        self,
        *,
        organization,
        today: dt.date,
        program_id: int | None = None,
        kind: str = "",
        total: int,
        loaded: tuple[list[AttentionItem], int] | None = None,
    ):
        self.organization = organization
        self.today = today
        self.program_id = program_id
        self.kind = kind
        self.total = total
        # (items, limit) from attention_loaded: a slice that ends within `limit` is served from them, no query.
        self.loaded = loaded

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[AttentionItem]:
        start, stop, _step = index.indices(self.total)
        if self.loaded is not None and stop <= self.loaded[1]:
            kept = [i for i in self.loaded[0] if not self.kind or i.kind == self.kind]
            return _sorted(kept)[start:stop]
        pairs = _attention_pairs(self.organization, self.program_id)
        items: list[AttentionItem] = []
        for code, finder in _FINDERS.items():
            if not self.kind or self.kind == code:
                items += finder(pairs, self.today, stop)[0]
        return _sorted(items)[start:stop]


def _take(qs: QuerySet, limit: int | None) -> tuple[list, int | None]:
    """The rows to show (all when `limit` is None) and the count when it must come from SQL (else None)."""
    if limit is None:
        return list(qs), None
    if not limit:
        return [], qs.count()
    # The count rides along with the rows (a window over the whole filtered set, computed before LIMIT): one
    # query instead of two, the same number whatever the data; no rows means none at all.
    rows = list(qs.annotate(attention_total=Window(Count("*")))[:limit])
    return rows, (_total_of(rows[0]) if rows else 0)


def _total_of(row) -> int:
    return row["attention_total"] if isinstance(row, dict) else row.attention_total


def _no_meeting(pairs: QuerySet[Mentorship], today: dt.date, limit: int | None) -> tuple[list[AttentionItem], int]:
    annotated = (
        pairs.select_related("program", "mentor", "mentee")
        .annotate(last_held=Subquery(_last_held()))
        .annotate(base_on=Coalesce(TruncDate("last_held"), F("starts_on"), output_field=DateField()))
    )
    # rules.is_overdue: today > (last held day or start) + interval; one query per distinct interval of the
    # organisation's programmes (a handful), each ordered by that day.
    intervals = sorted(set(pairs.order_by().values_list("program__meeting_interval_days", flat=True).distinct()))
    rows: list[Mentorship] = []
    total = 0
    for interval in intervals:
        qs = annotated.filter(
            program__meeting_interval_days=interval, base_on__lt=today - dt.timedelta(days=interval)
        ).order_by("base_on", "pk")
        found, n = _take(qs, limit)
        rows += found
        total += len(found) if n is None else n
    items = []
    for m in rows:
        last = timezone.localdate(m.last_held) if m.last_held else None
        interval = m.program.meeting_interval_days
        if not rules.is_overdue(last_held_on=last, started_on=m.starts_on, interval_days=interval, today=today):
            continue
        if last is None:
            text = _("Пара %(pair)s ни разу не встречалась с %(d)s") % {"pair": m, "d": date_short(m.starts_on)}
        else:
            text = _("Пара %(pair)s не встречалась с %(d)s (норма — %(rule)s)") % {
                "pair": m,
                "d": date_short(last),
                "rule": interval_words(interval),
            }
        due = rules.next_due_date(last_held_on=last, started_on=m.starts_on, interval_days=interval)
        items.append(AttentionItem("no_meeting", m, text, due, _link(m, "meetings")))
    return items, total


def _feedback(pairs: QuerySet[Mentorship], today: dt.date, limit: int | None) -> tuple[list[AttentionItem], int]:
    by_meeting: dict[int, list[MissingFeedback]] = {}
    meetings: list[Meeting] = []
    if limit != 0:
        meetings = _feedback_meetings(pairs, today, limit)
        for row in _missing_in(meetings, today):
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
    if limit is None:
        total = len(items)
    elif limit:  # counted along with the rows (see _take)
        total = meetings[0].attention_total if meetings else 0
    else:
        total = feedback_pending(mentorships=pairs, today=today).count()
    return items, total


def _feedback_meetings(pairs: QuerySet[Mentorship], today: dt.date, limit: int | None) -> list[Meeting]:
    held = (
        feedback_pending(mentorships=pairs, today=today)
        .select_related("mentorship", "mentorship__mentor", "mentorship__mentee", "mentorship__program")
        .prefetch_related("participants", "reflections", "mentorship__members__person")
    )
    if limit is None:
        return list(held)
    return list(held.annotate(attention_total=Window(Count("*")))[:limit])


def _unmarked(pairs: QuerySet[Mentorship], today: dt.date, limit: int | None) -> tuple[list[AttentionItem], int]:
    """Planned meetings whose day has passed but nobody marked them held or missed."""
    stale = (
        Meeting.objects.filter(mentorship__in=pairs, status=Meeting.Status.PLANNED, scheduled_at__lt=_start_of(today))
        .select_related("mentorship", "mentorship__mentor", "mentorship__mentee")
        .order_by(TruncDate("scheduled_at"), "mentorship_id", "scheduled_at", "pk")
    )
    found, n = _take(stale, limit)
    items = []
    for meeting in found:
        day = timezone.localdate(meeting.scheduled_at)
        text = _("Встреча %(d)s («%(kind)s») пары %(pair)s не отмечена проведённой или сорвавшейся") % {
            "d": date_short(day),
            "kind": meeting.get_kind_display(),
            "pair": meeting.mentorship,
        }
        items.append(AttentionItem("unmarked", meeting.mentorship, text, day, _link(meeting.mentorship, "meetings")))
    return items, len(items) if n is None else n


def _steps(pairs: QuerySet[Mentorship], today: dt.date, limit: int | None) -> tuple[list[AttentionItem], int]:
    grouped = (
        GoalStep.objects.filter(goal__mentorship__in=pairs, done_on__isnull=True, deadline__lt=today)
        .values("goal__mentorship_id")
        .annotate(n=Count("id"), first=Min("deadline"))
        .order_by("first", "goal__mentorship_id")
    )
    rows, total = _take(grouped, limit)
    ids = [r["goal__mentorship_id"] for r in rows]
    pair_by_id = {m.pk: m for m in Mentorship.objects.filter(pk__in=ids).select_related("mentor", "mentee")}
    items = []
    for r in rows:
        m = pair_by_id[r["goal__mentorship_id"]]
        text = ngettext(
            "У пары %(pair)s просрочен %(n)d шаг к цели (срок был %(d)s)",
            "У пары %(pair)s просрочено шагов к цели: %(n)d (самый ранний срок %(d)s)",
            r["n"],
        ) % {"pair": m, "n": r["n"], "d": date_short(r["first"])}
        items.append(AttentionItem("step_overdue", m, text, r["first"], _link(m, "goals")))
    return items, len(items) if total is None else total


def _activities(pairs: QuerySet[Mentorship], today: dt.date, limit: int | None) -> tuple[list[AttentionItem], int]:
    overdue = (
        PlanActivity.objects.filter(plan__mentorship__in=pairs, done_on__isnull=True, deadline__lt=today)
        .select_related("plan__mentorship", "plan__mentorship__mentor", "plan__mentorship__mentee")
        .order_by("deadline", "plan__mentorship_id", "pk")
    )
    found, n = _take(overdue, limit)
    items = []
    for activity in found:
        m = activity.plan.mentorship
        text = _("Мероприятие программы пары %(pair)s «%(title)s» не выполнено к сроку %(d)s") % {
            "pair": m,
            "title": activity.title,
            "d": date_short(activity.deadline),
        }
        items.append(AttentionItem("activity_overdue", m, text, activity.deadline, _link(m, "plan")))
    return items, len(items) if n is None else n


def _change_requests(pairs: QuerySet[Mentorship], today: dt.date, limit: int | None) -> tuple[list[AttentionItem], int]:
    open_requests = (
        ChangeRequest.objects.filter(mentorship__in=pairs, status=ChangeRequest.Status.OPEN)
        .select_related("mentorship", "mentorship__mentor", "mentorship__mentee", "subject")
        .order_by(TruncDate("created_at"), "mentorship_id", "created_at", "pk")
    )
    found, n = _take(open_requests, limit)
    items = []
    for request in found:
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
    return items, len(items) if n is None else n


_FINDERS = {
    "no_meeting": _no_meeting,
    "feedback_missing": _feedback,
    "unmarked": _unmarked,
    "step_overdue": _steps,
    "activity_overdue": _activities,
    "change_request": _change_requests,
}


# --- calendars --------------------------------------------------------------------------------------------------


def calendar_meetings(*, person: Person) -> QuerySet[Meeting]:
    """A person's meetings for their calendar: as a participant of the pair or group, or as the curator of the
    programme at meetings the curator attends (the acquaintance and the final meeting)."""
    # perf: each branch by the meeting's pair through a subquery (joins OR-ed together scanned every meeting).
    own_pairs = Mentorship.objects.filter(
        Q(mentor=person)
        | Q(mentee=person)
        | Q(pk__in=MentorshipMember.objects.filter(person=person).values("mentorship_id"))
    ).values("pk")
    curated_pairs = Mentorship.objects.filter(program__curators=person).values("pk")
    mine = Q(mentorship_id__in=own_pairs) | Q(curator_present=True, mentorship_id__in=curated_pairs)
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
