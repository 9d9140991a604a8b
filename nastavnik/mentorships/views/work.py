"""The pair's planning: the personalised programme (and its DOCX), wishes, goals and their steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.mentorships import forms, services
from nastavnik.mentorships.models import GoalStep, PersonalPlan, PlanActivity, Wish
from nastavnik.mentorships.plan_docx import plan_docx, plan_filename
from nastavnik.mentorships.selectors import mentorship_people
from nastavnik.mentorships.views.common import load_mentorship, log_people_access, own_person, section_response

WORK = policy.Action.MENTORSHIP_WORK


def attempt(form, call: Callable[[], Any]) -> bool:
    """Run the service; its ValidationError becomes the form's error. True when the write went through."""
    if not form.is_valid():
        return False
    try:
        call()
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


# --- programme --------------------------------------------------------------------------------------------------


@login_required
@require_POST
def plan_save(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, WORK)
    form = forms.PlanForm(request.POST, instance=PersonalPlan.objects.filter(mentorship=m).first(), auto_id="plan_%s")
    if attempt(form, lambda: services.plan_save(mentorship=m, **form.cleaned_data)):
        return section_response(request, m, "plan", done=_("Персонализированная программа сохранена."))
    return section_response(request, m, "plan", bound={"plan_form": form, "plan_open": True})


@login_required
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, policy.Action.MENTORSHIP_MANAGE)
    plan = get_object_or_404(PersonalPlan, mentorship=m)
    services.plan_approve(plan=plan, on=timezone.localdate())
    return section_response(request, m, "plan", done=_("Программа утверждена."))


@login_required
def plan_download(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, policy.Action.MENTORSHIP_VIEW)
    plan = get_object_or_404(PersonalPlan, mentorship=m)
    log_people_access(request, m, action="mentorship.plan_docx")
    response = HttpResponse(
        plan_docx(plan), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(plan)}"'
    return response


@login_required
@require_POST
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, WORK)
    plan = get_object_or_404(PersonalPlan, mentorship=m)
    form = forms.ActivityForm(request.POST, auto_id="activity_%s")
    if attempt(form, lambda: services.plan_activity_add(plan=plan, **form.cleaned_data)):
        return section_response(request, m, "plan", done=_("Мероприятие добавлено."))
    return section_response(request, m, "plan", bound={"activity_form": form})


@login_required
@require_POST
def activity_done(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, WORK)
    activity = get_object_or_404(PlanActivity, pk=activity_pk, plan__mentorship=m)
    undo = request.POST.get("undo") == "1"
    services.plan_activity_done(activity=activity, on=None if undo else timezone.localdate())
    return section_response(request, m, "plan", done=_("Отметка сохранена."))


# --- wishes and goals -------------------------------------------------------------------------------------------


def _wish_people(request: HttpRequest, m) -> list:
    """cycle: wishes are the mentee's, whoever types them: a mentee writes their own; the mentor or the curator
    typing at the planning meeting files them under a mentee (the only one of a pair, or the chosen one)."""
    mentees = mentorship_people(mentorship=m)["mentees"]
    me = own_person(request)
    return [me] if me is not None and me in mentees else mentees


@login_required
@require_POST
def wish_add(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, WORK)
    people = _wish_people(request, m)
    form = forms.WishForm(request.POST, people=people, auto_id="wish_%s")

    def write() -> None:
        chosen = form.cleaned_data.pop("person", None)
        person = next((p for p in people if p.pk == chosen), people[0])
        services.wish_add(mentorship=m, person=person, **form.cleaned_data)

    if attempt(form, write):
        return section_response(request, m, "goals", done=_("Желание записано в таблицу."))
    return section_response(request, m, "goals", bound={"wish_form": form, "wish_open": True})


@login_required
@require_POST
def wish_delete(request: HttpRequest, pk: int, wish_pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, WORK)
    wish = get_object_or_404(Wish, pk=wish_pk, mentorship=m)
    services.wish_delete(wish=wish)
    return section_response(request, m, "goals", done=_("Желание удалено."))


@login_required
@require_POST
def goal_from_wish(request: HttpRequest, pk: int, wish_pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, WORK)
    wish = get_object_or_404(Wish, pk=wish_pk, mentorship=m)
    try:
        goal = services.goal_from_wish(wish=wish)
    except ValidationError as exc:
        return section_response(request, m, "goals", done=" ".join(exc.messages))
    return section_response(request, m, "goals", done=_("Поставлена цель № %(n)d.") % {"n": goal.number})


@login_required
@require_POST
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, WORK)
    form = forms.GoalForm(request.POST, auto_id="goal_%s")
    if attempt(form, lambda: services.goal_create(mentorship=m, **form.cleaned_data)):
        return section_response(request, m, "goals", done=_("Цель добавлена в карту целей."))
    return section_response(request, m, "goals", bound={"goal_form": form, "goal_open": True})


@login_required
@require_POST
def step_add(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, WORK)
    goal = m.goals.filter(pk=goal_pk).first()
    if goal is None:
        raise Http404(_("Страница не найдена"))
    form = forms.StepForm(request.POST)
    if attempt(form, lambda: services.goal_step_add(goal=goal, **form.cleaned_data)):
        return section_response(request, m, "goals", done=_("Шаг добавлен."))
    return section_response(request, m, "goals", bound={"step_form": form, "step_goal": goal.pk})


@login_required
@require_POST
def step_done(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, WORK)
    step = get_object_or_404(GoalStep, pk=step_pk, goal__mentorship=m)
    form = forms.StepDoneForm(request.POST)
    form.is_valid()
    undo = bool(form.cleaned_data.get("undo"))
    services.goal_step_done(
        step=step, on=None if undo else timezone.localdate(), mark=form.cleaned_data.get("mark", "")
    )
    return section_response(request, m, "goals", done=_("Отметка о выполнении сохранена."))
