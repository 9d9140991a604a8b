"""A small invented municipality for the municipal contour's tests."""

import datetime as dt

from nastavnik.orgs.models import Organization, Role
from nastavnik.people.models import Person
from nastavnik.programs.models import Activity, Roadmap
from tests.factories import (
    MentorshipFactory,
    MunicipalityFactory,
    OrganizationFactory,
    PersonFactory,
    ProgramFactory,
    PupilFactory,
    person_with_login,
)


def territory(*, big_teachers: int = 12, small_teachers: int = 3):
    """A school with `big_teachers` teachers in pairs and a kindergarten with a few; a municipal coordinator."""
    municipality = MunicipalityFactory(name="Округ Тестовый")
    school = OrganizationFactory(municipality=municipality, code="msch", short_name="Школа Тестовая")
    kindergarten = OrganizationFactory(
        municipality=municipality, code="mdou", short_name="Садик Тестовый", kind=Organization.Kind.KINDERGARTEN
    )
    bare = OrganizationFactory(municipality=municipality, code="mbare", short_name="Школа без карты")
    for org, n in ((school, big_teachers), (kindergarten, small_teachers)):
        program = ProgramFactory(organization=org)
        for _ in range(n):
            MentorshipFactory(program=program)
    for _ in range(5):
        PupilFactory(organization=school)
    roadmap = Roadmap.objects.create(
        organization=school, title="Дорожная карта", starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 8, 31),
        status=Roadmap.Status.APPROVED, approved_on=dt.date(2026, 9, 5),
    )
    Activity.objects.create(roadmap=roadmap, stage="preparation", title="Приказ", starts_on=dt.date(2026, 9, 1),
                            ends_on=dt.date(2026, 9, 10), status=Activity.Status.PLANNED)
    Activity.objects.create(roadmap=roadmap, stage="preparation", title="Положение", starts_on=dt.date(2026, 9, 1),
                            ends_on=dt.date(2026, 9, 10), status=Activity.Status.DONE, done_on=dt.date(2026, 9, 9))
    coordinator = person_with_login(role=Role.MUNICIPAL_COORDINATOR, organization=school, username="mun",
                                    category=Person.Category.EXTERNAL)
    director = person_with_login(role=Role.DIRECTOR, organization=school, username="dir")
    return {
        "municipality": municipality, "school": school, "kindergarten": kindergarten, "bare": bare,
        "roadmap": roadmap, "coordinator": coordinator, "director": director,
    }


def other_coordinator():
    return person_with_login(role=Role.MUNICIPAL_COORDINATOR, organization=PersonFactory().organization,
                             username="stranger")
