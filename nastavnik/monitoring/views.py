"""Monitoring pages: a programme's dynamics and pair health, its measurement plan, marks, charts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.mentorships.models import Mentorship
from nastavnik.monitoring import charts, indicators, instruments, invitations, selectors, services
from nastavnik.monitoring.forms import GradeForm, GradeImportForm, IndicatorForm, InviteForm, MeasurementForm
from nastavnik.monitoring.models import Grade, IndicatorEntry, Side, Wave
from nastavnik.orgs.models import Organization
from nastavnik.pagecache import kept_page
from nastavnik.people.models import Person
from nastavnik.people.picker import picked
from nastavnik.privacy.services import access_log_record_many
from nastavnik.programs.models import Program

PAGE_SIZE = 50


def _program(request: HttpRequest, pk: int, action=policy.Action.MONITORING_VIEW) -> Program:
    program = get_object_or_404(Program.objects.select_related("organization", "form"), pk=pk)
    policy.require(request.user, action, program)
    return program


@login_required
@kept_page
def index(request: HttpRequest) -> HttpResponse:
    """The programmes whose monitoring the user runs (director, coordinator, curator, psychologist)."""
    programs = selectors.programs_for(user=request.user)
    orgs = policy.staff_organizations(request.user, policy.MONITORING_STAFF)
    if not orgs:
        raise Http404(_("Страница не найдена"))
    return render(
        request,
        "monitoring/index.html",
        {
            "page": Paginator(programs, PAGE_SIZE).get_page(request.GET.get("page")),
            "filters": {},
            "organizations": Organization.objects.filter(pk__in=orgs).order_by("short_name")[:PAGE_SIZE],
        },
    )


def _dynamics_context(program: Program, mentorship: Mentorship | None = None, *, rows: bool = False) -> list[dict]:
    items = []
    for item in selectors.dynamics(program=program, mentorship=mentorship, with_rows=rows):
        items.append(
            {
                "item": item,
                "verdict": selectors.verdict_words(item),
                "effect": selectors.effect_words(item),
                "standardised": selectors.standardised_words(item),
                "side_label": Side(item.side).label,
            }
        )
    return items


@login_required
@kept_page
def program_page(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    state = request.GET.get("state", "")
    health = selectors.pair_health(pairs=selectors.health_queryset(programs=[program]))
    counts = selectors.health_counts(health)
    if state in dict(selectors.HEALTH_LABELS):
        health = [h for h in health if h.state == state]
    page = Paginator(health, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [p for h in page.object_list for p in (h.mentorship.mentor, h.mentorship.mentee)]
    access_log_record_many(request=request, people=shown, action="monitoring.view")
    requests = selectors.requests_count(program=program)
    context = {
        "program": program,
        "dynamics": _dynamics_context(program),
        "benchmark": selectors.benchmark_words(),
        "counts": counts,
        "any_active": any(n for _code, _label, n in counts),
        "page": page,
        "filters": {"state": state} if state else {},
        "state": state,
        "waves": [
            (label, requests.get(code, {}).get("sent", 0), requests.get(code, {}).get("filled", 0))
            for code, label in Wave.choices
        ],
        "may_manage": policy.can(request.user, policy.Action.MONITORING_MANAGE, program),
    }
    return render(request, "monitoring/program.html", context)


@login_required
def measure_page(request: HttpRequest, pk: int, measure: str, side: str) -> HttpResponse:
    """Entry and exit per person for one measure (names: every view is logged)."""
    program = _program(request, pk)
    item = next(
        (d for d in _dynamics_context(program, rows=True) if d["item"].measure == measure and d["item"].side == side),
        None,
    )
    if item is None:
        raise Http404(_("Страница не найдена"))
    page = Paginator(item["item"].rows, PAGE_SIZE).get_page(request.GET.get("page"))
    people = Person.objects.filter(measurements__program=program, measurements__measure=measure).distinct()
    if measure == instruments.GRADES:
        people = Person.objects.filter(pk__in=Mentorship.objects.filter(program=program).values("mentee_id"))
    access_log_record_many(request=request, people=list(people[:PAGE_SIZE]), action="monitoring.view")
    return render(
        request,
        "monitoring/measure.html",
        {"program": program, "d": item, "page": page, "filters": {}, "benchmark": selectors.benchmark_words()},
    )


@login_required
def chart(request: HttpRequest, pk: int, measure: str, side: str) -> HttpResponse:
    program = _program(request, pk)
    item = next((d for d in selectors.dynamics(program=program) if d.measure == measure and d.side == side), None)
    if item is None:
        raise Http404(_("Страница не найдена"))
    bars = [("entry", _("На входе"), item.result.entry_mean), ("exit", _("На выходе"), item.result.exit_mean)]
    if item.intermediate_mean is not None:
        bars.insert(1, ("intermediate", _("Промежуточно"), item.intermediate_mean))
    bars = [bar for bar in bars if bar[2] is not None]
    svg = charts.waves_svg(title=item.title, bars=bars)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response._csp_exempt = True  # matplotlib writes style attributes; the image is shown by <img>, never inline
    return response


@login_required
@kept_page
def pair_page(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("program__organization", "mentor", "mentee"), pk=pk
    )
    policy.require(request.user, policy.Action.MONITORING_VIEW, mentorship.program)
    access_log_record_many(request=request, people=[mentorship.mentor, mentorship.mentee], action="monitoring.view")
    health = selectors.pair_health(
        pairs=selectors.health_queryset(programs=[mentorship.program]).filter(pk=mentorship.pk)
    )
    return render(
        request,
        "monitoring/pair.html",
        {
            "program": mentorship.program,
            "mentorship": mentorship,
            "health": health[0] if health else None,
            "dynamics": _dynamics_context(mentorship.program, mentorship, rows=True),
        },
    )


@login_required
@kept_page
def attention(request: HttpRequest) -> HttpResponse:
    """Pairs that need a check in one organisation — the curator's list, linked from the home page by URL name."""
    org_ids = policy.staff_organizations(request.user, policy.MONITORING_STAFF)
    organizations = list(Organization.objects.filter(pk__in=org_ids).order_by("short_name"))
    code = request.GET.get("org") or (organizations[0].code if organizations else "")
    organization = next((o for o in organizations if o.code == code), None)
    if organization is None:
        raise Http404(_("Страница не найдена"))
    policy.require(request.user, policy.Action.ORG_VIEW, organization)
    programs = [
        p
        for p in Program.objects.filter(organization=organization)
        if policy.can(request.user, policy.Action.MONITORING_VIEW, p)
    ]
    health = [
        h
        for h in selectors.pair_health(pairs=selectors.health_queryset(programs=programs))
        if h.state == selectors.CHECK
    ]
    page = Paginator(health, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [p for h in page.object_list for p in (h.mentorship.mentor, h.mentorship.mentee)]
    access_log_record_many(request=request, people=shown, action="monitoring.view")
    context = {
        "page": page,
        "filters": {"org": organization.code},
        "total": len(health),
        "organization": organization,
        "organizations": organizations,
    }
    return render(request, "monitoring/attention.html", context)


# --- measurement plan and invitations ------------------------------------------------------------------------


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk, policy.Action.MONITORING_MANAGE)
    if request.method == "POST":
        chosen = []
        for value in request.POST.getlist("item"):
            code, _sep, rest = value.partition(":")
            side, _sep, wave = rest.partition(":")
            chosen.append((code, side, wave))
        try:
            services.plan_set(program=program, items=chosen)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("План измерений сохранён."))
        return redirect("monitoring_plan", program.pk)
    current = selectors.plan_of(program=program)
    rows = []
    for instrument in instruments.INSTRUMENTS.values():
        cells = []
        for side, side_label in Side.choices:
            for wave, wave_label in Wave.choices:
                cells.append(
                    {
                        "value": f"{instrument.code}:{side}:{wave}",
                        "checked": (instrument.code, side, wave) in current,
                        "label": f"{_(instrument.title)}: {side_label}, {wave_label}",
                    }
                )
        rows.append({"instrument": instrument, "title": _(instrument.title), "cells": cells})
    columns = [(side_label, wave_label) for _s, side_label in Side.choices for _w, wave_label in Wave.choices]
    refused = Paginator(invitations.refused_requests(program=program), PAGE_SIZE).get_page(request.GET.get("page"))
    access_log_record_many(request=request, people=[r.person for r in refused.object_list], action="monitoring.view")
    return render(
        request,
        "monitoring/plan.html",
        {
            "program": program,
            "rows": rows,
            "columns": columns,
            "invite_form": InviteForm(),
            "refused": [
                (r, _(instruments.INSTRUMENTS[r.instrument].title) if r.instrument in instruments.INSTRUMENTS else "")
                for r in refused.object_list
            ],
            "page": refused,
            "filters": {},
        },
    )


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk, policy.Action.MONITORING_MANAGE)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Выберите срез и срок действия ссылки (от 1 до 90 дней)."))
        return redirect("monitoring_plan", program.pk)
    result = services.invitations_send(
        program=program,
        wave=form.cleaned_data["wave"],
        days=form.cleaned_data["days"],
        created_by=request.user,
        link_for=lambda inv: request.build_absolute_uri(reverse("survey_public", args=[inv.token])),
    )
    sent = len(result.sent)
    messages.success(
        request, ngettext("Отправлено %(n)d приглашение.", "Отправлено приглашений: %(n)d.", sent) % {"n": sent}
    )
    if result.already:
        messages.info(
            request,
            ngettext(
                "%(n)d приглашение уже было отправлено раньше.",
                "%(n)d приглашений уже было отправлено раньше.",
                result.already,
            )
            % {"n": result.already},
        )
    for person, title, reason in result.refused:
        messages.warning(
            request,
            _("%(person)s — «%(title)s»: приглашение не отправлено, %(reason)s.")
            % {"person": person.full_name, "title": title, "reason": reason},
        )
    return redirect("monitoring_plan", program.pk)


