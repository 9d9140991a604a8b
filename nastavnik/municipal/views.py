"""The municipal coordinator's pages: roadmap control and coverage, indicators, the statistics workbook.
Numbers only; every count of people is suppressed (see `suppression`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.municipal import exports, selectors, services
from nastavnik.municipal.forms import HeadcountForm, RemarkForm
from nastavnik.municipal.models import Headcount
from nastavnik.orgs.models import Municipality, Organization
from nastavnik.pagecache import kept_page
from nastavnik.programs.models import Activity, Roadmap, RoadmapRemark

PER_PAGE = 50


def _municipality(request: HttpRequest, pk: int, action=policy.Action.MUNICIPAL_VIEW) -> Municipality:
    municipality = get_object_or_404(Municipality, pk=pk)
    policy.require(request.user, action, municipality)
    return municipality


def _year(request: HttpRequest) -> int:
    current = selectors.school_year_of(timezone.localdate())
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        return current
    return year if 2000 <= year <= current else current


@login_required
def municipal_home(request: HttpRequest) -> HttpResponse:
    municipalities = list(policy.visible_municipalities(request.user))
    for municipality in municipalities:
        policy.require(request.user, policy.Action.MUNICIPAL_VIEW, municipality)
    if not municipalities:
        raise Http404(_("Страница не найдена"))  # the same answer as for any page one may not see
    if len(municipalities) == 1:
        return overview(request, municipalities[0].pk)  # the one municipality's page, at the menu's address
    return render(request, "municipal/list.html", {"municipalities": municipalities})


@login_required
@kept_page
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _municipality(request, pk)
    year = _year(request)
    organizations, roadmaps, cover = selectors.overview(municipality=municipality, year=year)
    # The organisations that need the coordinator come first (or alone); the totals always cover them all.
    rows = list(zip(roadmaps, cover.rows, strict=True))
    lagging = [row for row in rows if row[0].lagging]
    lagging_only = request.GET.get("show") == "lagging"
    listed = lagging if lagging_only else lagging + [row for row in rows if not row[0].lagging]
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "municipality": municipality,
        "year": year,
        "page": page,
        "filters": {"year": year, **({"show": "lagging"} if lagging_only else {})},
        "lagging_only": lagging_only,
        "coverage": cover,
        "organizations": len(organizations),
        "with_roadmap": sum(1 for r in roadmaps if r.roadmap),
        "approved": sum(1 for r in roadmaps if r.approved),
        "lagging": len(lagging),
        "target": selectors.TARGET_SHARE,
        "may_remark": policy.can(request.user, policy.Action.MUNICIPAL_REMARK, municipality),
    }
    return render(request, "municipal/overview.html", context)


@login_required
@kept_page
def indicators(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _municipality(request, pk)
    year = _year(request)
    figures = selectors.indicators(municipality=municipality, year=year)
    page = Paginator(figures.health.rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "municipality": municipality,
        "year": year,
        "filters": {"year": year},
        "forms": figures.forms,
        "mentors": figures.mentors,
        "quarters": figures.quarters,
        "health": figures.health,
        "page": page,
        "monitoring": figures.monitoring,
        "heads": selectors.HEADS,
    }
    return render(request, "municipal/indicators.html", context)


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _municipality(request, pk, policy.Action.MUNICIPAL_EXPORT)
    content = exports.workbook_bytes(municipality=municipality, year=_year(request))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="municipal-{timezone.localdate():%Y-%m-%d}.xlsx"'
    return response


@login_required
def remark(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap.objects.select_related("organization__municipality"), pk=pk)
    municipality = roadmap.organization.municipality
    policy.require(request.user, policy.Action.MUNICIPAL_REMARK, municipality)
    form = RemarkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.roadmap_remark_create(
                roadmap=roadmap,
                text=form.cleaned_data["text"],
                asks_correction=form.cleaned_data["asks_correction"],
                author_id=policy.actor_for(request.user).person_id,
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("Замечание отправлено: организация увидит его на главной странице."))
            return redirect("municipal_overview", pk=municipality.pk)
    context = {
        "roadmap": roadmap,
        "municipality": municipality,
        "form": form,
        "remarks": RoadmapRemark.objects.filter(roadmap=roadmap),
        # The activities without the people responsible: the municipal level sees no names.
        "activities": roadmap.activities.exclude(status=Activity.Status.CANCELLED).order_by("position"),
        "today": timezone.localdate(),
    }
    return render(request, "municipal/remark.html", context)


@login_required
@require_POST
def remark_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(RoadmapRemark.objects.select_related("roadmap__organization__municipality"), pk=pk)
    municipality = item.roadmap.organization.municipality
    policy.require(request.user, policy.Action.MUNICIPAL_REMARK, municipality)
    services.roadmap_remark_close(remark=item)
    messages.success(request, _("Замечание снято."))
    return redirect("municipal_remark", pk=item.roadmap_id)


@login_required
def headcount(request: HttpRequest, code: str) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.select_related("municipality"), code=code)
    policy.require(request.user, policy.Action.MUNICIPAL_REMARK, organization.municipality)
    year = _year(request)
    current = Headcount.objects.filter(organization=organization, school_year=year).first()
    initial = {"pupils": current.pupils, "teachers": current.teachers} if current else None
    form = HeadcountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.headcount_set(organization=organization, school_year=year, **form.cleaned_data)
        messages.success(request, _("Численность сохранена."))
        return redirect(f"{_overview_url(organization.municipality_id)}?year={year}")
    context = {"organization": organization, "year": year, "form": form, "current": current}
    return render(request, "municipal/headcount.html", context)


def _overview_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("municipal_overview", args=[pk])
