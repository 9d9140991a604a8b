import datetime as dt
import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.orgs.models import Organization, Role
from nastavnik.programs import periods
from nastavnik.programs.models import Activity, MentoringForm, Program, Roadmap, RoleModel, Stage
from nastavnik.programs.services import activity_status_set, roadmap_create_from_template
from tests.factories import OrganizationFactory, ProgramFactory, person_with_login

pytestmark = pytest.mark.django_db

HEADERS = ["Этап", "Мероприятие", "Сроки", "Ответственные", "Результат", "Контрольная точка", "Статус"]


@pytest.fixture
def org():
    return OrganizationFactory(kind=Organization.Kind.LYCEUM)


@pytest.fixture
def program(org):
    form = MentoringForm.objects.get(code="teacher_teacher")
    return ProgramFactory(organization=org, form=form, status=Program.Status.DRAFT, stage=Stage.PREPARATION)


@pytest.fixture
def roadmap(program):
    # Started four months ago, so the first activities are already overdue.
    return roadmap_create_from_template(
        organization=program.organization,
        template_code="lyceum_2023",
        starts_on=periods.month_start(timezone.localdate(), -4),
        program=program,
    )


def _login(client, role, organization):
    person = person_with_login(role=role, organization=organization)
    client.force_login(person.user)
    return person


def _program_data(**overrides):
    form = MentoringForm.objects.get(code="teacher_teacher")
    data = {
        "title": "Наставничество молодых учителей",
        "form": form.pk,
        "role_models": [RoleModel.objects.get(form=form, code="experienced_young").pk],
        "kind": "traditional",
        "starts_on": "2026-09-01",
        "ends_on": "2027-05-31",
        "meeting_interval_days": "7",
        "description": "Адаптация молодых специалистов",
    }
    return data | overrides


def test_it_lets_a_curator_create_a_programme(client, org):
    _login(client, Role.CURATOR, org)
    page = client.get(reverse("program_create"))
    assert page.status_code == 200
    assert "Опытный педагог – молодой специалист" in page.text
    response = client.post(reverse("program_create"), _program_data())
    program = Program.objects.get(organization=org)
    assert response.status_code == 302 and response.url == reverse("program", args=[program.pk])
    assert program.meeting_interval_days == 7
    assert [r.code for r in program.role_models.all()] == ["experienced_young"]


def test_it_shows_russian_errors_and_creates_nothing(client, org):
    _login(client, Role.DIRECTOR, org)
    response = client.post(reverse("program_create"), _program_data(ends_on="2026-08-01"))
    assert response.status_code == 200
    assert "Программа должна заканчиваться позже, чем начинается." in response.text
    assert not Program.objects.exists()


def test_it_offers_a_kindergarten_only_the_teachers_forms(client):
    kindergarten = OrganizationFactory(kind=Organization.Kind.KINDERGARTEN)
    _login(client, Role.COORDINATOR, kindergarten)
    page = client.get(reverse("program_create"))
    assert "Педагог – педагог" in page.text
    assert "Ученик – ученик" not in page.text
    pupils = MentoringForm.objects.get(code="pupil_pupil")
    response = client.post(reverse("program_create"), _program_data(form=pupils.pk, role_models=[]))
    assert response.status_code == 200 and not Program.objects.exists()
    assert "Выберите корректный вариант." in response.text


def test_it_lets_a_director_edit_and_move_the_stage(client, program):
    _login(client, Role.DIRECTOR, program.organization)
    page = client.get(reverse("program", args=[program.pk]))
    assert "Перейти к этапу «Формирование базы наставляемых»" in page.text
    response = client.post(reverse("program_stage", args=[program.pk]), {"stage": Stage.MENTEE_BASE})
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.stage, program.status) == (Stage.MENTEE_BASE, Program.Status.ACTIVE)
    response = client.post(reverse("program_stage", args=[program.pk]), {"stage": Stage.WORK}, follow=True)
    assert "Этапы проходят по порядку" in response.text
    program.refresh_from_db()
    assert program.stage == Stage.MENTEE_BASE
    page = client.get(reverse("program_edit", args=[program.pk]))
    assert page.status_code == 200 and 'value="Программа наставничества «Учитель – учитель»"' in page.text
    edit = _program_data(title="Новое название", status="active")
    assert client.post(reverse("program_edit", args=[program.pk]), edit).status_code == 302
    program.refresh_from_db()
    assert program.title == "Новое название"


def test_it_builds_and_approves_a_roadmap_from_a_template(client, program):
    _login(client, Role.CURATOR, program.organization)
    response = client.post(
        reverse("roadmap_create"),
        {"program": program.pk, "template_code": "lyceum_2023", "starts_on": "2026-09-01", "title": ""},
    )
    assert response.status_code == 302
    roadmap = Roadmap.objects.get(program=program)
    assert roadmap.activities.count() == 41
    today = timezone.localdate()
    client.post(reverse("roadmap_approve", args=[roadmap.pk]), {"approved_on": today.isoformat()})
    roadmap.refresh_from_db()
    assert (roadmap.status, roadmap.approved_on) == (Roadmap.Status.APPROVED, today)


