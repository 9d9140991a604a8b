from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from nastavnik import policy
from nastavnik.orgs.models import Organization
from nastavnik.security import selectors
from nastavnik.security.models import SecurityEvent

PERIODS = (1, 7, 30, 90)


@login_required
@require_GET
def org_events(request: HttpRequest, code: str) -> HttpResponse:
    """The director's view of the security events of their organisation: who, what, when, from where."""
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, policy.Action.ORG_VIEW_SECURITY, org)
    kind = request.GET.get("kind", "")
    if kind not in SecurityEvent.Kind.values:
        kind = ""
    try:
        days = int(request.GET.get("days", 7))
    except ValueError:
        days = 7
    days = days if days in PERIODS else 7
    events = Paginator(selectors.security_events(organization_id=org.pk, kind=kind, days=days), 50).get_page(
        request.GET.get("page")
    )
    context = {"org": org, "events": events, "kinds": SecurityEvent.Kind.choices, "kind": kind, "days": days,
               "periods": PERIODS}
    return render(request, "security/org_events.html", context)
