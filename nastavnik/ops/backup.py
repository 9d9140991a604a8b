"""`nastavnik backup FILE` and `nastavnik restore FILE`: the database and the files under var/ in one archive.

The archive is a gzip-compressed tar:
    manifest.json        — format, date, database vendor, the files' list with sizes
    database.sqlite3     — SQLite: a consistent copy made with SQLite's online backup API (the server may be running)
    database.pgdump      — PostgreSQL: `pg_dump --format=custom`
    files/…              — everything under var/ (uploads, generated documents and acts) except collected static
                           files, the SQLite database itself, var/backups/ and *.tar.gz archives

Restore puts it back into an empty installation (no organisation and no person yet); a non-empty one is refused
unless `force` is given. SQLite is restored with the same backup API into the configured database; PostgreSQL
with `pg_restore --clean --if-exists --single-transaction`, so a failed restore leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "nastavnik-backup-1"
SKIPPED_TOP = {"static", "backups"}  # collected static files; where an operator may keep the archives


class BackupError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def backup_create(*, path: str | Path, using: str = "default") -> dict:
    """Write the archive to `path` (atomically: a temporary file renamed at the end); return the manifest."""
    path = Path(path)
    connection = connections[using]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        if connection.vendor == "sqlite":
            db_name, db_file = "database.sqlite3", tmp_dir / "database.sqlite3"
            _sqlite_backup(connection, db_file)
        elif connection.vendor == "postgresql":
            db_name, db_file = "database.pgdump", tmp_dir / "database.pgdump"
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(db_file)],
                 connection.settings_dict)  # fmt: skip
        else:
            raise BackupError(_("Резервное копирование поддерживает SQLite и PostgreSQL."))
        files = list(_var_files(connection))
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": db_name,
            "files": {rel: (settings.VAR_DIR / rel).stat().st_size for rel in files},
        }
        partial = path.with_name(f".{path.name}.part")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
                archive.add(db_file, arcname=db_name)
                for rel in files:
                    archive.add(settings.VAR_DIR / rel, arcname=f"files/{rel}", recursive=False)
            os.replace(partial, path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(_("Не удалось записать «%(file)s»: %(error)s") % {"file": path, "error": error}) from None
    return manifest


def backup_restore(*, path: str | Path, force: bool = False, using: str = "default") -> dict:
    """Put the archive back; refuse a non-empty installation unless `force`. Returns the manifest."""
    path = Path(path)
    connection = connections[using]
    try:
        with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as tmp:
            manifest = _read_manifest(archive, path)
            if manifest["vendor"] != connection.vendor:
                raise BackupError(
                    _("Копия сделана на базе %(saved)s, а настроена база %(current)s: восстановить её сюда нельзя.")
                    % {"saved": manifest["vendor"], "current": connection.vendor}
                )
            if not force and not installation_is_empty(using=using):
                raise BackupError(
                    _(
                        "В этой установке уже есть данные (организации или люди). Восстановление заменит их "
                        "целиком; если это и нужно, повторите команду с --force."
                    )
                )
            archive.extractall(tmp, filter="data")
            tmp_dir = Path(tmp)
            db_file = tmp_dir / manifest["database"]
            if connection.vendor == "sqlite":
                _sqlite_restore(connection, db_file)
            else:
                connection.close()
                _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                      "--single-transaction", "--exit-on-error", str(db_file)],
                     connection.settings_dict, dbname_flag=True)  # fmt: skip
            _restore_files(tmp_dir / "files", connection)
    except (OSError, tarfile.TarError):
        raise BackupError(_("«%(file)s» — не архив резервной копии Наставника.") % {"file": path}) from None
    connection.close()
    return manifest


def _read_manifest(archive: tarfile.TarFile, path: Path) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, AttributeError, TypeError):
        raise BackupError(_("«%(file)s» — не архив резервной копии Наставника.") % {"file": path}) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Неизвестный формат резервной копии."))
    return manifest


def installation_is_empty(*, using: str = "default") -> bool:
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in ("orgs_organization", "people_person"):
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return False
    return True


# --- SQLite ---------------------------------------------------------------------------------------------------


def _sqlite_backup(connection, target: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _sqlite_restore(connection, source_file: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(source_file)
    try:
        source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(_("База данных не восстановлена: %(error)s") % {"error": error}) from None
    finally:
        source.close()


# --- PostgreSQL -----------------------------------------------------------------------------------------------


def _run(command: list[str], db: dict, *, dbname_flag: bool = False) -> None:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = [*command[:1]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    args += ["--dbname", db["NAME"]] if dbname_flag else []
    args += command[1:]
    if not dbname_flag:
        args.append(db["NAME"])
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=3600, check=False)
    except FileNotFoundError:
        raise BackupError(
            _("Не найдена программа %(program)s: установите клиент PostgreSQL (пакет postgresql-client).")
            % {"program": command[0]}
        ) from None
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s завершилась с ошибкой: %(error)s")
            % {"program": command[0], "error": result.stderr.strip()[-2000:]}
        )


# --- files under var/ -----------------------------------------------------------------------------------------


def _database_files(connection) -> set[Path]:
    if connection.vendor != "sqlite":
        return set()
    name = Path(str(connection.settings_dict["NAME"]))
    return {name, name.with_name(name.name + "-wal"), name.with_name(name.name + "-shm"),
            name.with_name(name.name + "-journal")}  # fmt: skip


def _var_files(connection):
    var = Path(settings.VAR_DIR)
    skip = {p.resolve() for p in _database_files(connection) if p.exists()}
    for root, dirs, names in os.walk(var):
        rel_root = Path(root).relative_to(var)
        if rel_root == Path("."):
            dirs[:] = [d for d in dirs if d not in SKIPPED_TOP]
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            if path.resolve() in skip or name.endswith((".part", ".tar.gz")):
                continue
            if path.is_file() and not path.is_symlink():
                yield str(rel_root / name) if rel_root != Path(".") else name


def _restore_files(source: Path, connection) -> None:
    var = Path(settings.VAR_DIR)
    keep = {p.resolve() for p in _database_files(connection)}
    for child in var.iterdir():
        if child.name in SKIPPED_TOP or child.resolve() in keep or child.name.endswith(".tar.gz"):
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if not source.exists():
        return
    for path in sorted(source.rglob("*")):
        target = var / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
