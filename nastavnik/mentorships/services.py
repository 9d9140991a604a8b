"""Writes about a pair's work: the personalised programme, wishes and goals, meetings, requests, calendar tokens.

Every function is atomic and keyword-only; on bad input it raises ValidationError with a Russian message and
changes nothing. The rules themselves (durations, periods, deadlines) live in the pure module `rules.py`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nastavnik.documents.ru import date_short
from nastavnik.intake import services as intake_services
from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.mentorships import reflections, rules
from nastavnik.mentorships.models import (
    CalendarToken,
    ChangeRequest,
    Goal,
    GoalStep,
    Meeting,
    MemberChange,
    Mentorship,
    MentorshipMember,
    PersonalPlan,
    PlanActivity,
    Reflection,
    Wish,
    new_calendar_token,
)
from nastavnik.mentorships.selectors import interval_words, meeting_people, mentorship_people, person_side
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import consent_active
from nastavnik.programs.models import Kind as ProgramKind
from nastavnik.surveys.selectors import response_answer_values
from nastavnik.surveys.services import response_submit, survey_ensure

ACTIVE_STATUSES = (Mentorship.Status.PROPOSED, Mentorship.Status.CONFIRMED, Mentorship.Status.APPROVED)
MAX_WISHES = 5


def _require_active(mentorship: Mentorship) -> None:
    if mentorship.status not in ACTIVE_STATUSES:
        raise ValidationError(_("Пара завершила работу: изменения больше не вносятся."))


def _participant_ids(mentorship: Mentorship) -> set[int]:
    people = mentorship_people(mentorship=mentorship)
    return {p.pk for p in people["mentors"] + people["mentees"]}


# --- personalised programme -------------------------------------------------------------------------------------


@transaction.atomic
def mentorship_create(
    *,
    program,
    mentor: Person,
    mentees: list[Person],
    starts_on: dt.date,
    role_model=None,
    goal: str = "",
    status: str = Mentorship.Status.PROPOSED,
    origin: str = Mentorship.Origin.DIRECT,
    match_score: float | None = None,
    match_criteria: dict | None = None,
) -> Mentorship:
    """A new pair (one mentee) or group (the first mentee leads, the others join as members) of a programme.

    The one way a mentorship comes into being: matching forms pairs through here."""
    if not mentees:
        raise ValidationError(_("В паре или группе должен быть хотя бы один наставляемый."), code="no_mentee")
    lead, *others = mentees
    mentorship = Mentorship.objects.create(
        program=program,
        role_model=role_model,
        mentor=mentor,
        mentee=lead,
        status=status,
        starts_on=starts_on,
        goal=goal,
        origin=origin,
        match_score=match_score,
        match_criteria=match_criteria or {},
    )
    MentorshipMember.objects.bulk_create(
        [
            MentorshipMember(mentorship=mentorship, person=p, side=MentorshipMember.Side.MENTEE, joined_on=starts_on)
            for p in others
        ]
    )
    return mentorship


# --- the group's members after it was formed -------------------------------------------------------------------


def _locked_group(mentorship: Mentorship) -> Mentorship:
    """The group's row locked for the change (two curators at once add nobody twice), with its status read anew."""
    locked = (
        Mentorship.objects.select_for_update(of=("self",)).select_related("program__organization").get(pk=mentorship.pk)
    )
    if locked.status not in ACTIVE_STATUSES:
        raise ValidationError(_("Группа завершила работу: её состав больше не меняется."), code="closed")
    # A group: the programme's kind says so, or the pair already has further mentees (a group formed by hand).
    further = MentorshipMember.objects.filter(mentorship=locked, side=MentorshipMember.Side.MENTEE)
    if locked.program.kind != ProgramKind.GROUP and not further.exists():
        raise ValidationError(
            _("В программе «%(program)s» наставник работает с наставляемым один на один: состав меняют только у групп.")
            % {"program": locked.program.title},
            code="not_group",
        )
    return locked


def _member_change(
    *, mentorship: Mentorship, person: Person, side: str, kind: str, on: dt.date, reason: str = "", by=None
) -> MemberChange:
    return MemberChange.objects.create(
        mentorship=mentorship, person=person, side=side, kind=kind, on=on, reason=reason[:300], by=by
    )


