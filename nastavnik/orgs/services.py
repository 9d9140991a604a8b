"""Appointments to the target model's roles: the head appoints and removes, the history stays."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from nastavnik.orgs.models import APPOINTED_ROLES, Appointment, Membership, Organization, Role
from nastavnik.people.models import Person


@transaction.atomic
def appointment_make(
    *,
    organization: Organization,
    person: Person,
    role: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    position: str = "",
    area: str = "",
    created_by=None,
) -> Appointment:
    """Appoint a person of the organisation to a role from `starts_on` (and until `ends_on`, if known).

    The role takes effect at once (the Membership row the policy reads); the order «О назначении координатора и
    кураторов» is then prepared from the current appointments and signed by the head.
    """
    if role not in APPOINTED_ROLES:
        raise ValidationError(_("На эту роль не назначают приказом руководителя."))
    if person.organization_id != organization.pk or person.anonymised_at is not None:
        raise ValidationError(_("Назначить можно только сотрудника этой организации."))
    if person.category in (Person.Category.PUPIL, Person.Category.STUDENT, Person.Category.PARENT):
        raise ValidationError(_("Назначить можно только сотрудника организации, не обучающегося и не родителя."))
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(_("Окончание назначения раньше его начала."))
    if Appointment.objects.filter(organization=organization, person=person, role=role, ends_on__isnull=True).exists():
        raise ValidationError(_("Этот человек уже назначен на эту роль."))
    position = position.strip()[:200]
    appointment = Appointment.objects.create(
        organization=organization,
        person=person,
        role=role,
        position=position,
        area=area.strip()[:200],
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=created_by,
    )
    membership, created = Membership.objects.get_or_create(
        person=person,
        role=role,
        organization=organization,
        defaults={"appointed_on": starts_on, "position": position, "created_by": created_by},
    )
    if not created:
        membership.appointed_on = membership.appointed_on or starts_on
        membership.position = position or membership.position
        membership.save(update_fields=["appointed_on", "position"])
    if position:
        # One job per person in the organisation: the position shows in every role they hold there.
        Membership.objects.filter(person=person, organization=organization, position="").update(position=position)
    return appointment


@transaction.atomic
def appointment_end(
    *, appointment: Appointment, ends_on: dt.date, today: dt.date, reason: str = "", ended_by=None
) -> Appointment:
    """Remove from the role: the appointment keeps its dates in the history, the role stops when the day comes."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.ends_on is not None and appointment.ends_on < today:
        raise ValidationError(_("Это назначение уже окончено."))
    if ends_on < appointment.starts_on:
        raise ValidationError(_("Окончание назначения раньше его начала."))
    appointment.ends_on = ends_on
    appointment.ended_reason = reason.strip()[:300]
    appointment.save(update_fields=["ends_on", "ended_reason"])
    if ends_on <= today:
        _drop_role(appointment, today=today)
    return appointment


def _drop_role(appointment: Appointment, *, today: dt.date) -> bool:
    """The role stops unless another appointment to it is still current (open, or ending today or later)."""
    still = (
        Appointment.objects.filter(
            organization=appointment.organization, person=appointment.person, role=appointment.role
        )
        .exclude(pk=appointment.pk)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exists()
    )
    if still:
        return False
    deleted, _detail = (
        Membership.objects.filter(
            organization=appointment.organization, person=appointment.person, role=appointment.role
        )
        .filter(_given_by(appointment.ends_on))
        .delete()
    )
    return bool(deleted)


def _given_by(ends_on) -> Q:
    """Memberships the appointment gave: not one given again after it ended (a later signed order)."""
    return Q(appointed_on__isnull=True) | Q(appointed_on__lte=ends_on)


@transaction.atomic
def appointments_expire(*, today: dt.date) -> int:
    """Roles whose appointment ended before today stop; the appointments stay in the history. Run every hour from
    `nastavnik remind` through the task queue (`orgs.tasks.expire_appointments`); until it runs, the policy already
    ignores a role whose appointment has ended (`policy.actor_for`). Returns how many roles stopped."""
    lapsed = Appointment.objects.filter(ends_on__lt=today).filter(
        Exists(
            Membership.objects.filter(
                organization_id=OuterRef("organization_id"), person_id=OuterRef("person_id"), role=OuterRef("role")
            ).filter(_given_by(OuterRef("ends_on")))
        )
    )
    return sum(_drop_role(appointment, today=today) for appointment in lapsed.select_related("organization", "person"))


def role_position(*, role: str, organization: Organization) -> str:
    """A default job title for a role when the head does not type one (seed 003 §4.2: the coordinator is the
    deputy head for teaching and upbringing)."""
    head = "заведующего" if organization.kind == Organization.Kind.KINDERGARTEN else "директора"
    return {
        Role.COORDINATOR: f"заместитель {head} по учебно-воспитательной работе",
        Role.PSYCHOLOGIST: "педагог-психолог",
    }.get(role, "")
