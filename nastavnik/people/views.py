from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nastavnik import policy
from nastavnik.orgs.models import Organization
from nastavnik.pagecache import kept_page
from nastavnik.people import selectors
from nastavnik.people.models import Person
from nastavnik.privacy.services import access_log_record_many


@login_required
@kept_page
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
    # perf: get_category_display rebuilds the translated choices for every row; one dict serves the page
    labels = {value: str(label) for value, label in Person.Category.choices}
    for person in page:
        person.category_label = labels.get(person.category, person.category)
    context = {
        "page": page,
        # perf: the rows link to /people/<pk>/ by this start, reversed once rather than once per row
        "person_url": reverse("person", args=[0]).removesuffix("0/"),
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

    htmx gets radio buttons (check boxes for a multiple pick) for the form; a plain request (no JavaScript) gets a
    search page whose «Выбрать» goes back to the form's page with `?<field>=<id>` (and the ones already chosen).
    """
    org = get_object_or_404(Organization, code=request.GET.get("org", ""))
    policy.require(request.user, policy.Action.ORG_VIEW_PEOPLE, org)
    scope = request.GET.get("scope", "any")
    field = request.GET.get("field", "person")
    if not field.isidentifier():
        field = "person"
    multi = request.GET.get("multi") == "1"
    query = request.GET.get("q") or next((v for k, v in request.GET.items() if k.endswith("__q")), "")
    matches = _pick_scope(request, org, scope, selectors.person_search(organization=org, scope=scope, query=query))
    found = list(matches[: PICK_LIMIT + 1]) if query.strip() else []
    access_log_record_many(request=request, people=found[:PICK_LIMIT], action="people.pick")
    back = request.GET.get("next", "") or request.headers.get("referer", "")
    if back and not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    keep = [k for k in request.GET.get("keep", "").split(",") if k.isdigit()] if multi else []
    context = {
        "org": org,
        "scope": scope,
        "field": field,
        "multi": multi,
        "keep": ",".join(keep),
        "query": query,
        "matches": [(p, _choose_url(back, field, [*keep, str(p.pk)])) for p in found[:PICK_LIMIT]],
        "more": matches.count() - PICK_LIMIT if len(found) > PICK_LIMIT else 0,
        "back": back,
    }
    template = "people/_pick_results.html" if request.htmx else "people/pick.html"
    return render(request, template, context)


def _pick_scope(request: HttpRequest, org: Organization, scope: str, qs):
    """What the user may see of the matches. Mentors may also be external people (no organisation of their own):
    the mentor base takes them, so the «mentors» picker finds them as the old list showed them."""
    scoped = policy.scope_people(request.user, qs)
    if scope == "mentors" and policy.can(request.user, policy.Action.ORG_MANAGE_INTAKE, org):
        return qs.filter(pk__in=scoped.values("pk")) | qs.filter(organization__isnull=True)
    return scoped


def _choose_url(back: str, field: str, ids: list[str]) -> str:
    """The form's page with the chosen ids as `?<field>=<id>`, replacing the ones the link came back with."""
    if not back:
        return ""
    parts = urlsplit(back)
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != field]
    params += [(field, i) for i in dict.fromkeys(ids)]
    return urlunsplit(parts._replace(query=urlencode(params)))
