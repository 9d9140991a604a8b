"""Reads about programmes and roadmaps."""

import datetime as dt

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from nastavnik import policy
from nastavnik.orgs.models import Organization
from nastavnik.programs import catalog
from nastavnik.programs.models import Activity, MentoringForm, Program, Roadmap, RoadmapRemark, Stage

OPEN_STATUSES = (Activity.Status.PLANNED, Activity.Status.IN_PROGRESS)


def program_list(*, user, stage: str = "", status: str = "", form: str = "") -> QuerySet[Program]:
    """The programmes of the user's organisations, optionally narrowed by stage, status and form code."""
    qs = Program.objects.select_related("organization", "form").filter(
        organization_id__in=policy.member_organization_ids(user)
    )
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


def activity_overdue(activity: Activity, *, today: dt.date) -> bool:
    """The deadline passed while the activity is still planned or in progress."""
    return activity.ends_on < today and activity.status in OPEN_STATUSES


def roadmaps_with_activities(roadmaps: QuerySet[Roadmap]) -> QuerySet[Roadmap]:
    """Roadmaps with their activities (and responsible people) loaded in two queries, however many roadmaps."""
    activities = Activity.objects.select_related("responsible").order_by("position")
    return roadmaps.select_related("organization", "program").prefetch_related(Prefetch("activities", activities))


def roadmap_by_stage(*, roadmap: Roadmap, today: dt.date | None = None) -> list[dict]:
    """Activities grouped by stage in the cycle's order, each flagged overdue when its deadline passed undone.

    Reads `roadmap.activities.all()`, so a roadmap from `roadmaps_with_activities` costs no query.
    """
    today = today or timezone.localdate()
    labels = dict(Stage.choices)
    groups: dict[str, list[Activity]] = {}
    for a in roadmap.activities.all():
        a.is_overdue = activity_overdue(a, today=today)
        groups.setdefault(a.stage, []).append(a)
    return [
        {
            "stage": code,
            "label": labels[code],
            "activities": groups[code],
            "done": sum(1 for a in groups[code] if a.status == Activity.Status.DONE),
        }
        for code in Stage.values
        if code in groups
    ]


def roadmap_progress(*, roadmap: Roadmap, today: dt.date | None = None) -> dict[str, int]:
    """Done and overdue counts of the roadmap, cancelled activities left out; like `roadmap_by_stage`, no extra
    query for a roadmap from `roadmaps_with_activities`."""
    today = today or timezone.localdate()
    counted = [a for a in roadmap.activities.all() if a.status != Activity.Status.CANCELLED]
    row = {
        "total": len(counted),
        "done": sum(1 for a in counted if a.status == Activity.Status.DONE),
        "overdue": sum(1 for a in counted if activity_overdue(a, today=today)),
    }
    row["percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 0
    return row


def roadmap_remarks_open(*, organization_id: int) -> QuerySet[RoadmapRemark]:
    """Remarks of the municipal coordinator on the organisation's roadmaps that the school has not settled yet."""
    return RoadmapRemark.objects.filter(
        roadmap__organization_id=organization_id, resolved_at__isnull=True
    ).select_related("roadmap")
