"""The one place that answers «may this user do this action on this object».

Every view and API handler asks here: `require(user, action, obj)` raises 404 when the user may not even see the
object (so a refusal never reveals whether it exists) and 403 when they may see it but not do the action.
List pages narrow their querysets with the `scope_*` functions, so a list never shows what a detail would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nastavnik.orgs.models import STAFF_ROLES, Appointment, Membership, Municipality, Organization, Role
from nastavnik.people.models import Guardianship, Person

# --- fixes: proof that a view asked (tests/test_views_ask_policy.py) --------------------------------------------
# Every decision below notes itself in `_consulted` while a test watches; the URL walk fails on a view that never
# asked. Views that need no policy (no login, or reference pages without personal data) say so with `@public`.
_consulted: ContextVar[list[str] | None] = ContextVar("nastavnik_policy_consulted", default=None)


def _note(what: str) -> None:
    box = _consulted.get()
    if box is not None:
        box.append(what)


@contextmanager
def watch() -> Iterator[list[str]]:
    """Collect the policy decisions taken inside the block (for tests)."""
    box: list[str] = []
    token = _consulted.set(box)
    try:
        yield box
    finally:
        _consulted.reset(token)


def public(view):
    """Mark a view that deliberately asks no policy: a page without login (a secret link, the login page) or
    reference material without personal data. The URL walk accepts it without a policy decision."""
    view.policy_public = True
    return view


MANAGERS = frozenset({Role.DIRECTOR, Role.COORDINATOR, Role.CURATOR})
# groups: who changes a formed group's membership (the curator and coordinator who form and watch the groups).
GROUP_MEMBERS_MANAGERS = frozenset({Role.COORDINATOR, Role.CURATOR})
INTAKE_STAFF = MANAGERS | {Role.PSYCHOLOGIST}
# --- monitoring (branch monitoring): who runs diagnostics and reads the programme's dynamics and pair health.
MONITORING_STAFF = MANAGERS | {Role.PSYCHOLOGIST}


class Action(StrEnum):
    # Organisation-level actions (object: Organization).
    ORG_VIEW = "org.view"
    ORG_VIEW_PEOPLE = "org.view_people"
    ORG_MANAGE_PEOPLE = "org.manage_people"
    ORG_MANAGE_PROGRAMS = "org.manage_programs"
    ORG_MANAGE_INTAKE = "org.manage_intake"
    ORG_MANAGE_MATCHING = "org.manage_matching"
    ORG_VIEW_ORDERS = "org.view_orders"
    ORG_ISSUE_ORDERS = "org.issue_orders"
    ORG_MANAGE_CONSENTS = "org.manage_consents"
    ORG_VIEW_AUDIT = "org.view_audit"
    ORG_VIEW_STATS = "org.view_stats"
    # --- rosters ---
    ORG_EXPORT_PEOPLE = "org.export_people"
    # --- orders: signing and appointments (helper «orders») ---
    # The head signs orders or returns them for changes; coordinators and curators prepare drafts
    # (ORG_ISSUE_ORDERS). The head appoints and removes coordinators, curators, the psychologist and method heads.
    ORG_SIGN_ORDERS = "org.sign_orders"
    ORG_APPOINT = "org.appoint"
    # --- end orders ---
    # Person-level actions (object: Person).
    PERSON_VIEW = "person.view"
    PERSON_EDIT = "person.edit"
    PERSON_EXPORT_DATA = "person.export_data"
    PERSON_MANAGE_CONSENT = "person.manage_consent"
    # Programme (object: Program).
    PROGRAM_VIEW = "program.view"
    PROGRAM_MANAGE = "program.manage"
    # Mentorship (object: Mentorship).
    MENTORSHIP_VIEW = "mentorship.view"
    MENTORSHIP_WORK = "mentorship.work"
    MENTORSHIP_MANAGE = "mentorship.manage"
    MENTORSHIP_REQUEST_CHANGE = "mentorship.request_change"
    # fixes: held or missed is the mentor's (or the curator's) word, not the mentee's.
    MENTORSHIP_MARK_OUTCOME = "mentorship.mark_outcome"
    # groups: adding a mentee to a formed group or taking one out — the curator's and coordinator's work.
    MENTORSHIP_MANAGE_MEMBERS = "mentorship.manage_members"
    # Municipality (object: Municipality): aggregates only, never names.
    MUNICIPAL_VIEW = "municipal.view"
    # --- accounts (issue 9 §1–2) ---
    # Logins for the organisation's people in bulk (object: Organization).
    ORG_MANAGE_ACCOUNTS = "org.manage_accounts"
    # Invite, print a slip, disable one person's login (object: Person).
    PERSON_MANAGE_ACCOUNT = "person.manage_account"
    # Add an organisation (with its director's invitation) to the municipality (object: Municipality).
    MUNICIPAL_ADD_ORGANIZATION = "municipal.add_organization"
    # fixes: the security-event log of an organisation (object: Organization).
    ORG_VIEW_SECURITY = "org.view_security"
    # --- monitoring (branch monitoring; object: Program) ---
    MONITORING_VIEW = "monitoring.view"
    MONITORING_MANAGE = "monitoring.manage"
    # --- recognition (helper "recognition") --- object: Organization.
    RECOGNITION_VIEW = "recognition.view"
    RECOGNITION_MANAGE = "recognition.manage"
    RECOGNITION_WRITE_PRACTICE = "recognition.write_practice"
    # Contest (object: Contest): the jury's work.
    CONTEST_JUDGE = "contest.judge"
    CONTEST_VIEW = "contest.view"
    # Public pages, no login (object: Organization or Municipality); see `require_public`.
    PUBLIC_PAGE = "public.page"
    # --- municipal contour (issue 13) ---
    MUNICIPAL_REMARK = "municipal.remark"  # remarks on roadmaps, headcounts of the school year
    MUNICIPAL_EXPORT = "municipal.export"  # the statistics workbook
    # --- REST API (issue 13) --- (object: ApiToken)
    API_TOKEN_MANAGE = "api.token_manage"


@dataclass
class Actor:
    """What the policy needs to know about a user, read once per request."""

    user: Any
    person_id: int | None
    org_roles: dict[int, frozenset[str]]
    municipality_ids: frozenset[int]
    ward_ids: frozenset[int]
    _mentorship_cache: dict[int, bool] = field(default_factory=dict)

    @property
    def is_superuser(self) -> bool:
        return bool(self.user.is_superuser)

    def roles_in(self, org_id: int | None) -> frozenset[str]:
        return self.org_roles.get(org_id, frozenset()) if org_id is not None else frozenset()

    def has_any(self, org_id: int | None, roles: frozenset[str] | set[str]) -> bool:
        return self.is_superuser or bool(self.roles_in(org_id) & roles)

    @property
    def all_roles(self) -> frozenset[str]:
        roles: set[str] = set().union(*self.org_roles.values()) if self.org_roles else set()
        if self.municipality_ids:
            roles.add(Role.MUNICIPAL_COORDINATOR)
        return frozenset(roles)


def _lapsed_appointment(today) -> Q:
    """A role held by an appointment that has ended (and no other current one): it stops at once, before
    `orgs.services.appointments_expire` removes the role in the hourly run. Roles without appointments (given by
    a signed order, the demo) are untouched. One query with the memberships, no extra round trip."""
    same = Appointment.objects.filter(
        person_id=OuterRef("person_id"), organization_id=OuterRef("organization_id"), role=OuterRef("role")
    )
    current = same.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    ended = same.filter(ends_on__lt=today)
    # A role given again after that appointment ended (a later signed order) is not the lapsed one.
    lapsed = (Q(appointed_on__isnull=True) & Q(Exists(ended))) | Q(
        Exists(ended.filter(ends_on__gte=OuterRef("appointed_on")))
    )
    return lapsed & ~Q(Exists(current))


def actor_for(user) -> Actor:
    cached = getattr(user, "_nastavnik_actor", None)
    if cached is not None:
        return cached
    person = Person.objects.filter(user_id=user.pk).only("id").first() if user.is_authenticated else None
    org_roles: dict[int, set[str]] = {}
    municipality_ids: set[int] = set()
    ward_ids: frozenset[int] = frozenset()
    if person:
        for role, org_id, mun_id in (
            Membership.objects.filter(person=person)
            .exclude(_lapsed_appointment(timezone.localdate()))
            .values_list("role", "organization_id", "municipality_id")
        ):
            if role == Role.MUNICIPAL_COORDINATOR:
                municipality_ids.add(mun_id)
            else:
                org_roles.setdefault(org_id, set()).add(role)
        ward_ids = frozenset(Guardianship.objects.filter(guardian=person).values_list("child_id", flat=True))
    actor = Actor(
        user=user,
        person_id=person.pk if person else None,
        org_roles={k: frozenset(v) for k, v in org_roles.items()},
        municipality_ids=frozenset(municipality_ids),
        ward_ids=ward_ids,
    )
    user._nastavnik_actor = actor
    return actor


# --- organisation --------------------------------------------------------------------------------------------

_ORG_RULES: dict[Action, frozenset[str]] = {
    Action.ORG_VIEW_PEOPLE: frozenset(STAFF_ROLES),
    Action.ORG_MANAGE_PEOPLE: MANAGERS,
    Action.ORG_MANAGE_PROGRAMS: MANAGERS,
    Action.ORG_MANAGE_INTAKE: INTAKE_STAFF,
    Action.ORG_MANAGE_MATCHING: MANAGERS,
    Action.ORG_VIEW_ORDERS: frozenset(STAFF_ROLES),
    Action.ORG_ISSUE_ORDERS: MANAGERS,
    Action.ORG_MANAGE_CONSENTS: MANAGERS,
    Action.ORG_VIEW_AUDIT: frozenset({Role.DIRECTOR, Role.COORDINATOR}),
    Action.ORG_VIEW_STATS: frozenset(STAFF_ROLES),
    # accounts: director, coordinator and curator give the organisation's people their logins
    Action.ORG_MANAGE_ACCOUNTS: MANAGERS,
    # --- rosters ---
    # The roster export is the whole file of the organisation's people (minors without a consent among them): it is
    # a tool of those who manage people and consents. The method head exports the teachers they may see
    # (`scope_people`); the psychologist works with the people on the pages, where every view is logged.
    Action.ORG_EXPORT_PEOPLE: MANAGERS | {Role.METHOD_HEAD},
    # --- orders (helper «orders») ---
    Action.ORG_SIGN_ORDERS: frozenset({Role.DIRECTOR}),
    Action.ORG_APPOINT: frozenset({Role.DIRECTOR}),
    # --- end orders ---
    # fixes: the director answers for the organisation's security (issue 14 §4).
    Action.ORG_VIEW_SECURITY: frozenset({Role.DIRECTOR}),
}


def _org_rule(actor: Actor, action: Action, org: Organization) -> bool:
    if action == Action.ORG_VIEW:
        return actor.is_superuser or bool(actor.roles_in(org.pk)) or org.municipality_id in actor.municipality_ids
    if action == Action.ORG_VIEW_STATS and org.municipality_id in actor.municipality_ids:
        return True
    return actor.has_any(org.pk, _ORG_RULES[action])


# --- person --------------------------------------------------------------------------------------------------


def _shares_mentorship(actor: Actor, person: Person) -> bool:
    """The actor (or their ward) and the person are in the same pair or group."""
    from nastavnik.mentorships.models import Mentorship

    if actor.person_id is None:
        return False
    if person.pk in actor._mentorship_cache:
        return actor._mentorship_cache[person.pk]
    mine = Mentorship.objects.filter(_participant_q({actor.person_id, *actor.ward_ids}))
    shared = mine.filter(_participant_q({person.pk})).exists()
    actor._mentorship_cache[person.pk] = shared
    return shared


def _participant_q(person_ids: set[int]) -> Q:
    from nastavnik.mentorships.models import MentorshipMember

    # perf: the members through a subquery, not a join, so that each branch uses its index (a join OR-ed with the
    # pair's own columns scans every pair).
    members = MentorshipMember.objects.filter(person_id__in=person_ids).values("mentorship_id")
    return Q(mentor_id__in=person_ids) | Q(mentee_id__in=person_ids) | Q(pk__in=members)


def _staff_may_view_person(actor: Actor, person: Person) -> bool:
    roles = actor.roles_in(person.organization_id)
    if roles & FULL_STAFF:
        return True
    # A head of a methodological association controls teachers' work, not pupils' records.
    return Role.METHOD_HEAD in roles and person.category == Person.Category.TEACHER


def _person_rule(actor: Actor, action: Action, person: Person) -> bool:
    if actor.is_superuser:
        return True
    own = person.pk == actor.person_id
    ward = person.pk in actor.ward_ids
    if action == Action.PERSON_VIEW:
        return own or ward or _staff_may_view_person(actor, person) or _shares_mentorship(actor, person)
    if action == Action.PERSON_EDIT:
        return actor.has_any(person.organization_id, MANAGERS)
    if action == Action.PERSON_EXPORT_DATA:
        return own or ward or actor.has_any(person.organization_id, {Role.DIRECTOR, Role.COORDINATOR})
    if action == Action.PERSON_MANAGE_CONSENT:
        return (own and not person.is_minor) or ward or actor.has_any(person.organization_id, MANAGERS)
    if action == Action.PERSON_MANAGE_ACCOUNT:  # accounts: the managers of the person's organisation
        return actor.has_any(person.organization_id, MANAGERS)
    return False


# --- programme and mentorship --------------------------------------------------------------------------------


def _program_rule(actor: Actor, action: Action, program) -> bool:
    if action == Action.PROGRAM_VIEW:
        return (
            actor.is_superuser
            or bool(actor.roles_in(program.organization_id))
            or bool(
                actor.ward_ids
                and Person.objects.filter(pk__in=actor.ward_ids, organization_id=program.organization_id).exists()
            )
        )
    return actor.has_any(program.organization_id, MANAGERS)


def mentorship_side(actor: Actor, mentorship) -> str | None:
    """'mentor', 'mentee', 'guardian' or None: how the actor takes part in this pair or group."""
    _note("mentorship_side")
    if actor.person_id is None:
        return None
    # perf: asked several times per page of the pair; the members are read once per loaded pair (like a prefetch).
    member_sides = getattr(mentorship, "_policy_member_sides", None)
    if member_sides is None:
        member_sides = {pid: side for pid, side in mentorship.members.values_list("person_id", "side")}
        mentorship._policy_member_sides = member_sides
    if actor.person_id == mentorship.mentor_id or member_sides.get(actor.person_id) == "mentor":
        return "mentor"
    if actor.person_id == mentorship.mentee_id or member_sides.get(actor.person_id) == "mentee":
        return "mentee"
    mentee_ids = {mentorship.mentee_id} | {pid for pid, side in member_sides.items() if side == "mentee"}
    if actor.ward_ids & mentee_ids:
        return "guardian"
    return None


# --- fixes: the method head sees teacher–teacher pairs only -----------------------------------------------------
# Seed 003: the head of a methodological association controls teachers' work in the department. That is the pairs
# whose mentees are teachers of their organisation — never pupils' pairs, their diaries, wishes, plans or meetings.
# Every pair sub-resource (page, plan DOCX, meeting ICS, diary) goes through MENTORSHIP_VIEW, so this one rule
# applies everywhere; lists narrow with the same condition in `scope_mentorships`.

FULL_STAFF = frozenset(STAFF_ROLES - {Role.METHOD_HEAD})


def teacher_pairs_q() -> Q:
    """Pairs and groups whose every mentee is a teacher (a teacher–teacher form)."""
    from nastavnik.mentorships.models import MentorshipMember

    not_teachers = MentorshipMember.objects.filter(side="mentee").exclude(person__category=Person.Category.TEACHER)
    return Q(mentee__category=Person.Category.TEACHER) & ~Q(pk__in=not_teachers.values("mentorship_id"))


def _is_teacher_pair(mentorship) -> bool:
    if mentorship.mentee.category != Person.Category.TEACHER:
        return False
    return not mentorship.members.filter(side="mentee").exclude(person__category=Person.Category.TEACHER).exists()


def _staff_may_view_mentorship(actor: Actor, mentorship) -> bool:
    org_id = mentorship.program.organization_id
    if actor.has_any(org_id, FULL_STAFF):
        return True
    return Role.METHOD_HEAD in actor.roles_in(org_id) and _is_teacher_pair(mentorship)


def _mentorship_rule(actor: Actor, action: Action, mentorship) -> bool:
    org_id = mentorship.program.organization_id
    staff = _staff_may_view_mentorship(actor, mentorship)
    side = mentorship_side(actor, mentorship)
    if action == Action.MENTORSHIP_VIEW:
        return staff or side is not None
    if action == Action.MENTORSHIP_WORK:
        return side in {"mentor", "mentee"} or actor.has_any(org_id, MANAGERS)
    if action == Action.MENTORSHIP_REQUEST_CHANGE:
        return side in {"mentor", "mentee", "guardian"}
    if action == Action.MENTORSHIP_MANAGE:
        return actor.has_any(org_id, MANAGERS)
    if action == Action.MENTORSHIP_MARK_OUTCOME:
        return side == "mentor" or actor.has_any(org_id, MANAGERS)
    if action == Action.MENTORSHIP_MANAGE_MEMBERS:
        return actor.has_any(org_id, GROUP_MEMBERS_MANAGERS)
    return False


def _municipal_rule(actor: Actor, action: Action, municipality: Municipality) -> bool:
    # MUNICIPAL_VIEW and (accounts) MUNICIPAL_ADD_ORGANIZATION: the municipality's own coordinator.
    return actor.is_superuser or municipality.pk in actor.municipality_ids


# --- monitoring (branch monitoring) ---------------------------------------------------------------------------
# Dynamics, pair health, measurement plans and marks of a programme: its organisation's director, coordinator,
# curators and psychologist (seed 003: the curator runs monitoring, the psychologist the diagnostics). Nobody else,
# not even the pair's own members: the page names every participant.


def _monitoring_rule(actor: Actor, action: Action, program) -> bool:
    # A programme, or an organisation for the pages across its programmes («which matching worked»).
    org_id = program.pk if isinstance(program, Organization) else program.organization_id
    return actor.has_any(org_id, MONITORING_STAFF)
# --- recognition (helper "recognition"): completion, points, contests, honour board, practices, public page ----


def _recognition_rule(actor: Actor, action: Action, org: Organization) -> bool:
    if action == Action.RECOGNITION_VIEW:
        # Anyone with a role in the organisation sees its recognition section; pupils see only their own points.
        return actor.is_superuser or bool(actor.roles_in(org.pk))
    if action == Action.RECOGNITION_WRITE_PRACTICE:
        return actor.has_any(org.pk, MANAGERS | {Role.MENTOR, Role.MENTEE})
    if action == Action.RECOGNITION_MANAGE:
        return actor.has_any(org.pk, MANAGERS)
    return False


def _contest_rule(actor: Actor, action: Action, contest) -> bool:
    """Managers run the contest and see its results; only the contest's own jurors score."""
    if action == Action.CONTEST_VIEW:
        return actor.has_any(contest.organization_id, MANAGERS) or _is_juror(actor, contest)
    if action == Action.CONTEST_JUDGE:
        return _is_juror(actor, contest)
    return False


