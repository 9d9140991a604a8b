"""A small world for the privacy tests: one school, a pupil with a guardian, a pair, the bases. Invented names."""

import datetime as dt
import io
from dataclasses import dataclass

from django.utils import timezone
from docx import Document

from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.orgs.models import Membership, Organization, Role
from nastavnik.people.models import Guardianship, Person
from nastavnik.privacy import services
from nastavnik.privacy.models import Consent
from tests.factories import (
    MeetingFactory,
    MentorshipFactory,
    OrganizationFactory,
    PersonFactory,
    ProgramFactory,
    PupilFactory,
    UserFactory,
)


def login(person: Person, username: str) -> Person:
    person.user = UserFactory(username=username)
    person.save(update_fields=["user"])
    return person


def role(person: Person, role_name: str, org: Organization | None = None) -> Person:
    Membership.objects.create(person=person, role=role_name, organization=org or person.organization)
    return person


@dataclass
class School:
    org: Organization
    pupil: Person
    parent: Person
    other_parent: Person
    mentor: Person
    curator: Person
    director: Person
    mentorship: Mentorship
    request: MenteeRequest
    meeting: Meeting


def school() -> School:
    org = OrganizationFactory(
        code="privacy-school",
        name="Муниципальное общеобразовательное учреждение «Тестовая школа № 1»",
        address="г. Северогорск, ул. Школьная, д. 1",
    )
    pupil = PupilFactory(
        organization=org,
        last_name="Кедрова",
        first_name="Анна",
        middle_name="Петровна",
        birth_date=dt.date(2012, 5, 20),
        school_class="8А",
    )
    login(pupil, "pupil")
    role(pupil, Role.MENTEE)
    parent = PersonFactory(
        organization=org,
        category=Person.Category.PARENT,
        last_name="Кедров",
        first_name="Пётр",
        middle_name="Ильич",
        birth_date=dt.date(1980, 2, 2),
        subject="",
        experience_years=None,
    )
    login(parent, "parent")
    role(parent, Role.GUARDIAN)
    Guardianship.objects.create(guardian=parent, child=pupil)
    other_child = PupilFactory(organization=org, last_name="Ольховая", first_name="Вера", middle_name="Сергеевна")
    other_parent = PersonFactory(
        organization=org,
        category=Person.Category.PARENT,
        last_name="Ольховый",
        first_name="Глеб",
        middle_name="Ильич",
        subject="",
        experience_years=None,
    )
    login(other_parent, "other_parent")
    role(other_parent, Role.GUARDIAN)
    Guardianship.objects.create(guardian=other_parent, child=other_child)
    mentor = role(
        login(PersonFactory(organization=org, last_name="Рябинина", first_name="Нина"), "mentor"), Role.MENTOR
    )
    curator = role(
        login(PersonFactory(organization=org, last_name="Ясенев", first_name="Остап"), "curator"), Role.CURATOR
    )
    director = role(
        login(PersonFactory(organization=org, last_name="Берёзкин", first_name="Глеб"), "director"), Role.DIRECTOR
    )
    program = ProgramFactory(organization=org)
    mentorship = MentorshipFactory(program=program, mentor=mentor, mentee=pupil, goal="Подтянуть алгебру")
    meeting = MeetingFactory(
        mentorship=mentorship, scheduled_at=timezone.now() + dt.timedelta(days=5), status=Meeting.Status.PLANNED
    )
    request = MenteeRequest.objects.create(
        person=pupil,
        organization=org,
        program=program,
        needs="Трудности с алгеброй и дробями",
        interests=["шахматы"],
        status=MenteeRequest.Status.IN_BASE,
    )
    MentorCandidate.objects.create(
        person=mentor,
        organization=org,
        category=MentorCandidate.Category.TEACHER,
        portfolio="Победитель конкурса «Учитель года»",
        status=MentorCandidate.Status.APPROVED,
    )
    return School(org, pupil, parent, other_parent, mentor, curator, director, mentorship, request, meeting)


def signed_consent(
    person: Person, purpose: str, *, given_by: Person | None = None, signed_at=None, recorded_by=None
) -> Consent:
    consent = services.consent_prepare(
        person=person, purpose=purpose, given_by=given_by or person, recorded_by=recorded_by
    )
    return services.consent_sign(
        consent=consent,
        signed_at=signed_at or timezone.localdate(),
        form=Consent.Form.PAPER,
        recorded_by=recorded_by,
    )


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs)
