"""Demo orders: the launch-stage orders for every demo organisation that has a head to sign them."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError

from nastavnik.documents import selectors, services, wording
from nastavnik.documents.models import Order
from nastavnik.orgs.models import Membership, Organization, Role

log = logging.getLogger(__name__)


def populate(*, today: dt.date) -> None:
    """Issue, for each organisation, the orders its data allows; skip kinds it already has. Idempotent."""
    for org in Organization.objects.select_related("municipality").order_by("pk"):
        if not Membership.objects.filter(organization=org, role=Role.DIRECTOR).exists():
            continue
        for kind, date, payload in _plan(org, today):
            if Order.objects.filter(organization=org, kind=kind).exists():
                continue
            try:
                services.order_issue(organization=org, kind=kind, date=date, payload=payload)
            except ValidationError as exc:  # the demo data of this organisation does not fit this order
                log.info("demo order %s skipped for %s: %s", kind, org.code, "; ".join(exc.messages))
        _draft_regulation(org, today)


def _draft_regulation(org: Organization, today: dt.date) -> None:
    """The curator has prepared the order approving the Положение: it waits on the director's home page."""
    if Order.objects.filter(organization=org, kind=Order.Kind.APPROVE_REGULATION).exists():
        return
    curator = (
        Membership.objects.filter(organization=org, role=Role.CURATOR, person__user__isnull=False)
        .select_related("person__user")
        .first()
    )
    services.order_prepare(
        organization=org,
        kind=Order.Kind.APPROVE_REGULATION,
        date=today,
        payload={"roadmap_rows": selectors.roadmap_lines(organization=org)},
        created_by=curator.person.user if curator else None,
    )


def _plan(org: Organization, today: dt.date) -> list[tuple[str, dt.date, dict]]:
    team = selectors.launch_team(organization=org)
    launched = today - dt.timedelta(days=80)
    plan: list[tuple[str, dt.date, dict]] = []
    responsible = [
        {"person_id": p.pk, "duties": wording.COORDINATOR_DUTIES if role == "coordinator" else wording.CURATOR_DUTIES}
        for role in ("coordinator", "curator")
        for p in team[role]
    ]
    if responsible:
        plan.append((Order.Kind.INTRODUCE_MODEL, launched, _introduce(launched, responsible)))
    if team["coordinator"] and team["curator"]:
        plan.append(
            (
                Order.Kind.APPOINT_COORDINATOR,
                launched,
                {"coordinator_id": team["coordinator"][0].pk, "curators": [p.pk for p in team["curator"]]},
            )
        )
    candidates = list(selectors.approved_mentor_candidates(organization=org).values_list("pk", flat=True))
    if candidates:
        plan.append(
            (Order.Kind.APPROVE_MENTOR_REGISTRY, launched + dt.timedelta(days=30), {"candidate_ids": candidates})
        )
    lead = (team["curator"] + team["coordinator"])[:1]
    if lead:
        school_start = launched + dt.timedelta(days=35)
        plan.append((Order.Kind.MENTOR_SCHOOL, school_start - dt.timedelta(days=3), _school(school_start, lead[0].pk)))
    return plan


def _introduce(start: dt.date, responsible: list[dict]) -> dict:
    end = dt.date(start.year + (1 if start.month >= 6 else 0), 5, 31)
    span = (end - start).days
    return {
        "starts_on": start,
        "ends_on": end,
        "responsible": responsible,
        "monitoring": [
            {"what": what, "date": start + dt.timedelta(days=round(span * share))}
            for what, share in wording.MONITORING_STEPS
        ],
        "results": wording.PLANNED_RESULTS,
    }


def _school(start: dt.date, responsible_id: int) -> dict:
    topics = wording.SCHOOL_TOPICS[:4]
    return {
        "starts_on": start,
        "ends_on": start + dt.timedelta(weeks=len(topics)),
        "responsible_id": responsible_id,
        "topics": topics,
        "schedule": [
            {"date": start + dt.timedelta(weeks=i), "time": "15:00–16:30", "topic": topic}
            for i, topic in enumerate(topics)
        ],
    }