def _is_juror(actor: Actor, contest) -> bool:
    return actor.person_id is not None and contest.jurors.filter(person_id=actor.person_id).exists()


# Public pages need no login: these actions are allowed for everyone, the views that use them are listed in
# `PUBLIC_VIEWS` and each still calls `require_public`, so the "every view asks the policy" test sees them.
PUBLIC_ACTIONS = frozenset({Action.PUBLIC_PAGE})
PUBLIC_VIEWS = frozenset(
    {"public_municipality", "public_org", "public_practice", "public_news", "public_honour_photo"}  # recog: photo
)


def require_public(action: Action | str, obj) -> None:
    """A public page (no login): allowed for anybody, but only for the public actions."""
    if Action(action) not in PUBLIC_ACTIONS or obj is None:
        raise Http404(_("Страница не найдена"))


# --- end of recognition block ----------------------------------------------------------------------------------


# --- REST API (issue 13): personal tokens belong to their user alone ------------------------------------------


def _api_rule(actor: Actor, action: Action, token) -> bool:
    return token.user_id == actor.user.pk


def scope_api_tokens(user, qs: QuerySet) -> QuerySet:
    _note("scope_api_tokens")
    return qs.filter(user_id=user.pk)


def may_write_through_api(user) -> bool:
    """A token may write only for someone who may change data on the pages: a manager somewhere."""
    actor = actor_for(user)
    return actor.is_superuser or any(roles & MANAGERS for roles in actor.org_roles.values())


