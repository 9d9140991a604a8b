"""Home pages per role, the municipal overview and the person page: pages that read across the whole cycle."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from nastavnik import policy
from nastavnik.accounts.selectors import account_panel
from nastavnik.dashboard import selectors
from nastavnik.documents.selectors import drafts_waiting
from nastavnik.intake.selectors import matching_outcomes
from nastavnik.matching.selectors import mentors_left_without_pair
from nastavnik.mentorships.selectors import ACTIVE_STATUSES as ACTIVE
from nastavnik.mentorships.selectors import pair_overviews
from nastavnik.orgs.models import Membership, Municipality, Organization, Role
from nastavnik.pagecache import kept_page, kept_value
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.services import access_log_record
from nastavnik.programs.selectors import roadmap_remarks_open


@login_required
@kept_page
def home(request: HttpRequest) -> HttpResponse:
    actor = policy.actor_for(request.user)
    sections = policy.home_sections(request.user)
    orgs = {o.pk: o for o in Organization.objects.filter(pk__in=[s.organization_id for s in sections])}
    staff_sections = [_staff_section(orgs[s.organization_id], actor.roles_in(s.organization_id), s) for s in sections]
    own_ids = {actor.person_id} - {None}
    # cycle: the home lists working pairs only (after a change of mentor the ended pair is not «my mentor»).
    mine = list(selectors.mentorships_of_person(person_ids=own_ids).filter(status__in=ACTIVE)) if own_ids else []
    wards = list(Person.objects.filter(pk__in=actor.ward_ids))
    ward_pairs = (
        list(selectors.mentorships_of_person(person_ids=set(actor.ward_ids)).filter(status__in=ACTIVE)) if wards else []
    )
    as_mentee = [m for m in mine if _side(actor, m) == "mentee"]
    now = timezone.now()
    municipalities = list(Municipality.objects.filter(pk__in=actor.municipality_ids))
    context = {
        "staff_sections": staff_sections,
        "as_mentor": [m for m in mine if _side(actor, m) == "mentor"],
        "as_mentee": as_mentee,
        "mentee_overviews": pair_overviews(mentorships=as_mentee, person_ids=own_ids, now=now),
        "ward_overviews": pair_overviews(mentorships=ward_pairs, person_ids=set(), now=now),
        "matching_outcomes": matching_outcomes(person_ids=own_ids | set(actor.ward_ids)),
        "mentor_outcomes": mentors_left_without_pair(person_ids=own_ids),
        "next_meetings": selectors.next_meetings(mentorship_ids=[m.pk for m in mine]),
        "wards": wards,
        "ward_pairs": ward_pairs,
        "ward_meetings": selectors.next_meetings(mentorship_ids=[m.pk for m in ward_pairs]),
        "municipalities": municipalities,
        "roles": sorted({Role(r).label for r in actor.all_roles}),
    }
    return render(request, "dashboard/home.html", context)


def _side(actor: policy.Actor, mentorship) -> str | None:
    return policy.mentorship_side(actor, mentorship)


def _staff_section(org: Organization, roles: frozenset[str], shown: policy.HomeSection) -> dict:
    # perf: the organisation's counts and attention list are the same for all its staff: kept for all of them
    # while the data is unchanged (the first to open a home after a change computes them).
    figures, attention = kept_value(f"staff-home:{org.pk}:{shown.manager}", lambda: _org_home(org, shown.manager))
    section = {"org": org, "roles": [Role(r).label for r in sorted(roles)], "figures": figures}
    section["manager"] = shown.manager
    if shown.manager:
        section["attention"] = attention
    if shown.signer:
        # Drafts the head is to sign: the count from the database, the first few listed.
        drafts = drafts_waiting(organization=org)
        section["drafts_count"] = drafts.count()
        section["drafts"] = list(drafts[:10])
    # Remarks of the municipal coordinator on the organisation's roadmap (written by the municipal contour).
    section["roadmap_remarks"] = list(roadmap_remarks_open(organization_id=org.pk))
    if shown.psychologist:
        section["psychologist_requests"] = list(selectors.requests_for_psychologist(organization_id=org.pk)[:20])
    if shown.method_head:
        section["teacher_pairs"] = list(selectors.teacher_mentorships(organization_id=org.pk)[:30])
    return section


def _org_home(org: Organization, manager: bool) -> tuple:
    figures = selectors.org_figures(organizations=[org])[0]
    return figures, selectors.staff_attention(organization=org, figures=figures) if manager else None


@login_required
@kept_page
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organization"), pk=pk, anonymised_at__isnull=True)
    policy.require(request.user, policy.Action.PERSON_VIEW, person)
    access_log_record(request=request, person=person, action="person.view")
    user = request.user
    sections = policy.person_page_sections(user, person)
    staff, family = sections.staff_view, sections.family
    mentorships = policy.scope_mentorships(user, selectors.mentorships_of_person(person_ids={person.pk}))
    context = {
        "person": person,
        "staff_view": staff,
        "memberships": Membership.objects.filter(person=person).select_related("organization", "municipality"),
        # Family ties are for the person, their guardians and staff — not for a pair partner looking at the page.
        "guardians": person.guardians.select_related("guardian") if family else [],
        "wards": person.wards.select_related("child") if family else [],
        "mentorships": mentorships,
        "requests": person.mentee_requests.select_related("program") if staff else [],
        "candidacies": person.mentor_candidacies.all() if staff else [],
        "account": account_panel(user=user, person=person),  # accounts
        "consents": Consent.objects.filter(person=person).select_related("given_by") if sections.consents else None,
        "can_export": sections.export,
    }
    return render(request, "dashboard/person_detail.html", context)
