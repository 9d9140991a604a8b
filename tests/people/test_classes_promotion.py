"""Year end: «Перевод в следующий класс» — every class up, the final classes become graduates, once a year."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from nastavnik.orgs.models import Role
from nastavnik.people.models import ClassPromotion, Person
from nastavnik.people.services import classes_promote, classes_promotion_plan
from tests.factories import OrganizationFactory, PupilFactory, person_with_login

pytestmark = pytest.mark.django_db
JUNE = dt.date(2027, 6, 20)


@pytest.fixture
def school():
    org = OrganizationFactory()
    for school_class in ["7А", "7А", "8А", "9А", "9Б", "10А", "11А", "11Б", "Кадетский"]:
        PupilFactory(organization=org, school_class=school_class)
    return org


def classes(org):
    return sorted(
        Person.objects.filter(organization=org).values_list("category", "school_class"), key=lambda v: (v[0], v[1])
    )


def test_the_preview_lists_every_class_and_changes_nothing(school):
    plan = classes_promotion_plan(organization=school, today=JUNE)
    assert plan.moves == [("10А", "11А", 1), ("9А", "10А", 1), ("9Б", "10Б", 1), ("8А", "9А", 1), ("7А", "8А", 2)]
    assert plan.graduates == [("11А", 1), ("11Б", 1)]
    assert plan.nines == ["9А", "9Б"] and plan.kept == [("Кадетский", 1)]
    assert classes(school).count(("pupil", "7А")) == 2


def test_every_class_moves_up_once_and_the_final_ones_graduate(school):
    plan = classes_promote(organization=school, leaving_nines=["9Б"], today=JUNE)
    assert (plan.moved, plan.graduated) == (5, 3)
    assert classes(school) == [
        ("graduate", ""), ("graduate", ""), ("graduate", ""),
        ("pupil", "10А"), ("pupil", "11А"), ("pupil", "8А"), ("pupil", "8А"), ("pupil", "9А"), ("pupil", "Кадетский"),
    ]  # fmt: skip
    with pytest.raises(Exception, match="уже сделан"):
        classes_promote(organization=school, today=JUNE + dt.timedelta(days=60))
    assert ClassPromotion.objects.get().school_year == 2027
    # Next June is a new school year.
    classes_promote(organization=school, today=JUNE.replace(year=2028))
    pupils = [c for category, c in classes(school) if category == "pupil"]
    assert pupils == ["10А", "11А", "9А", "9А", "Кадетский"]


def test_the_curator_previews_chooses_the_nines_and_promotes(client, school):
    curator = person_with_login(role=Role.CURATOR, organization=school)
    client.force_login(curator.user)
    url = reverse("classes_promotion", args=[school.code])
    page = client.get(url, {"leave": "9А"}).content.decode()
    for text in ("Перевод в следующий класс", "9А — выпускается", "Станет", "Становятся выпускниками"):
        assert text in page
    assert "Перевести (учеников: 5, выпускников: 3)" in page
    response = client.post(url, {"leave": "9А"})
    assert response.status_code == 302
    assert ("pupil", "10Б") in classes(school)
    assert client.post(url).status_code == 302  # a second time: refused with a message, nothing changes
    assert ClassPromotion.objects.count() == 1


@pytest.mark.parametrize(("role", "status"), [(Role.MENTOR, 403), (Role.PSYCHOLOGIST, 403), (Role.DIRECTOR, 200)])
def test_only_those_who_manage_people_promote(client, school, role, status):
    person = person_with_login(role=role, organization=school)
    client.force_login(person.user)
    url = reverse("classes_promotion", args=[school.code])
    assert client.get(url).status_code == status
    if status == 403:
        assert client.post(url).status_code == 403
        assert not ClassPromotion.objects.exists()


def test_the_command_line_promotes(school):
    out = io.StringIO()
    call_command("promote_classes", "--org", school.code, "--leave", "9А,9Б", stdout=out)
    assert "Переведено учеников: 4; выпускников: 4." in out.getvalue()
    with pytest.raises(CommandError, match="уже сделан"):
        call_command("promote_classes", "--org", school.code, stdout=io.StringIO())
