"""Factories and helpers for the intake tests: invented people only."""

import datetime as dt
import io

import factory
from django.utils import timezone
from docx import Document
from factory.django import DjangoModelFactory

from nastavnik.intake.models import MenteeRequest, MentorCandidate, Training, TrainingSession
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Guardianship, Person
from nastavnik.privacy.models import Consent
from tests.factories import ConsentFactory, PersonFactory, PupilFactory


def participant(org, *, consent: bool = True, **kwargs) -> Person:
    """A teacher of `org` (or another category via kwargs), with a signed participation consent by default."""
    person = PersonFactory(organization=org, **kwargs)
    if consent:
        ConsentFactory(person=person, purpose=Consent.Purpose.PARTICIPATION)
    return person


def pupil_with_guardian_consent(org, **kwargs) -> Person:
    """A minor pupil whose parent signed the participation consent for them."""
    child = PupilFactory(organization=org, **kwargs)
    parent = PersonFactory(
        organization=org, category=Person.Category.PARENT, last_name="Опекунова", subject="", experience_years=None
    )
    Guardianship.objects.create(guardian=parent, child=child)
    ConsentFactory(
        person=child,
        given_by=parent,
        guardian_basis=Consent.GuardianBasis.PARENT,
        purpose=Consent.Purpose.PARTICIPATION,
    )
    return child


def external(*, category: str = Person.Category.EMPLOYER, **kwargs) -> Person:
    """Somebody from outside (an employer's engineer, a graduate): no organisation of their own, with consent."""
    person = PersonFactory(organization=None, category=category, workplace="Инженер АО «Тестмаш»", **kwargs)
    ConsentFactory(person=person, purpose=Consent.Purpose.PARTICIPATION, operator="Тестовая школа")
    return person


def staff(org, role: str, **kwargs) -> Person:
    person = PersonFactory(organization=org, **kwargs)
    Membership.objects.create(person=person, role=role, organization=org)
    return person


class MenteeRequestFactory(DjangoModelFactory):
    class Meta:
        model = MenteeRequest

    person = factory.SubFactory(PersonFactory)
    organization = factory.SelfAttribute("person.organization")
    categories = factory.LazyFunction(lambda: ["young_specialist"])
    needs = "Трудности с дисциплиной на уроках"
    deficit_competencies = factory.LazyFunction(lambda: ["управление классом"])
    status = MenteeRequest.Status.IN_BASE


class CandidateFactory(DjangoModelFactory):
    class Meta:
        model = MentorCandidate

    person = factory.SubFactory(PersonFactory)
    organization = factory.SelfAttribute("person.organization")
    category = MentorCandidate.Category.TEACHER
    mentor_type = MentorCandidate.MentorType.SUBJECT
    competencies = factory.LazyFunction(lambda: ["методика урока"])
    status = MentorCandidate.Status.CANDIDATE


class TrainingFactory(DjangoModelFactory):
    class Meta:
        model = Training

    title = "Школа наставника"
    description = "Основы наставничества\nЭтика и безопасность"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


def session_on(training: Training, number: int, days_from_today: int) -> TrainingSession:
    when = timezone.localtime().replace(hour=15, minute=0, second=0, microsecond=0)
    return TrainingSession.objects.create(
        training=training,
        number=number,
        starts_at=when + dt.timedelta(days=days_from_today),
        topic=f"Занятие {number}",
        hours=2,
    )


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a DOCX, one per line: what a reader of the file sees."""
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def director_of(org) -> Person:
    return staff(org, Role.DIRECTOR, last_name="Гроздева", first_name="Лариса", middle_name="Марковна")
