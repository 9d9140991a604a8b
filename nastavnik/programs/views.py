"""Pages of programmes and roadmaps. Thin: find the object, ask the policy, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nastavnik import policy
from nastavnik.forms import posted_version
from nastavnik.locking import EditConflict, conflict_text
from nastavnik.orgs.models import Organization
from nastavnik.pagecache import kept_page
from nastavnik.people.picker import picked_into
from nastavnik.privacy.services import access_log_record_many
from nastavnik.programs import exports, selectors, services
from nastavnik.programs.forms import (
    ActivityForm,
    ActivityStatusForm,
    ProgramEditForm,
    ProgramForm,
    RoadmapApproveForm,
    RoadmapFromTemplateForm,
    StageForm,
    apply_errors,
)
from nastavnik.programs.models import Activity, MentoringForm, Program, Roadmap, RoadmapRemark, Stage


def _roadmap_require(user, roadmap: Roadmap, *, manage: bool = False) -> None:
    """A programme's roadmap follows the programme's rules; an organisation-level one, the organisation's."""
    if roadmap.program_id:
        policy.require(user, policy.Action.PROGRAM_MANAGE if manage else policy.Action.PROGRAM_VIEW, roadmap.program)
    else:
        action = policy.Action.ORG_MANAGE_PROGRAMS if manage else policy.Action.ORG_VIEW
        policy.require(user, action, roadmap.organization)


def _roadmap_can_manage(user, roadmap: Roadmap) -> bool:
    if roadmap.program_id:
        return policy.can(user, policy.Action.PROGRAM_MANAGE, roadmap.program)
    return policy.can(user, policy.Action.ORG_MANAGE_PROGRAMS, roadmap.organization)


def _roadmap_back(roadmap: Roadmap) -> str:
    if roadmap.program_id:
        return reverse("program", args=[roadmap.program_id]) + f"#roadmap-{roadmap.pk}"
    return reverse("roadmap", args=[roadmap.pk])


def _roadmap_context(roadmap: Roadmap, *, can_manage: bool, show_people: bool) -> dict:
    """One roadmap card; pass a roadmap from `selectors.roadmaps_with_activities` so it costs no query."""
    today = timezone.localdate()
    return {
        "roadmap": roadmap,
        "stages": selectors.roadmap_by_stage(roadmap=roadmap, today=today),
        "progress": selectors.roadmap_progress(roadmap=roadmap, today=today),
        "can_manage": can_manage,
        "show_people": show_people,
        "outside": sum(1 for a in roadmap.activities.all() if a.outside_program),
    }


def _show_people(user, organization: Organization) -> bool:
    return policy.can(user, policy.Action.ORG_VIEW_PEOPLE, organization)


def _log_responsible(request: HttpRequest, roadmap: Roadmap, show_people: bool, *, action: str) -> None:
    """A roadmap printed or exported with names is a read of the responsible people's records."""
    if show_people:
        people = [a.responsible for a in roadmap.activities.all() if a.responsible_id]
        access_log_record_many(request=request, people=people, action=action)


def _managed_organizations(user) -> list[Organization]:
    ids = policy.staff_organizations(user, policy.MANAGERS)
    return list(Organization.objects.filter(pk__in=ids).order_by("short_name"))


# --- programmes -----------------------------------------------------------------------------------------------


@login_required
@kept_page
def program_list(request: HttpRequest) -> HttpResponse:
    filters = {key: request.GET.get(key, "") for key in ("stage", "status", "form")}
    context = {
        "programs": selectors.program_list(user=request.user, **filters),
        "filters": filters,
        "stages": Stage.choices,
        "statuses": Program.Status.choices,
        "forms": MentoringForm.objects.all(),
        "can_create": bool(_managed_organizations(request.user)),
    }
    template = "programs/_program_table.html" if request.htmx else "programs/program_list.html"
    return render(request, template, context)


@login_required
@kept_page
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program.objects.select_related("organization", "form"), pk=pk)
    policy.require(request.user, policy.Action.PROGRAM_VIEW, program)
    can_manage = policy.can(request.user, policy.Action.PROGRAM_MANAGE, program)
    show_people = _show_people(request.user, program.organization)
    roadmaps = [
        _roadmap_context(r, can_manage=can_manage, show_people=show_people)
        for r in selectors.roadmaps_with_activities(program.roadmaps.all())
    ]
    stages = [code for code, _label in Stage.choices]
    index = stages.index(program.stage)
    context = {
        "program": program,
        "roadmaps": roadmaps,
        "stage_index": index,
        "stages": Stage.choices,
        "previous_stages": Stage.choices[:index],
        "next_stage": Stage.choices[index + 1] if index + 1 < len(stages) else None,
        "role_models": program.role_models.all(),
        "curators": program.curators.all(),
        "can_manage": can_manage,
        "pair_count": program.mentorships.count(),
        "template_form": RoadmapFromTemplateForm() if can_manage else None,
    }
    return render(request, "programs/program_detail.html", context)