@transaction.atomic
def member_add(*, mentorship: Mentorship, person: Person, on: dt.date | None = None, by=None) -> MentorshipMember:
    """A mentee joins a formed group. Saving the member row sends them the entry instruments (monitoring's
    receiver); their waiting request in the mentee base is answered («Наставник подобран»)."""
    group = _locked_group(mentorship)
    organization = group.program.organization
    on = on or timezone.localdate()
    if person.organization_id != organization.pk:
        raise ValidationError(
            _("%(person)s не относится к организации «%(org)s».")
            % {"person": person.short_name, "org": organization.short_name},
            code="person_other_org",
        )
    if person.pk in _participant_ids(group):
        raise ValidationError(
            _("%(person)s уже состоит в этой группе.") % {"person": person.short_name}, code="already_member"
        )
    elsewhere = Mentorship.objects.filter(program=group.program, status__in=ACTIVE_STATUSES).filter(
        Q(mentee=person) | Q(members__person=person, members__side=MentorshipMember.Side.MENTEE)
    )
    if elsewhere.exists():
        raise ValidationError(
            _("%(person)s уже состоит в паре или группе этой программы.") % {"person": person.short_name},
            code="already_paired",
        )
    if not consent_active(person=person, purpose=Consent.Purpose.PARTICIPATION):
        if person.is_minor:
            message = _(
                "Нельзя добавить %(person)s в группу: нет действующего согласия законного представителя на участие "
                "в программе наставничества."
            )
        else:
            message = _(
                "Нельзя добавить %(person)s в группу: нет действующего согласия на участие в программе наставничества."
            )
        raise ValidationError(message % {"person": person.short_name}, code="consent_missing")
    member = MentorshipMember.objects.create(
        mentorship=group, person=person, side=MentorshipMember.Side.MENTEE, joined_on=on
    )
    _member_change(mentorship=group, person=person, side=member.side, kind=MemberChange.Kind.JOINED, on=on, by=by)
    waiting = MenteeRequest.objects.filter(
        person=person,
        organization=organization,
        status__in=[MenteeRequest.Status.IN_BASE, MenteeRequest.Status.SEARCHING],
    )
    for request in waiting:
        intake_services.request_status_set(request=request, status=MenteeRequest.Status.MATCHED, changed_by=by)
    return member


@transaction.atomic
def member_remove(*, mentorship: Mentorship, person: Person, reason: str, on: dt.date | None = None, by=None) -> None:
    """A mentee leaves the group before it ends, for a stated reason; their request goes back to the search.
    The first mentee is a column of the group itself: they leave it by a request to change the mentor."""
    group = _locked_group(mentorship)
    if not reason.strip():
        raise ValidationError(_("Укажите, почему участник выбывает из группы."), code="reason_missing")
    if person.pk == group.mentee_id:
        raise ValidationError(
            _(
                "%(person)s — первый наставляемый группы: вывести его из состава можно только вместе с завершением "
                "группы или по обращению о замене наставника."
            )
            % {"person": person.short_name},
            code="lead_mentee",
        )
    member = MentorshipMember.objects.filter(mentorship=group, person=person, side=MentorshipMember.Side.MENTEE).first()
    if member is None:
        raise ValidationError(
            _("%(person)s не состоит в этой группе как наставляемый.") % {"person": person.short_name},
            code="not_member",
        )
    member.delete()
    _member_change(
        mentorship=group,
        person=person,
        side=MentorshipMember.Side.MENTEE,
        kind=MemberChange.Kind.LEFT,
        on=on or timezone.localdate(),
        reason=reason.strip(),
        by=by,
    )
    _return_to_base(mentorship=group, mentee=person, by=by)


@transaction.atomic
def plan_save(
    *,
    mentorship: Mentorship,
    starts_on: dt.date,
    ends_on: dt.date,
    difficulties: str = "",
    strengths: str = "",
    directions: str = "",
    expected_results: str = "",
    kind: str = "",
    contact_mode: str = "",
    meetings_planned: int | None = None,
    meetings_format: str = "",
) -> PersonalPlan:
    """Create the pair's programme or update it; changing an approved programme sends it back for approval."""
    _require_active(mentorship)
    error = rules.plan_period_error(starts_on=starts_on, ends_on=ends_on)
    if error == "short":
        raise ValidationError(_("Персонализированная программа рассчитана не меньше чем на 3 месяца."))
    if error == "long":
        raise ValidationError(_("Персонализированная программа рассчитана не больше чем на год."))
    plan = PersonalPlan.objects.filter(mentorship=mentorship).first() or PersonalPlan(mentorship=mentorship)
    plan.starts_on, plan.ends_on = starts_on, ends_on
    plan.difficulties, plan.strengths = difficulties.strip(), strengths.strip()
    plan.directions, plan.expected_results = directions.strip(), expected_results.strip()
    plan.kind = kind or plan.kind or mentorship.program.kind
    plan.contact_mode = contact_mode or plan.contact_mode or PersonalPlan._meta.get_field("contact_mode").default
    plan.meetings_planned, plan.meetings_format = meetings_planned, meetings_format.strip()
    plan.approved_on = None
    plan.save()
    return plan


