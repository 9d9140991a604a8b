"""What every view of the pair's page shares: loading the pair with the policy check, the page context, and the
answer to a write (an HTMX partial, or a redirect / full page without JS)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik import policy
from nastavnik.mentorships import forms, rules, selectors
from nastavnik.mentorships.agenda import KINDS
from nastavnik.mentorships.models import Meeting, Mentorship, MentorshipMember, PersonalPlan, Reflection
from nastavnik.people.picker import picked_into
from nastavnik.privacy.services import access_log_record_many
from nastavnik.programs.models import Kind as ProgramKind

SECTIONS = ("plan", "goals", "meetings", "diary", "change", "members")
# A write in one section changes what others show: holding a meeting opens a diary entry and moves the due date.
# The header (the pair's status) is refreshed with the rest: a change of mentor or a completion changes it.
ALSO_REFRESH = {
    "meetings": ("diary", "status", "header"),
    "change": ("meetings", "status", "header"),
    "goals": ("status",),
    # groups: a member who joins or leaves changes the people listed, the meeting form's participants and the diary.
    "members": ("people", "meetings", "diary"),
}


def load_mentorship(request: HttpRequest, pk: int, action: policy.Action) -> Mentorship:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related(
            "program", "program__organization", "program__form", "role_model", "mentor", "mentee"
        ),
        pk=pk,
    )
    policy.require(request.user, action, mentorship)
    return mentorship


def load_meeting(request: HttpRequest, pk: int, action: policy.Action) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("mentorship"), pk=pk)
    meeting.mentorship = load_mentorship(request, meeting.mentorship_id, action)
    return meeting


def actor_side(request: HttpRequest, mentorship: Mentorship) -> str | None:
    return policy.mentorship_side(policy.actor_for(request.user), mentorship)


def require_mark_outcome(request: HttpRequest, mentorship: Mentorship) -> None:
    policy.require(request.user, policy.Action.MENTORSHIP_WORK, mentorship)
    if not policy.can(request.user, policy.Action.MENTORSHIP_MARK_OUTCOME, mentorship):
        raise PermissionDenied(_("Отметить встречу проведённой может наставник или куратор."))


def own_person(request: HttpRequest):
    return getattr(request.user, "person", None)


def page_context(request: HttpRequest, m: Mentorship, bound: dict | None = None) -> dict:
    """Everything the pair's page and its partials show; `bound` replaces a blank form with one holding errors."""
    user = request.user
    actor = policy.actor_for(user)
    today = timezone.localdate()
    side = policy.mentorship_side(actor, m)
    people = selectors.mentorship_people(mentorship=m)
    group = len(people["mentors"]) + len(people["mentees"]) > 2
    plan = PersonalPlan.objects.filter(mentorship=m).first()
    me = own_person(request)
    meetings = selectors.meetings_of(mentorship=m)
    for meeting in meetings:
        meeting.info = KINDS[meeting.kind]
    can_work = policy.can(user, policy.Action.MENTORSHIP_WORK, m) and m.status in selectors.ACTIVE_STATUSES
    # cycle: wishes are the mentee's, whoever types them.
    wish_people = [me] if me and side == "mentee" else people["mentees"]
    change_requests = list(selectors.change_requests_of(mentorship=m))
    for r in change_requests:
        r.reason_visible = policy.may_read_change_reason(user, r)
    ctx = {
        "m": m,
        "people": people,
        "is_group": group,
        "side": side,
        "today": today,
        "now": timezone.now(),
        "can_work": can_work,
        "can_manage": policy.can(user, policy.Action.MENTORSHIP_MANAGE, m),
        "can_mark": can_work and policy.can(user, policy.Action.MENTORSHIP_MARK_OUTCOME, m),
        "can_request_change": policy.can(user, policy.Action.MENTORSHIP_REQUEST_CHANGE, m)
        and m.status in selectors.ACTIVE_STATUSES,
        "plan": plan,
        "activities": selectors.activities_of(plan=plan, today=today) if plan else [],
        "wishes": selectors.wishes_by_person(mentorship=m),
        "goals": selectors.goals_of(mentorship=m, today=today),
        "meetings": meetings,
        "next_due": selectors.next_due_on(mentorship=m),
        "interval": m.program.meeting_interval_days,
        "my_pending": _pending(meetings, me, side),
        "diary": _diary(m, meetings, people, side, actor, me),
        "change_requests": change_requests,
        "readiness": _readiness(meetings, people),
        "results_form": forms.ResultsForm(),
        "plan_form": forms.PlanForm(
            instance=plan, initial=_plan_initial(m) if plan is None else None, auto_id="plan_%s"
        ),
        "activity_form": forms.ActivityForm(auto_id="activity_%s"),
        "wish_form": forms.WishForm(people=wish_people, auto_id="wish_%s"),
        "goal_form": forms.GoalForm(auto_id="goal_%s"),
        "step_form": forms.StepForm(),
        "meeting_form": forms.MeetingForm(
            people=people["mentors"] + people["mentees"], group=group, auto_id="schedule_%s"
        ),
        "change_form": forms.ChangeRequestForm(auto_id="change_%s"),
        "decision_form": forms.DecisionForm(),
        "complete_form": forms.CompleteForm(auto_id="complete_%s"),
        **_members_context(request, m, people),
        "kind_infos": list(KINDS.values()),
        "final_held": any(mt.kind == "final" and mt.status == "held" for mt in meetings),
    }
    ctx.update(bound or {})
    return ctx