def _program_form_context(form, organization: Organization, forms_available, **extra) -> dict:
    selected = [str(getattr(value, "pk", value)) for value in form["role_models"].value() or []]
    return {
        "form": form,
        "organization": organization,
        "forms_available": forms_available,
        "selected_role_models": selected,
        **extra,
    }


@login_required
def program_create(request: HttpRequest) -> HttpResponse:
    organizations = _managed_organizations(request.user)
    if not organizations:
        raise PermissionDenied(_("Недостаточно прав для этого действия"))
    code = request.GET.get("org") or request.POST.get("org")
    if not code and len(organizations) > 1:
        return render(request, "programs/program_org_choice.html", {"organizations": organizations})
    organization = get_object_or_404(Organization, code=code) if code else organizations[0]
    policy.require(request.user, policy.Action.ORG_MANAGE_PROGRAMS, organization)
    forms_available = selectors.forms_for_organization(organization=organization)
    kwargs = {"organization": organization, "forms_available": forms_available}
    form = ProgramForm(request.POST or None, **kwargs)
    if request.method != "POST":
        picked_into(form, request)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(organization=organization, **form.service_kwargs())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Программа создана. Следующий шаг — дорожная карта."))
            return redirect("program", pk=program.pk)
    return render(request, "programs/program_form.html", _program_form_context(form, organization, forms_available))