@transaction.atomic
def plan_approve(*, plan: PersonalPlan, on: dt.date) -> PersonalPlan:
    plan.approved_on = on
    plan.save(update_fields=["approved_on", "updated_at"])
    return plan


@transaction.atomic
def plan_activity_add(
    *, plan: PersonalPlan, title: str, deadline: dt.date, responsible: str = "", result: str = ""
) -> PlanActivity:
    _require_active(plan.mentorship)
    if not title.strip():
        raise ValidationError(_("Укажите мероприятие."))
    if not plan.starts_on <= deadline <= plan.ends_on:
        raise ValidationError(
            _("Срок мероприятия должен входить в период программы: с %(a)s по %(b)s.")
            % {"a": date_short(plan.starts_on), "b": date_short(plan.ends_on)}
        )
    return PlanActivity.objects.create(
        plan=plan,
        title=title.strip(),
        deadline=deadline,
        responsible=responsible or PlanActivity.Responsible.BOTH,
        result=result.strip(),
    )


@transaction.atomic
def plan_activity_done(*, activity: PlanActivity, on: dt.date | None) -> PlanActivity:
    """Mark done on a day, or pass None to reopen."""
    activity.done_on = on
    activity.save(update_fields=["done_on"])
    return activity


# --- wishes and goals -------------------------------------------------------------------------------------------


@transaction.atomic
def wish_add(
    *,
    mentorship: Mentorship,
    person: Person,
    text: str,
    resources_have: str = "",
    resources_lack: str = "",
    measure: str = "",
    duration_text: str = "",
) -> Wish:
    _require_active(mentorship)
    # cycle: the wish table is the mentee's («Что я хочу, чтобы у меня было?»), whoever types it in.
    if person.pk not in {p.pk for p in mentorship_people(mentorship=mentorship)["mentees"]}:
        raise ValidationError(_("Таблица желаний — наставляемого: выберите, чьи это желания."))
    if not text.strip():
        raise ValidationError(_("Сформулируйте желание: «Что я хочу, чтобы у меня было?»"))
    taken = set(Wish.objects.filter(mentorship=mentorship, person=person).values_list("number", flat=True))
    free = [n for n in range(1, MAX_WISHES + 1) if n not in taken]
    if not free:
        raise ValidationError(_("В таблице желаний уже пять строк."))
    return Wish.objects.create(
        mentorship=mentorship,
        person=person,
        number=free[0],
        text=text.strip(),
        resources_have=resources_have.strip(),
        resources_lack=resources_lack.strip(),
        measure=measure.strip(),
        duration_text=duration_text.strip(),
    )


@transaction.atomic
def wish_delete(*, wish: Wish) -> None:
    _require_active(wish.mentorship)
    wish.delete()


@transaction.atomic
def goal_create(
    *, mentorship: Mentorship, title: str, desired_result: str = "", indicator: str = "", wish: Wish | None = None
) -> Goal:
    _require_active(mentorship)
    if not title.strip():
        raise ValidationError(_("Сформулируйте цель."))
    if wish is not None and wish.mentorship_id != mentorship.pk:
        raise ValidationError(_("Желание относится к другой паре."))
    # Lock the pair's goals while numbering, so two people adding goals at once do not both take № N.
    list(Goal.objects.select_for_update().filter(mentorship=mentorship).values_list("pk", flat=True))
    number = (Goal.objects.filter(mentorship=mentorship).aggregate(n=Max("number"))["n"] or 0) + 1
    return Goal.objects.create(
        mentorship=mentorship,
        number=number,
        title=title.strip(),
        desired_result=desired_result.strip(),
        indicator=indicator.strip(),
        wish=wish,
    )


@transaction.atomic
def goal_from_wish(*, wish: Wish) -> Goal:
    """The planning meeting's step «желания → цели»: the wish becomes goal № N, its measure the indicator."""
    if wish.goals.exists():
        raise ValidationError(_("По этому желанию цель уже поставлена."))
    return goal_create(mentorship=wish.mentorship, title=wish.text, indicator=wish.measure, wish=wish)


@transaction.atomic
def goal_step_add(*, goal: Goal, text: str, deadline: dt.date | None) -> GoalStep:
    _require_active(goal.mentorship)
    if not text.strip():
        raise ValidationError(_("Опишите шаг."))
    return GoalStep.objects.create(goal=goal, text=text.strip(), deadline=deadline)


@transaction.atomic
def goal_step_done(*, step: GoalStep, on: dt.date | None, mark: str = "") -> GoalStep:
    """Mark the step done (with the completion mark of the goal map), or pass on=None to reopen it."""
    step.done_on = on
    step.mark = mark.strip() if on else ""
    step.save(update_fields=["done_on", "mark"])
    return step