def further_mentees(m: Mentorship) -> list:
    """The mentees who joined the group beside its first mentee: the ones a curator may take out of it."""
    members = MentorshipMember.objects.filter(mentorship=m, side=MentorshipMember.Side.MENTEE).select_related("person")
    return [member.person for member in members]


def _members_context(request: HttpRequest, m: Mentorship, people: dict) -> dict:
    """groups: the changes of the group's membership, and the curator's forms to add or take out a mentee."""
    # As the service decides: a group programme's pair, or a pair that already has further mentees.
    is_group_work = m.program.kind == ProgramKind.GROUP or len(people["mentees"]) > 1
    can_change = (
        is_group_work
        and m.status in selectors.ACTIVE_STATUSES
        and policy.can(request.user, policy.Action.MENTORSHIP_MANAGE_MEMBERS, m)
    )
    further = [p for p in people["mentees"] if p.pk != m.mentee_id]
    add_form = forms.MemberAddForm(organization=m.program.organization, auto_id="member_add_%s")
    if can_change and request.method == "GET":
        picked_into(add_form, request)  # the plain search page (no JavaScript) sends the choice back as ?mentee=
    return {
        "is_group_work": is_group_work,
        "can_change_members": can_change,
        "member_changes": selectors.member_changes_of(mentorship=m),
        "member_add_form": add_form,
        "member_remove_form": forms.MemberRemoveForm(members=further, auto_id="member_remove_%s"),
        "further_mentees": further,
    }


def _readiness(meetings: list[Meeting], people: dict) -> dict | None:
    """cycle: the answers to «Готовы ли мы работать друг с другом?» after the held acquaintance, for the header."""
    from nastavnik.mentorships.services import acquaintance_readiness

    held = [mt for mt in meetings if mt.kind == Meeting.Kind.ACQUAINTANCE and mt.status == Meeting.Status.HELD]
    if not held:
        return None
    rows = acquaintance_readiness(meeting=held[-1], people=people)
    return {"rows": [(p, answer) for side in ("mentor", "mentee") for p, answer in rows[side]]}


def _plan_initial(m: Mentorship) -> dict:
    from nastavnik.mentorships.rules import add_months

    start = max(m.starts_on, timezone.localdate())
    return {"starts_on": start, "ends_on": add_months(start, 6), "kind": m.program.kind}


