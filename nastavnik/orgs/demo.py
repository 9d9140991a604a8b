"""Demo appointments: the staff roles of the demo organisations get their appointment history and real positions."""

from __future__ import annotations

import datetime as dt

from nastavnik.orgs.models import APPOINTED_ROLES, Appointment, Membership, Organization, Role

# Invented but typical job titles (seed 003 §4.2: the coordinator is the deputy head for teaching and upbringing).
POSITIONS = {
    Role.COORDINATOR: "заместитель {head} по учебно-воспитательной работе",
    Role.PSYCHOLOGIST: "педагог-психолог",
    Role.METHOD_HEAD: "руководитель методического объединения",
}


def populate(*, today: dt.date) -> None:
    """Each staff role without an appointment gets one from the start of the school year. Idempotent."""
    start = dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    memberships = Membership.objects.filter(role__in=APPOINTED_ROLES, organization__isnull=False).select_related(
        "person", "organization"
    )
    for membership in memberships:
        org = membership.organization
        head = "заведующего" if org.kind == Organization.Kind.KINDERGARTEN else "директора"
        position = membership.position or POSITIONS.get(membership.role, "").format(head=head)
        if not position and membership.person.subject:
            position = f"учитель ({membership.person.subject.lower()})"
        if position and not membership.position:
            membership.position = position
            membership.appointed_on = membership.appointed_on or start
            membership.save(update_fields=["position", "appointed_on"])
        Appointment.objects.get_or_create(
            organization=org,
            person=membership.person,
            role=membership.role,
            ends_on=None,
            defaults={"position": position, "starts_on": membership.appointed_on or start},
        )
