"""`nastavnik import-roster` and `nastavnik export-roster`: exit codes, messages by row, nothing written on error."""

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from nastavnik.people.models import Guardianship, Person
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

HEADERS = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Класс", "Законный представитель"]
CLEAN = [
    HEADERS,
    ["Осокина", "Лада", "Петровна", "02.11.1987", "родитель", "", ""],
    ["Осокина", "Злата", "Игоревна", "12.05.2014", "обучающийся", "6А", "Осокина Лада Петровна"],
]
BAD = [*CLEAN, ["Осокин", "Аким", "", "32.01.2015", "обучающийся", "", ""], ["Осокин", "Глеб", "", "", "завуч", "", ""]]
BAD_LINES = [
    "Строка 4, «Дата рождения»: «32.01.2015» — не дата; нужен формат ДД.ММ.ГГГГ, например 05.09.2012",
    "Строка 4, «Класс»: не заполнено — для обучающегося класс обязателен (например, 7А)",
    "Строка 5, «Категория»: неизвестная категория «завуч»; допустимы: обучающийся, студент, педагог, родитель, "
    "выпускник, сотрудник предприятия, внешний",
]


def write_xlsx(path, rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_a_clean_file(tmp_path):
    org = OrganizationFactory()
    out, _err = run("import_roster", write_xlsx(tmp_path / "ok.xlsx", CLEAN), "--org", org.code)
    assert out.strip() == (f"Загружено в «{org.short_name}»: новых людей 2, обновлено 0, без изменений 0, выбыло 0.")
    assert Person.objects.filter(organization=org).count() == 2
    assert Guardianship.objects.count() == 1


def test_a_dry_run_checks_and_writes_nothing(tmp_path):
    org = OrganizationFactory()
    out, _err = run("import_roster", write_xlsx(tmp_path / "ok.xlsx", CLEAN), "--org", org.code, "--dry-run")
    assert (
        f"Ошибок нет. «{org.short_name}»: новых 2, изменённых 0, без изменений 0, нет в файле 0 "
        "(проверка, ничего не записано)." in out
    )
    assert not Person.objects.exists()


@pytest.mark.parametrize("dry_run", [False, True])
def test_row_errors_are_printed_one_per_line_and_nothing_is_written(tmp_path, dry_run):
    org = OrganizationFactory()
    err = io.StringIO()
    args = ["import_roster", write_xlsx(tmp_path / "bad.xlsx", BAD), "--org", org.code]
    with pytest.raises(CommandError, match=r"Файл не загружен: ошибок 3 \(строк с ошибками: 2\)"):
        call_command(*args, *(["--dry-run"] if dry_run else []), stderr=err)
    assert err.getvalue().splitlines() == BAD_LINES
    assert not Person.objects.exists()


def test_unknown_columns_are_warnings_only(tmp_path):
    org = OrganizationFactory()
    rows = [[*CLEAN[0], "Пол"], [*CLEAN[1], "ж"], [*CLEAN[2], "ж"]]
    _out, err = run("import_roster", write_xlsx(tmp_path / "ok.xlsx", rows), "--org", org.code)
    assert err.strip() == "Предупреждение: Строка 1, «Пол»: неизвестная колонка, она не будет загружена"
    assert Person.objects.count() == 2


def test_an_unknown_organisation_or_file_is_a_clear_error(tmp_path):
    org = OrganizationFactory()
    path = write_xlsx(tmp_path / "ok.xlsx", CLEAN)
    with pytest.raises(CommandError, match="Организация с кодом «nope» не найдена"):
        run("import_roster", path, "--org", "nope")
    with pytest.raises(CommandError, match="не найден"):
        run("import_roster", str(tmp_path / "missing.xlsx"), "--org", org.code)
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 64)
    with pytest.raises(CommandError, match="Файл XLS повреждён"):
        run("import_roster", str(tmp_path / "old.xls"), "--org", org.code)


def test_export_writes_the_workbook(tmp_path):
    org = OrganizationFactory()
    run("import_roster", write_xlsx(tmp_path / "ok.xlsx", CLEAN), "--org", org.code)
    target = tmp_path / "out.xlsx"
    out, _err = run("export_roster", str(target), "--org", org.code)
    assert "людей 2, запросов наставляемых 0, кандидатов в наставники 0" in out
    names = [r[1] for r in openpyxl.load_workbook(target)["Люди"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Злата", "Лада"]
    with pytest.raises(CommandError, match="Организация с кодом"):
        run("export_roster", str(target), "--org", "nope")


@pytest.mark.django_db(transaction=True)
def test_the_operator_command_exits_non_zero_on_errors_and_zero_when_loaded(tmp_path):
    org = OrganizationFactory()
    env = {**os.environ, "DATABASE_URL": _database_url_for_a_child(tmp_path), "NASTAVNIK_VAR_DIR": str(tmp_path)}
    command = [str(Path(sys.executable).parent / "nastavnik"), "import-roster"]

    bad = subprocess.run(
        [*command, write_xlsx(tmp_path / "bad.xlsx", BAD), "--org", org.code],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    good = subprocess.run(
        [*command, write_xlsx(tmp_path / "ok.xlsx", CLEAN), "--org", org.code],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert bad.returncode != 0
    assert bad.stderr.splitlines()[:3] == BAD_LINES
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip() == (
        f"Загружено в «{org.short_name}»: новых людей 2, обновлено 0, без изменений 0, выбыло 0."
    )
    assert _people_count(tmp_path, org.pk) == 2


def _database_url_for_a_child(tmp_path) -> str:
    """The child process must see this test's data: a file copy of SQLite's in-memory base, or PostgreSQL itself."""
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(tmp_path / "child.sqlite3")
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{tmp_path / 'child.sqlite3'}"
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _people_count(tmp_path, org_id: int) -> int:
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "child.sqlite3") as db:
            return db.execute("SELECT count(*) FROM people_person WHERE organization_id = ?", [org_id]).fetchone()[0]
    return Person.objects.filter(organization_id=org_id).count()
