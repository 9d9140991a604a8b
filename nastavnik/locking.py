"""Optimistic locking for records several curators edit (a programme, a roadmap activity, a Mentor Match session).

A versioned model has an integer `version` (`VersionField`). A form carries the version its page was built from
(`nastavnik.forms.VersionMixin`); the service, inside its transaction, claims the record with one conditional
`UPDATE … SET version = version + 1 WHERE pk = … AND version = N` (`version_claim`). If another save came first no
row matches, and the service raises `EditConflict` listing what is stored now against what this user sent — nothing
is written, nothing silently overwritten. The page shows it with `_edit_conflict.html` and the form, now carrying the
current version, may be sent again on purpose.

Why not django-concurrency: it patches the model's save so that every save checks a version, which here would also
refuse the background writes and status transitions that never showed a form; it knows only that the record changed,
not what; and its Django 6 support lags. Two functions and a hidden field do what is needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class VersionField(models.PositiveIntegerField):
    """The record's edit counter; every claimed save adds one."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("default", 1)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("verbose_name", gettext_lazy("Версия записи"))
        super().__init__(*args, **kwargs)


@dataclass(frozen=True)
class Change:
    label: str
    theirs: str  # what is stored now (saved by the other person)
    yours: str  # what this user sent


class EditConflict(ValidationError):
    """Someone saved the record after this user opened it; `changes` says where the two differ."""

    def __init__(self, *, record: models.Model, changes: list[Change]) -> None:
        super().__init__(
            _("Пока вы редактировали, эту запись сохранил другой пользователь. Ваши изменения не сохранены: "
              "сравните их с сохранёнными и, если нужно, отправьте форму ещё раз."),
            code="edit_conflict",
        )
        self.record = record
        self.changes = changes
        self.current_version = record.version


def conflict_text(conflict: EditConflict) -> str:
    """The refusal and the differences in one line, for a flash message where no table fits."""
    changes = [
        _("%(label)s: сохранено — %(theirs)s, у вас — %(yours)s.") % {"label": c.label, "theirs": c.theirs,
                                                                     "yours": c.yours}
        for c in conflict.changes
    ]
    return " ".join([*conflict.messages, *changes])


def version_claim(
    instance: models.Model,
    version: int | None,
    changes: Mapping[str, Any] | None = None,
    *,
    describe: Callable[[models.Model], list[Change]] | None = None,
) -> None:
    """Take the next version of `instance` if it is still at `version`; else raise `EditConflict`.

    Call inside the service's transaction, before writing: the conditional UPDATE is atomic (on PostgreSQL it locks
    the row until the transaction ends, so a concurrent claim waits and then finds the new version). `version=None`
    (a script, the API, a write that showed no form) skips the check but still moves the version on, so a form
    opened before it is refused. `changes` (field → value sent) are compared with the stored record; a record
    whose edits are not field values (a Mentor Match session's decisions) passes `describe` instead.
    """
    model = type(instance)
    rows = model._default_manager.filter(pk=instance.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if rows.update(version=F("version") + 1) == 1:
        instance.version = (version if version is not None else instance.version) + 1
        if version is None:
            instance.refresh_from_db(fields=["version"])
        return
    current = model._default_manager.get(pk=instance.pk)
    found = describe(current) if describe else differences(current, changes or {})
    raise EditConflict(record=current, changes=found)


def differences(current: models.Model, sent: Mapping[str, Any]) -> list[Change]:
    """The fields of `sent` whose value differs from what `current` holds, both shown as a person reads them."""
    found = []
    for name, value in sent.items():
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:  # not a model field (a helper argument): nothing to compare
            continue
        stored = _stored(current, field)
        if _key(stored) != _key(value):
            found.append(Change(label=str(field.verbose_name), theirs=_show(field, stored), yours=_show(field, value)))
    return found


def _stored(instance: models.Model, field) -> Any:
    if field.many_to_many:
        return list(getattr(instance, field.name).all())
    return getattr(instance, field.name)


def _key(value: Any) -> Any:
    """A comparable form: records by primary key, sets of records regardless of order, text without edge blanks."""
    if isinstance(value, models.Model):
        return ("pk", value.pk)
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return frozenset(_key(v) for v in value)
    if isinstance(value, str):
        return value.strip()
    if value == "":
        return None
    return value


def _show(field, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("да") if value else _("нет")
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Iterable) and not isinstance(value, str):
        return ", ".join(sorted(str(v) for v in value)) or "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return str(value)


class Versioned(models.Model):
    """A model edited through forms by several people: `version` moves on with every claimed save."""

    version = VersionField()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        # Never write back a version read earlier: a claim may have moved it on since this instance was loaded, and
        # writing the old number would let a form opened before that claim through. Only `version_claim` moves it.
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            deferred = self.get_deferred_fields()  # as Django's own save: fields never loaded are not written
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "version" and f.attname not in deferred
            ]
        super().save(*args, **kwargs)