_RULES: dict[str, Callable[[Actor, Action, Any], bool]] = {
    "org": _org_rule,
    "person": _person_rule,
    "program": _program_rule,
    "mentorship": _mentorship_rule,
    "municipal": _municipal_rule,
    "monitoring": _monitoring_rule,
    "recognition": _recognition_rule,  # recognition
    "contest": _contest_rule,  # recognition
    "public": lambda actor, action, obj: action in PUBLIC_ACTIONS,  # recognition
    "api": _api_rule,
}

# Which action lets the user see the object at all: without it a refusal is a 404.
_VISIBILITY = {
    "org": Action.ORG_VIEW,
    "person": Action.PERSON_VIEW,
    "program": Action.PROGRAM_VIEW,
    "mentorship": Action.MENTORSHIP_VIEW,
    "municipal": Action.MUNICIPAL_VIEW,
    "monitoring": Action.MONITORING_VIEW,
    "recognition": Action.RECOGNITION_VIEW,  # recognition
    "contest": Action.CONTEST_VIEW,  # recognition
    "public": Action.PUBLIC_PAGE,  # recognition
    "api": Action.API_TOKEN_MANAGE,
}


def can(user, action: Action | str, obj) -> bool:
    _note(f"can {action}")
    if not user.is_authenticated or not user.is_active:
        return False
    action = Action(action)
    domain = action.value.split(".")[0]
    return _RULES[domain](actor_for(user), action, obj)


