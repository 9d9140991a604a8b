"""The statistics workbook: reopened and checked cell by cell."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.orgs.models import Organization
from tests.factories import OrganizationFactory
from tests.municipal.factories import territory

pytestmark = pytest.mark.django_db

SHEETS = [
    "Организации и дорожные карты",
    "Участники по формам и ролям",
    "Охват наставничеством",
    "Показатели по кварталам",
    "Наставники по категориям",
    "Завершение и поощрения",
]


def _rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_the_download_has_one_sheet_per_form_with_small_counts_hidden(client):
    world = territory()
    OrganizationFactory(municipality=world["municipality"], code="evil", short_name="=HYPERLINK(\"http://x\")")
    client.login(username="mun", password="pass")
    response = client.get(reverse("municipal_export", args=[world["municipality"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == SHEETS
    today = timezone.localdate().strftime("%d.%m.%Y")
    for ws in wb.worksheets:
        assert ws["A2"].value.startswith("Округ Тестовый") and today in ws["A2"].value
    coverage = wb["Охват наставничеством"]
    assert coverage["A4"].value == "Организация" and coverage["E4"].value == "Педагогов в наставничестве"
    rows = {r[0]: r for r in _rows(coverage)[4:]}
    assert rows["Садик Тестовый"][4] == "<10"
    assert rows["Школа Тестовая"][4] == "…"  # the complement: otherwise 30 − 24 gives the kindergarten away
    total = rows["Муниципалитет (цель — 70 %)"]
    assert total[4] == 30 and isinstance(total[4], int)
    share_cell = coverage.cell(row=len(_rows(coverage)), column=7)
    assert isinstance(share_cell.value, float) and share_cell.number_format == "0%"
    # Formula-like text is written as text, never as a formula.
    roadmaps = wb["Организации и дорожные карты"]
    names = [c.value for c in roadmaps["A"]]
    assert "'=HYPERLINK(\"http://x\")" in names
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    bare = next(r for r in _rows(roadmaps) if r[0] == "Школа без карты")
    assert bare[2] == "нет"


def test_the_command_writes_the_same_workbook(tmp_path):
    world = territory()
    target = tmp_path / "forms.xlsx"
    call_command("municipal_export", str(target), municipality=world["municipality"].name)
    wb = load_workbook(target)
    assert wb.sheetnames == SHEETS
    with pytest.raises(Exception, match="не найден"):
        call_command("municipal_export", str(target), municipality="Нет такого")
    assert Organization.objects.count() == 3
