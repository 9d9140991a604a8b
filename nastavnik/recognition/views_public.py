"""The public «Наставничество» pages: no login, no JavaScript, nothing about a person without their consent.

Every view here is public on purpose (listed in `policy.PUBLIC_VIEWS`) and asks `policy.require_public`.
"""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from nastavnik import policy
from nastavnik.orgs.models import Municipality, Organization
from nastavnik.recognition import selectors

PUBLIC = policy.Action.PUBLIC_PAGE


@policy.public
@require_GET
def public_municipality(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = get_object_or_404(Municipality, pk=pk)
    policy.require_public(PUBLIC, municipality)
    organizations = selectors.public_municipality_organizations(municipality=municipality)
    return render(
        request, "recognition/public/municipality.html", {"municipality": municipality, "organizations": organizations}
    )


def _org(code: str) -> Organization:
    organization = get_object_or_404(Organization.objects.select_related("municipality"), code=code)
    policy.require_public(PUBLIC, organization)
    return organization


@policy.public
@require_GET
def public_org(request: HttpRequest, code: str) -> HttpResponse:
    organization = _org(code)
    return render(request, "recognition/public/org.html", {"page": selectors.public_page(organization=organization)})


@policy.public
@require_GET
def public_practice(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    organization = _org(code)
    practice = get_object_or_404(selectors.public_practices(organization=organization), pk=pk)
    context = {
        "organization": organization,
        "practice": practice,
        "authors": selectors.practice_authors(practice),
        "figures": list((practice.figures or {}).items()),
    }
    return render(request, "recognition/public/practice.html", context)


@policy.public
@require_GET
def public_news(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    organization = _org(code)
    news = get_object_or_404(organization.news.filter(published_on__lte=timezone.localdate()), pk=pk)
    return render(request, "recognition/public/news.html", {"organization": organization, "news": news})





@policy.public
@require_GET
def public_honour_photo(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """An honour-board photo, only while the person's consent to dissemination covers name and photo.

    Asked at every request and never cached, so a withdrawn or lapsed consent takes the picture down at once."""
    organization = _org(code)
    entry = selectors.public_honour_photo_entry(organization=organization, pk=pk)
    if entry is None:
        raise Http404("Страница не найдена")
    response = FileResponse(entry.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