def require(user, action: Action | str, obj) -> None:
    """Raise 404 if the user may not see `obj`, 403 if they may see it but not do `action`."""
    action = Action(action)
    visibility = _VISIBILITY[action.value.split(".")[0]]
    if not can(user, visibility, obj):
        raise Http404(_("Страница не найдена"))
    if action != visibility and not can(user, action, obj):
        raise PermissionDenied(_("Недостаточно прав для этого действия"))


# --- scoping lists --------------------------------------------------------------------------------------------


def scope_people(user, qs: QuerySet[Person]) -> QuerySet[Person]:
    _note("scope_people")
    actor = actor_for(user)
    if actor.is_superuser:
        return qs
    full = [org for org, roles in actor.org_roles.items() if roles & FULL_STAFF]
    teachers_only = [org for org, roles in actor.org_roles.items() if Role.METHOD_HEAD in roles]
    return qs.filter(
        Q(organization_id__in=full) | Q(organization_id__in=teachers_only, category=Person.Category.TEACHER)
    )


def scope_mentorships(user, qs: QuerySet) -> QuerySet:
    _note("scope_mentorships")
    actor = actor_for(user)
    if actor.is_superuser:
        return qs
    staff_orgs = [org for org, roles in actor.org_roles.items() if roles & FULL_STAFF]
    teacher_orgs = [org for org, roles in actor.org_roles.items() if Role.METHOD_HEAD in roles]
    own = {actor.person_id, *actor.ward_ids} - {None}
    # perf: the organisation's pairs through their programmes (a subquery on the pair's own indexed column), and
    # no branch for nothing: a join OR-ed with the other branches made the database scan every pair of the region.
    from nastavnik.programs.models import Program

    allowed = Q(pk__in=[])
    if staff_orgs:
        allowed |= Q(program_id__in=Program.objects.filter(organization_id__in=staff_orgs).values("pk"))
    if teacher_orgs:
        allowed |= Q(program_id__in=Program.objects.filter(organization_id__in=teacher_orgs).values("pk")) & (
            teacher_pairs_q()
        )
    if own:
        allowed |= _participant_q(own)
    return qs.filter(allowed).distinct()


