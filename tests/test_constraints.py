"""The database itself keeps the invariants of the target model, whatever code writes to it."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from nastavnik.documents.models import Order
from nastavnik.intake.models import MentorCandidate
from nastavnik.mentorships.models import Meeting, Mentorship, MentorshipMember
from nastavnik.orgs.models import Membership, Role
from nastavnik.privacy.models import Consent
from tests.factories import (
    MeetingFactory,
    MentorshipFactory,
    OrganizationFactory,
    PersonFactory,
    ProgramFactory,
    PupilFactory,
)

pytestmark = pytest.mark.django_db


def _refused(make) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_it_refuses_a_person_mentoring_themselves():
    program = ProgramFactory()
    person = PersonFactory(organization=program.organization)
    _refused(lambda: Mentorship.objects.create(program=program, mentor=person, mentee=person,
                                               starts_on=dt.date(2026, 9, 1)))


def test_it_refuses_a_mentorship_without_a_mentor_or_a_mentee():
    program = ProgramFactory()
    person = PersonFactory(organization=program.organization)
    _refused(lambda: Mentorship.objects.create(program=program, mentor=person, starts_on=dt.date(2026, 9, 1)))
    _refused(lambda: Mentorship.objects.create(program=program, mentee=person, starts_on=dt.date(2026, 9, 1)))


def test_it_refuses_a_mentorship_ending_before_it_starts():
    _refused(lambda: MentorshipFactory(starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 8, 1)))


def test_it_keeps_a_group_member_on_one_side_only():
    group = MentorshipFactory()
    pupil = PupilFactory(organization=group.program.organization)
    MentorshipMember.objects.create(mentorship=group, person=pupil, side=MentorshipMember.Side.MENTEE)
    _refused(lambda: MentorshipMember.objects.create(mentorship=group, person=pupil,
                                                     side=MentorshipMember.Side.MENTOR))


def test_it_refuses_an_impossible_meeting_duration():
    _refused(lambda: MeetingFactory(duration_minutes=0))
    _refused(lambda: MeetingFactory(duration_minutes=600))
    assert MeetingFactory(duration_minutes=90).status == Meeting.Status.PLANNED


def test_it_numbers_orders_uniquely_per_organisation_and_year():
    org, other = OrganizationFactory(), OrganizationFactory()

    def order(organization, year, number):
        return Order.objects.create(organization=organization, kind=Order.Kind.OTHER, number=number, year=year,
                                    date=dt.date(year, 9, 1), subject="О наставничестве")

    order(org, 2026, 1)
    order(org, 2027, 1)  # numbering starts again each year
    order(other, 2026, 1)  # and is separate per organisation
    _refused(lambda: order(org, 2026, 1))
    _refused(lambda: order(org, 2026, 0))


def test_it_refuses_a_consent_given_by_another_person_without_a_basis():
    child = PupilFactory()
    parent = PersonFactory(category="parent")
    _refused(lambda: Consent.objects.create(person=child, given_by=parent, purpose=Consent.Purpose.PARTICIPATION,
                                            operator="Школа"))
    consent = Consent.objects.create(person=child, given_by=parent, purpose=Consent.Purpose.PARTICIPATION,
                                     operator="Школа", guardian_basis=Consent.GuardianBasis.PARENT)
    assert consent.pk


def test_it_refuses_a_consent_that_ends_before_it_starts():
    person = PersonFactory()
    _refused(lambda: Consent.objects.create(person=person, given_by=person, operator="Школа",
                                            purpose=Consent.Purpose.QUESTIONNAIRES, valid_from=dt.date(2026, 9, 1),
                                            valid_until=dt.date(2026, 1, 1)))


def test_it_keeps_a_mentors_capacity_between_one_and_thirty():
    person = PersonFactory()
    for capacity in (0, 31):
        _refused(lambda c=capacity: MentorCandidate.objects.create(
            person=person, organization=person.organization, category="teacher", capacity=c))


def test_it_ties_roles_to_an_organisation_and_the_municipal_role_to_a_municipality():
    person = PersonFactory()
    org = person.organization
    _refused(lambda: Membership.objects.create(person=person, role=Role.CURATOR, municipality=org.municipality))
    _refused(lambda: Membership.objects.create(person=person, role=Role.MUNICIPAL_COORDINATOR, organization=org))
    Membership.objects.create(person=person, role=Role.CURATOR, organization=org)
    _refused(lambda: Membership.objects.create(person=person, role=Role.CURATOR, organization=org))
