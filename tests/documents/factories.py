"""Factories and helpers for the documents tests: invented people only."""

import datetime as dt
import io

import factory
from docx import Document
from factory.django import DjangoModelFactory

from nastavnik.intake.models import MentorCandidate
from nastavnik.orgs.models import Membership, Role
from tests.factories import OrganizationFactory, PersonFactory, person_with_login

ISSUE_DATE = dt.date(2026, 9, 1)


class MentorCandidateFactory(DjangoModelFactory):
    class Meta:
        model = MentorCandidate

    person = factory.SubFactory(PersonFactory)
    organization = factory.SelfAttribute("person.organization")
    category = MentorCandidate.Category.TEACHER
    competencies = factory.LazyFunction(lambda: ["формирующее оценивание", "проектная деятельность"])
    status = MentorCandidate.Status.APPROVED
    approved_on = dt.date(2026, 8, 25)


def school_with_director(**org_kwargs):
    """An organisation whose director (with a login) is «Гроздева Лариса Марковна»."""
    org = OrganizationFactory(**org_kwargs)
    director = person_with_login(
        role=Role.DIRECTOR, organization=org, last_name="Гроздева", first_name="Лариса", middle_name="Марковна"
    )
    return org, director


def staff(org, role: str | None = None, **kwargs):
    person = PersonFactory(organization=org, **kwargs)
    if role:
        Membership.objects.create(person=person, role=role, organization=org)
    return person


def docx_text(data: bytes) -> str:
    """All text of a DOCX, paragraphs and table cells, one line each: what a reader of the file sees."""
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def docx_tables(data: bytes) -> list[list[list[str]]]:
    doc = Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]


def introduce_payload(*people) -> dict:
    return {
        "starts_on": "2026-09-01",
        "ends_on": "2027-05-31",
        "responsible": [{"person_id": p.pk, "duties": "вести базу наставников\nготовить отчёт"} for p in people],
        "monitoring": [
            {"what": "входной мониторинг", "date": "2026-10-01"},
            {"what": "итоговый мониторинг", "date": "2027-05-20"},
        ],
        "results": ["рост числа закрепившихся в профессии молодых педагогов"],
    }


def school_payload(responsible) -> dict:
    return {
        "starts_on": "2026-09-15",
        "ends_on": "2026-10-31",
        "responsible_id": responsible.pk,
        "topics": ["Наставничество: Что? Зачем? Как?", "Принципы этичного и безопасного наставничества"],
        "schedule": [
            {"date": "2026-09-20", "time": "15:00-16:30", "topic": "Наставничество: Что? Зачем? Как?"},
            {"date": "2026-10-04", "time": "15.00", "topic": "Этика наставника", "responsible": "Шиповник Е. В."},
        ],
    }


def pdf_title(pdf: bytes) -> str:
    """The /Title of a PDF's document information, as LibreOffice writes it (UTF-16 hex or a literal string)."""
    import re

    match = re.search(rb"/Title\s*<([0-9A-Fa-f]+)>", pdf)
    if match:
        return bytes.fromhex(match.group(1).decode()).decode("utf-16")
    match = re.search(rb"/Title\s*\((.*?)\)", pdf, re.S)
    return match.group(1).decode("latin-1") if match else ""