def scope_organizations(user, qs: QuerySet[Organization]) -> QuerySet[Organization]:
    _note("scope_organizations")
    actor = actor_for(user)
    if actor.is_superuser:
        return qs
    return qs.filter(Q(pk__in=actor.org_roles.keys()) | Q(municipality_id__in=actor.municipality_ids))


def staff_organizations(user, roles: frozenset[str] = frozenset(STAFF_ROLES)) -> list[int]:
    _note("staff_organizations")
    actor = actor_for(user)
    if actor.is_superuser:
        return list(Organization.objects.values_list("pk", flat=True))
    return [org for org, held in actor.org_roles.items() if held & roles]


# --- fixes: rules that used to live in views (issue 10 §6) ------------------------------------------------------


def signs_consent_as_staff(user, consent) -> bool:
    """Staff who manage the organisation's consents record any signature, on paper or electronic."""
    org = consent.person.organization
    return org is not None and can(user, Action.ORG_MANAGE_CONSENTS, org)


def may_sign_consent(user, consent) -> bool:
    """The consent's signature is recorded by staff, or signed electronically by the one who gives it."""
    _note("may_sign_consent")
    return signs_consent_as_staff(user, consent) or (
        user.is_authenticated and actor_for(user).person_id == consent.given_by_id
    )


