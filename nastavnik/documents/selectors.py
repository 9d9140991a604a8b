"""Reads for the documents service: the register of orders and the people orders are about."""

from __future__ import annotations

from django.apps import apps
from django.db.models import F, Q, QuerySet

from nastavnik.documents import wording
from nastavnik.documents.models import Order
from nastavnik.orgs.models import STAFF_ROLES, Membership, Organization
from nastavnik.people.models import Person


def order_register(*, organization: Organization, year: int | None = None, kind: str | None = None) -> QuerySet[Order]:
    """The organisation's orders: drafts waiting for signature first, then signed ones newest first."""
    qs = Order.objects.filter(organization=organization).select_related("program")
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by(F("year").desc(nulls_first=True), F("number").desc(nulls_first=True), "-pk")


def drafts_waiting(*, organization: Organization) -> QuerySet[Order]:
    """Drafts waiting for the head's signature, oldest first."""
    return Order.objects.filter(organization=organization, status=Order.Status.DRAFT).order_by("created_at", "pk")


def order_years(*, organization: Organization) -> list[int]:
    return list(
        Order.objects.filter(organization=organization, year__isnull=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def staff_people(*, organization: Organization) -> QuerySet[Person]:
    """Who may be named responsible in an order: the organisation's teachers and its target-model staff."""
    return (
        Person.objects.filter(anonymised_at__isnull=True)
        .filter(
            Q(organization=organization, category=Person.Category.TEACHER)
            | Q(memberships__organization=organization, memberships__role__in=STAFF_ROLES)
        )
        .distinct()
        .order_by("last_name", "first_name", "middle_name")
    )


def approved_mentor_candidates(*, organization: Organization) -> QuerySet:
    """Mentors approved for the registry (intake.MentorCandidate, status «approved»).

    The one read of a stage app from this shared service, looked up by label so that `documents` keeps no import
    of `intake` (domain.md: shared services import none of the stage apps).
    """
    model = apps.get_model("intake", "MentorCandidate")
    return (
        model.objects.filter(organization=organization, status="approved", person__anonymised_at__isnull=True)
        .select_related("person", "person__organization")
        .order_by("person__last_name", "person__first_name")
    )


def launch_team(*, organization: Organization) -> dict[str, list[Person]]:
    """The coordinator(s) and curators the organisation already has: forms start from them."""
    team: dict[str, list[Person]] = {"coordinator": [], "curator": []}
    memberships = (
        Membership.objects.filter(organization=organization, role__in=team, person__anonymised_at__isnull=True)
        .select_related("person")
        .order_by("role", "person__last_name", "person__first_name")
    )
    for membership in memberships:
        team[membership.role].append(membership.person)
    return team


def launch_team_initial(*, organization: Organization) -> list[dict]:
    """Rows «responsible person + duties» for the order introducing the target model (seed 004 §1.6.1)."""
    team = launch_team(organization=organization)
    duties = {"coordinator": wording.COORDINATOR_DUTIES, "curator": wording.CURATOR_DUTIES}
    rows = [
        {"person": person.pk, "duties": "\n".join(duties[role])}
        for role in ("coordinator", "curator")
        for person in team[role]
    ]
    return rows or [{}]


def roadmap_lines(*, organization: Organization) -> list[str]:
    """The activities of the organisation's latest roadmap as lines «what — when — who» for the approving order.

    Looked up by label (programs is another shared service; documents keeps no import of it).
    """
    roadmap_model = apps.get_model("programs", "Roadmap")
    roadmap = roadmap_model.objects.filter(organization=organization).order_by("-pk").first()
    if roadmap is None:
        return []
    lines = []
    for activity in roadmap.activities.order_by("starts_on", "pk")[:200]:
        when = activity.period_text or f"{activity.starts_on:%d.%m.%Y} – {activity.ends_on:%d.%m.%Y}"
        who = activity.responsible_text
        lines.append(" — ".join(x for x in (" ".join(activity.title.split()), when, who) if x))
    return lines
def order_people(*, order: Order) -> list[Person]:
    """The people an order names: every `person_id` in its stored snapshot."""
    found: list[int] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "person_id" and isinstance(item, int):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(order.payload)
    return list(Person.objects.filter(pk__in=set(found)))