# --- meetings ---------------------------------------------------------------------------------------------------


def _validate_meeting(
    *,
    mentorship: Mentorship,
    kind: str,
    fmt: str,
    minutes: int,
    curator_present: bool,
    scheduled_at: dt.datetime | None = None,
    exclude_pk: int | None = None,
) -> None:
    label = Meeting.Kind(kind).label
    for error in rules.duration_errors(kind=kind, fmt=fmt, minutes=minutes):
        bound, n = error.split(":")
        if bound == "min":
            raise ValidationError(_("Очная встреча «%(kind)s» длится не меньше %(n)s мин.") % {"kind": label, "n": n})
        raise ValidationError(_("Очная встреча «%(kind)s» длится не больше %(n)s мин.") % {"kind": label, "n": n})
    if not 5 <= minutes <= 480:
        raise ValidationError(_("Длительность встречи — от 5 минут до 8 часов."))
    if rules.curator_required(kind) and not curator_present:
        raise ValidationError(_("На встрече «%(kind)s» присутствует куратор: отметьте его участие.") % {"kind": label})
    active = Meeting.objects.filter(
        mentorship=mentorship, status__in=[Meeting.Status.PLANNED, Meeting.Status.HELD]
    ).exclude(pk=exclude_pk)
    if rules.kind_conflict(kind=kind, active_kinds=list(active.values_list("kind", flat=True))):
        raise ValidationError(_("У пары уже есть встреча «%(kind)s».") % {"kind": label})
    if scheduled_at is not None:
        _refuse_overlap(mentorship=mentorship, start=scheduled_at, minutes=minutes, exclude_pk=exclude_pk)


def _refuse_overlap(*, mentorship: Mentorship, start: dt.datetime, minutes: int, exclude_pk: int | None) -> None:
    """cycle: one pair cannot be at two meetings at once. Nearby planned or held meetings are compared in Python
    (a day either side is enough: a meeting lasts at most 8 hours)."""
    window = dt.timedelta(days=1)
    nearby = Meeting.objects.filter(
        mentorship=mentorship,
        status__in=[Meeting.Status.PLANNED, Meeting.Status.HELD],
        scheduled_at__gt=start - window,
        scheduled_at__lt=start + window,
    ).exclude(pk=exclude_pk)
    for other in nearby:
        if rules.overlaps(
            start=start, minutes=minutes, other_start=other.scheduled_at, other_minutes=other.duration_minutes
        ):
            local = timezone.localtime(other.scheduled_at)
            raise ValidationError(
                _("В это время у пары уже есть встреча: %(kind)s %(d)s в %(t)s, %(n)s мин.")
                % {
                    "kind": other.get_kind_display().lower(),
                    "d": date_short(local.date()),
                    "t": local.strftime("%H:%M"),
                    "n": other.duration_minutes,
                },
                code="overlap",
            )


def meeting_interval_warning(*, mentorship: Mentorship, scheduled_at: dt.datetime) -> str:
    """cycle: «Встречи проводятся не реже одного раза в две недели», checked when planning: the warning for a
    meeting planned further than the programme's interval after the pair's previous meeting (or its start);
    empty when the rule holds."""
    day = timezone.localdate(scheduled_at)
    previous = (
        Meeting.objects.filter(
            mentorship=mentorship,
            status__in=[Meeting.Status.PLANNED, Meeting.Status.HELD],
            scheduled_at__lt=scheduled_at,
        )
        .order_by("-scheduled_at")
        .values_list("scheduled_at", flat=True)
        .first()
    )
    anchor = timezone.localdate(previous) if previous else mentorship.starts_on
    # A gap already in the past cannot be mended by the date chosen now (the status alert shows it): count from
    # today at the earliest.
    today = timezone.localdate()
    since = _("предыдущей встречи") if previous else _("начала работы пары")
    if anchor < today:
        anchor, since = today, _("сегодняшнего дня")
    interval = mentorship.program.meeting_interval_days
    if not rules.interval_gap_days(anchor=anchor, planned_on=day, interval_days=interval):
        return ""
    gap = (day - anchor).days
    return _(
        "Перерыв между встречами — %(gap)s: от %(since)s (%(a)s) до %(d)s, а встречи проводятся %(rule)s. "
        "Выберите дату раньше или подтвердите, что планируете встречу всё равно."
    ) % {
        "gap": ngettext("%(n)s день", "%(n)s дней", gap) % {"n": gap},
        "since": since,
        "a": date_short(anchor),
        "d": date_short(day),
        "rule": interval_words(interval),
    }