@dataclass(frozen=True)
class PersonPageSections:
    staff_view: bool  # requests, candidacies, roles: what staff work with
    family: bool  # guardians and wards: the person, their family and staff — not a pair partner
    consents: bool
    export: bool


def person_page_sections(user, person: Person) -> PersonPageSections:
    _note("person_page_sections")
    actor = actor_for(user)
    staff = can(user, Action.PERSON_EDIT, person) or actor.has_any(person.organization_id, STAFF_ROLES)
    family = staff or person.pk == actor.person_id or person.pk in actor.ward_ids
    return PersonPageSections(
        staff_view=staff,
        family=family,
        consents=can(user, Action.PERSON_MANAGE_CONSENT, person),
        export=can(user, Action.PERSON_EXPORT_DATA, person),
    )


@dataclass(frozen=True)
class HomeSection:
    organization_id: int
    manager: bool  # the attention list: pairs that need the curator
    psychologist: bool  # requests waiting for the psychologist
    method_head: bool  # teacher–teacher pairs
    signer: bool  # drafts of orders waiting for the head's signature


def home_sections(user) -> list[HomeSection]:
    """Which staff blocks the home page shows, per organisation where the user holds a staff role."""
    _note("home_sections")
    actor = actor_for(user)
    return [
        HomeSection(
            organization_id=org_id,
            manager=bool(roles & MANAGERS),
            psychologist=Role.PSYCHOLOGIST in roles,
            method_head=Role.METHOD_HEAD in roles,
            signer=bool(roles & _ORG_RULES[Action.ORG_SIGN_ORDERS]),
        )
        for org_id, roles in actor.org_roles.items()
        if roles & STAFF_ROLES
    ]


