"""Writes about the catalogue, programmes and roadmaps. Every function checks its input and changes nothing on error."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nastavnik.locking import Change, version_claim
from nastavnik.orgs.models import Organization
from nastavnik.orgs.wording import reword_for
from nastavnik.people.models import Person
from nastavnik.programs import catalog, periods
from nastavnik.programs.models import Activity, Kind, MentoringForm, Program, Roadmap, RoadmapRemark, RoleModel, Stage

MIN_PROGRAM_MONTHS = 1
MAX_PROGRAM_MONTHS = 36
MAX_MEETING_INTERVAL_DAYS = 31
INTERVAL_MESSAGE = gettext_lazy("Встречи проводятся не реже раза в месяц: укажите от 1 до 31 дня.")
STAGE_ORDER = [code for code, _label in Stage.choices]

# --- catalogue ------------------------------------------------------------------------------------------------


@transaction.atomic
def catalog_install() -> None:
    """Upsert the forms and role models of catalog.py; never deletes what an organisation added itself."""
    for position, spec in enumerate(catalog.FORMS, start=1):
        form, _created = MentoringForm.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "mentor_categories": list(spec.mentor_categories),
                "mentee_categories": list(spec.mentee_categories),
                "ordering": position * 10,
            },
        )
        for role in spec.role_models:
            RoleModel.objects.update_or_create(
                form=form,
                code=role.code,
                defaults={
                    "name": role.name,
                    "description": role.description,
                    "mentor_tag": role.mentor_tag,
                    "mentee_tag": role.mentee_tag,
                },
            )


# --- programmes -----------------------------------------------------------------------------------------------


def form_fits_organization(*, form: MentoringForm, organization: Organization) -> bool:
    """The organisation has every category of mentee the form works with (mentors may come from outside)."""
    served = catalog.ORGANIZATION_MENTEES.get(organization.kind, frozenset())
    return bool(form.mentee_categories) and set(form.mentee_categories) <= served


def _category_names(codes: Iterable[str]) -> str:
    labels = dict(Person.Category.choices)
    return ", ".join(str(labels.get(code, code)).lower() for code in codes)


def _validate_program(
    *,
    organization: Organization,
    form: MentoringForm,
    role_models: list[RoleModel],
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    kind: str,
    meeting_interval_days: int,
    curators: list[Person],
) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not title.strip():
        add("title", _("Укажите название программы."))
    if ends_on <= starts_on:
        add("ends_on", _("Программа должна заканчиваться позже, чем начинается."))
    elif ends_on < periods.add_months(starts_on, MIN_PROGRAM_MONTHS) - dt.timedelta(days=1):
        add("ends_on", _("Программа длится не меньше месяца."))
    elif ends_on > periods.add_months(starts_on, MAX_PROGRAM_MONTHS):
        add("ends_on", _("Программа длится не больше трёх лет."))
    if kind not in Kind.values:
        add("kind", _("Неизвестный вид наставничества."))
    if not 1 <= meeting_interval_days <= MAX_MEETING_INTERVAL_DAYS:
        add("meeting_interval_days", str(INTERVAL_MESSAGE))
    if not form_fits_organization(form=form, organization=organization):
        add(
            "form",
            _("Форма «%(form)s» не подходит организации «%(org)s»: в ней нет наставляемых этой формы (%(who)s).")
            % {"form": form.name, "org": organization.short_name, "who": _category_names(form.mentee_categories)},
        )
    foreign = [r.name for r in role_models if r.form_id != form.pk]
    if foreign:
        add(
            "role_models",
            _("Ролевые модели не относятся к форме «%(form)s»: %(names)s.")
            % {"form": form.name, "names": ", ".join(foreign)},
        )
    outsiders = [p.short_name for p in curators if p.organization_id != organization.pk]
    if outsiders:
        add("curators", _("Кураторы должны работать в организации: %(names)s.") % {"names": ", ".join(outsiders)})
    if errors:
        raise ValidationError(errors)


def _min_duration(months: int) -> int:
    """cycle: the least a pair works before its completion counts as done (seeds 000, 004: 3 months)."""
    if not 1 <= int(months) <= 12:
        raise ValidationError({"min_duration_months": _("Наименьший срок работы пары — от 1 до 12 месяцев.")})
    return int(months)


@transaction.atomic
def program_create(
    *,
    organization: Organization,
    form: MentoringForm,
    role_models: Iterable[RoleModel],
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    kind: str = Kind.TRADITIONAL,
    meeting_interval_days: int = 14,
    min_duration_months: int = 3,
    description: str = "",
    curators: Iterable[Person] = (),
    allow_other_organizations: bool = False,
    status: str = Program.Status.DRAFT,
    stage: str = Stage.PREPARATION,
) -> Program:
    role_models, curators = list(role_models), list(curators)
    _validate_program(
        organization=organization,
        form=form,
        role_models=role_models,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        kind=kind,
        meeting_interval_days=meeting_interval_days,
        curators=curators,
    )
    if status not in Program.Status.values or stage not in Stage.values:
        raise ValidationError(_("Неизвестный статус или этап программы."))
    program = Program.objects.create(
        organization=organization,
        form=form,
        title=title.strip(),
        description=description.strip(),
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        meeting_interval_days=meeting_interval_days,
        min_duration_months=_min_duration(min_duration_months),
        allow_other_organizations=allow_other_organizations,
        status=status,
        stage=stage,
    )
    program.role_models.set(role_models)
    program.curators.set(curators)
    return program


_UPDATABLE = {
    "form",
    "role_models",
    "title",
    "description",
    "kind",
    "starts_on",
    "ends_on",
    "meeting_interval_days",
    "min_duration_months",
    "curators",
    "allow_other_organizations",
    "status",
}


@transaction.atomic
def program_update(*, program: Program, version: int | None = None, **changes: Any) -> Program:
    """Change the programme's settings; the same rules as at creation. The form is fixed once pairs exist.

    `version` is the one the editing page showed: if someone saved since, `EditConflict` and nothing changes."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise ValidationError(_("Эти поля нельзя изменить: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    version_claim(program, version, changes)
    form = changes.get("form", program.form)
    if form.pk != program.form_id and program.mentorships.exists():
        raise ValidationError({"form": _("Форму нельзя изменить: в программе уже есть пары и группы.")})
    role_models = list(changes.get("role_models", program.role_models.all()))
    curators = list(changes.get("curators", program.curators.all()))
    values = {
        field: changes.get(field, getattr(program, field))
        for field in ("title", "description", "kind", "starts_on", "ends_on", "meeting_interval_days")
    }
    _validate_program(
        organization=program.organization,
        form=form,
        role_models=role_models,
        title=values["title"],
        starts_on=values["starts_on"],
        ends_on=values["ends_on"],
        kind=values["kind"],
        meeting_interval_days=values["meeting_interval_days"],
        curators=curators,
    )
    status = changes.get("status", program.status)
    if status not in Program.Status.values:
        raise ValidationError({"status": _("Неизвестный статус программы.")})
    for field, value in values.items():
        setattr(program, field, value.strip() if isinstance(value, str) else value)
    program.form = form
    program.status = status
    program.allow_other_organizations = changes.get("allow_other_organizations", program.allow_other_organizations)
    program.min_duration_months = _min_duration(changes.get("min_duration_months", program.min_duration_months))
    program.save()
    program.role_models.set(role_models)
    program.curators.set(curators)
    return program


