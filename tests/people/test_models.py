import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from nastavnik.people.models import Guardianship, Person
from tests.factories import GuardianshipFactory, PersonFactory, PupilFactory

pytestmark = pytest.mark.django_db


def test_it_formats_russian_short_name():
    person = PersonFactory(last_name="Кедрова", first_name="Анна", middle_name="Петровна")
    assert person.short_name == "Кедрова А. П."


def test_it_knows_a_pupil_is_a_minor():
    pupil = PupilFactory(birth_date=dt.date(2012, 5, 20))
    teacher = PersonFactory(birth_date=dt.date(1980, 1, 1))
    assert pupil.is_minor
    assert not teacher.is_minor


def test_it_reads_the_grade_from_the_class():
    assert PupilFactory(school_class="10 Б").grade == 10
    assert PersonFactory(school_class="").grade is None


def test_it_refuses_a_person_as_their_own_guardian():
    person = PersonFactory(category=Person.Category.PARENT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Guardianship.objects.create(guardian=person, child=person)


def test_it_refuses_the_same_guardianship_twice():
    link = GuardianshipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Guardianship.objects.create(guardian=link.guardian, child=link.child)