@login_required
def program_edit(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program.objects.select_related("organization", "form"), pk=pk)
    policy.require(request.user, policy.Action.PROGRAM_MANAGE, program)
    forms_available = selectors.forms_for_organization(organization=program.organization)
    if program.form not in forms_available:
        forms_available.append(program.form)
    initial = {
        field: getattr(program, field)
        for field in (
            "title",
            "form",
            "kind",
            "starts_on",
            "ends_on",
            "meeting_interval_days",
            "min_duration_months",
            "description",
            "allow_other_organizations",
            "status",
        )
    }
    initial |= {"role_models": list(program.role_models.all()), "curators": list(program.curators.all())}
    kwargs = {"organization": program.organization, "forms_available": forms_available}
    form = ProgramEditForm(request.POST or None, initial=initial, version=program.version, **kwargs)
    if request.method != "POST":
        picked_into(form, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.program_update(program=program, **form.service_kwargs())
        except EditConflict as conflict:
            form.conflict_show(conflict)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect("program", pk=program.pk)
    context = _program_form_context(form, program.organization, forms_available, program=program)
    return render(request, "programs/program_form.html", context, status=409 if form.conflict else 200)


@login_required
@require_POST
def program_stage(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program.objects.select_related("organization"), pk=pk)
    policy.require(request.user, policy.Action.PROGRAM_MANAGE, program)
    form = StageForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Неизвестный этап цикла."))
        services.program_stage_set(program=program, stage=form.cleaned_data["stage"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Этап программы: «%(stage)s».") % {"stage": program.get_stage_display()})
    return redirect("program", pk=program.pk)


# --- catalogue ------------------------------------------------------------------------------------------------


@policy.public
@login_required
def catalog_page(request: HttpRequest) -> HttpResponse:
    # Reference material about forms, role models and roadmap templates: no personal data, open to every user.
    context = {
        "forms": MentoringForm.objects.prefetch_related("role_models"),
        "templates": selectors.roadmap_templates(),
    }
    return render(request, "programs/catalog.html", context)


# --- roadmaps -------------------------------------------------------------------------------------------------


@login_required
def roadmap_create(request: HttpRequest) -> HttpResponse:
    """A roadmap from a template: for a programme (`program`) or for the whole organisation (`org`)."""
    source = request.POST if request.method == "POST" else request.GET
    program = None
    if source.get("program"):
        program = get_object_or_404(Program.objects.select_related("organization"), pk=source.get("program"))
        policy.require(request.user, policy.Action.PROGRAM_MANAGE, program)
        organization = program.organization
    else:
        organization = get_object_or_404(Organization, code=source.get("org", ""))
        policy.require(request.user, policy.Action.ORG_MANAGE_PROGRAMS, organization)
    form = RoadmapFromTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            roadmap = services.roadmap_create_from_template(
                organization=organization, program=program, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Дорожная карта составлена по шаблону. Проверьте её и утвердите."))
            return redirect(_roadmap_back(roadmap))
    context = {
        "form": form,
        "program": program,
        "organization": organization,
        "templates": selectors.roadmap_templates(),
    }
    return render(request, "programs/roadmap_create.html", context)


@login_required
@kept_page
def roadmap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(selectors.roadmaps_with_activities(Roadmap.objects.all()), pk=pk)
    _roadmap_require(request.user, roadmap)
    can_manage = _roadmap_can_manage(request.user, roadmap)
    show_people = _show_people(request.user, roadmap.organization)
    context = {"r": _roadmap_context(roadmap, can_manage=can_manage, show_people=show_people)}
    return render(request, "programs/roadmap_detail.html", context)


@login_required
@require_POST
def roadmap_approve(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap.objects.select_related("organization", "program"), pk=pk)
    _roadmap_require(request.user, roadmap, manage=True)
    form = RoadmapApproveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Укажите дату утверждения."))
        services.roadmap_approve(roadmap=roadmap, **form.cleaned_data)
    except EditConflict as conflict:
        messages.error(request, conflict_text(conflict))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Дорожная карта утверждена."))
    return redirect(_roadmap_back(roadmap))


@login_required
def roadmap_print(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(selectors.roadmaps_with_activities(Roadmap.objects.all()), pk=pk)
    _roadmap_require(request.user, roadmap)
    today = timezone.localdate()
    show_people = _show_people(request.user, roadmap.organization)
    _log_responsible(request, roadmap, show_people, action="programs.roadmap_print")
    rows = [
        {
            "activity": a,
            "cells": exports.activity_cells(a, today=today, show_people=show_people),
            "overdue": selectors.activity_overdue(a, today=today),
        }
        for a in roadmap.activities.all()
    ]
    context = {"roadmap": roadmap, "headers": exports.headers(), "rows": rows, "today": today}
    return render(request, "programs/roadmap_print.html", context)


@login_required
def roadmap_export(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(selectors.roadmaps_with_activities(Roadmap.objects.all()), pk=pk)
    _roadmap_require(request.user, roadmap)
    show_people = _show_people(request.user, roadmap.organization)
    _log_responsible(request, roadmap, show_people, action="programs.roadmap_export")
    content = exports.roadmap_xlsx(roadmap=roadmap, today=timezone.localdate(), show_people=show_people)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="roadmap-{roadmap.pk}.xlsx"'
    return response


@login_required
@require_POST
def activity_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an activity; HTMX gets the row back, a plain form post goes back to the roadmap."""
    activity = get_object_or_404(
        Activity.objects.select_related("roadmap", "roadmap__organization", "roadmap__program", "responsible"), pk=pk
    )
    roadmap = activity.roadmap
    _roadmap_require(request.user, roadmap, manage=True)
    form = ActivityStatusForm(request.POST)
    error, conflict = "", None
    try:
        if not form.is_valid():
            raise ValidationError([message for messages_ in form.errors.values() for message in messages_])
        services.activity_status_set(activity=activity, **form.cleaned_data)
    except EditConflict as exc:
        # The row comes back as it is now (with the current version), the refusal and the difference under it.
        conflict, error = exc, conflict_text(exc)
        activity.refresh_from_db()
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx and conflict:
        context = {"a": activity, "can_manage": True, "conflict": conflict,
                   "show_people": _show_people(request.user, roadmap.organization)}
        activity.is_overdue = selectors.activity_overdue(activity, today=timezone.localdate())
        return render(request, "programs/_activity_row_alone.html", context)
    if request.htmx:
        today = timezone.localdate()
        activity.is_overdue = selectors.activity_overdue(activity, today=today)
        context = {
            "a": activity,
            "can_manage": True,
            "error": error,
            "show_people": _show_people(request.user, roadmap.organization),
        }
        return render(request, "programs/_activity_row_alone.html", context)
    if error:
        messages.error(request, error)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = _roadmap_back(roadmap)
    return redirect(target)


# --- adapting a roadmap (helper «orders») ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap.objects.select_related("organization", "program"), pk=pk)
    _roadmap_require(request.user, roadmap, manage=True)
    initial = {"starts_on": timezone.localdate(), "ends_on": timezone.localdate(), "stage": request.GET.get("stage")}
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_add(roadmap=roadmap, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Мероприятие добавлено в дорожную карту."))
            return redirect(_roadmap_back(roadmap))
    context = {"roadmap": roadmap, "form": form, "activity": None}
    return render(request, "programs/activity_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("roadmap", "roadmap__organization", "roadmap__program"), pk=pk
    )
    roadmap = activity.roadmap
    _roadmap_require(request.user, roadmap, manage=True)
    action = request.POST.get("action", "save")
    if request.method == "POST" and action == "delete":
        try:
            services.activity_remove(activity=activity, version=posted_version(request.POST))
        except EditConflict as conflict:
            messages.error(request, conflict_text(conflict))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Мероприятие удалено из дорожной карты."))
        return redirect(_roadmap_back(roadmap))
    initial = {name: getattr(activity, name) for name in ActivityForm.base_fields}
    form = ActivityForm(request.POST or None, initial=initial, version=activity.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, **form.cleaned_data)
        except EditConflict as conflict:
            form.conflict_show(conflict)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Мероприятие изменено."))
            return redirect(_roadmap_back(roadmap))
    context = {"roadmap": roadmap, "form": form, "activity": activity}
    status = 409 if form.conflict else 400 if form.errors else 200
    return render(request, "programs/activity_form.html", context, status=status)
@login_required
@require_POST
def roadmap_remark_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    remark = get_object_or_404(RoadmapRemark.objects.select_related("roadmap__organization", "roadmap__program"), pk=pk)
    _roadmap_require(request.user, remark.roadmap, manage=True)
    services.roadmap_remark_resolve(remark=remark)
    messages.success(request, _("Замечание отмечено как исправленное."))
    return redirect("home")
