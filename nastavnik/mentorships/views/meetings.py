"""Meetings: schedule, reschedule, cancel, mark held or missed; the .ics of one meeting; the diary form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.mentorships import forms, services
from nastavnik.mentorships.ical import calendar_bytes
from nastavnik.mentorships.selectors import meeting_people, mentorship_people
from nastavnik.mentorships.views.common import (
    load_meeting,
    load_mentorship,
    log_people_access,
    own_person,
    reflection_of,
    require_mark_outcome,
    section_response,
)
from nastavnik.mentorships.views.work import attempt
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import consent_active

WORK = policy.Action.MENTORSHIP_WORK


@login_required
@require_POST
def meeting_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, WORK)
    people = mentorship_people(mentorship=m)
    everyone = people["mentors"] + people["mentees"]
    group = len(everyone) > 2
    ask_gap = "accept_gap" in request.POST
    form = forms.MeetingForm(request.POST, people=everyone, group=group, ask_gap=ask_gap, auto_id="schedule_%s")

    def write() -> None:
        chosen = set(form.cleaned_data.get("participants") or [])
        services.meeting_schedule(
            mentorship=m,
            kind=form.cleaned_data["kind"],
            scheduled_at=form.scheduled_at,
            fmt=form.cleaned_data["format"],
            duration_minutes=form.cleaned_data["duration_minutes"],
            place=form.cleaned_data["place"],
            topic=form.cleaned_data["topic"],
            curator_present=form.curator_present,
            participants=[p for p in everyone if p.pk in chosen],
            by=request.user,
            accept_gap=bool(form.cleaned_data.get("accept_gap")),
        )

    if attempt(form, write):
        return section_response(request, m, "meetings", done=_("Встреча запланирована."))
    if not ask_gap and any(e.code == "interval_gap" for e in form.non_field_errors().as_data()):
        # The two-week warning: the same form again, now with the choice to go on.
        warned = forms.MeetingForm(request.POST, people=everyone, group=group, ask_gap=True, auto_id="schedule_%s")
        warned.is_valid()
        warned.add_error(None, form.non_field_errors().as_data())
        form = warned
    return section_response(request, m, "meetings", bound={"meeting_form": form, "schedule_open": True})


def _meeting_action(request: HttpRequest, meeting_pk: int, form_class, call, done: str, *, mark: bool = False):
    meeting = load_meeting(request, meeting_pk, WORK)
    m = meeting.mentorship
    if mark:
        require_mark_outcome(request, m)
    form = form_class(request.POST)
    if attempt(form, lambda: call(meeting, form)):
        return section_response(request, m, "meetings", done=done)
    bound = {"action_form": form, "action_meeting": meeting.pk, "action_name": request.resolver_match.url_name}
    return section_response(request, m, "meetings", bound=bound)


@login_required
@require_POST
def meeting_reschedule(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    def call(meeting, form):
        services.meeting_reschedule(
            meeting=meeting, scheduled_at=form.scheduled_at, reason=form.cleaned_data["reason"], by=request.user
        )

    return _meeting_action(request, meeting_pk, forms.RescheduleForm, call, _("Встреча перенесена."))


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    def call(meeting, form):
        services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"], by=request.user)

    return _meeting_action(request, meeting_pk, forms.ReasonForm, call, _("Встреча отменена."))


@login_required
@require_POST
def meeting_hold(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    def call(meeting, form):
        services.meeting_hold(meeting=meeting, notes=form.cleaned_data["notes"], by=request.user)

    done = _("Встреча отмечена проведённой. Участники заполняют дневник.")
    return _meeting_action(request, meeting_pk, forms.HoldForm, call, done, mark=True)


@login_required
@require_POST
def meeting_miss(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    def call(meeting, form):
        services.meeting_miss(meeting=meeting, reason=form.cleaned_data["reason"], by=request.user)

    return _meeting_action(
        request, meeting_pk, forms.ReasonForm, call, _("Отмечено: встреча не состоялась."), mark=True
    )


@login_required
@require_POST
def meeting_results(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """cycle: the curator records what a held meeting (the trial one above all) came to."""
    meeting = load_meeting(request, meeting_pk, policy.Action.MENTORSHIP_MANAGE)

    def call(meeting, form):
        services.meeting_record_results(meeting=meeting, text=form.cleaned_data["text"])

    m = meeting.mentorship
    form = forms.ResultsForm(request.POST)
    if attempt(form, lambda: call(meeting, form)):
        return section_response(request, m, "meetings", done=_("Результаты встречи записаны."))
    bound = {"action_form": form, "action_meeting": meeting.pk, "action_name": "meeting_results"}
    return section_response(request, m, "meetings", bound=bound)


@login_required
def meeting_ics(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = load_meeting(request, meeting_pk, policy.Action.MENTORSHIP_VIEW)
    log_people_access(request, meeting.mentorship, action="mentorship.meeting_ics")
    body = calendar_bytes([meeting], name=str(meeting.mentorship))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


# --- diary ------------------------------------------------------------------------------------------------------


@login_required
def reflection(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """The diary form after a held meeting: the participant answers the kind's questions (phone-first page)."""
    from nastavnik.surveys.forms import ResponseForm
    from nastavnik.surveys.services import consent_missing_message

    meeting = load_meeting(request, meeting_pk, WORK)
    m = meeting.mentorship
    me = own_person(request)
    if me is None or me.pk not in {p.pk for p in meeting_people(meeting=meeting)}:
        raise PermissionDenied(_("Дневник встречи заполняют её участники."))
    back = reverse("mentorship", args=[m.pk]) + "#diary"
    if reflection_of(meeting, me) is not None:
        messages.info(request, _("Вы уже заполнили дневник этой встречи."))
        return redirect(back)
    version = services.reflection_version(kind=meeting.kind)
    form = ResponseForm(version=version, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_submit(meeting=meeting, person=me, answers=form.answers(), submitted_by=request.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Спасибо! Дневник встречи сохранён."))
            return redirect(back)
    context = {
        "meeting": meeting,
        "m": m,
        "form": form,
        "version": version,
        "back": back,
        "has_consent": consent_active(person=me, purpose=Consent.Purpose.QUESTIONNAIRES),
        "consent_message": consent_missing_message(),
    }
    return render(request, "mentorships/reflection.html", context)
