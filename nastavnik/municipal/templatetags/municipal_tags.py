from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


def _percent_text(points: float) -> str:
    """«87,5 %», «100 %»: a decimal only where there is one, in the language's own form, a space before «%»."""
    return f"{floatformat(points, -1)} %"


@register.filter
def percent(value) -> str:
    """A share (a fraction of one) as «87,5 %»; «—» when it is hidden or cannot be computed."""
    if value is None:
        return "—"
    return _percent_text(100 * value)


@register.filter
def percent_points(value) -> str:
    """A figure already in percent (the monitoring stage's «87.5») shown like a share: «87,5 %»."""
    if value is None:
        return "—"
    return _percent_text(value)


@register.filter
def cell(value) -> str:
    """A suppressed count: the number, «<10» or «…»."""
    return value.text if value is not None else "—"
