"""Roster pages: upload, preview of problems, confirm, cancel, export, template — and who may use them."""

import datetime as dt
import io

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Guardianship, Person
from nastavnik.privacy.models import AccessLog
from tests.factories import OrganizationFactory, PersonFactory, person_with_login

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Класс", "Законный представитель"]
CLEAN = [
    HEADERS,
    ["Осокина", "Лада", "Петровна", "02.11.1987", "родитель", "", ""],
    ["Осокина", "Злата", "Игоревна", "12.05.2014", "обучающийся", "6А", "Осокина Лада Петровна"],
    ["Брусникин", "Гордей", "Аркадьевич", "30.01.1979", "педагог", "", ""],
]


def xlsx_upload(rows, name="list.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def stored_uploads():
    folder = settings.MEDIA_ROOT / "rosters"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def org():
    return OrganizationFactory()


@pytest.fixture
def curator(client, org):
    person = person_with_login(role=Role.CURATOR, organization=org)
    client.force_login(person.user)
    return person


def test_the_upload_page_explains_the_columns(client, curator, org):
    response = client.get(reverse("roster_import", args=[org.code]))
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Законный представитель", "Место работы, должность", "обучающийся, студент, педагог", "СНИЛС"):
        assert text in page
    assert reverse("roster_template") in page


def test_a_clean_file_is_previewed_then_loaded_on_confirmation(client, curator, org):
    response = client.post(reverse("roster_import", args=[org.code]), {"file": xlsx_upload(CLEAN)})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ошибок нет." in page and "Новые: 3" in page and "Загрузить" in page
    assert Person.objects.filter(organization=org).count() == 1  # only the curator so far
    (stored,) = stored_uploads()  # the checked rows, not the file: it was read once and deleted
    token = response.context["token"]
    assert stored.name == f"{token}.json"

    response = client.post(reverse("roster_import_confirm", args=[org.code]), {"token": token})

    assert response.status_code == 302
    assert response.url == f"{reverse('people')}?org={org.pk}"
    assert Person.objects.filter(organization=org).count() == 4
    assert Guardianship.objects.get().child.first_name == "Злата"
    assert stored_uploads() == []
    # The same token cannot load the file twice.
    response = client.post(reverse("roster_import_confirm", args=[org.code]), {"token": token}, follow=True)
    assert "Загрузите файл ещё раз" in response.content.decode()
    assert Person.objects.filter(organization=org).count() == 4


def test_a_file_with_problems_shows_them_by_row_and_loads_nothing(client, curator, org):
    rows = [*CLEAN, ["Осокин", "", "", "31.02.2015", "завуч", "", ""], CLEAN[3]]

    response = client.post(reverse("roster_import", args=[org.code]), {"file": xlsx_upload(rows)})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="roster-problems"' in page
    assert "не заполнено — обязательное поле" in page
    assert "«31.02.2015» — не дата" in page
    assert "неизвестная категория «завуч»" in page
    assert "повторяет строку 4" in page
    assert 'name="token"' not in page  # no «Загрузить» button
    assert stored_uploads() == []
    assert Person.objects.filter(organization=org).count() == 1


def test_an_unreadable_file_gets_one_message_on_the_form(client, curator, org):
    upload = SimpleUploadedFile("list.xlsx", b"PK\x03\x04broken", content_type=XLSX)
    response = client.post(reverse("roster_import", args=[org.code]), {"file": upload})
    assert "Файл XLSX повреждён или не читается" in response.content.decode()
    upload = SimpleUploadedFile("list.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(reverse("roster_import", args=[org.code]), {"file": upload})
    assert "Загрузите таблицу: XLSX, XLS, ODS или CSV." in response.content.decode()
    assert stored_uploads() == []


def test_a_csv_upload_works_like_an_xlsx(client, curator, org):
    text = "Фамилия;Имя;Категория;Класс\r\nОсокин;Аким;ученик;3В\r\n".encode("cp1251")
    upload = SimpleUploadedFile("list.csv", text, content_type="text/csv")
    response = client.post(reverse("roster_import", args=[org.code]), {"file": upload})
    client.post(reverse("roster_import_confirm", args=[org.code]), {"token": response.context["token"]})
    assert Person.objects.get(first_name="Аким").school_class == "3В"


def test_cancel_deletes_the_waiting_file(client, curator, org):
    response = client.post(reverse("roster_import", args=[org.code]), {"file": xlsx_upload(CLEAN)})
    token = response.context["token"]
    client.post(reverse("roster_import_confirm", args=[org.code]), {"token": token, "cancel": "1"})
    assert stored_uploads() == []
    assert Person.objects.filter(organization=org).count() == 1


def test_confirmation_checks_the_rows_again(client, curator, org):
    response = client.post(reverse("roster_import", args=[org.code]), {"file": xlsx_upload(CLEAN)})
    PersonFactory(organization=org, last_name="Брусникин", first_name="Гордей", middle_name="Аркадьевич",
                  birth_date=dt.date(1979, 1, 30))  # fmt: skip

    response = client.post(reverse("roster_import_confirm", args=[org.code]), {"token": response.context["token"]})

    assert response.status_code == 200
    assert "С момента проверки люди организации изменились" in response.content.decode()
    assert Person.objects.filter(organization=org).count() == 2
    assert stored_uploads() == []


def test_a_token_from_another_organisation_is_refused(client, org):
    other = OrganizationFactory()
    person = person_with_login(role=Role.CURATOR, organization=org)
    Membership.objects.create(person=person, role=Role.CURATOR, organization=other)
    client.force_login(person.user)
    response = client.post(reverse("roster_import", args=[org.code]), {"file": xlsx_upload(CLEAN)})
    client.post(reverse("roster_import_confirm", args=[other.code]), {"token": response.context["token"]})
    assert not Person.objects.filter(organization=other).exists()


def test_the_export_downloads_an_xlsx_and_logs_each_record_shown(client, curator, org):
    pupil = PersonFactory(organization=org, category=Person.Category.PUPIL, school_class="6А", first_name="Злата")

    response = client.get(reverse("roster_export", args=[org.code]))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert f'filename="{org.code}-lyudi-' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    names = [row[1] for row in workbook["Люди"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted([curator.first_name, "Злата"])
    # The curator's own record is not an access to another person's data.
    assert list(AccessLog.objects.values_list("person_id", "action")) == [(pupil.pk, "roster_export")]


def test_the_template_downloads_with_the_headers(client, curator):
    response = client.get(reverse("roster_template"))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [c.value for c in workbook["Люди"][1]][:5] == ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория"]


def test_the_roster_page_offers_what_each_role_may_do(client, org):
    method_head = person_with_login(role=Role.METHOD_HEAD, organization=org)
    client.force_login(method_head.user)
    page = client.get(reverse("roster")).content.decode()
    assert reverse("roster_export", args=[org.code]) in page
    assert reverse("roster_import", args=[org.code]) not in page


def test_the_people_list_links_to_the_rosters(client, curator):
    page = client.get(reverse("people")).content.decode()
    assert reverse("roster") in page and reverse("roster_template") in page


@pytest.mark.parametrize("name", ["roster_import", "roster_export"])
def test_a_mentor_is_refused_and_another_school_sees_nothing(client, org, name):
    mentor = person_with_login(role=Role.MENTOR, organization=org)
    client.force_login(mentor.user)
    assert client.get(reverse(name, args=[org.code])).status_code == 403
    stranger = person_with_login(role=Role.CURATOR, organization=OrganizationFactory())
    client.force_login(stranger.user)
    assert client.get(reverse(name, args=[org.code])).status_code == 404


def test_a_psychologist_may_neither_export_nor_import(client, org):
    """The whole roster (minors without a consent included) is not the psychologist's to download."""
    PersonFactory(organization=org, category=Person.Category.PUPIL, school_class="6А", birth_date=dt.date(2014, 1, 1))
    psychologist = person_with_login(role=Role.PSYCHOLOGIST, organization=org)
    client.force_login(psychologist.user)
    assert client.get(reverse("roster_export", args=[org.code])).status_code == 403
    assert reverse("roster_export", args=[org.code]) not in client.get(reverse("roster")).content.decode()
    response = client.post(reverse("roster_import", args=[org.code]), {"file": xlsx_upload(CLEAN)})
    assert response.status_code == 403
    assert stored_uploads() == []
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.DIRECTOR, 200), (Role.COORDINATOR, 200), (Role.CURATOR, 200), (Role.METHOD_HEAD, 200),
     (Role.PSYCHOLOGIST, 403), (Role.MENTOR, 403)],
)  # fmt: skip
def test_who_may_download_the_roster_export(client, org, role, status):
    person = person_with_login(role=role, organization=org)
    client.force_login(person.user)
    assert client.get(reverse("roster_export", args=[org.code])).status_code == status


def test_pages_need_a_login(client, org):
    response = client.get(reverse("roster_import", args=[org.code]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
