"""The one place that answers «may this user do this action on this object».

Every view and API handler asks here: `require(user, action, obj)` raises 404 when the user may not even see the
object (so a refusal never reveals whether it exists) and 403 when they may see it but not do the action.
List pages narrow their querysets with the `scope_*` functions, so a list never shows what a detail would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nastavnik.orgs.models import STAFF_ROLES, Membership, Municipality, Organization, Role
from nastavnik.people.models import Guardianship, Person

MANAGERS = frozenset({Role.DIRECTOR, Role.COORDINATOR, Role.CURATOR})
INTAKE_STAFF = MANAGERS | {Role.PSYCHOLOGIST}


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
    # Municipality (object: Municipality): aggregates only, never names.
    MUNICIPAL_VIEW = "municipal.view"
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


def actor_for(user) -> Actor:
    cached = getattr(user, "_nastavnik_actor", None)
    if cached is not None:
        return cached
    person = Person.objects.filter(user_id=user.pk).only("id").first() if user.is_authenticated else None
    org_roles: dict[int, set[str]] = {}
    municipality_ids: set[int] = set()
    ward_ids: frozenset[int] = frozenset()
    if person:
        for role, org_id, mun_id in Membership.objects.filter(person=person).values_list(
            "role", "organization_id", "municipality_id"
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
    return Q(mentor_id__in=person_ids) | Q(mentee_id__in=person_ids) | Q(members__person_id__in=person_ids)


def _staff_may_view_person(actor: Actor, person: Person) -> bool:
    roles = actor.roles_in(person.organization_id)
    if roles & (STAFF_ROLES - {Role.METHOD_HEAD}):
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
    if actor.person_id is None:
        return None
    member_sides = {pid: side for pid, side in mentorship.members.values_list("person_id", "side")}
    if actor.person_id == mentorship.mentor_id or member_sides.get(actor.person_id) == "mentor":
        return "mentor"
    if actor.person_id == mentorship.mentee_id or member_sides.get(actor.person_id) == "mentee":
        return "mentee"
    mentee_ids = {mentorship.mentee_id} | {pid for pid, side in member_sides.items() if side == "mentee"}
    if actor.ward_ids & mentee_ids:
        return "guardian"
    return None


def _mentorship_rule(actor: Actor, action: Action, mentorship) -> bool:
    org_id = mentorship.program.organization_id
    staff = actor.has_any(org_id, STAFF_ROLES)
    side = mentorship_side(actor, mentorship)
    if action == Action.MENTORSHIP_VIEW:
        return staff or side is not None
    if action == Action.MENTORSHIP_WORK:
        return side in {"mentor", "mentee"} or actor.has_any(org_id, MANAGERS)
    if action == Action.MENTORSHIP_REQUEST_CHANGE:
        return side in {"mentor", "mentee", "guardian"}
    if action == Action.MENTORSHIP_MANAGE:
        return actor.has_any(org_id, MANAGERS)
    return False


def _municipal_rule(actor: Actor, action: Action, municipality: Municipality) -> bool:
    # --- municipal contour (issue 13): the coordinator of a municipality views, exports and remarks on its
    # organisations' roadmaps; the municipal level sees numbers only (the municipal app never reads a name).
    return actor.is_superuser or municipality.pk in actor.municipality_ids


# --- REST API (issue 13): personal tokens belong to their user alone ------------------------------------------


def _api_rule(actor: Actor, action: Action, token) -> bool:
    return token.user_id == actor.user.pk


def scope_api_tokens(user, qs: QuerySet) -> QuerySet:
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
    "api": _api_rule,
}

# Which action lets the user see the object at all: without it a refusal is a 404.
_VISIBILITY = {
    "org": Action.ORG_VIEW,
    "person": Action.PERSON_VIEW,
    "program": Action.PROGRAM_VIEW,
    "mentorship": Action.MENTORSHIP_VIEW,
    "municipal": Action.MUNICIPAL_VIEW,
    "api": Action.API_TOKEN_MANAGE,
}


def can(user, action: Action | str, obj) -> bool:
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
    actor = actor_for(user)
    if actor.is_superuser:
        return qs
    full = [org for org, roles in actor.org_roles.items() if roles & (STAFF_ROLES - {Role.METHOD_HEAD})]
    teachers_only = [org for org, roles in actor.org_roles.items() if Role.METHOD_HEAD in roles]
    return qs.filter(
        Q(organization_id__in=full) | Q(organization_id__in=teachers_only, category=Person.Category.TEACHER)
    )


def scope_mentorships(user, qs: QuerySet) -> QuerySet:
    actor = actor_for(user)
    if actor.is_superuser:
        return qs
    staff_orgs = [org for org, roles in actor.org_roles.items() if roles & STAFF_ROLES]
    own = {actor.person_id, *actor.ward_ids} - {None}
    return qs.filter(Q(program__organization_id__in=staff_orgs) | _participant_q(own)).distinct()


def scope_organizations(user, qs: QuerySet[Organization]) -> QuerySet[Organization]:
    actor = actor_for(user)
    if actor.is_superuser:
        return qs
    return qs.filter(Q(pk__in=actor.org_roles.keys()) | Q(municipality_id__in=actor.municipality_ids))


def staff_organizations(user, roles: frozenset[str] = frozenset(STAFF_ROLES)) -> list[int]:
    actor = actor_for(user)
    if actor.is_superuser:
        return list(Organization.objects.values_list("pk", flat=True))
    return [org for org, held in actor.org_roles.items() if held & roles]


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
        (gettext_noop("Токены API"), "api_tokens"),  # issue 13
    ]
    return [{"title": _(title), "url": url} for title, name in items if (url := _url(name))]


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None