def _pending(meetings: list[Meeting], me, side: str | None) -> list[Meeting]:
    """Held meetings whose diary the current user still owes."""
    if me is None or side not in ("mentor", "mentee"):
        return []
    pending = []
    for meeting in meetings:
        expected = {p.pk for p in meeting.participants.all()}
        if meeting.status == "held" and me.pk not in meeting.reflected_ids and (not expected or me.pk in expected):
            pending.append(meeting)
    return pending


def _diary(m: Mentorship, meetings: list[Meeting], people: dict, side: str | None, actor, me) -> list[dict]:
    """Held meetings, newest first: the diary entries one may read (answers as a person reads them), who has not
    written yet, and whether the current user still owes an entry."""
    visible: dict[int, list[dict]] = {}
    reflections = (
        selectors.reflections_visible(mentorship=m, side=side, actor=actor)
        .select_related("response__version")
        .prefetch_related("response__answers")
        .order_by("submitted_at")
    )
    reflections = list(reflections)
    questions = _questions_of({r.response.version_id for r in reflections if r.response_id})
    for r in reflections:
        answers = _answers(r.response, questions) if r.response_id else []
        visible.setdefault(r.meeting_id, []).append({"reflection": r, "answers": answers})
    everyone = people["mentors"] + people["mentees"]
    blocks = []
    for meeting in meetings:
        if meeting.status != Meeting.Status.HELD:
            continue
        expected = list(meeting.participants.all()) or everyone
        missing = [p for p in expected if p.pk not in meeting.reflected_ids]
        blocks.append(
            {
                "meeting": meeting,
                "entries": visible.get(meeting.pk, []),
                "missing": missing,
                "mine": me is not None and any(p.pk == me.pk for p in missing),
                "due": rules.feedback_due_date(held_on=timezone.localdate(meeting.scheduled_at)),
            }
        )
    return blocks


def _questions_of(version_ids: set[int]) -> dict[int, list]:
    """Each questionnaire version's questions in the order of surveys' `version_structure` (sections by position,
    then questions by position), for all the diaries' versions in one query."""
    from nastavnik.surveys.models import Question

    questions: dict[int, list] = {v: [] for v in version_ids}
    rows = (
        Question.objects.filter(version_id__in=version_ids)
        .order_by("version_id", "section__position", "section_id", "position", "pk")
    )
    for q in rows:
        questions[q.version_id].append(q)
    return questions


def _answers(response, questions: dict[int, list]) -> list[tuple]:
    """Like surveys' `response_answers`, but every diary shares a few questionnaire versions: their questions are
    read once per page (in `questions`), not once per entry."""
    from nastavnik.surveys.answers import answer_display

    values = {a.question_id: a.value for a in response.answers.all()}
    return [(q, answer_display(q, values.get(q.pk))) for q in questions[response.version_id]]


def log_people_access(request: HttpRequest, m: Mentorship, action: str = "mentorship.view") -> None:
    """The page (or its plan, or a meeting's calendar file) shows the participants' records: every view by somebody
    else is logged."""
    people = selectors.mentorship_people(mentorship=m)
    access_log_record_many(request=request, people=people["mentors"] + people["mentees"], action=action)


def section_response(
    request: HttpRequest, m: Mentorship, section: str, *, bound: dict | None = None, done: str = ""
) -> HttpResponse:
    """After a write: the section again (HTMX), else back to the page (success) or the page with the errors."""
    if request.htmx:
        ctx = page_context(request, m, bound)
        ctx["flash"] = done
        html = render_to_string(f"mentorships/_{section}.html", ctx, request=request)
        ctx["flash"], ctx["oob"] = "", True
        for other in ALSO_REFRESH.get(section, ()):
            html += render_to_string(f"mentorships/_{other}.html", ctx, request=request)
        return HttpResponse(html)
    if bound:
        ctx = page_context(request, m, bound)
        ctx["error_section"] = section
        return render(request, "mentorships/mentorship_detail.html", ctx)
    if done:
        messages.success(request, done)
    return redirect(reverse("mentorship", args=[m.pk]) + f"#{section}")


def reflection_of(meeting: Meeting, person) -> Reflection | None:
    return Reflection.objects.filter(meeting=meeting, person=person).first()
