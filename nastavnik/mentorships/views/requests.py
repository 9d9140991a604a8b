"""A request to change the mentor (or release the mentor), the curator's decision, and closing a pair."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.mentorships import forms, services
from nastavnik.mentorships.models import ChangeRequest
from nastavnik.mentorships.selectors import mentorship_people
from nastavnik.mentorships.views.common import actor_side, load_mentorship, own_person, section_response
from nastavnik.mentorships.views.work import attempt


def _subject_and_side(request: HttpRequest, m):
    """Whose place the request is about: one's own, or a guardian's ward among the mentees."""
    side = actor_side(request, m)
    me = own_person(request)
    if side in ("mentor", "mentee"):
        return me, side
    if side == "guardian":
        wards = policy.actor_for(request.user).ward_ids
        ward = next(p for p in mentorship_people(mentorship=m)["mentees"] if p.pk in wards)
        return ward, "mentee"
    raise PermissionDenied(_("Обратиться может участник пары или родитель наставляемого."))


@login_required
@require_POST
def change_request_create(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, policy.Action.MENTORSHIP_REQUEST_CHANGE)
    subject, side = _subject_and_side(request, m)
    form = forms.ChangeRequestForm(request.POST, auto_id="change_%s")

    def write() -> None:
        services.change_request_create(
            mentorship=m, requested_by=own_person(request), subject=subject, side=side, **form.cleaned_data
        )

    if attempt(form, write):
        return section_response(request, m, "change", done=_("Обращение передано куратору."))
    return section_response(request, m, "change", bound={"change_form": form, "change_open": True})


@login_required
@require_POST
def change_request_decide(request: HttpRequest, request_pk: int) -> HttpResponse:
    change = get_object_or_404(ChangeRequest, pk=request_pk)
    m = load_mentorship(request, change.mentorship_id, policy.Action.MENTORSHIP_MANAGE)
    form = forms.DecisionForm(request.POST)

    def write() -> None:
        approve = form.cleaned_data["decision"] == "approve"
        services.change_request_decide(request=change, approve=approve, note=form.cleaned_data["note"], by=request.user)

    if attempt(form, write):
        m.refresh_from_db()
        return section_response(request, m, "change", done=_("Решение по обращению принято."))
    return section_response(request, m, "change", bound={"decision_form": form, "decision_for": change.pk})


@login_required
@require_POST
def mentorship_complete(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, policy.Action.MENTORSHIP_MANAGE)
    form = forms.CompleteForm(request.POST, auto_id="complete_%s")

    def write() -> None:
        services.mentorship_complete(mentorship=m, on=timezone.localdate(), by=request.user, **form.cleaned_data)

    if attempt(form, write):
        m.refresh_from_db()
        return section_response(request, m, "meetings", done=_("Работа пары завершена."))
    return section_response(request, m, "meetings", bound={"complete_form": form})
