"""Home pages per role, the municipal overview and the person page: pages that read across the whole cycle."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from nastavnik import policy
from nastavnik.dashboard import selectors
from nastavnik.orgs.models import STAFF_ROLES, Membership, Municipality, Organization, Role
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.services import access_log_record
from nastavnik.programs.selectors import roadmap_remarks_open


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = policy.actor_for(request.user)
    org_ids = list(actor.org_roles)
    orgs = {o.pk: o for o in Organization.objects.filter(pk__in=org_ids)}
    staff_sections = []
    for org_id, roles in actor.org_roles.items():
        if roles & STAFF_ROLES:
            staff_sections.append(_staff_section(orgs[org_id], roles))
    own_ids = {actor.person_id} - {None}
    mine = list(selectors.mentorships_of_person(person_ids=own_ids)) if own_ids else []
    wards = list(Person.objects.filter(pk__in=actor.ward_ids))
    ward_pairs = list(selectors.mentorships_of_person(person_ids=set(actor.ward_ids))) if wards else []
    municipalities = list(Municipality.objects.filter(pk__in=actor.municipality_ids))
    context = {
        "staff_sections": staff_sections,
        "as_mentor": [m for m in mine if _side(actor, m) == "mentor"],
        "as_mentee": [m for m in mine if _side(actor, m) == "mentee"],
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


def _staff_section(org: Organization, roles: frozenset[str]) -> dict:
    figures = selectors.org_figures(organizations=[org])[0]
    section = {"org": org, "roles": [Role(r).label for r in sorted(roles)], "figures": figures}
    section["manager"] = bool(roles & policy.MANAGERS)
    if section["manager"]:
        section["attention"] = selectors.staff_attention(organization=org)
    # Remarks of the municipal coordinator on the organisation's roadmap (written by the municipal contour).
    section["roadmap_remarks"] = list(roadmap_remarks_open(organization_id=org.pk))
    if Role.PSYCHOLOGIST in roles:
        section["psychologist_requests"] = list(selectors.requests_for_psychologist(organization_id=org.pk)[:20])
    if Role.METHOD_HEAD in roles:
        section["teacher_pairs"] = list(selectors.teacher_mentorships(organization_id=org.pk)[:30])
    return section


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organization"), pk=pk, anonymised_at__isnull=True)
    policy.require(request.user, policy.Action.PERSON_VIEW, person)
    access_log_record(request=request, person=person, action="person.view")
    user = request.user
    staff = policy.can(user, policy.Action.PERSON_EDIT, person) or policy.actor_for(user).has_any(
        person.organization_id, STAFF_ROLES
    )
    mentorships = policy.scope_mentorships(user, selectors.mentorships_of_person(person_ids={person.pk}))
    actor = policy.actor_for(user)
    family = staff or person.pk == actor.person_id or person.pk in actor.ward_ids
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
        "consents": Consent.objects.filter(person=person).select_related("given_by")
        if policy.can(user, policy.Action.PERSON_MANAGE_CONSENT, person)
        else None,
        "can_export": policy.can(user, policy.Action.PERSON_EXPORT_DATA, person),
    }
    return render(request, "dashboard/person_detail.html", context)