def visible_municipalities(user) -> QuerySet[Municipality]:
    _note("visible_municipalities")
    actor = actor_for(user)
    if actor.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=actor.municipality_ids)


def own_login(user) -> None:
    """Pages of one's own login (password, second factor): any signed-in user, for their own account only.
    No object to judge: the decision is noted so the URL walk sees that the page chose this rule."""
    _note("own_login")


def own_person(user) -> Person | None:
    """The user's own person record: pages of one's own data (my questionnaires, my calendar) read only this."""
    _note("own_person")
    if not user.is_authenticated:
        return None
    person_id = actor_for(user).person_id
    return Person.objects.filter(pk=person_id, anonymised_at__isnull=True).first() if person_id else None


def member_organization_ids(user) -> list[int]:
    """Organisations where the user holds any role (staff or participant)."""
    _note("member_organization_ids")
    actor = actor_for(user)
    if actor.is_superuser:
        return list(Organization.objects.values_list("pk", flat=True))
    return list(actor.org_roles)


# --- navigation ------------------------------------------------------------------------------------------------


def navigation_for(user) -> list[dict[str, str]]:
    """The main menu a user sees: only sections the policy lets them open."""
    actor = actor_for(user)
    staff = actor.is_superuser or any(roles & STAFF_ROLES for roles in actor.org_roles.values())
    intake = actor.is_superuser or any(roles & INTAKE_STAFF for roles in actor.org_roles.values())
    managers = actor.is_superuser or any(roles & MANAGERS for roles in actor.org_roles.values())
    items = [
        (gettext_noop("Главная"), "home", True),
        (gettext_noop("Муниципалитет"), "municipal", bool(actor.municipality_ids)),
    ]
    items += [
        (gettext_noop("Организация"), "org_list", staff or len(actor.org_roles) == 1),
        (gettext_noop("Люди"), "people", staff),
        (gettext_noop("Программы"), "programs", staff),
        (gettext_noop("Базы"), "intake", intake),
        (gettext_noop("Подбор пар"), "matching", managers),
        (gettext_noop("Пары и группы"), "mentorships", True),
        (gettext_noop("Анкеты"), "surveys", staff),
        (gettext_noop("Документы"), "documents_home", staff),
    ]
    return [{"title": _(title), "url": url} for title, name, shown in items if shown and (url := _url(name))]


