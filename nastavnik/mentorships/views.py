from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from nastavnik import policy
from nastavnik.mentorships import selectors
from nastavnik.mentorships.models import Mentorship


@login_required
def mentorship_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.mentorship_list(
        user=request.user, status=request.GET.get("status", ""), query=request.GET.get("q", "")
    )
    context = {
        "page": Paginator(qs, 50).get_page(request.GET.get("page")),
        "statuses": Mentorship.Status.choices,
        "filters": request.GET,
    }
    template = "mentorships/_mentorship_table.html" if request.htmx else "mentorships/mentorship_list.html"
    return render(request, template, context)


@login_required
def mentorship_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related(
            "program", "program__organization", "program__form", "role_model", "mentor", "mentee"
        ),
        pk=pk,
    )
    policy.require(request.user, policy.Action.MENTORSHIP_VIEW, mentorship)
    context = {
        "m": mentorship,
        "people": selectors.mentorship_people(mentorship=mentorship),
        "meetings": mentorship.meetings.order_by("scheduled_at"),
        "side": policy.mentorship_side(policy.actor_for(request.user), mentorship),
        "can_manage": policy.can(request.user, policy.Action.MENTORSHIP_MANAGE, mentorship),
    }
    return render(request, "mentorships/mentorship_detail.html", context)
