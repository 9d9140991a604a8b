"""Roster pages: upload with a preview of every problem, confirm, export, and the blank template.

The uploaded file is read once, at the preview, and deleted at once. Between the preview and the confirmation the
checked rows wait under MEDIA_ROOT/rosters/<token>.json, one JSON line per row, the token known only to the
uploader's session; on confirmation the service checks them again against the database (and refuses if the plan
shown has changed) and the rows are deleted after the import (or the cancel).
"""

from __future__ import annotations

import io
import json
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
ALLOWED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt")
SHOW_PROBLEMS = 1000
SHOW_PLAN = 200  # people shown per list of the preview (the counts are always whole)
STALE_UPLOAD_SECONDS = 24 * 60 * 60
SESSION_KEY = "roster_uploads"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RosterUploadForm(BoundedForm):
    file = forms.FileField(
        label=gettext_lazy("Файл XLSX, XLS, ODS или CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls,.ods,.csv,.txt", "class": "form-control"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise ValidationError(_("Загрузите таблицу: XLSX, XLS, ODS или CSV."))
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
            "can_export": policy.can(request.user, policy.Action.ORG_EXPORT_PEOPLE, org),
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
        existing = roster.existing_people(org)
        parsed = roster.check_roster(roster.parse_roster(path, kind=org.kind), existing)
    except roster.RosterFileError as error:
        form.add_error("file", error.message)
        return render(request, "people/roster_upload.html", _upload_context(org, form))
    finally:
        path.unlink(missing_ok=True)  # read once: the preview keeps the checked rows, not the file
    if not parsed.ok:
        return render(request, "people/roster_preview.html", _preview_context(org, parsed, None, upload.name, token=""))
    plan = roster.plan_roster(parsed, existing)
    token = ""
    if plan.changes_anything or plan.missing:
        token = secrets.token_urlsafe(24)
        _keep_rows(token, parsed, plan)
        uploads = request.session.get(SESSION_KEY, {})
        uploads[token] = {"org": org.pk, "name": upload.name}
        request.session[SESSION_KEY] = uploads
    return render(request, "people/roster_preview.html", _preview_context(org, parsed, plan, upload.name, token=token))


@login_required
@require_POST
def roster_import_confirm(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, policy.Action.ORG_MANAGE_PEOPLE, org)
    uploads = request.session.get(SESSION_KEY, {})
    token = request.POST.get("token", "")
    entry = uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    valid = entry and entry["org"] == org.pk and token.replace("-", "").replace("_", "").isalnum()
    path = _upload_dir() / f"{token}.json" if valid else None
    if path is None or not path.exists():
        messages.error(request, _("Проверенный список не найден или устарел. Загрузите файл ещё раз."))
        return redirect("roster_import", code=org.code)
    try:
        if "cancel" in request.POST:
            messages.info(request, _("Загрузка отменена, ничего не изменено."))
            return redirect("roster_import", code=org.code)
        with path.open(encoding="utf-8") as source:
            stored = json.loads(source.readline())
            stored["rows"] = roster.rows_from_json(json.loads(line) for line in source)
        return _import_checked(request, org, stored, entry["name"], leavers=request.POST.get("leavers") == "1")
    finally:
        path.unlink(missing_ok=True)


def _import_checked(request: HttpRequest, org: Organization, stored: dict, name: str, *, leavers: bool) -> HttpResponse:
    """Load the rows checked at the preview; the service checks them again against the database as it is now."""
    try:
        result = services.roster_import(
            organization=org,
            rows=stored["rows"],
            headers=stored["headers"],
            leavers=leavers,
            expected_digest=stored["digest"],
            created_by=request.user,
        )
    except ValidationError as error:  # lost a race with another import or an edit in the same organisation
        parsed = roster.ParsedRoster(errors=[roster.Problem(None, "", message) for message in error.messages])
        return render(request, "people/roster_preview.html", _preview_context(org, parsed, None, name, token=""))
    messages.success(
        request,
        _(
            "Список загружен в «%(org)s». Новых людей: %(created)s; обновлено: %(updated)s; без изменений: "
            "%(unchanged)s; выбыло: %(left)s."
        )
        % {
            "org": org.short_name,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "left": result.left,
        },
    )
    return redirect(f"{reverse('people')}?org={org.pk}")


@login_required
def roster_export(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, policy.Action.ORG_EXPORT_PEOPLE, org)
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
    people = policy.scope_people(
        request.user, Person.objects.filter(organization=org, anonymised_at__isnull=True, left_at__isnull=True)
    )
    own = getattr(getattr(request.user, "person", None), "pk", None)
    ids = people.exclude(pk=own).values_list("pk", flat=True) if own else people.values_list("pk", flat=True)
    path = request.path[:400]
    AccessLog.objects.bulk_create(
        (AccessLog(user=request.user, person_id=pk, action="roster_export", path=path) for pk in ids.iterator()),
        batch_size=1000,
    )


# --- helpers --------------------------------------------------------------------------------------------------


def _keep_rows(token: str, parsed: roster.ParsedRoster, plan: roster.RosterPlan) -> None:
    """The checked rows for the confirmation, one JSON line each after a line with the headers and the plan's
    digest: written and read row by row, so a big roster is never held twice."""
    with (_upload_dir() / f"{token}.json").open("w", encoding="utf-8") as out:
        out.write(json.dumps({"headers": parsed.headers, "digest": plan.digest()}, ensure_ascii=False) + "\n")
        for data in roster.rows_to_json(parsed.rows):
            out.write(json.dumps(data, ensure_ascii=False) + "\n")


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


def _preview_context(
    org: Organization, parsed: roster.ParsedRoster, plan: roster.RosterPlan | None, name: str, *, token: str
) -> dict:
    titles = dict(Person.Category.choices)
    by_category = Counter(row.category for row in parsed.rows)
    context = {
        "org": org,
        "file_name": name,
        "parsed": parsed,
        "plan": plan,
        "problems": parsed.errors[:SHOW_PROBLEMS],
        "hidden_problems": max(0, len(parsed.errors) - SHOW_PROBLEMS),
        "error_rows": len({p.line for p in parsed.errors}),
        "by_category": [(titles[c], n) for c, n in by_category.most_common()],
        "token": token,
    }
    if plan is not None:
        context.update(
            {
                "new_sample": [(row, titles[row.category]) for row in plan.new[:SHOW_PLAN]],
                "changed_sample": plan.changed[:SHOW_PLAN],
                "missing_sample": plan.missing[:SHOW_PLAN],
                "no_guardian_sample": plan.no_guardian[:SHOW_PLAN],
                "file_categories": ", ".join(str(titles[c]).lower() for c in sorted(plan.categories)),
                "show_plan": SHOW_PLAN,
            }
        )
    return context


# --- year end: «Перевод в следующий класс» -----------------------------------------------------------------------


@login_required
def classes_promotion(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the preview (which 9th classes leave is a choice on the page); POST: the promotion, in one transaction."""
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, policy.Action.ORG_MANAGE_PEOPLE, org)
    data = request.POST if request.method == "POST" else request.GET
    leaving = data.getlist("leave")
    if request.method == "POST":
        try:
            plan = services.classes_promote(organization=org, leaving_nines=leaving, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("classes_promotion", code=org.code)
        messages.success(
            request,
            _("Перевод в следующий класс сделан: переведено учеников — %(moved)s, выпускников — %(graduated)s.")
            % {"moved": plan.moved, "graduated": plan.graduated},
        )
        return redirect(f"{reverse('people')}?org={org.pk}")
    plan = services.classes_promotion_plan(organization=org, leaving_nines=leaving)
    return render(request, "people/classes_promotion.html", {"org": org, "plan": plan, "leaving": set(leaving)})
