"""`nastavnik backup` / `nastavnik restore`: data made, backed up, changed, restored — and compared, files included.

Runs on the suite's database, SQLite (online backup API) or PostgreSQL (pg_dump / pg_restore in one transaction):
the backup is restored over the changed data with --force and every row of every table is compared.
"""

import io
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from nastavnik.people.models import Person
from tests.factories import ConsentFactory, OrganizationFactory, PersonFactory, PupilFactory, person_with_login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def var(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = settings.VAR_DIR / "media"
    (settings.VAR_DIR / "static").mkdir(parents=True)
    (settings.VAR_DIR / "static" / "app.css").write_text("body{}")
    (settings.MEDIA_ROOT / "uploads").mkdir(parents=True)
    (settings.MEDIA_ROOT / "uploads" / "consent.pdf").write_bytes(b"%PDF-1.4 signed consent \x00\x01")
    (settings.MEDIA_ROOT / "generated").mkdir()
    (settings.MEDIA_ROOT / "generated" / "order.docx").write_bytes(b"PK\x03\x04 order")
    return settings.VAR_DIR


def everything(conn) -> dict:
    """Every row of every table, in a stable order."""
    tables = sorted(t for t in conn.introspection.table_names() if not t.startswith("sqlite_"))
    data = {}
    with conn.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")
            data[table] = sorted(cursor.fetchall(), key=repr)
    return data


def files(root) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def make_data():
    org = OrganizationFactory()
    pupil = PupilFactory(organization=org)
    ConsentFactory(person=pupil)
    person_with_login(role="curator", organization=org)
    PersonFactory(organization=org, workplace="ООО «Пример»")


def test_a_backup_restores_the_same_data_and_files(var, tmp_path):
    make_data()
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Резервная копия записана" in out.getvalue()
    before, before_files = everything(connection), files(var / "media")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "files/media/uploads/consent.pdf" in names
    assert not any(name.startswith("files/static") for name in names)

    # Change everything after the backup.
    Person.objects.filter(pk=Person.objects.first().pk).update(last_name="Изменённая")
    Person.objects.filter(workplace="ООО «Пример»").delete()
    OrganizationFactory()
    (var / "media" / "uploads" / "consent.pdf").write_bytes(b"overwritten")
    (var / "media" / "generated" / "order.docx").unlink()
    (var / "media" / "stray.txt").write_text("after the backup")
    assert everything(connection) != before

    with pytest.raises(CommandError, match="уже есть данные"):
        call_command("restore", str(archive), stdout=io.StringIO())
    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    after = everything(connection)
    assert after == before
    assert files(var / "media") == before_files
    assert (var / "static" / "app.css").exists()  # collected static files are not part of a backup


def test_restore_refuses_what_is_not_a_backup(var, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="не архив резервной копии"):
        call_command("restore", str(bogus), stdout=io.StringIO())
    with pytest.raises(CommandError, match="не найден"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), stdout=io.StringIO())
