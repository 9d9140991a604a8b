"""Writes of the municipal contour: remarks on roadmaps and headcounts per school year."""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.municipal.models import Headcount
from nastavnik.municipal.selectors import overview_cache_key, school_year_of
from nastavnik.orgs.models import Organization
from nastavnik.programs.models import Roadmap, RoadmapRemark

REMARK_MAX = 2000


@transaction.atomic
def roadmap_remark_create(
    *, roadmap: Roadmap, text: str, asks_correction: bool, author_id: int | None
) -> RoadmapRemark:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Напишите текст замечания."))
    if len(text) > REMARK_MAX:
        raise ValidationError(_("Замечание слишком длинное: не больше %(n)d знаков.") % {"n": REMARK_MAX})
    _forget(roadmap.organization)
    return RoadmapRemark.objects.create(
        roadmap=roadmap, text=text, asks_correction=asks_correction, author_id=author_id
    )


@transaction.atomic
def roadmap_remark_close(*, remark: RoadmapRemark) -> RoadmapRemark:
    if remark.resolved_at is None:
        remark.resolved_at = timezone.now()
        remark.save(update_fields=["resolved_at"])
    _forget(remark.roadmap.organization)
    return remark


def _forget(organization: Organization) -> None:
    """Drop the cached overview of the organisation's municipality: a write must show at once."""
    year = school_year_of(timezone.localdate())
    cache.delete_many([overview_cache_key(organization.municipality_id, y) for y in range(year - 5, year + 1)])


@transaction.atomic
def headcount_set(*, organization: Organization, school_year: int, pupils: int, teachers: int) -> Headcount:
    if pupils < 0 or teachers < 0:
        raise ValidationError(_("Численность не может быть отрицательной."))
    _forget(organization)
    headcount, _created = Headcount.objects.update_or_create(
        organization=organization, school_year=school_year, defaults={"pupils": pupils, "teachers": teachers}
    )
    return headcount