@transaction.atomic
def program_stage_set(*, program: Program, stage: str) -> Program:
    """Move the programme along the cycle: one step forward at a time, or back to any earlier stage.

    Leaving the preparation stage starts the programme: a draft becomes active.
    """
    if stage not in STAGE_ORDER:
        raise ValidationError(_("Неизвестный этап цикла."))
    if program.status == Program.Status.COMPLETED:
        raise ValidationError(_("Программа завершена: этап изменить нельзя."))
    current, target = STAGE_ORDER.index(program.stage), STAGE_ORDER.index(stage)
    if target == current:
        raise ValidationError(_("Программа уже на этом этапе."))
    if target > current + 1:
        raise ValidationError(
            _("Этапы проходят по порядку: следующий этап — «%(next)s».")
            % {"next": Stage(STAGE_ORDER[current + 1]).label}
        )
    version_claim(program, None)  # a settings form opened before the move must not put the old status back
    program.stage = stage
    fields = ["stage"]
    if target > 0 and program.status == Program.Status.DRAFT:
        program.status = Program.Status.ACTIVE
        fields.append("status")
    program.save(update_fields=fields)
    return program


# --- roadmaps -------------------------------------------------------------------------------------------------


def _activity_dates(spec: catalog.ActivitySpec, starts_on: dt.date) -> tuple[dt.date, dt.date]:
    start = max(periods.month_start(starts_on, spec.start), starts_on)
    return start, periods.month_end(starts_on, spec.end)


