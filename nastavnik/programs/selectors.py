"""Reads about programmes and roadmaps."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from nastavnik import policy
from nastavnik.orgs.models import Organization
from nastavnik.programs import catalog
from nastavnik.programs.models import Activity, MentoringForm, Program, Roadmap, Stage

OPEN_STATUSES = (Activity.Status.PLANNED, Activity.Status.IN_PROGRESS)


def program_list(*, user, stage: str = "", status: str = "", form: str = "") -> QuerySet[Program]:
    """The programmes of the user's organisations, optionally narrowed by stage, status and form code."""
    actor = policy.actor_for(user)
    qs = Program.objects.select_related("organization", "form")
    if not actor.is_superuser:
        qs = qs.filter(organization_id__in=list(actor.org_roles))
    if stage in Stage.values:
        qs = qs.filter(stage=stage)
    if status in Program.Status.values:
        qs = qs.filter(status=status)
    if form:
        qs = qs.filter(form__code=form)
    return qs.annotate(pairs=Count("mentorships", distinct=True)).order_by("organization__short_name", "-starts_on")


def forms_for_organization(*, organization: Organization) -> list[MentoringForm]:
    """The forms whose mentees the organisation has (a kindergarten gets only the teachers' forms)."""
    from nastavnik.programs.services import form_fits_organization

    forms = MentoringForm.objects.prefetch_related("role_models")
    return [f for f in forms if form_fits_organization(form=f, organization=organization)]


def roadmap_templates() -> list[dict]:
    """The roadmap templates of the catalogue, each with its activities grouped by stage, for choosing one."""
    labels = dict(Stage.choices)
    result = []
    for template in catalog.ROADMAP_TEMPLATES.values():
        groups: dict[str, list[catalog.ActivitySpec]] = {}
        for spec in template.activities:
            groups.setdefault(spec.stage, []).append(spec)
        result.append(
            {
                "code": template.code,
                "title": template.title,
                "description": template.description,
                "months": template.months,
                "start_month": template.start_month,
                "activity_count": len(template.activities),
                "control_points": sum(1 for a in template.activities if a.control_point),
                "stages": [
                    {"stage": code, "label": labels[code], "activities": groups[code]}
                    for code in Stage.values
                    if code in groups
                ],
            }
        )
    return result


def roadmap_overdue(*, roadmap: Roadmap, today: dt.date | None = None) -> QuerySet[Activity]:
    """Activities whose deadline passed while they are still planned or in progress, the oldest first."""
    today = today or timezone.localdate()
    return roadmap.activities.filter(ends_on__lt=today, status__in=OPEN_STATUSES).order_by("ends_on", "position")


def roadmap_by_stage(*, roadmap: Roadmap, today: dt.date | None = None) -> list[dict]:
    """Activities grouped by stage in the cycle's order, each flagged overdue when its deadline passed undone."""
    today = today or timezone.localdate()
    activities = list(roadmap.activities.select_related("responsible").order_by("position"))
    labels = dict(Stage.choices)
    groups: dict[str, list[Activity]] = {}
    for a in activities:
        a.is_overdue = a.ends_on < today and a.status in OPEN_STATUSES
        groups.setdefault(a.stage, []).append(a)
    order = [code for code, _ in Stage.choices]
    return [
        {
            "stage": code,
            "label": labels[code],
            "activities": groups[code],
            "done": sum(1 for a in groups[code] if a.status == Activity.Status.DONE),
        }
        for code in order
        if code in groups
    ]


def roadmap_progress(*, roadmap: Roadmap, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    row = roadmap.activities.exclude(status=Activity.Status.CANCELLED).aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=Activity.Status.DONE)),
        overdue=Count("id", filter=Q(ends_on__lt=today, status__in=OPEN_STATUSES)),
    )
    row["percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 0
    return row
