"""The list of pairs, the pair's page, and the curator's attention list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik import policy
from nastavnik.mentorships import selectors
from nastavnik.mentorships.models import Mentorship
from nastavnik.mentorships.views.common import load_mentorship, log_people_access, page_context
from nastavnik.orgs.models import Organization
from nastavnik.pagecache import kept_page
from nastavnik.privacy.services import access_log_record_many
from nastavnik.programs.models import Program


@login_required
@kept_page
def mentorship_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.mentorship_list(
        user=request.user, status=request.GET.get("status", ""), query=request.GET.get("q", "")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    # The list names the people of every pair shown: each of them is a read of another person's record.
    access_log_record_many(
        request=request, people=[p for m in page for p in (m.mentor, m.mentee)], action="mentorship.list"
    )
    # perf: one dict of status labels and one reversed link start per page, not per row (get_status_display
    # rebuilds the translated choices each time)
    labels = {value: str(label) for value, label in Mentorship.Status.choices}
    for mentorship in page:
        mentorship.status_label = labels.get(mentorship.status, mentorship.status)
    context = {
        "page": page,
        "mentorship_url": reverse("mentorship", args=[0]).removesuffix("0/"),
        "statuses": Mentorship.Status.choices,
        "filters": request.GET,
        "attention_orgs": policy.staff_organizations(request.user, policy.MANAGERS),
    }
    template = "mentorships/_mentorship_table.html" if request.htmx else "mentorships/mentorship_list.html"
    return render(request, template, context)


@login_required
@kept_page
def mentorship_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = load_mentorship(request, pk, policy.Action.MENTORSHIP_VIEW)
    log_people_access(request, mentorship)
    context = page_context(request, mentorship)
    # groups: the membership history names people who have left the group as well (the others are logged above)
    current = {p.pk for side in context["people"].values() for p in side}
    former = [c.person for c in context["member_changes"] if c.person_id not in current]
    access_log_record_many(request=request, people=former, action="mentorship.view")
    return render(request, "mentorships/mentorship_detail.html", context)


ATTENTION_PAGE = 50


@login_required
@kept_page
def attention(request: HttpRequest) -> HttpResponse:
    """The curator's list: pairs that have not met, missing diaries, overdue steps, open requests.

    Seen by those who form and watch the pairs (director, coordinator, curator: ORG_MANAGE_MATCHING)."""
    org_ids = policy.staff_organizations(request.user, policy.MANAGERS)
    organizations = list(Organization.objects.filter(pk__in=org_ids).order_by("short_name"))
    if not organizations:
        raise Http404(_("Страница не найдена"))
    code = request.GET.get("org") or organizations[0].code
    organization = next((o for o in organizations if o.code == code), None)
    if organization is None:
        raise Http404(_("Страница не найдена"))
    policy.require(request.user, policy.Action.ORG_MANAGE_MATCHING, organization)
    programs = list(Program.objects.filter(organization=organization).order_by("-starts_on"))
    program_id = _int(request.GET.get("program"))
    kind = request.GET.get("kind", "")
    today = timezone.localdate()
    # Counts come from SQL; a page loads only the items up to its end. The first page's items come with the
    # counts (one query per kind); a later page loads its items up to its end.
    loaded, counts = selectors.attention_loaded(
        organization=organization, today=today, limit=ATTENTION_PAGE, program_id=program_id
    )
    total = counts.get(kind, 0) if kind else sum(counts.values())
    rows = selectors.AttentionRows(
        organization=organization,
        today=today,
        program_id=program_id,
        kind=kind,
        total=total,
        loaded=(loaded, ATTENTION_PAGE),
    )
    page = Paginator(rows, ATTENTION_PAGE).get_page(request.GET.get("page"))
    access_log_record_many(
        request=request,
        people=[p for i in page.object_list for p in (i.mentorship.mentor, i.mentorship.mentee)],
        action="mentorship.attention",
    )
    context = {
        "organization": organization,
        "organizations": organizations,
        "programs": programs,
        "kinds": [(k, label, counts.get(k, 0)) for k, label in selectors.attention_kinds()],
        "items": page.object_list,
        "page": page,
        "filters": {"kind": kind, "program": program_id, "org": organization.code},
        "page_filters": {"org": organization.code, "program": program_id or "", "kind": kind},
    }
    template = "mentorships/_attention_items.html" if request.htmx else "mentorships/attention.html"
    return render(request, template, context)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