@transaction.atomic
def meeting_schedule(
    *,
    mentorship: Mentorship,
    kind: str,
    scheduled_at: dt.datetime,
    fmt: str = Meeting.Format.IN_PERSON,
    duration_minutes: int | None = None,
    place: str = "",
    topic: str = "",
    curator_present: bool | None = None,
    participants: list[Person] | None = None,
    by=None,
    accept_gap: bool = False,
) -> Meeting:
    """Plan a meeting; unset duration and curator flag take the kind's defaults from seed 000.

    A meeting further than the programme's interval from the previous one is refused with code 'interval_gap'
    unless `accept_gap` (the planner saw the warning and chose to go on)."""
    _require_active(mentorship)
    rule = rules.KIND_RULES[kind]
    minutes = duration_minutes or rule.default_minutes
    curator = rule.curator_default if curator_present is None else curator_present
    _validate_meeting(
        mentorship=mentorship, kind=kind, fmt=fmt, minutes=minutes, curator_present=curator, scheduled_at=scheduled_at
    )
    if not accept_gap:
        warning = meeting_interval_warning(mentorship=mentorship, scheduled_at=scheduled_at)
        if warning:
            raise ValidationError(warning, code="interval_gap")
    chosen = list(participants or [])
    if chosen and not {p.pk for p in chosen} <= _participant_ids(mentorship):
        raise ValidationError(_("На встречу приглашают только участников группы."))
    meeting = Meeting.objects.create(
        mentorship=mentorship,
        kind=kind,
        format=fmt,
        scheduled_at=scheduled_at,
        duration_minutes=minutes,
        place=place.strip(),
        topic=topic.strip(),
        curator_present=curator,
        status_changed_by=by,
    )
    # Everyone invited is the same as nobody listed: the whole group.
    if chosen and len({p.pk for p in chosen}) < len(_participant_ids(mentorship)):
        meeting.participants.set(chosen)
    _after_commit_schedule_reminders(meeting)
    return meeting


def _after_commit_schedule_reminders(meeting: Meeting) -> None:
    from nastavnik.mentorships.reminders import schedule_meeting_reminders

    transaction.on_commit(lambda: schedule_meeting_reminders(meeting_id=meeting.pk))


def _require_planned(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Это можно сделать только с запланированной встречей."))


def _set_status(meeting: Meeting, status: str, *, by, now: dt.datetime, reason: str = "") -> None:
    meeting.status = status
    meeting.status_changed_at = now
    meeting.status_changed_by = by
    fields = ["status", "status_changed_at", "status_changed_by"]
    if reason:
        meeting.reason = reason
        fields.append("reason")
    meeting.save(update_fields=fields)


@transaction.atomic
def meeting_reschedule(
    *, meeting: Meeting, scheduled_at: dt.datetime, reason: str = "", by=None, now: dt.datetime | None = None
) -> Meeting:
    """The old meeting stays as «перенесена» and the new one points back at it."""
    now = now or timezone.now()
    _require_planned(meeting)
    _require_active(meeting.mentorship)
    if scheduled_at == meeting.scheduled_at:
        raise ValidationError(_("Укажите новую дату или время встречи."))
    _refuse_overlap(
        mentorship=meeting.mentorship, start=scheduled_at, minutes=meeting.duration_minutes, exclude_pk=meeting.pk
    )
    _set_status(meeting, Meeting.Status.RESCHEDULED, by=by, now=now, reason=reason.strip())
    new = Meeting.objects.create(
        mentorship=meeting.mentorship,
        kind=meeting.kind,
        format=meeting.format,
        scheduled_at=scheduled_at,
        duration_minutes=meeting.duration_minutes,
        place=meeting.place,
        topic=meeting.topic,
        curator_present=meeting.curator_present,
        rescheduled_from=meeting,
        status_changed_by=by,
    )
    new.participants.set(meeting.participants.all())
    _after_commit_schedule_reminders(new)
    return new


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, by=None, now: dt.datetime | None = None) -> Meeting:
    _require_planned(meeting)
    if not reason.strip():
        raise ValidationError(_("Укажите причину отмены."))
    _set_status(meeting, Meeting.Status.CANCELLED, by=by, now=now or timezone.now(), reason=reason.strip())
    return meeting


