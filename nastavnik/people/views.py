from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nastavnik import policy
from nastavnik.orgs.models import Organization
from nastavnik.people import selectors
from nastavnik.people.models import Person
from nastavnik.privacy.services import access_log_record_many


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    org_ids = policy.staff_organizations(request.user)
    if not org_ids:
        raise PermissionDenied(_("Список людей доступен сотрудникам организации"))
    organizations = Organization.objects.filter(pk__in=org_ids)
    org_id = _int_or_none(request.GET.get("org"))
    people = selectors.person_list(
        user=request.user,
        query=request.GET.get("q", ""),
        category=request.GET.get("category", ""),
        organization_id=org_id,
        school_class=request.GET.get("class", ""),
        account=request.GET.get("account", ""),
    ).select_related("user")
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    access_log_record_many(request=request, people=list(page), action="people.list")
    context = {
        "page": page,
        "organizations": organizations,
        "categories": Person.Category.choices,
        "classes": selectors.person_classes(user=request.user),
        "filters": request.GET,
        # accounts: state filter, and the bulk form for those who give logins
        "account_states": selectors.ACCOUNT_STATES.items(),
        "can_issue_accounts": bool(policy.staff_organizations(request.user, roles=policy.MANAGERS)),
        # rosters: the upload/export page is offered only to those who may use it (not the psychologist)
        "can_rosters": any(
            policy.can(request.user, action, org)
            for org in organizations
            for action in (policy.Action.ORG_MANAGE_PEOPLE, policy.Action.ORG_EXPORT_PEOPLE)
        ),
    }
    template = "people/_people_table.html" if request.htmx else "people/people_list.html"
    return render(request, template, context)


def _int_or_none(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


PICK_LIMIT = 20


@login_required
@require_GET
def person_pick(request: HttpRequest) -> HttpResponse:
    """Matches for the person picker: a surname's beginning or a class, within what the user may see.

    htmx gets radio buttons for the form; a plain request (no JavaScript) gets a search page whose «Выбрать» goes
    back to the form's page with `?<field>=<id>`.
    """
    org = get_object_or_404(Organization, code=request.GET.get("org", ""))
    policy.require(request.user, policy.Action.ORG_VIEW_PEOPLE, org)
    scope = request.GET.get("scope", "any")
    field = request.GET.get("field", "person")
    if not field.isidentifier():
        field = "person"
    query = request.GET.get("q") or next((v for k, v in request.GET.items() if k.endswith("__q")), "")
    matches = policy.scope_people(request.user, selectors.person_search(organization=org, scope=scope, query=query))
    found = list(matches[: PICK_LIMIT + 1]) if query.strip() else []
    back = request.GET.get("next", "") or request.headers.get("referer", "")
    if back and not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    context = {
        "org": org,
        "scope": scope,
        "field": field,
        "query": query,
        "matches": found[:PICK_LIMIT],
        "more": matches.count() - PICK_LIMIT if len(found) > PICK_LIMIT else 0,
        "back": back,
    }
    template = "people/_pick_results.html" if request.htmx else "people/pick.html"
    return render(request, template, context)
