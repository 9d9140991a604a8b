"""Russian document formats in Django templates: `{% load ru_docs %}{{ order.date|date_long }}`."""

from django import template

from nastavnik.documents import ru

register = template.Library()

register.filter("date_long", ru.date_long)
register.filter("date_words", ru.date_words)
register.filter("date_short", ru.date_short)
register.filter("initials", ru.person_initials)
register.filter("initials_before", ru.person_initials_before)
register.filter("number_ru", ru.number_ru)


@register.filter
def plural_ru(n: int, forms: str) -> str:
    """`{{ n|plural_ru:"наставник,наставника,наставников" }}`"""
    one, few, many = (f.strip() for f in forms.split(","))
    return ru.plural_ru(n, one, few, many)