def personal_navigation_for(user) -> list[dict[str, str]]:
    """The user's own corner: their questionnaires, calendar and personal data."""
    if actor_for(user).person_id is None:
        return []
    items = [
        (gettext_noop("Мои анкеты"), "survey_my"),
        (gettext_noop("Мой календарь встреч"), "my_calendar"),
        (gettext_noop("Мои данные"), "privacy_me"),
        (gettext_noop("Сменить пароль"), "password_first"),  # accounts
        (gettext_noop("Токены API"), "api_tokens"),  # issue 13
    ]
    # recognition: in the user's own menu (the main menu is full): staff run it, participants see their own points
    if actor_for(user).org_roles:
        items.append((gettext_noop("Итоги и награды"), "recognition"))
    return [{"title": _(title), "url": url} for title, name in items if (url := _url(name))]


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# --- cycle: who reads the reason of a request to change the mentor ------------------------------------------------
# The mentee's reason for asking another mentor is for the curator, not for the mentor it is about: it is shown to
# those who manage the pair, to the person who asked and to the person it is about (and that person's guardian).


def may_read_change_reason(user, change_request) -> bool:
    if can(user, Action.MENTORSHIP_MANAGE, change_request.mentorship):
        return True
    actor = actor_for(user)
    own = {actor.person_id} - {None}
    return bool(own & {change_request.requested_by_id, change_request.subject_id}) or (
        change_request.subject_id in actor.ward_ids
    )