@transaction.atomic
def meeting_hold(
    *, meeting: Meeting, notes: str = "", curator_present: bool | None = None, by=None, now: dt.datetime | None = None
) -> Meeting:
    """Mark the meeting held. A held acquaintance does not confirm the pair by itself: both sides answer
    «Готовы ли мы работать друг с другом?» in their diaries (see `reflection_submit`)."""
    now = now or timezone.now()
    _require_planned(meeting)
    if not rules.can_mark_outcome(scheduled_at=meeting.scheduled_at, now=now):
        raise ValidationError(_("Встречу можно отметить проведённой только после её начала."))
    if curator_present is not None:
        meeting.curator_present = curator_present
    if rules.curator_required(meeting.kind) and not meeting.curator_present:
        raise ValidationError(_("Встреча «%(kind)s» проводится с куратором.") % {"kind": meeting.get_kind_display()})
    meeting.notes = notes.strip() or meeting.notes
    meeting.save(update_fields=["notes", "curator_present"])
    _set_status(meeting, Meeting.Status.HELD, by=by, now=now)
    from nastavnik.mentorships.reminders import schedule_feedback_reminders

    transaction.on_commit(lambda: schedule_feedback_reminders(meeting_id=meeting.pk))
    return meeting


@transaction.atomic
def meeting_miss(*, meeting: Meeting, reason: str = "", by=None, now: dt.datetime | None = None) -> Meeting:
    now = now or timezone.now()
    _require_planned(meeting)
    if not rules.can_mark_outcome(scheduled_at=meeting.scheduled_at, now=now):
        raise ValidationError(_("Отметить, что встреча не состоялась, можно только после её начала."))
    _set_status(meeting, Meeting.Status.MISSED, by=by, now=now, reason=reason.strip())
    return meeting


@transaction.atomic
def mentorship_complete(*, mentorship: Mentorship, on: dt.date, reason: str = "", by=None) -> Mentorship:
    """Close the pair after its final meeting («принять решение … о продолжении … или его завершении»).

    Before the programme's minimum duration (seeds 000, 004: 3 months) closing is a premature closure: it needs
    a reason and the pair ends as «прекращена досрочно». The mentees' requests are closed either way."""
    _require_active(mentorship)
    minimum = mentorship.program.min_duration_months
    if rules.premature(starts_on=mentorship.starts_on, on=on, min_months=minimum):
        if not reason.strip():
            earliest = rules.add_months(mentorship.starts_on, minimum)
            raise ValidationError(
                _(
                    "Пара работает меньше установленного срока (%(n)s мес., с %(a)s): завершить её можно не "
                    "раньше %(b)s. Закрыть пару сейчас — досрочное прекращение: укажите причину."
                )
                % {"n": minimum, "a": date_short(mentorship.starts_on), "b": date_short(earliest)},
                code="premature",
            )
        mentorship.status = Mentorship.Status.TERMINATED
        mentorship.end_reason = (_("Досрочно: %(reason)s") % {"reason": reason.strip()})[:300]
    else:
        if not mentorship.meetings.filter(kind=Meeting.Kind.FINAL, status=Meeting.Status.HELD).exists():
            raise ValidationError(_("Пару завершают после итоговой встречи."))
        mentorship.status = Mentorship.Status.COMPLETED
        mentorship.end_reason = reason.strip() or _("Программа выполнена")
    mentorship.ends_on = max(on, mentorship.starts_on)
    mentorship.save(update_fields=["status", "ends_on", "end_reason"])
    mentorship.meetings.filter(status=Meeting.Status.PLANNED).update(
        status=Meeting.Status.CANCELLED, reason=_("Пара завершила работу")
    )
    _close_requests(mentorship=mentorship, by=by)
    return mentorship


def _close_requests(*, mentorship: Mentorship, by=None) -> None:
    """cycle: the mentees' requests answered by this pair move on from «Наставник подобран» to «Закрыт»."""
    mentee_ids = [p.pk for p in mentorship_people(mentorship=mentorship)["mentees"]]
    matched = MenteeRequest.objects.filter(
        person_id__in=mentee_ids,
        organization_id=mentorship.program.organization_id,
        status=MenteeRequest.Status.MATCHED,
    )
    for request in matched:
        intake_services.request_status_set(request=request, status=MenteeRequest.Status.CLOSED, changed_by=by)


@transaction.atomic
def meeting_record_results(*, meeting: Meeting, text: str) -> Meeting:
    """cycle: seed 000, trial meeting — «Роль куратора: после встречи зафиксировать ее результаты»."""
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Результаты фиксируют после проведённой встречи."))
    if not text.strip():
        raise ValidationError(_("Запишите результаты встречи."))
    meeting.curator_results = text.strip()
    meeting.save(update_fields=["curator_results"])
    return meeting


# --- diaries ---------------------------------------------------------------------------------------------------


def reflection_version(*, kind: str):
    """The kind's diary questionnaire, installed on first use (idempotent: a new version only if changed)."""
    return survey_ensure(spec=reflections.spec_for(kind))


