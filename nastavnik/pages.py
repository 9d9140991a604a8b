"""Page helpers shared by the apps' views."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nastavnik import policy
from nastavnik.orgs.models import Organization


def organization_index(request: HttpRequest, *, roles: frozenset[str], url_name: str, template: str) -> HttpResponse:
    """An app's start page: straight to the one organisation the user works for, a list when there are several.

    `url_name` takes the organisation's code; `template` lists `organizations`. 404 for a user with no such role.
    """
    org_ids = policy.staff_organizations(request.user, roles=roles)
    organizations = list(Organization.objects.filter(pk__in=org_ids))
    if not organizations:
        raise Http404(_("Страница не найдена"))
    if len(organizations) == 1:
        return redirect(url_name, org=organizations[0].code)
    return render(request, template, {"organizations": organizations})