# --- marks and hand-entered values ---------------------------------------------------------------------------


def _pupils(program: Program):
    return Person.objects.filter(
        pk__in=Mentorship.objects.filter(program=program, status__in=selectors.COUNTED).values("mentee_id"),
        anonymised_at__isnull=True,
    ).order_by("last_name", "first_name")


@login_required
def grades(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk, policy.Action.MONITORING_MANAGE)
    pupils = _pupils(program)
    form = GradeForm(
        request.POST or None, people=pupils, organization=program.organization, initial=picked(request, "person")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.grade_set(organization=program.organization, entered_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Отметка сохранена."))
            return redirect("monitoring_grades", program.pk)
    rows = (
        Grade.objects.filter(person__in=pupils)
        .select_related("person")
        .order_by("person__last_name", "school_year", "quarter", "subject")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    access_log_record_many(request=request, people=[g.person for g in page.object_list], action="monitoring.grades")
    return render(
        request,
        "monitoring/grades.html",
        {"program": program, "form": form, "import_form": GradeImportForm(), "page": page, "filters": {}},
    )


@login_required
@require_POST
def grades_import(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk, policy.Action.MONITORING_MANAGE)
    form = GradeImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Выберите файл XLSX и учебный год."))
        return redirect("monitoring_grades", program.pk)
    try:
        count = services.grades_import_xlsx(
            organization=program.organization,
            data=form.cleaned_data["file"].read(),
            school_year=form.cleaned_data["school_year"],
            entered_by=request.user,
        )
    except ValidationError as error:
        messages.error(request, _("Ничего не загружено. %(reason)s") % {"reason": " ".join(error.messages)})
    else:
        messages.success(
            request, ngettext("Загружена %(n)d отметка.", "Загружено отметок: %(n)d.", count) % {"n": count}
        )
    return redirect("monitoring_grades", program.pk)


@login_required
def measurement_add(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk, policy.Action.MONITORING_MANAGE)
    participants = selectors.participants(program=program)
    by_key = {f"{p.person.pk}:{p.side}": p for p in participants}
    choices = [(key, f"{p.person.full_name} ({Side(p.side).label})") for key, p in by_key.items()]
    measures = [(code, _(i.title)) for code, i in instruments.INSTRUMENTS.items()]
    form = MeasurementForm(request.POST or None, participants=choices, measures=measures)
    if request.method == "POST" and form.is_valid():
        participant = by_key[form.cleaned_data["participant"]]
        try:
            services.measurement_record(
                program=program,
                person=participant.person,
                mentorship=participant.mentorship,
                side=participant.side,
                measure=form.cleaned_data["measure"],
                wave=form.cleaned_data["wave"],
                value=form.cleaned_data["value"],
                recorded_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Значение сохранено."))
            return redirect("monitoring_measurement_add", program.pk)
    return render(request, "monitoring/measurement_form.html", {"program": program, "form": form})


@login_required
def indicator_table(request: HttpRequest, pk: int) -> HttpResponse:
    """Seed 002's indicator table: at the start and at each quarterly review; computed or entered by hand."""
    program = _program(request, pk)
    may_manage = policy.can(request.user, policy.Action.MONITORING_MANAGE, program)
    choices = [(i.code, _(i.title)) for i in indicators.INDICATORS]
    form = IndicatorForm(request.POST or None, indicators=choices)
    if request.method == "POST":
        policy.require(request.user, policy.Action.MONITORING_MANAGE, program)
        if form.is_valid():
            try:
                services.indicator_enter(program=program, entered_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Значение показателя сохранено."))
                return redirect("monitoring_indicators", program.pk)
    today = timezone.localdate()
    health = selectors.pair_health(pairs=selectors.health_queryset(programs=[program]))
    dates, rows = indicators.table(
        program=program,
        today=today,
        improved=selectors.results_improved(program=program),
        meeting_share=selectors.meeting_share(health),
    )
    entries = (
        IndicatorEntry.objects.filter(program=program).select_related("entered_by__person").order_by("-entered_at")[:20]
    )
    context = {
        "program": program,
        "dates": dates,
        "rows": rows,
        "form": form,
        "may_manage": may_manage,
        "entries": [
            (
                e,
                _(indicators.BY_CODE[e.code].title) if e.code in indicators.BY_CODE else e.code,
                _author(e.entered_by),
            )
            for e in entries
        ],
    }
    return render(request, "monitoring/indicators.html", context)


def _author(user) -> str:
    if user is None:
        return _("при создании демо-данных")
    person = getattr(user, "person", None)
    return person.short_name if person is not None else user.get_username()
