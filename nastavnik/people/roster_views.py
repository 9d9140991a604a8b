"""Roster pages: upload with a preview of every problem, confirm, export, and the blank template.

Between the preview and the confirmation the uploaded file waits under MEDIA_ROOT/rosters/ with a random name known
only to the uploader's session; it is checked again on confirmation and deleted after the import (or the cancel).
"""

from __future__ import annotations

import io
import secrets
import time
from collections import Counter
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.forms import BoundedForm
from nastavnik.orgs.models import Organization
from nastavnik.people import roster, services
from nastavnik.people.models import Person
from nastavnik.privacy.models import AccessLog
from nastavnik.security.models import SecurityEvent
from nastavnik.security.services import security_event_record

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
SHOW_PROBLEMS = 1000
STALE_UPLOAD_SECONDS = 24 * 60 * 60
SESSION_KEY = "roster_uploads"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RosterUploadForm(BoundedForm):
    file = forms.FileField(
        label=gettext_lazy("Файл XLSX или CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.csv,.txt", "class": "form-control"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise ValidationError(_("Загрузите файл XLSX или CSV (старый формат XLS сохраните как XLSX)."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Файл больше 20 МБ. Разделите список на несколько файлов."))
        return upload


@login_required
def roster_home(request: HttpRequest) -> HttpResponse:
    """Which organisations the user may load rosters into or export from."""
    orgs = Organization.objects.filter(pk__in=policy.staff_organizations(request.user))
    entries = [
        {
            "org": org,
            "can_import": policy.can(request.user, policy.Action.ORG_MANAGE_PEOPLE, org),
            "can_export": policy.can(request.user, policy.Action.ORG_VIEW_PEOPLE, org),
        }
        for org in orgs
    ]
    entries = [e for e in entries if e["can_import"] or e["can_export"]]
    if not entries:
        raise PermissionDenied(_("Загрузка и выгрузка списков доступны руководству организации"))
    return render(request, "people/roster_home.html", {"entries": entries})


@login_required
def roster_template_download(request: HttpRequest) -> HttpResponse:
    if not policy.staff_organizations(request.user):
        raise PermissionDenied(_("Загрузка и выгрузка списков доступны руководству организации"))
    buffer = io.BytesIO()
    services.roster_template(buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename="shablon-spiska-lyudei.xlsx", content_type=XLSX)


@login_required
def roster_import(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, policy.Action.ORG_MANAGE_PEOPLE, org)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "people/roster_upload.html", _upload_context(org, form))
    _remove_stale_uploads()
    upload = form.cleaned_data["file"]
    path = _store(upload)
    try:
        parsed = roster.validate_roster(path, org)
    except roster.RosterFileError as error:
        path.unlink(missing_ok=True)
        form.add_error("file", error.message)
        return render(request, "people/roster_upload.html", _upload_context(org, form))
    if not parsed.ok:
        path.unlink(missing_ok=True)
        return render(request, "people/roster_preview.html", _preview_context(org, parsed, upload.name, token=""))
    token = path.stem
    uploads = request.session.get(SESSION_KEY, {})
    uploads[token] = {"org": org.pk, "file": path.name, "name": upload.name}
    request.session[SESSION_KEY] = uploads
    return render(request, "people/roster_preview.html", _preview_context(org, parsed, upload.name, token=token))


@login_required
@require_POST
def roster_import_confirm(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, policy.Action.ORG_MANAGE_PEOPLE, org)
    uploads = request.session.get(SESSION_KEY, {})
    entry = uploads.pop(request.POST.get("token", ""), None)
    request.session[SESSION_KEY] = uploads
    path = _upload_dir() / entry["file"] if entry and entry["org"] == org.pk else None
    if path is None or not path.exists():
        messages.error(request, _("Загруженный файл не найден или устарел. Загрузите его ещё раз."))
        return redirect("roster_import", code=org.code)
    try:
        if "cancel" in request.POST:
            messages.info(request, _("Загрузка отменена, файл удалён."))
            return redirect("roster_import", code=org.code)
        return _import_checked(request, org, path, entry["name"])
    finally:
        path.unlink(missing_ok=True)


def _import_checked(request: HttpRequest, org: Organization, path: Path, name: str) -> HttpResponse:
    """Check the file again (the organisation may have changed since the preview) and load it."""
    try:
        parsed = roster.validate_roster(path, org)
        if parsed.ok:
            count = services.roster_import(organization=org, rows=parsed.rows, created_by=request.user)
            messages.success(
                request, _("Загружено людей: %(count)s в «%(org)s».") % {"count": count, "org": org.short_name}
            )
            return redirect(f"{reverse('people')}?org={org.pk}")
    except roster.RosterFileError as error:
        messages.error(request, error.message)
        return redirect("roster_import", code=org.code)
    except ValidationError as error:  # lost a race with another import into the same organisation
        parsed = roster.ParsedRoster(errors=[roster.Problem(None, "", message) for message in error.messages])
    return render(request, "people/roster_preview.html", _preview_context(org, parsed, name, token=""))


@login_required
def roster_export(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, policy.Action.ORG_VIEW_PEOPLE, org)
    buffer = io.BytesIO()
    services.roster_export(organization=org, path_or_stream=buffer, user=request.user)
    _log_export(request, org)
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, organization_id=org.pk,
                          detail=_("Выгрузка списка людей организации"))
    buffer.seek(0)
    filename = f"{org.code}-lyudi-{timezone.localdate():%Y-%m-%d}.xlsx"
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX)


def _log_export(request: HttpRequest, org: Organization) -> None:
    """An export shows every exported person's record, so each one gets an entry in the access log."""
    people = policy.scope_people(request.user, Person.objects.filter(organization=org, anonymised_at__isnull=True))
    own = getattr(getattr(request.user, "person", None), "pk", None)
    ids = people.exclude(pk=own).values_list("pk", flat=True) if own else people.values_list("pk", flat=True)
    path = request.path[:400]
    AccessLog.objects.bulk_create(
        (AccessLog(user=request.user, person_id=pk, action="roster_export", path=path) for pk in ids.iterator()),
        batch_size=1000,
    )


# --- helpers --------------------------------------------------------------------------------------------------


def _upload_dir() -> Path:
    directory = Path(settings.MEDIA_ROOT) / "rosters"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _store(upload) -> Path:
    suffix = Path(upload.name).suffix.lower()
    path = _upload_dir() / f"{secrets.token_urlsafe(24)}{suffix}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def _remove_stale_uploads() -> None:
    """Files of previews that were never confirmed (closed tab, expired session) go after a day."""
    limit = time.time() - STALE_UPLOAD_SECONDS
    for path in _upload_dir().iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _upload_context(org: Organization, form: RosterUploadForm) -> dict:
    return {
        "org": org,
        "form": form,
        "allowed_categories": roster.ALLOWED_CATEGORIES,
        "max_experience": roster.MAX_EXPERIENCE,
    }


def _preview_context(org: Organization, parsed: roster.ParsedRoster, name: str, *, token: str) -> dict:
    titles = dict(Person.Category.choices)
    by_category = Counter(row.category for row in parsed.rows)
    return {
        "org": org,
        "file_name": name,
        "parsed": parsed,
        "problems": parsed.errors[:SHOW_PROBLEMS],
        "hidden_problems": max(0, len(parsed.errors) - SHOW_PROBLEMS),
        "error_rows": len({p.line for p in parsed.errors}),
        "by_category": [(titles[c], n) for c, n in by_category.most_common()],
        "sample": [(row, titles[row.category]) for row in parsed.rows[:10]] if parsed.ok else [],
        "token": token,
    }
