"""Optimistic locking (issue 14 §4): two curators edit the same programme or roadmap activity; the second save is
refused with the first one's change shown, and nothing of the second is written."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.orgs.models import Organization, Role
from nastavnik.programs import periods
from nastavnik.programs.models import Activity, MentoringForm, Program, RoleModel, Stage
from nastavnik.programs.services import roadmap_create_from_template
from tests.factories import OrganizationFactory, ProgramFactory, person_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    org = OrganizationFactory(kind=Organization.Kind.LYCEUM)
    form = MentoringForm.objects.get(code="teacher_teacher")
    return ProgramFactory(organization=org, form=form, status=Program.Status.DRAFT, stage=Stage.PREPARATION)


@pytest.fixture
def curators(program):
    """Two curators of the same organisation, each in their own browser."""
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(person_with_login(role=Role.CURATOR, organization=program.organization).user)
        clients.append(client)
    return clients


def _version(page) -> str:
    return re.search(r'name="version" value="(\d+)"', page.text).group(1)


def _programme(version: str, **overrides) -> dict:
    form = MentoringForm.objects.get(code="teacher_teacher")
    return {
        "title": "Наставничество молодых учителей", "form": form.pk,
        "role_models": [RoleModel.objects.get(form=form, code="experienced_young").pk], "kind": "traditional",
        "starts_on": "2026-09-01", "ends_on": "2027-05-31", "meeting_interval_days": "7",
        "description": "Адаптация молодых специалистов", "status": "draft", "version": version,
    } | overrides


def test_the_second_save_of_a_programme_is_refused_and_shows_the_first(program, curators):
    first, second = curators
    url = reverse("program_edit", args=[program.pk])
    seen_first, seen_second = _version(first.get(url)), _version(second.get(url))
    assert seen_first == seen_second

    assert first.post(url, _programme(seen_first, title="Молодые учителя 2026")).status_code == 302
    refused = second.post(url, _programme(seen_second, title="Школа молодого педагога", meeting_interval_days="14"))

    assert refused.status_code == 409
    assert "эту запись сохранил другой пользователь" in refused.text
    assert "Молодые учителя 2026" in refused.text  # their value
    assert 'value="Школа молодого педагога"' in refused.text  # the second curator's input is kept on the form
    program.refresh_from_db()
    assert (program.title, program.meeting_interval_days) == ("Молодые учителя 2026", 7)

    # Having seen the difference, the second curator may send the form again on purpose.
    again = _version(refused)
    assert int(again) == int(seen_first) + 1
    assert second.post(url, _programme(again, title="Школа молодого педагога")).status_code == 302
    program.refresh_from_db()
    assert program.title == "Школа молодого педагога"


def test_a_stage_move_also_refuses_a_settings_form_opened_before_it(program, curators):
    first, second = curators
    url = reverse("program_edit", args=[program.pk])
    seen = _version(second.get(url))
    first.post(reverse("program_stage", args=[program.pk]), {"stage": Stage.MENTEE_BASE})

    refused = second.post(url, _programme(seen, status="draft"))

    assert refused.status_code == 409 and "Реализуется" in refused.text  # the status the stage move set
    program.refresh_from_db()
    assert program.status == Program.Status.ACTIVE


@pytest.fixture
def activity(program):
    roadmap = roadmap_create_from_template(
        organization=program.organization, template_code="lyceum_2023",
        starts_on=periods.month_start(timezone.localdate(), -1), program=program,
    )
    return roadmap.activities.order_by("position").first()


def _activity(version: str, activity: Activity, **overrides) -> dict:
    return {
        "title": activity.title, "stage": activity.stage, "starts_on": activity.starts_on.isoformat(),
        "ends_on": activity.ends_on.isoformat(), "responsible_text": activity.responsible_text,
        "expected_result": activity.expected_result, "control_point": activity.control_point, "version": version,
    } | overrides


def test_the_second_edit_of_an_activity_is_refused(activity, curators):
    first, second = curators
    url = reverse("activity_edit", args=[activity.pk])
    seen_first, seen_second = _version(first.get(url)), _version(second.get(url))

    assert first.post(url, _activity(seen_first, activity, title="Совещание с педагогами")).status_code == 302
    refused = second.post(url, _activity(seen_second, activity, title="Педсовет о наставничестве"))

    assert refused.status_code == 409
    assert "Совещание с педагогами" in refused.text and "Педсовет о наставничестве" in refused.text
    activity.refresh_from_db()
    assert activity.title == "Совещание с педагогами"


def test_an_htmx_mark_on_a_row_changed_meanwhile_is_refused(activity, curators):
    first, second = curators
    roadmap_page = reverse("roadmap", args=[activity.roadmap_id])
    first.get(roadmap_page), second.get(roadmap_page)  # both see the activity planned, at the same version
    url = reverse("activity_status", args=[activity.pk])
    htmx = {"HX-Request": "true"}

    done = first.post(url, {"status": "done", "version": activity.version}, headers=htmx)
    assert done.status_code == 200
    refused = second.post(url, {"status": "in_progress", "version": activity.version}, headers=htmx)

    assert refused.status_code == 200 and f'id="activity-{activity.pk}"' in refused.text  # htmx swaps 2xx only
    assert "эту запись сохранил другой пользователь" in refused.text
    assert "Выполнено" in refused.text and "Выполняется" in refused.text  # theirs and yours
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE
    # The row it sends back carries the new version: a deliberate second click goes through.
    assert f'name="version" value="{activity.version}"' in refused.text


def test_a_plain_post_of_a_stale_mark_says_why_on_the_roadmap(activity, curators):
    first, second = curators
    url = reverse("activity_status", args=[activity.pk])
    first.post(url, {"status": "done", "version": activity.version})
    response = second.post(url, {"status": "cancelled", "version": activity.version}, follow=True)
    assert "эту запись сохранил другой пользователь" in response.text
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE


def test_a_stale_delete_is_refused(activity, curators):
    first, second = curators
    url = reverse("activity_edit", args=[activity.pk])
    seen = _version(second.get(url))
    first.post(reverse("activity_status", args=[activity.pk]), {"status": "done", "version": seen})
    response = second.post(url, {"action": "delete", "version": seen}, follow=True)
    assert "эту запись сохранил другой пользователь" in response.text
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_approving_a_roadmap_whose_activities_changed_since_the_page_is_refused(activity, program):
    director = Client()
    director.force_login(person_with_login(role=Role.DIRECTOR, organization=program.organization).user)
    curator = Client()
    curator.force_login(person_with_login(role=Role.CURATOR, organization=program.organization).user)
    roadmap = activity.roadmap
    page = director.get(reverse("program", args=[program.pk]))
    approve = re.search(r'roadmaps/\d+/approve/"[^>]*>.{0,200}?name="version" value="(\d+)"', page.text, re.S)
    seen = approve.group(1)
    assert seen == str(roadmap.version)
    curator.post(reverse("activity_status", args=[activity.pk]), {"status": "cancelled", "version": activity.version})

    response = director.post(reverse("roadmap_approve", args=[roadmap.pk]),
                             {"approved_on": timezone.localdate().isoformat(), "version": seen}, follow=True)

    assert "эту запись сохранил другой пользователь" in response.text
    roadmap.refresh_from_db()
    assert roadmap.status == roadmap.Status.DRAFT
