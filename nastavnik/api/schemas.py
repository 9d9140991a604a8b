"""What the API returns. Personal data appear only where the pages show them to the same user."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import create_model


class Error(Schema):
    detail: str


class Organization(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    municipality_id: int


class Program(Schema):
    id: int
    organization_id: int
    title: str
    form: str
    status: str
    stage: str
    starts_on: dt.date
    ends_on: dt.date


class Activity(Schema):
    number: str
    stage: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    status: str
    control_point: str


class Roadmap(Schema):
    id: int
    organization_id: int
    program_id: int | None
    title: str
    status: str
    starts_on: dt.date
    ends_on: dt.date
    approved_on: dt.date | None
    activities: list[Activity]


class PersonRef(Schema):
    id: int
    short_name: str


class Mentorship(Schema):
    id: int
    program_id: int
    status: str
    starts_on: dt.date
    ends_on: dt.date | None
    mentor: PersonRef
    mentee: PersonRef


class Meeting(Schema):
    id: int
    kind: str
    status: str
    format: str
    scheduled_at: dt.datetime
    duration_minutes: int
    topic: str


class Count(Schema):
    """A count of people: `value` is null when hidden; `display` is what to show («<10», «…» or the number)."""

    value: int | None
    display: str


class CoverageRow(Schema):
    organization_id: int | None
    pupils_in_mentoring: Count
    pupils: Count
    pupils_share: float | None
    teachers_in_mentoring: Count
    teachers: Count
    teachers_share: float | None


class RoadmapStatus(Schema):
    organization_id: int
    has_roadmap: bool
    approved: bool
    approved_on: dt.date | None
    order_number: str | None
    order_date: dt.date | None
    activities: int
    done: int
    due: int
    overdue: int


class LabelledCounts(Schema):
    label: str
    counts: list[Count]
    organizations: list[int]
    shares: list[float | None]


class Indicator(Schema):
    title: str
    unit: str
    by_quarter: list[str | float | int | None]


class Aggregates(Schema):
    municipality_id: int
    school_year: int
    target_share: float
    threshold: int
    roadmaps: list[RoadmapStatus]
    coverage: list[CoverageRow]
    coverage_total: CoverageRow
    forms: list[LabelledCounts]
    forms_total: list[Count]
    mentors_by_category: list[LabelledCounts]
    mentors_total: list[Count]
    quarters: list[LabelledCounts]
    quarters_total: list[Count]
    monitoring: list[Indicator]


def page_schema(item):
    """A page of a list: `count` items in all, `items` on this page."""
    return create_model(
        f"{item.__name__}Page", __base__=Schema, count=(int, ...), page=(int, ...), page_size=(int, ...),
        items=(list[item], ...),
    )