@transaction.atomic
def roadmap_create_from_template(
    *,
    organization: Organization,
    template_code: str,
    starts_on: dt.date,
    program: Program | None = None,
    title: str | None = None,
) -> Roadmap:
    """A draft roadmap with every activity of the template, dated from `starts_on` (month 0 is its month)."""
    template = catalog.ROADMAP_TEMPLATES.get(template_code)
    if template is None:
        raise ValidationError(
            {"template_code": _("Неизвестный шаблон дорожной карты: «%(code)s».") % {"code": template_code}}
        )
    if program is not None and program.organization_id != organization.pk:
        raise ValidationError({"program": _("Программа принадлежит другой организации.")})
    ends_on = periods.month_end(starts_on, template.months - 1)
    if program is not None and program.ends_on >= starts_on:
        # Laid inside the programme's period: the roadmap ends with the programme; an activity that would run past
        # it ends there, one that would start after it keeps its dates and is flagged (Activity.outside_program).
        ends_on = max(min(ends_on, program.ends_on), starts_on)
    kind = organization.kind
    title = reword_for((title or "").strip() or f"{template.title} ({starts_on.year}–{ends_on.year})", kind)
    roadmap = Roadmap.objects.create(
        organization=organization,
        program=program,
        title=title,
        template_code=template.code,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    activities = []
    for position, spec in enumerate(template.activities, start=1):
        start, end = _activity_dates(spec, starts_on)
        if start <= ends_on < end:
            end = ends_on
        activities.append(
            Activity(
                roadmap=roadmap,
                number=spec.number,
                stage=spec.stage,
                stage_title=spec.stage_title,
                title=reword_for(spec.title, kind),
                starts_on=start,
                ends_on=end,
                period_text=periods.period_text(
                    start, end, control_point=bool(spec.control_point), note=spec.period_note
                ),
                responsible_roles=list(spec.responsible_roles),
                responsible_text=reword_for(spec.responsible_text, kind),
                expected_result=reword_for(spec.expected_result, kind),
                control_point=spec.control_point,
                position=position,
            )
        )
    Activity.objects.bulk_create(activities)
    return roadmap


def _roadmap_changed(current: Roadmap) -> list[Change]:
    return [Change(label=_("Дорожная карта"),
                   theirs=_("%(status)s; мероприятий: %(n)s — изменены после того, как вы открыли страницу")
                   % {"status": current.get_status_display(), "n": current.activities.count()},
                   yours=_("утвердить"))]


def _roadmap_touch(roadmap: Roadmap) -> None:
    """An activity changed: an approval prepared on the page before it is refused (the director approves what was
    shown)."""
    version_claim(roadmap, None)


@transaction.atomic
def roadmap_approve(*, roadmap: Roadmap, approved_on: dt.date, version: int | None = None) -> Roadmap:
    """The director approves the roadmap (by order, seed 001, 1.1), as the page showed it (`version`)."""
    version_claim(roadmap, version, describe=_roadmap_changed)
    if roadmap.status == Roadmap.Status.APPROVED:
        raise ValidationError(_("Дорожная карта уже утверждена."))
    if not roadmap.activities.exists():
        raise ValidationError(_("Нельзя утвердить дорожную карту без мероприятий."))
    if approved_on > timezone.localdate():
        raise ValidationError({"approved_on": _("Дата утверждения не может быть в будущем.")})
    roadmap.status = Roadmap.Status.APPROVED
    roadmap.approved_on = approved_on
    roadmap.save(update_fields=["status", "approved_on"])
    return roadmap


@transaction.atomic
def activity_status_set(
    *, activity: Activity, status: str, done_on: dt.date | None = None, version: int | None = None
) -> Activity:
    """Mark an activity planned, in progress, done (on `done_on`, today by default) or cancelled — if it is still
    as the page showed it (`version`), else `EditConflict`."""
    version_claim(activity, version, {"status": status, "done_on": done_on})
    _roadmap_touch(activity.roadmap)
    if status not in Activity.Status.values:
        raise ValidationError({"status": _("Неизвестный статус мероприятия.")})
    today = timezone.localdate()
    if status == Activity.Status.DONE:
        done_on = done_on or today
        if done_on > today:
            raise ValidationError({"done_on": _("Дата выполнения не может быть в будущем.")})
    else:
        done_on = None
    activity.status = status
    activity.done_on = done_on
    activity.save(update_fields=["status", "done_on"])
    return activity


# --- adapting a roadmap: activities added, edited, rescheduled, removed (helper «orders») -----------------------

_ACTIVITY_FIELDS = ("title", "stage", "starts_on", "ends_on", "responsible_text", "expected_result", "control_point")


def _activity_check(*, roadmap: Roadmap, values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not str(values.get("title") or "").strip():
        errors["title"] = _("Опишите мероприятие.")
    if values.get("stage") not in Stage.values:
        errors["stage"] = _("Выберите этап.")
    start, end = values.get("starts_on"), values.get("ends_on")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        errors["starts_on"] = _("Укажите начало и срок мероприятия.")
    elif end < start:
        errors["ends_on"] = _("Срок мероприятия раньше его начала.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_add(*, roadmap: Roadmap, **values: Any) -> Activity:
    """A new activity at the end of its stage; dates outside the programme are allowed and flagged on the page."""
    values = {k: values.get(k, "") for k in _ACTIVITY_FIELDS}
    _activity_check(roadmap=roadmap, values=values)
    _roadmap_touch(roadmap)
    last = roadmap.activities.order_by("-position").values_list("position", flat=True).first() or 0
    return Activity.objects.create(
        roadmap=roadmap,
        number="",
        stage_title="",
        title=values["title"].strip(),
        stage=values["stage"],
        starts_on=values["starts_on"],
        ends_on=values["ends_on"],
        period_text=periods.period_text(values["starts_on"], values["ends_on"]),
        responsible_text=str(values["responsible_text"] or "").strip()[:400],
        expected_result=str(values["expected_result"] or "").strip(),
        control_point=str(values["control_point"] or "").strip(),
        position=last + 1,
    )


@transaction.atomic
def activity_update(*, activity: Activity, version: int | None = None, **changes: Any) -> Activity:
    """Edit or reschedule an activity; moved dates get a new period wording, a done activity keeps its date.
    Refused with `EditConflict` if someone saved it after the page (`version`) was shown."""
    version_claim(activity, version, changes)
    _roadmap_touch(activity.roadmap)
    values = {k: changes.get(k, getattr(activity, k)) for k in _ACTIVITY_FIELDS}
    _activity_check(roadmap=activity.roadmap, values=values)
    moved = (values["starts_on"], values["ends_on"]) != (activity.starts_on, activity.ends_on)
    for name in _ACTIVITY_FIELDS:
        value = values[name]
        setattr(activity, name, value.strip() if isinstance(value, str) else value)
    if moved:
        activity.period_text = periods.period_text(activity.starts_on, activity.ends_on)
    activity.save()
    return activity


@transaction.atomic
def activity_remove(*, activity: Activity, version: int | None = None) -> None:
    """Remove a planned activity; a done one stays as a record (cancel it instead). Not if someone changed it
    after the page (`version`) was shown: they may have marked it done meanwhile."""
    version_claim(activity, version)
    _roadmap_touch(activity.roadmap)
    if activity.status == Activity.Status.DONE:
        raise ValidationError(_("Выполненное мероприятие не удаляют: оно остаётся в отчёте."))
    activity.delete()
@transaction.atomic
def roadmap_remark_resolve(*, remark: RoadmapRemark) -> RoadmapRemark:
    """The school marks a municipal remark as dealt with (the roadmap was corrected)."""
    if remark.resolved_at is None:
        remark.resolved_at = timezone.now()
        remark.save(update_fields=["resolved_at"])
    return remark