@transaction.atomic
def reflection_submit(*, meeting: Meeting, person: Person, answers: dict, submitted_by=None) -> Reflection:
    """One participant's answers after a held meeting, stored through the questionnaire engine.

    Refuses without the questionnaires consent (the engine's message). After the final meeting a mentee's «yes»
    to «Хотели бы вы стать наставником?» puts them into the mentor base as a candidate for the next cycle."""
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Дневник заполняют после проведённой встречи."))
    side = person_side(mentorship=meeting.mentorship, person_id=person.pk)
    if side is None or person.pk not in {p.pk for p in meeting_people(meeting=meeting)}:
        raise ValidationError(_("Дневник встречи заполняют её участники."))
    if Reflection.objects.filter(meeting=meeting, person=person).exists():
        raise ValidationError(_("Вы уже заполнили дневник этой встречи."))
    response = response_submit(
        version=reflection_version(kind=meeting.kind),
        answers=answers,
        respondent=person,
        subject=meeting,
        submitted_by=submitted_by,
        organization=meeting.mentorship.program.organization,
    )
    reflection = Reflection.objects.create(meeting=meeting, person=person, side=side, response=response)
    if meeting.kind == Meeting.Kind.ACQUAINTANCE:
        _confirm_if_ready(meeting=meeting)
    if meeting.kind == Meeting.Kind.FINAL and side == "mentee":
        values = response_answer_values(response=response)
        if values.get(reflections.FINAL_BECOME_MENTOR) is True:
            _mentor_candidate_from_final(mentorship=meeting.mentorship, person=person, by=submitted_by)
    return reflection


def acquaintance_readiness(
    *, meeting: Meeting, people: dict[str, list] | None = None
) -> dict[str, list[tuple[Person, bool | None]]]:
    """Each participant's answer to «Готовы ли мы работать друг с другом?» after the acquaintance, by side
    (None: the diary is not written yet)."""
    from nastavnik.surveys.models import Answer

    # Two queries whatever the size of the group (not one per diary entry).
    written = list(Reflection.objects.filter(meeting=meeting).values_list("person_id", "response_id"))
    ready = dict(
        Answer.objects.filter(
            response_id__in=[r for _p, r in written if r], question__code=reflections.ACQUAINTANCE_READY
        ).values_list("response_id", "value")
    )
    answers: dict[int, bool | None] = {person_id: ready.get(response_id) for person_id, response_id in written}
    # `people`: the pair's mentorship_people when the caller has them already (the pair's page).
    people = people or mentorship_people(mentorship=meeting.mentorship)
    chosen = list(meeting.participants.all())  # as meeting_people: the chosen participants or the whole group
    invited = {p.pk for p in (chosen or people["mentors"] + people["mentees"])}
    return {
        side: [(p, answers.get(p.pk)) for p in people[key] if p.pk in invited]
        for side, key in (("mentor", "mentors"), ("mentee", "mentees"))
    }


def _confirm_if_ready(*, meeting: Meeting) -> None:
    """cycle: seed 000 — «участники проговорили, что они готовы работать друг с другом». A proposed pair becomes
    confirmed when every participant of the held acquaintance, on both sides, has answered yes."""
    mentorship = meeting.mentorship
    if mentorship.status != Mentorship.Status.PROPOSED:
        return
    readiness = acquaintance_readiness(meeting=meeting)
    answers = {side: [answer for _p, answer in rows] for side, rows in readiness.items()}
    if rules.acquaintance_confirmed(answers=answers):
        mentorship.status = Mentorship.Status.CONFIRMED
        mentorship.save(update_fields=["status"])


# A mentee who wants to mentor joins the base in the category their person record has; staff mentees are teachers.
_CANDIDATE_CATEGORY = {
    Person.Category.PUPIL: MentorCandidate.Category.PUPIL,
    Person.Category.STUDENT: MentorCandidate.Category.STUDENT,
    Person.Category.TEACHER: MentorCandidate.Category.TEACHER,
    Person.Category.PARENT: MentorCandidate.Category.PARENT,
    Person.Category.GRADUATE: MentorCandidate.Category.GRADUATE,
    Person.Category.EMPLOYER: MentorCandidate.Category.EMPLOYER,
}


def _mentor_candidate_from_final(*, mentorship: Mentorship, person: Person, by=None) -> MentorCandidate | None:
    organization = mentorship.program.organization
    existing = MentorCandidate.objects.filter(person=person, organization=organization).first()
    category = _CANDIDATE_CATEGORY.get(person.category)
    if existing is not None or category is None:
        return existing
    try:
        # A savepoint: if the base refuses (no participation consent), the diary entry itself is still kept.
        with transaction.atomic():
            return intake_services.candidate_create(
                person=person,
                organization=organization,
                category=category,
                motivation=_("Итоговая встреча пары %(pair)s: хочет стать наставником") % {"pair": mentorship},
                created_by=by,
            )
    except ValidationError:
        return None


