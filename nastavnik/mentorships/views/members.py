"""A formed group's membership: the curator or coordinator adds a mentee or takes one out, with a reason."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.mentorships import forms, services
from nastavnik.mentorships.models import MemberChange, member_change_words
from nastavnik.mentorships.views.common import further_mentees, load_mentorship, section_response
from nastavnik.mentorships.views.work import attempt

MANAGE_MEMBERS = policy.Action.MENTORSHIP_MANAGE_MEMBERS


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, MANAGE_MEMBERS)
    form = forms.MemberAddForm(request.POST, organization=m.program.organization, auto_id="member_add_%s")

    def write() -> None:
        services.member_add(mentorship=m, person=form.cleaned_data["mentee"], by=request.user)

    if attempt(form, write):
        mentee = form.cleaned_data["mentee"]
        done = f"{mentee.short_name} {member_change_words(person=mentee, kind=MemberChange.Kind.JOINED)}."
        return section_response(request, m, "members", done=done)
    return section_response(request, m, "members", bound={"member_add_form": form, "member_add_open": True})


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    m = load_mentorship(request, pk, MANAGE_MEMBERS)
    form = forms.MemberRemoveForm(request.POST, members=further_mentees(m), auto_id="member_remove_%s")

    def write() -> None:
        services.member_remove(
            mentorship=m, person=form.cleaned_data["member"], reason=form.cleaned_data["reason"], by=request.user
        )

    if attempt(form, write):
        member = form.cleaned_data["member"]
        done = f"{member.short_name} {member_change_words(person=member, kind=MemberChange.Kind.LEFT)}."
        return section_response(request, m, "members", done=done)
    return section_response(request, m, "members", bound={"member_remove_form": form, "member_remove_open": True})
