from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    access_log_record_many(request=request, people=list(page), action="people.list")
    context = {
        "page": page,
        "organizations": organizations,
        "categories": Person.Category.choices,
        "classes": selectors.person_classes(user=request.user),
        "filters": request.GET,
    }
    template = "people/_people_table.html" if request.htmx else "people/people_list.html"
    return render(request, template, context)


def _int_or_none(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None
