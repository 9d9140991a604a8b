from django import template

register = template.Library()


@register.filter
def percent(value) -> str:
    """A share as «42 %»; «—» when it is hidden or cannot be computed."""
    if value is None:
        return "—"
    return f"{round(100 * value)} %"


@register.filter
def cell(value) -> str:
    """A suppressed count: the number, «<10» or «…»."""
    return value.text if value is not None else "—"