def test_it_asks_a_manager_of_two_organisations_which_one(client, org):
    person = _login(client, Role.CURATOR, org)
    other = OrganizationFactory()
    person.memberships.create(role=Role.DIRECTOR, organization=other)
    page = client.get(reverse("program_create"))
    assert org.short_name in page.text and other.short_name in page.text
    page = client.get(reverse("program_create") + f"?org={other.code}")
    assert page.status_code == 200 and f'value="{other.code}"' in page.text


def test_it_refuses_an_unknown_template_on_the_page(client, org):
    _login(client, Role.COORDINATOR, org)
    url = reverse("roadmap_create") + f"?org={org.code}"
    assert client.get(url).status_code == 200
    response = client.post(url, {"org": org.code, "template_code": "nope", "starts_on": "2026-09-01"})
    assert response.status_code == 200 and not Roadmap.objects.exists()
    assert "Выберите корректный вариант. nope нет среди допустимых значений." in response.text


def test_it_highlights_overdue_activities_and_marks_them_with_htmx(client, roadmap):
    _login(client, Role.CURATOR, roadmap.organization)
    page = client.get(reverse("program", args=[roadmap.program_id]))
    assert "table-danger" in page.text and "Просрочено" in page.text
    activity = roadmap.activities.filter(ends_on__lt=timezone.localdate()).first()
    url = reverse("activity_status", args=[activity.pk])
    response = client.post(url, {"status": "done"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="activity-{activity.pk}"' in response.text and "table-danger" not in response.text
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE
    response = client.post(url, {"status": "in_progress"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.done_on) == (Activity.Status.IN_PROGRESS, None)


def test_it_lets_a_mentor_view_but_not_change(client, roadmap):
    program = roadmap.program
    _login(client, Role.MENTOR, program.organization)
    page = client.get(reverse("program", args=[program.pk]))
    assert page.status_code == 200
    assert "Перейти к этапу" not in page.text and "Утвердить дорожную карту" not in page.text
    assert client.get(reverse("roadmap_print", args=[roadmap.pk])).status_code == 200
    activity = roadmap.activities.first()
    for url, data in (
        (reverse("program_stage", args=[program.pk]), {"stage": Stage.MENTEE_BASE}),
        (reverse("activity_status", args=[activity.pk]), {"status": "done"}),
        (reverse("roadmap_approve", args=[roadmap.pk]), {"approved_on": "2026-09-01"}),
        (reverse("roadmap_create"), {"program": program.pk, "template_code": "lyceum_2023", "starts_on": "2026-09-01"}),
        (reverse("program_edit", args=[program.pk]), _program_data()),
    ):
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("program_create")).status_code == 403
    activity.refresh_from_db()
    program.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED and program.stage == Stage.PREPARATION
    assert Roadmap.objects.count() == 1


def test_it_hides_another_organisation_s_programme(client, roadmap):
    _login(client, Role.DIRECTOR, OrganizationFactory())
    program = roadmap.program
    assert client.get(reverse("program", args=[program.pk])).status_code == 404
    assert client.get(reverse("roadmap_export", args=[roadmap.pk])).status_code == 404
    assert client.get(reverse("roadmap_print", args=[roadmap.pk])).status_code == 404
    assert client.post(reverse("program_stage", args=[program.pk]), {"stage": Stage.MENTEE_BASE}).status_code == 404
    activity = roadmap.activities.first()
    assert client.post(reverse("activity_status", args=[activity.pk]), {"status": "done"}).status_code == 404
    assert client.get(reverse("program_create") + f"?org={program.organization.code}").status_code == 404
    assert program.title not in client.get(reverse("programs")).text


def test_it_sends_anonymous_visitors_to_log_in(client, roadmap):
    response = client.get(reverse("roadmap_export", args=[roadmap.pk]))
    assert response.status_code == 302 and reverse("login") in response.url


def test_it_exports_the_roadmap_to_xlsx(client, roadmap):
    _login(client, Role.COORDINATOR, roadmap.organization)
    activity_status_set(activity=roadmap.activities.get(number="1.1"), status=Activity.Status.DONE)
    response = client.get(reverse("roadmap_export", args=[roadmap.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == roadmap.title
    assert list(rows[2]) == HEADERS
    body = rows[3:]
    assert len(body) == 41
    by_title = {row[1].split(". ", 1)[0]: row for row in body}
    first = by_title["1.1"]
    assert first[0] == "Этап 1. Подготовка условий для запуска программы наставничества"
    assert first[3] == "Директор" and first[4].startswith("Приказ о внедрении")
    assert first[6].startswith("Выполнено")
    assert by_title["1.6"][5].startswith("КТ: ")
    assert sum(1 for row in body if row[5]) == 4
    assert "просрочено" in by_title["2.1"][6]


def test_it_prints_the_roadmap(client, roadmap):
    _login(client, Role.CURATOR, roadmap.organization)
    page = client.get(reverse("roadmap_print", args=[roadmap.pk]))
    assert page.status_code == 200
    for header in HEADERS[1:]:
        assert f'<th scope="col">{header}</th>' in page.text
    # The stage is a heading row above its activities rather than a column.
    assert (
        '<th colspan="6" scope="colgroup">Этап 1. Подготовка условий для запуска программы наставничества</th>'
        in page.text
    )
    # The print layout lives in the static stylesheet (no inline style under the Content-Security-Policy).
    assert 'class="page-roadmap-print"' in page.text and roadmap.organization.name in page.text
    assert "body.page-roadmap-print" in (settings.BASE_DIR / "static/css/nastavnik.css").read_text()
    assert 'class="overdue"' in page.text


def test_it_filters_the_programme_list(client, org):
    ProgramFactory(organization=org, title="Программа на этапе работы", stage=Stage.WORK)
    ProgramFactory(organization=org, title="Программа в подготовке", stage=Stage.PREPARATION, status="draft")
    _login(client, Role.CURATOR, org)
    page = client.get(reverse("programs"), {"stage": Stage.WORK})
    assert "Программа на этапе работы" in page.text and "Программа в подготовке" not in page.text
    page = client.get(reverse("programs"), {"status": "draft"}, headers={"HX-Request": "true"})
    assert "Программа в подготовке" in page.text and "Программа на этапе работы" not in page.text
    assert "<html" not in page.text


def test_it_keeps_an_organisation_roadmap_for_its_managers(client, org):
    roadmap = roadmap_create_from_template(organization=org, template_code="school_plan", starts_on=dt.date(2026, 8, 1))
    _login(client, Role.MENTOR, org)
    assert client.get(reverse("roadmap", args=[roadmap.pk])).status_code == 200
    assert client.post(reverse("roadmap_approve", args=[roadmap.pk]), {"approved_on": "2026-09-01"}).status_code == 403
    # The catalogue of forms and templates is reference material without personal data: open to every user.
    assert client.get(reverse("programs_catalog")).status_code == 200


def test_it_shows_the_catalogue_to_staff(client, org):
    _login(client, Role.PSYCHOLOGIST, org)
    page = client.get(reverse("programs_catalog"))
    assert page.status_code == 200
    assert "Физик – русисту" in page.text and "Подготовительный этап" in page.text


def test_it_keeps_the_curators_when_a_programme_is_edited(client, program):
    appointed = person_with_login(role=Role.CURATOR, organization=program.organization)
    program.curators.set([appointed])
    _login(client, Role.DIRECTOR, program.organization)
    data = _program_data(status="draft", curators=[appointed.pk])
    assert client.post(reverse("program_edit", args=[program.pk]), data).status_code == 302
    assert list(program.curators.all()) == [appointed]
    data.pop("curators")
    client.post(reverse("program_edit", args=[program.pk]), data)
    assert not program.curators.exists()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_it_loads_the_programme_page_in_the_same_queries_however_many_roadmaps(client, roadmap):
    _login(client, Role.DIRECTOR, roadmap.organization)
    url = reverse("program", args=[roadmap.program_id])
    one = _queries(client, url)
    for months in (-2, 0):
        roadmap_create_from_template(
            organization=roadmap.organization,
            template_code="lyceum_2023",
            starts_on=periods.month_start(timezone.localdate(), months),
            program=roadmap.program,
        )
    page = client.get(url)
    assert page.text.count('class="card mb-3" id="roadmap-') == 3
    assert _queries(client, url) == one


def test_it_explains_wrong_programme_input_in_russian(client, org):
    _login(client, Role.DIRECTOR, org)
    data = _program_data(title="", starts_on="31.02.2026", meeting_interval_days="40")
    response = client.post(reverse("program_create"), data)
    assert response.status_code == 200
    assert "Обязательное поле." in response.text
    assert "Введите правильную дату." in response.text
    assert "Встречи проводятся не реже раза в месяц: укажите от 1 до 31 дня." in response.text
    assert not Program.objects.exists()


def test_it_explains_a_wrong_activity_mark_in_russian(client, roadmap):
    _login(client, Role.CURATOR, roadmap.organization)
    activity = roadmap.activities.first()
    url = reverse("activity_status", args=[activity.pk])
    response = client.post(url, {"status": "done", "done_on": "вчера"}, headers={"HX-Request": "true"})
    assert "Дата выполнения указана неверно." in response.text
    response = client.post(url, {"status": "lost"}, headers={"HX-Request": "true"})
    assert "Неизвестный статус мероприятия." in response.text
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED


def test_it_returns_an_htmx_row_with_the_same_words_and_links_as_the_page(client, roadmap):
    # perf2: the row's words are translated once by the including template; the row alone must still carry them.
    _login(client, Role.CURATOR, roadmap.organization)
    activity = roadmap.activities.order_by("pk").first()
    url = reverse("activity_status", args=[activity.pk])
    page = client.get(reverse("roadmap", args=[roadmap.pk])).text
    row = client.post(url, {"status": "done", "version": activity.version}, headers={"HX-Request": "true"}).text
    for text in ('data-label="Срок"', 'data-label="Ответственные"', 'data-label="Статус"', f'action="{url}"'):
        assert text in page and text in row
    assert "Вернуть в план" in row and f'hx-post="{url}"' in row
