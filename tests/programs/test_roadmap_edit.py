"""Roadmaps that fit the school: activities edited on the page, templates for every form, the organisation's words."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nastavnik.orgs.models import Organization, Role
from nastavnik.programs import catalog
from nastavnik.programs.models import Activity, MentoringForm, Program, Stage
from nastavnik.programs.services import (
    activity_add,
    activity_remove,
    activity_status_set,
    activity_update,
    roadmap_create_from_template,
)
from tests.factories import OrganizationFactory, ProgramFactory, person_with_login

pytestmark = pytest.mark.django_db

START = dt.date(2026, 9, 1)


@pytest.fixture
def roadmap():
    org = OrganizationFactory(kind=Organization.Kind.SCHOOL)
    form = MentoringForm.objects.get(code="pupil_pupil")
    program = ProgramFactory(
        organization=org, form=form, starts_on=START, ends_on=dt.date(2027, 5, 31), stage=Stage.PREPARATION
    )
    return roadmap_create_from_template(
        organization=org, template_code="pupil_pupil", starts_on=dt.date(2026, 10, 1), program=program
    )


def test_every_form_of_the_catalogue_has_a_roadmap_template():
    for form in catalog.FORMS:
        codes = catalog.FORM_ROADMAP_TEMPLATES[form.code]
        assert codes and all(code in catalog.ROADMAP_TEMPLATES for code in codes), form.code


def test_the_pupil_form_speaks_of_pupils_and_the_kindergarten_has_five_stages():
    pupils = catalog.ROADMAP_TEMPLATES["pupil_pupil"]
    text = " ".join(a.title + a.expected_result for a in pupils.activities)
    assert "обучающихся" in text and "педагогов" not in text
    assert len(pupils.activities) == 8 and pupils.start_month == 10
    stages = {a.stage_title for a in catalog.ROADMAP_TEMPLATES["kindergarten_stages"].activities}
    assert stages == {
        "Подготовительный этап",
        "Проектировочный этап",
        "Реализационный этап",
        "Рефлексивно-аналитический этап",
        "Результативный этап",
    }


def test_the_lyceum_template_says_school_for_a_school():
    school = OrganizationFactory(kind=Organization.Kind.SCHOOL)
    roadmap = roadmap_create_from_template(organization=school, template_code="lyceum_2023", starts_on=START)
    texts = " ".join(a.title + a.expected_result for a in roadmap.activities.all()) + roadmap.title
    assert "Сайт школы" in texts and "лице" not in texts


def test_activities_are_added_edited_rescheduled_and_removed(roadmap):
    added = activity_add(
        roadmap=roadmap,
        title="Классный час «Кто такой наставник»",
        stage=Stage.PREPARATION,
        starts_on=dt.date(2026, 10, 5),
        ends_on=dt.date(2026, 10, 5),
        responsible_text="Классные руководители",
    )
    assert added.position == roadmap.activities.count() and not added.outside_program
    moved = activity_update(activity=added, starts_on=dt.date(2027, 6, 10), ends_on=dt.date(2027, 6, 20))
    assert moved.outside_program and "2027" in moved.period_text
    with pytest.raises(ValidationError):
        activity_update(activity=moved, starts_on=dt.date(2027, 6, 10), ends_on=dt.date(2027, 6, 1))
    activity_remove(activity=moved)
    assert not Activity.objects.filter(pk=added.pk).exists()
    done = roadmap.activities.first()
    activity_status_set(activity=done, status="done", done_on=dt.date(2026, 10, 2))
    with pytest.raises(ValidationError, match="Выполненное мероприятие не удаляют"):
        activity_remove(activity=done)


def test_a_roadmap_for_a_programme_stays_inside_its_period(roadmap):
    program = roadmap.program
    assert roadmap.ends_on <= program.ends_on
    assert all(a.ends_on <= program.ends_on for a in roadmap.activities.all())


@pytest.mark.parametrize(
    ("role", "get_status", "post_status"),
    [
        (Role.DIRECTOR, 200, 302),
        (Role.COORDINATOR, 200, 302),
        (Role.CURATOR, 200, 302),
        (Role.PSYCHOLOGIST, 403, 403),
        (Role.MENTOR, 403, 403),
        ("stranger", 404, 404),
    ],
)
def test_who_may_change_a_roadmap(client, roadmap, role, get_status, post_status):
    org = roadmap.organization if role != "stranger" else OrganizationFactory()
    user = person_with_login(role=Role.CURATOR if role == "stranger" else role, organization=org).user
    client.force_login(user)
    new_url = reverse("activity_create", args=[roadmap.pk])
    activity = roadmap.activities.first()
    edit_url = reverse("activity_edit", args=[activity.pk])
    assert client.get(new_url).status_code == get_status
    assert client.get(edit_url).status_code == get_status
    data = {
        "title": "Встреча с родителями",
        "stage": Stage.PREPARATION,
        "starts_on": "2026-10-12",
        "ends_on": "2026-10-12",
        "responsible_text": "Куратор",
        "expected_result": "",
        "control_point": "",
    }
    count = roadmap.activities.count()
    assert client.post(new_url, data).status_code == post_status
    moved = {
        **data,
        "title": activity.title,
        "stage": activity.stage,
        "starts_on": "2026-11-02",
        "ends_on": "2026-11-30",
    }
    assert client.post(edit_url, moved).status_code == post_status
    assert client.post(edit_url, {"action": "delete"}).status_code == post_status
    changed = post_status == 302
    assert roadmap.activities.count() == count + (1 - 1 if changed else 0)
    assert Activity.objects.filter(pk=activity.pk).exists() != changed


def test_the_page_flags_activities_outside_the_programme(client, roadmap):
    activity_add(
        roadmap=roadmap,
        title="Летний лагерь наставников",
        stage=Stage.WORK,
        starts_on=dt.date(2027, 7, 1),
        ends_on=dt.date(2027, 7, 14),
    )
    client.force_login(person_with_login(role=Role.CURATOR, organization=roadmap.organization).user)
    page = client.get(reverse("roadmap", args=[roadmap.pk])).content.decode()
    assert "1 мероприятие вне сроков программы" in page and "вне сроков программы</span>" in page


def test_a_bad_date_is_explained_in_russian_and_nothing_changes(client, roadmap):
    client.force_login(person_with_login(role=Role.CURATOR, organization=roadmap.organization).user)
    count = roadmap.activities.count()
    response = client.post(
        reverse("activity_create", args=[roadmap.pk]),
        {"title": "Х", "stage": Stage.WORK, "starts_on": "2026-12-10", "ends_on": "2026-12-01"},
    )
    assert response.status_code == 400 and "Срок мероприятия раньше его начала" in response.content.decode()
    assert roadmap.activities.count() == count
    assert Program.objects.count() == 1
