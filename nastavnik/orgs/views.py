from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from nastavnik import policy
from nastavnik.orgs.models import Membership, Organization, Role


@login_required
def org_list(request: HttpRequest) -> HttpResponse:
    orgs = list(policy.scope_organizations(request.user, Organization.objects.select_related("municipality")))
    if len(orgs) == 1:
        return redirect("org", code=orgs[0].code)
    return render(request, "orgs/org_list.html", {"organizations": orgs})


@login_required
def org_detail(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organization.objects.select_related("municipality"), code=code)
    policy.require(request.user, policy.Action.ORG_VIEW, org)
    see_people = policy.can(request.user, policy.Action.ORG_VIEW_PEOPLE, org)
    staff = (
        Membership.objects.filter(
            organization=org,
            role__in=[Role.DIRECTOR, Role.COORDINATOR, Role.CURATOR, Role.PSYCHOLOGIST, Role.METHOD_HEAD],
        )
        .select_related("person")
        .order_by("role", "person__last_name")
        if see_people
        else []
    )
    # The municipal coordinator sees this page too, but only figures: names are for the organisation's own staff.
    from nastavnik.dashboard.selectors import org_figures

    context = {
        "org": org,
        "see_people": see_people,
        "manage_programs": policy.can(request.user, policy.Action.ORG_MANAGE_PROGRAMS, org),
        "staff": staff,
        "programs": org.programs.select_related("form").order_by("-starts_on"),
        "roadmaps": org.roadmaps.filter(program__isnull=True),
        "figures": org_figures(organizations=[org])[0],
    }
    return render(request, "orgs/org_detail.html", context)
