"""Data versions: a number per table that grows after every committed write of it, shared by all processes.

Kept figures and rendered pages (nastavnik/pagecache.py, the municipal overview) are good while the versions of the
tables they are made of have not moved. The versions live in the database (`ops_dataversion`), so every app process
and background worker sees a write at once, and they are renewed by watching the SQL itself rather than model
signals: bulk `update()`, `bulk_create()`, queryset `delete()` and raw SQL send no signal but are seen here.

* every INSERT/UPDATE/DELETE of a project table marks the table on its connection (`_watch`, installed on every
  connection when it opens);
* after the transaction commits (at once in autocommit), the marked tables and the row `*` ("any table") grow by
  one in a short statement of their own — after, so a request computing meanwhile cannot keep old rows under a new
  version; a rolled-back transaction renews nothing.
Logs that every page view writes (the access log, security events) are left out: they change no page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from django.db import DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper

logger = logging.getLogger(__name__)
ANY = "*"
TABLE = "ops_dataversion"
# Tables of these apps are watched (the project's data); Django's own (sessions), axes, OTP devices and the task
# queue's are not.
WATCHED_PREFIXES = (
    "orgs_", "people_", "privacy_", "programs_", "surveys_", "documents_", "intake_", "matching_", "mentorships_",
    "monitoring_", "recognition_", "dashboard_", "municipal_", "api_", "accounts_",
)  # fmt: skip
# Written by every view or sign-in, shown on no page that is kept.
IGNORED_TABLES = frozenset({"privacy_accesslog", TABLE})
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)
# A sign-in stamps `last_login`; renewing every kept page of everyone for it would empty the caches at each login.
_LAST_LOGIN_ONLY = re.compile(r'\s*UPDATE\s+"?people_user"?\s+SET\s+"?last_login"?\s*=\s*%s\s+WHERE', re.IGNORECASE)
_PENDING = "_nastavnik_fresh_tables"


def watched(table: str) -> bool:
    return table.startswith(WATCHED_PREFIXES) and table not in IGNORED_TABLES


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    head = sql[:12].lstrip().upper()
    if head.startswith(("INSERT", "UPDATE", "DELETE")):
        match = _WRITE.match(sql)
        if match and watched(match.group(1).lower()) and not _LAST_LOGIN_ONLY.match(sql):
            _mark(context["connection"], match.group(1).lower())
    return result


def _mark(connection: BaseDatabaseWrapper, table: str) -> None:
    connection.__dict__.setdefault(_PENDING, set()).add(table)
    if not connection.in_atomic_block:
        _flush(connection)
        return
    # A callback per statement, each cheap: the first to run after the commit renews every marked table, the rest
    # find nothing left. (One per transaction would need to know of rollbacks, which Django does not tell.)
    # Robust: the write is committed already; a failed renewal is logged, and kept pages expire on their own.
    connection.on_commit(lambda: _flush(connection), robust=True)


def _flush(connection: BaseDatabaseWrapper) -> None:
    tables = connection.__dict__.pop(_PENDING, None)
    if not tables:
        return
    try:
        bump(tables=tables, using=connection.alias)
    except DatabaseError:  # e.g. `migrate` writing data before the versions' own table exists
        logger.warning("data versions of %s not renewed", ", ".join(sorted(tables)), exc_info=True)


def bump(*, tables: Iterable[str], using: str = "default") -> None:
    """Grow the versions of `tables` and of `*` by one (creating their rows at 1)."""
    names = sorted({*tables, ANY})
    with connections[using].cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE} (name, value) VALUES (%s, 1) "
            f"ON CONFLICT (name) DO UPDATE SET value = {TABLE}.value + 1",
            [(name,) for name in names],
        )


def versions(*, tables: Iterable[str] = (ANY,), using: str = "default") -> tuple[int, ...]:
    """The current versions of `tables`, in the order given (0 for a table never written since the install)."""
    names = list(tables)
    with connections[using].cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(names))
        cursor.execute(f"SELECT name, value FROM {TABLE} WHERE name IN ({placeholders})", names)
        found = dict(cursor.fetchall())
    return tuple(int(found.get(name, 0)) for name in names)


def tables_of(*models) -> list[str]:
    """The table names of models (or "app_label.Model" strings)."""
    from django.apps import apps

    return [(apps.get_model(m) if isinstance(m, str) else m)._meta.db_table for m in models]


def install(connection: BaseDatabaseWrapper, **kwargs) -> None:
    """`connection_created` receiver: watch the writes of every connection of every process."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)
