"""Reads about programmes and roadmaps."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from nastavnik import policy
from nastavnik.programs.models import Activity, Program, Roadmap, Stage


def program_list(*, user) -> QuerySet[Program]:
    actor = policy.actor_for(user)
    qs = Program.objects.select_related("organization", "form")
    if not actor.is_superuser:
        qs = qs.filter(organization_id__in=list(actor.org_roles))
    return qs.annotate(pairs=Count("mentorships", distinct=True)).order_by("organization__short_name", "-starts_on")


def roadmap_by_stage(*, roadmap: Roadmap, today: dt.date | None = None) -> list[dict]:
    """Activities grouped by stage in the cycle's order, each flagged overdue when its deadline passed undone."""
    today = today or timezone.localdate()
    activities = list(roadmap.activities.select_related("responsible").order_by("position"))
    labels = dict(Stage.choices)
    groups: dict[str, list[Activity]] = {}
    for a in activities:
        a.is_overdue = a.ends_on < today and a.status in (Activity.Status.PLANNED, Activity.Status.IN_PROGRESS)
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
        overdue=Count("id", filter=Q(ends_on__lt=today) & ~Q(status=Activity.Status.DONE)),
    )
    row["percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 0
    return row
