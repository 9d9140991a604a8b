"""Factories for recognition tests: invented people only."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from nastavnik.people.models import Guardianship, Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.services import consent_prepare, consent_sign
from nastavnik.recognition.models import HonourEntry, News, Practice
from tests.factories import PersonFactory, PupilFactory


def publication_consent(person: Person, *categories: str, given_by: Person | None = None) -> Consent:
    """A signed consent to dissemination, through the real service (a minor's from the guardian)."""
    today = timezone.localdate()
    consent = consent_prepare(
        person=person, purpose=Consent.Purpose.PUBLICATION, given_by=given_by or person, recorded_by=None,
        publish_categories=list(categories or Consent.PublishCategory.values), today=today,
    )
    return consent_sign(consent=consent, signed_at=today, form=Consent.Form.PAPER, recorded_by=None)


def pupil_with_guardian(organization, **kwargs) -> tuple[Person, Person]:
    pupil = PupilFactory(organization=organization, **kwargs)
    parent = PersonFactory(organization=organization, category=Person.Category.PARENT, subject="",
                           experience_years=None)
    Guardianship.objects.create(guardian=parent, child=pupil)
    return pupil, parent


def honour(person: Person, *, year: int = 2026, title: str = "Наставник года", story: str = "") -> HonourEntry:
    return HonourEntry.objects.create(organization=person.organization, person=person, year=year, title=title,
                                      story=story)


def published_practice(organization, *, authors=(), anonymous=False, title="Практика взаимопосещения уроков",
                       on: dt.date | None = None) -> Practice:
    practice = Practice.objects.create(
        organization=organization, title=title, problem="Молодые педагоги не знают, как строить урок",
        actions="Взаимопосещения раз в две недели", results="Все провели открытые уроки", anonymous=anonymous,
        status=Practice.Status.PUBLISHED, published_on=on or timezone.localdate() - dt.timedelta(days=1),
    )
    practice.authors.set(authors)
    return practice


def news(organization, *, title="Открыт приём заявок на конкурс") -> News:
    return News.objects.create(organization=organization, title=title, body="Подробности у куратора.",
                               published_on=timezone.localdate() - dt.timedelta(days=1))


