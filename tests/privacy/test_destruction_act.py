"""The destruction act for the commission, from the register's own data; the export's Russian column headers."""

import datetime as dt
import io
import re

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.orgs.models import Role
from nastavnik.privacy.export import personal_data_export
from nastavnik.privacy.models import DestructionRecord
from tests.factories import (
    MeetingFactory,
    MentorshipFactory,
    OrganizationFactory,
    assert_sent_back_without_a_file,
    person_with_login,
)

pytestmark = pytest.mark.django_db


def register(org, when, refs):
    return [
        DestructionRecord.objects.create(
            person_ref=ref,
            organization=org,
            organization_name=org.name,
            categories=["ответы на анкеты и результаты диагностики", "дневники встреч"],
            reason="Отзыв согласия / истечение срока",
            performed_by="Ясенева Дарина Павловна",
            performed_at=when,
        )
        for ref in refs
    ]


def test_the_director_downloads_the_act_of_one_purge_run(client):
    org = OrganizationFactory()
    run = timezone.now() - dt.timedelta(days=3)
    records = register(org, run, ["P-11", "P-12"])
    register(org, run - dt.timedelta(days=30), ["P-3"])  # another run: another act
    register(OrganizationFactory(), run, ["P-99"])  # another school's run at the same moment
    director = person_with_login(role=Role.DIRECTOR, organization=org)
    client.force_login(director.user)
    page = client.get(reverse("privacy_org_destruction", args=[org.code])).content.decode()
    url = reverse("privacy_org_destruction_act", args=[org.code, records[0].pk, "docx"])
    assert url in page

    response = client.get(url)
    assert response.status_code == 200
    document = docx.Document(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert org.name in text and "Ответственный за уничтожение: Ясенева Дарина Павловна" in text
    refs = [row.cells[1].text for row in document.tables[0].rows[1:]]
    assert refs == ["P-11", "P-12"]
    assert re.search(r"уничтожены персональные данные субъектов, перечисленных ниже \(2\)", text)
    pdf = client.get(reverse("privacy_org_destruction_act", args=[org.code, records[0].pk, "pdf"]))
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]).startswith(b"%PDF")


def test_without_libreoffice_the_register_offers_no_pdf_and_the_pdf_link_sends_back(client, no_libreoffice):
    org = OrganizationFactory()
    (record,) = register(org, timezone.now(), ["P-1"])
    client.force_login(person_with_login(role=Role.DIRECTOR, organization=org).user)
    register_url = reverse("privacy_org_destruction", args=[org.code])
    pdf_url = reverse("privacy_org_destruction_act", args=[org.code, record.pk, "pdf"])
    assert pdf_url not in client.get(register_url).content.decode()
    assert_sent_back_without_a_file(client, pdf_url, to=register_url, says="Скачайте документ в формате DOCX")


@pytest.mark.parametrize(("role", "status"), [(Role.CURATOR, 403), (Role.PSYCHOLOGIST, 403), (Role.COORDINATOR, 200)])
def test_only_those_who_audit_get_the_act(client, role, status):
    org = OrganizationFactory()
    (record,) = register(org, timezone.now(), ["P-1"])
    person = person_with_login(role=role, organization=org)
    client.force_login(person.user)
    assert client.get(reverse("privacy_org_destruction_act", args=[org.code, record.pk, "docx"])).status_code == status
    stranger = person_with_login(role=Role.DIRECTOR, organization=OrganizationFactory())
    client.force_login(stranger.user)
    assert client.get(reverse("privacy_org_destruction_act", args=[org.code, record.pk, "docx"])).status_code == 404


def test_the_personal_data_export_has_no_english_column_headers():
    pair = MentorshipFactory()
    MeetingFactory(mentorship=pair)
    book = load_workbook(io.BytesIO(personal_data_export(person=pair.mentee)))
    headers = [str(c.value) for sheet in book.worksheets for c in sheet[1] if c.value]
    assert headers
    english = [h for h in headers if re.search(r"[A-Za-z]{3,}", h) and not re.search(r"[А-Яа-яЁё]", h)]
    assert english == []
    assert not any(h in {"created at", "updated at", "meeting"} for h in headers)
