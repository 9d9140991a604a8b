"""Factories and helpers for the pair's work tests: invented people only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from nastavnik.mentorships.models import Goal, GoalStep, Meeting, Mentorship, PersonalPlan, Reflection, Wish
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Guardianship, Person
from nastavnik.privacy.models import Consent
from tests.factories import (
    ConsentFactory,
    MeetingFactory,
    MentorshipFactory,
    OrganizationFactory,
    ProgramFactory,
    PupilFactory,
    UserFactory,
    person_with_login,
)

MSK = dt.timezone(dt.timedelta(hours=3))


def at(day: dt.date, hour: int = 15, minute: int = 0) -> dt.datetime:
    """A moment in the school's time zone (Europe/Moscow, UTC+3 all year)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=MSK)


def login(person: Person, username: str | None = None) -> Person:
    person.user = UserFactory(username=username) if username else UserFactory()
    person.save(update_fields=["user"])
    return person


def consent(person: Person, *purposes: str) -> None:
    for purpose in purposes or (Consent.Purpose.PARTICIPATION, Consent.Purpose.QUESTIONNAIRES):
        ConsentFactory(person=person, purpose=purpose)


@dataclass
class Pair:
    mentorship: Mentorship
    mentor: Person
    mentee: Person
    curator: Person


def pair(
    *,
    status: str = Mentorship.Status.APPROVED,
    starts_on: dt.date | None = None,
    interval: int = 14,
    mentee_email: str = "mentee@example.org",
    mentor_email: str = "mentor@example.org",
) -> Pair:
    """A working pair whose mentor, mentee and curator can log in; both sides consent to questionnaires."""
    org = OrganizationFactory()
    program = ProgramFactory(organization=org, meeting_interval_days=interval)
    curator = person_with_login(role=Role.CURATOR, organization=org, last_name="Кураторова")
    program.curators.add(curator)
    m = MentorshipFactory(
        program=program,
        status=status,
        starts_on=starts_on or timezone.localdate() - dt.timedelta(days=30),
        mentor__email=mentor_email,
        mentee__email=mentee_email,
    )
    for person in (m.mentor, m.mentee):
        login(person)
        consent(person)
    return Pair(m, m.mentor, m.mentee, curator)


def pupil_pair() -> tuple[Pair, Person]:
    """A pupil–pupil pair whose mentee is a minor with a guardian who can log in."""
    p = pair()
    m = p.mentorship
    child = PupilFactory(organization=m.program.organization, email="pupil@example.org")
    login(child)
    consent(child)
    m.mentee = child
    m.save(update_fields=["mentee"])
    parent = person_with_login(role=Role.GUARDIAN, organization=m.program.organization, category="parent")
    Guardianship.objects.create(guardian=parent, child=child)
    return Pair(m, p.mentor, child, p.curator), parent


def held(m: Mentorship, day: dt.date, kind: str = Meeting.Kind.REGULAR, **kwargs) -> Meeting:
    return MeetingFactory(mentorship=m, kind=kind, scheduled_at=at(day), status=Meeting.Status.HELD, **kwargs)


def other_mentor():
    """A mentor of another pair in another school: must not see this pair."""
    other = MentorshipFactory()
    return login(other.mentor)


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = PersonalPlan

    mentorship = factory.SubFactory(MentorshipFactory)
    starts_on = dt.date(2026, 10, 1)
    ends_on = dt.date(2027, 5, 31)
    difficulties = "Планирование урока\nОценивание"
    strengths = "Владение цифровыми инструментами"
    directions = "Методика урока"
    expected_results = "Открытый урок"
    kind = "traditional"


class WishFactory(DjangoModelFactory):
    class Meta:
        model = Wish

    mentorship = factory.SubFactory(MentorshipFactory)
    person = factory.SelfAttribute("mentorship.mentee")
    number = factory.Sequence(lambda n: n % 5 + 1)
    text = "Уверенно вести урок в 8 классе"
    measure = "Открытый урок без замечаний"


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    mentorship = factory.SubFactory(MentorshipFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Провести открытый урок"


class StepFactory(DjangoModelFactory):
    class Meta:
        model = GoalStep

    goal = factory.SubFactory(GoalFactory)
    text = "Разработать план урока"


def staff(org, role: str) -> Person:
    person = person_with_login(role=None, organization=org)
    Membership.objects.create(person=person, role=role, organization=org)
    return person


def reflect(meeting: Meeting, person: Person) -> Reflection:
    """A diary entry written straight into the tables (the engine's own rules are tested through the service)."""
    from nastavnik.mentorships.services import reflection_version
    from nastavnik.surveys.models import Response

    side = "mentor" if person.pk == meeting.mentorship.mentor_id else "mentee"
    response = Response.objects.create(version=reflection_version(kind=meeting.kind), respondent=person, about=person)
    return Reflection.objects.create(meeting=meeting, person=person, side=side, response=response)


def reflect_all(meeting: Meeting, p: Pair) -> None:
    for person in (p.mentor, p.mentee):
        reflect(meeting, person)
