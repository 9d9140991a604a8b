"""The municipal contour's own data: headcounts per school year (the denominators of coverage)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Headcount(models.Model):
    """How many pupils and teachers an organisation has in a school year, as reported. Without a row the
    coverage is counted against the organisation's roster."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="headcounts")
    school_year = models.PositiveSmallIntegerField(_("Учебный год (год начала)"))
    pupils = models.PositiveIntegerField(_("Обучающихся"))
    teachers = models.PositiveIntegerField(_("Педагогов"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("численность")
        verbose_name_plural = _("численность по учебным годам")
        constraints = [
            models.UniqueConstraint(fields=["organization", "school_year"], name="headcount_once_per_year"),
            models.CheckConstraint(condition=Q(school_year__gte=2000), name="headcount_year_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.school_year}/{self.school_year + 1}"
