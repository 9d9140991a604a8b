"""Append-only records: a row, once written, is never changed or removed by any code path.

The model refuses `save()` of an existing row and `delete()`; its manager's queryset refuses `update()` and
`delete()`. On PostgreSQL a trigger (see the migrations using `append_only_sql`) refuses UPDATE and DELETE even from
raw SQL or another program.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _


class AppendOnlyError(PermissionDenied):
    pass


def _refuse(model) -> None:
    raise AppendOnlyError(
        _("Записи журнала «%(name)s» нельзя изменять или удалять.") % {"name": model._meta.verbose_name_plural}
    )


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        _refuse(self.model)

    def delete(self):
        _refuse(self.model)

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse(self.model)


class AppendOnlyMixin:
    """For models of other apps: `class AccessLog(AppendOnlyMixin, models.Model)`, `objects = AppendOnlyManager()`."""

    def save(self, *args, **kwargs):
        if not self._state.adding:
            _refuse(type(self))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse(type(self))


AppendOnlyManager = models.Manager.from_queryset(AppendOnlyQuerySet)


class AppendOnlyModel(AppendOnlyMixin, models.Model):
    objects = AppendOnlyManager()

    class Meta:
        abstract = True


def append_only_sql(table: str) -> tuple[str, str]:
    """(forward, backward) SQL for a PostgreSQL trigger refusing UPDATE and DELETE on `table`."""
    function = f"{table}_append_only"
    forward = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'append-only table {table}: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {function}_trigger ON {table};
CREATE TRIGGER {function}_trigger BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    backward = f"DROP TRIGGER IF EXISTS {function}_trigger ON {table}; DROP FUNCTION IF EXISTS {function}();"
    return forward, backward


def append_only_operation(table: str):
    """A migration operation adding the trigger on PostgreSQL and doing nothing elsewhere."""
    from django.db import migrations

    forward, backward = append_only_sql(table)

    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(forward, params=None)

    def revert(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(backward, params=None)

    return migrations.RunPython(apply, revert)
