"""The REST API, version 1 (django-ninja, OpenAPI 3.1) on the same policy and selectors as the pages.

Authentication: a personal token (`Authorization: Bearer nst_…`) made on «Токены API». Every handler asks
`policy`; reads of personal data are written to the access log like on the pages; the municipal aggregates are
suppressed exactly as on the municipal pages. Errors are JSON `{"detail": "…"}` in Russian.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Query
from ninja import Schema as NinjaSchema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import Field

from nastavnik import policy
from nastavnik.api import schemas
from nastavnik.api.tokens import api_token_find
from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.municipal import selectors as municipal
from nastavnik.municipal.suppression import Cell
from nastavnik.orgs.models import Municipality, Organization
from nastavnik.privacy.services import access_log_record_many
from nastavnik.programs.models import Program, Roadmap

ERRORS = {401: schemas.Error, 403: schemas.Error, 404: schemas.Error, 422: schemas.Error, 429: schemas.Error}
MAX_PAGE_SIZE = 100


class RateLimited(Exception):
    pass


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = api_token_find(token)
        if found is None:
            return None
        window = int(timezone.now().timestamp() // 60)
        key = f"api-rate:{found.pk}:{window}"
        cache.add(key, 0, timeout=120)
        if cache.incr(key) > settings.API_RATE_LIMIT_PER_MINUTE:
            raise RateLimited
        if request.method not in ("GET", "HEAD", "OPTIONS") and not found.may_write:
            raise PermissionDenied
        if found.last_used_at is None or (timezone.now() - found.last_used_at).total_seconds() > 300:
            type(found).objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        request.api_token = found
        return found


api = NinjaAPI(
    title="Наставник API",
    version="1",
    description=(
        "Организации, программы и дорожные карты, пары и встречи (для тех, кто вправе их видеть) и сводные "
        "показатели муниципалитета (малые числа скрыты). Авторизация: заголовок «Authorization: Bearer <токен>»; "
        "токен создаётся на странице «Токены API»."
    ),
    auth=TokenAuth(),
    docs_decorator=policy.public,  # the schema: no login, no personal data
    docs_url=None,  # the documentation is our own accessible page (`api.views.docs`), not Swagger UI
    urls_namespace="api-v1",
)


def _error(request, status: int, text: str):
    return api.create_response(request, {"detail": text}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    return _error(request, 401, "Нужен действующий токен API в заголовке Authorization: Bearer <токен>.")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "Не найдено.")


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, "Недостаточно прав для этого действия.")


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return _error(request, 422, "Неверные параметры запроса.")


@api.exception_handler(RateLimited)
def _throttled(request, exc):
    return _error(request, 429, "Слишком много запросов с этим токеном: подождите минуту.")


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return _error(request, exc.status_code, "Ошибка запроса.")


class PageParams(NinjaSchema):
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


def _page(qs: QuerySet | list, params: PageParams) -> dict:
    count = qs.count() if isinstance(qs, QuerySet) else len(qs)
    start = (params.page - 1) * params.page_size
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "items": list(qs[start : start + params.page_size]),
    }


# --- organisations, programmes, roadmaps ----------------------------------------------------------------------


@api.get("/organizations", response={200: schemas.page_schema(schemas.Organization), **ERRORS}, tags=["organizations"])
def organizations(request, params: Query[PageParams]):
    """Организации, которые пользователь вправе видеть."""
    return _page(policy.scope_organizations(request.user, Organization.objects.order_by("short_name", "pk")), params)


@api.get("/organizations/{code}", response={200: schemas.Organization, **ERRORS}, tags=["organizations"])
def organization(request, code: str):
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, policy.Action.ORG_VIEW, org)
    return org


def _roadmap_out(roadmap: Roadmap) -> dict:
    return {
        "id": roadmap.pk,
        "organization_id": roadmap.organization_id,
        "program_id": roadmap.program_id,
        "title": roadmap.title,
        "status": roadmap.status,
        "starts_on": roadmap.starts_on,
        "ends_on": roadmap.ends_on,
        "approved_on": roadmap.approved_on,
        "activities": [
            {
                "number": a.number,
                "stage": a.stage,
                "title": a.title,
                "starts_on": a.starts_on,
                "ends_on": a.ends_on,
                "status": a.status,
                "control_point": a.control_point,
            }
            for a in roadmap.activities.all()
        ],
    }


@api.get("/organizations/{code}/roadmaps", response={200: list[schemas.Roadmap], **ERRORS}, tags=["programs"])
def organization_roadmaps(request, code: str):
    """Дорожные карты уровня организации (без имён ответственных)."""
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, policy.Action.ORG_VIEW, org)
    roadmaps = Roadmap.objects.filter(organization=org, program__isnull=True).prefetch_related("activities")
    return [_roadmap_out(r) for r in roadmaps]


def _program_out(p: Program) -> dict:
    return {
        "id": p.pk,
        "organization_id": p.organization_id,
        "title": p.title,
        "form": p.form.name,
        "status": p.status,
        "stage": p.stage,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
    }


@api.get("/programs", response={200: schemas.page_schema(schemas.Program), **ERRORS}, tags=["programs"])
def programs(request, params: Query[PageParams]):
    """Программы организаций, где у пользователя есть роль."""
    actor = policy.actor_for(request.user)
    qs = Program.objects.select_related("form").order_by("organization_id", "-starts_on", "pk")
    if not actor.is_superuser:
        qs = qs.filter(organization_id__in=list(actor.org_roles))
    page = _page(qs, params)
    page["items"] = [_program_out(p) for p in page["items"]]
    return page


@api.get("/programs/{program_id}", response={200: schemas.Program, **ERRORS}, tags=["programs"])
def program(request, program_id: int):
    p = get_object_or_404(Program.objects.select_related("form"), pk=program_id)
    policy.require(request.user, policy.Action.PROGRAM_VIEW, p)
    return _program_out(p)


@api.get("/programs/{program_id}/roadmaps", response={200: list[schemas.Roadmap], **ERRORS}, tags=["programs"])
def program_roadmaps(request, program_id: int):
    p = get_object_or_404(Program, pk=program_id)
    policy.require(request.user, policy.Action.PROGRAM_VIEW, p)
    return [_roadmap_out(r) for r in p.roadmaps.prefetch_related("activities")]


# --- mentorships and meetings: personal data, logged -------------------------------------------------------------


def _mentorship_out(m: Mentorship) -> dict:
    return {
        "id": m.pk,
        "program_id": m.program_id,
        "status": m.status,
        "starts_on": m.starts_on,
        "ends_on": m.ends_on,
        "mentor": {"id": m.mentor_id, "short_name": m.mentor.short_name},
        "mentee": {"id": m.mentee_id, "short_name": m.mentee.short_name},
    }


@api.get("/mentorships", response={200: schemas.page_schema(schemas.Mentorship), **ERRORS}, tags=["mentorships"])
def mentorships(request, params: Query[PageParams]):
    """Пары и группы, которые пользователь вправе видеть (чтение записывается в журнал доступа)."""
    qs = policy.scope_mentorships(
        request.user, Mentorship.objects.select_related("mentor", "mentee").order_by("-starts_on", "pk")
    )
    page = _page(qs, params)
    access_log_record_many(
        request=request, people=[p for m in page["items"] for p in (m.mentor, m.mentee)], action="api.mentorships"
    )
    page["items"] = [_mentorship_out(m) for m in page["items"]]
    return page


def _visible_mentorship(request, mentorship_id: int) -> Mentorship:
    m = get_object_or_404(Mentorship.objects.select_related("program", "mentor", "mentee"), pk=mentorship_id)
    policy.require(request.user, policy.Action.MENTORSHIP_VIEW, m)
    access_log_record_many(request=request, people=[m.mentor, m.mentee], action="api.mentorship")
    return m


@api.get("/mentorships/{mentorship_id}", response={200: schemas.Mentorship, **ERRORS}, tags=["mentorships"])
def mentorship(request, mentorship_id: int):
    return _mentorship_out(_visible_mentorship(request, mentorship_id))


@api.get(
    "/mentorships/{mentorship_id}/meetings",
    response={200: schemas.page_schema(schemas.Meeting), **ERRORS},
    tags=["mentorships"],
)
def meetings(request, mentorship_id: int, params: Query[PageParams]):
    m = _visible_mentorship(request, mentorship_id)
    qs = Meeting.objects.filter(mentorship=m).order_by("scheduled_at", "pk")
    return _page(qs, params)


# --- municipal aggregates: suppressed exactly as on the pages ----------------------------------------------------


def _count(cell: Cell) -> dict:
    return {"value": None if cell.hidden else cell.number, "display": cell.text}


def _coverage_row(row) -> dict:
    return {
        "organization_id": row.organization.pk if row.organization else None,
        "pupils_in_mentoring": _count(row.pupils_in),
        "pupils": _count(row.pupils),
        "pupils_share": row.pupils_share,
        "teachers_in_mentoring": _count(row.teachers_in),
        "teachers": _count(row.teachers),
        "teachers_share": row.teachers_share,
    }


def _labelled(table) -> list[dict]:
    return [
        {"label": r.label, "counts": [_count(c) for c in r.cells], "organizations": r.plain, "shares": r.shares}
        for r in table.rows
    ]


@api.get(
    "/municipalities/{municipality_id}/aggregates",
    response={200: schemas.Aggregates, **ERRORS},
    tags=["municipal"],
)
def municipal_aggregates(request, municipality_id: int, school_year: int | None = Query(None, ge=2000, le=2100)):
    """Сводные показатели муниципалитета: только числа; счёт людей от 1 до 9 — «<10», дополнительно скрытые — «…»."""
    municipality = get_object_or_404(Municipality, pk=municipality_id)
    policy.require(request.user, policy.Action.MUNICIPAL_VIEW, municipality)
    current = municipal.school_year_of(timezone.localdate())
    year = min(school_year or current, current)
    orgs = list(Organization.objects.filter(municipality=municipality).order_by("short_name"))
    cover = municipal.coverage(organizations=orgs, year=year)
    forms = municipal.forms_table(organizations=orgs, year=year)
    mentors = municipal.mentors_by_category(organizations=orgs, year=year)
    quarters = municipal.quarters_table(organizations=orgs, year=year)
    return {
        "municipality_id": municipality.pk,
        "school_year": year,
        "target_share": municipal.TARGET_SHARE,
        "threshold": municipal.threshold(),
        "roadmaps": [
            {
                "organization_id": r.organization.pk,
                "has_roadmap": r.roadmap is not None,
                "approved": r.approved,
                "approved_on": r.roadmap.approved_on if r.roadmap else None,
                "order_number": r.order.display_number if r.order else None,
                "order_date": r.order.date if r.order else None,
                "activities": r.total,
                "done": r.done,
                "due": r.due,
                "overdue": r.overdue,
            }
            for r in municipal.roadmap_rows(organizations=orgs)
        ],
        "coverage": [_coverage_row(r) for r in cover.rows],
        "coverage_total": _coverage_row(cover.total),
        "forms": _labelled(forms),
        "forms_total": [_count(c) for c in forms.totals],
        "mentors_by_category": _labelled(mentors),
        "mentors_total": [_count(c) for c in mentors.totals],
        "quarters": _labelled(quarters),
        "quarters_total": [_count(c) for c in quarters.totals],
        "monitoring": municipal.monitoring_indicators(organizations=orgs, year=year),
    }
