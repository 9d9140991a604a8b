"""Mentor Match tests: a small organisation with a programme at the matching stage, approved mentors and
mentees in the base, everybody with the consents the pair's work needs (participation, questionnaires). Invented
people only."""

from dataclasses import dataclass, field

import pytest

from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.matching import services
from nastavnik.matching.models import MatchSession
from nastavnik.orgs.models import Organization, Role
from nastavnik.people.models import Person
from nastavnik.programs.models import Program
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401
from tests.factories import TODAY, OrganizationFactory, ProgramFactory, RoleModelFactory, person_with_login
from tests.intake.factories import CandidateFactory, MenteeRequestFactory
from tests.intake.factories import participant as _participant


def participant(org, **kwargs) -> Person:
    """A participant with both consents the pair's work needs."""
    from nastavnik.privacy.models import Consent
    from tests.factories import ConsentFactory

    person = _participant(org, **kwargs)
    ConsentFactory(person=person, purpose=Consent.Purpose.QUESTIONNAIRES)
    return person


MENTOR_NAMES = [
    ("Кленова", "Арина", "Павловна"),
    ("Дубравин", "Савва", "Ильич"),
    ("Вишнякова", "Ольга", "Марковна"),
    ("Сиренев", "Тарас", "Олегович"),
]
MENTEE_NAMES = [
    ("Ромашкина", "Ева", "Денисовна"),
    ("Васильков", "Лев", "Андреевич"),
    ("Незабудкина", "Майя", "Юрьевна"),
    ("Лютиков", "Марк", "Глебович"),
    ("Ландышева", "Ясна", "Петровна"),
]


@dataclass
class World:
    org: Organization
    program: Program
    curator: Person
    director: Person
    mentors: list[MentorCandidate] = field(default_factory=list)
    mentees: list[MenteeRequest] = field(default_factory=list)


def make_world(*, mentors: int = 3, mentees: int = 4, kind: str = "traditional", capacity: int = 1) -> World:
    org = OrganizationFactory()
    program = ProgramFactory(organization=org, stage="matching", kind=kind)
    program.role_models.add(
        RoleModelFactory(form=program.form, mentor_tag="experienced_teacher", mentee_tag="young_specialist")
    )
    curator = person_with_login(role=Role.CURATOR, organization=org, last_name="Кураторова", first_name="Зоя")
    director = person_with_login(role=Role.DIRECTOR, organization=org, last_name="Главнова", first_name="Ирина")
    world = World(org=org, program=program, curator=curator, director=director)
    for last, first, middle in MENTOR_NAMES[:mentors]:
        person = participant(org, last_name=last, first_name=first, middle_name=middle, experience_years=20)
        world.mentors.append(
            CandidateFactory(
                person=person,
                status=MentorCandidate.Status.APPROVED,
                capacity=capacity,
                competencies=["управление классом", "методика урока"],
                interests=["шахматы"],
                free_time=["вт 15-17"],
            )
        )
    for last, first, middle in MENTEE_NAMES[:mentees]:
        person = participant(org, last_name=last, first_name=first, middle_name=middle, experience_years=1)
        world.mentees.append(
            MenteeRequestFactory(person=person, program=program, interests=["шахматы"], free_time=["вт 15-17"])
        )
    return world


def session_of(world: World) -> MatchSession:
    """A session with everybody taking part and its rotation built."""
    session = services.session_create(organization=world.org, program=world.program, date=TODAY, minutes_per_round=7)
    services.participants_set(
        session=session, mentors=[(c, c.capacity) for c in world.mentors], mentees=list(world.mentees)
    )
    services.rotation_build(session=session)
    return session


def mentor_of(session: MatchSession, world: World, i: int):
    return session.mentors.get(candidate=world.mentors[i])


def mentee_of(session: MatchSession, world: World, i: int):
    return session.mentees.get(request=world.mentees[i])


@pytest.fixture
def world(db) -> World:
    return make_world()
