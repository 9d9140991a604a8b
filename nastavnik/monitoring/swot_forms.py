from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.forms import StyledForm

_HELP = _("Одна строка — один пункт. Цифры в скобках можно оставить: они показывают, на чём основан пункт.")


def _quadrant(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_HELP,
    )


class SwotForm(StyledForm):
    """The four quadrants as the curator edits them before approving."""

    strengths = _quadrant(_("Сильные стороны"))
    weaknesses = _quadrant(_("Слабые стороны"))
    opportunities = _quadrant(_("Возможности"))
    threats = _quadrant(_("Угрозы"))