# --- change of mentor -------------------------------------------------------------------------------------------


@transaction.atomic
def change_request_create(
    *, mentorship: Mentorship, requested_by: Person, subject: Person, side: str, reason: str
) -> ChangeRequest:
    """A mentee asks for another mentor, a mentor asks to be released (seed 004 §7); a guardian asks for a ward."""
    _require_active(mentorship)
    people = mentorship_people(mentorship=mentorship)
    side_people = {p.pk for p in people["mentors" if side == "mentor" else "mentees"]}
    if subject.pk not in side_people:
        raise ValidationError(_("Обратиться можно только о своём участии в паре."))
    if not reason.strip():
        raise ValidationError(_("Опишите причину обращения."))
    if ChangeRequest.objects.filter(mentorship=mentorship, subject=subject, status=ChangeRequest.Status.OPEN).exists():
        raise ValidationError(_("Обращение уже подано и ждёт решения куратора."))
    return ChangeRequest.objects.create(
        mentorship=mentorship, requested_by=requested_by, subject=subject, side=side, reason=reason.strip()
    )


@transaction.atomic
def change_request_decide(
    *, request: ChangeRequest, approve: bool, note: str = "", by=None, now: dt.datetime | None = None
) -> ChangeRequest:
    """The curator's decision. Approval ends the subject's part in the pair: a group member leaves the group;
    the lead mentor or the lead mentee ends the pair. Mentees left without a mentor go back to the mentee base
    with the search going on, for re-matching on the matching screen."""
    now = now or timezone.now()
    if request.status != ChangeRequest.Status.OPEN:
        raise ValidationError(_("По этому обращению решение уже принято."))
    if not approve and not note.strip():
        raise ValidationError(_("Объясните, почему обращение отклонено."))
    request.status = ChangeRequest.Status.APPROVED if approve else ChangeRequest.Status.REJECTED
    request.decided_by, request.decided_at, request.decision_note = by, now, note.strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if approve:
        _release(request=request, today=timezone.localdate(now), by=by)
    return request


def _release(*, request: ChangeRequest, today: dt.date, by=None) -> None:
    mentorship = request.mentorship
    member = MentorshipMember.objects.filter(mentorship=mentorship, person=request.subject).first()
    if member is not None:
        member.delete()
        _member_change(
            mentorship=mentorship,
            person=request.subject,
            side=member.side,
            kind=MemberChange.Kind.LEFT,
            on=today,
            reason=(_("Обращение удовлетворено: %(note)s") % {"note": request.decision_note})
            if request.decision_note
            else _("Обращение удовлетворено"),
            by=by,
        )
        if request.side == "mentee":
            _return_to_base(mentorship=mentorship, mentee=request.subject, by=by)
        return
    people = mentorship_people(mentorship=mentorship)
    mentorship.status = Mentorship.Status.TERMINATED
    mentorship.ends_on = max(today, mentorship.starts_on)
    label = _("замена наставника") if request.side == "mentee" else _("наставник освобождён от обязанностей")
    mentorship.end_reason = (_("Обращение: %(what)s") % {"what": label})[:300]
    mentorship.save(update_fields=["status", "ends_on", "end_reason"])
    mentorship.meetings.filter(status=Meeting.Status.PLANNED).update(
        status=Meeting.Status.CANCELLED, reason=_("Пара прекратила работу")
    )
    for mentee in people["mentees"]:
        _return_to_base(mentorship=mentorship, mentee=mentee, by=by)


def _return_to_base(*, mentorship: Mentorship, mentee: Person, by=None) -> None:
    """The mentee's matched request goes back to «поиск наставника продолжается», which puts them on the matching
    screen again. A pair made without a request (by hand) has nothing to return; the curator sees the ended pair."""
    matched = MenteeRequest.objects.filter(
        person=mentee, organization_id=mentorship.program.organization_id, status=MenteeRequest.Status.MATCHED
    )
    for request in matched:
        try:
            intake_services.request_status_set(request=request, status=MenteeRequest.Status.SEARCHING, changed_by=by)
        except ValidationError:
            # Consent has lapsed: the person may not re-enter the base, and the pair still ends.
            continue


# --- calendar ---------------------------------------------------------------------------------------------------


@transaction.atomic
def calendar_token_ensure(*, person: Person) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(person=person)
    return token


@transaction.atomic
def calendar_token_rotate(*, person: Person) -> CalendarToken:
    """A new secret: every calendar subscribed with the old link stops receiving meetings."""
    token, _created = CalendarToken.objects.get_or_create(person=person)
    token.token = new_calendar_token()
    token.save(update_fields=["token", "created_at"])
    return token
