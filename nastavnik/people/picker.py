"""A person picker for long lists: type a surname or a class, pick from the matches.

`PersonPicker` replaces the <select> of a ModelChoiceField whose queryset may hold more than ~20 people. It renders
a search box (htmx asks `person_pick` for matches as the user types) and the chosen person as a checked radio button
named like the field, so the form posts the same value a select would. Without JavaScript a link opens the plain
search page, which sends the choice back to the form's page as `?<field>=<id>`; the page reads it back with
`picked(request, ...)` into the form's initial values.

`PersonMultiPicker` does the same for a ModelMultipleChoiceField (programme curators, the curators of an order): the
chosen people stay as checked boxes above the search, a match ticked in the results joins them (static/js), and the
plain search page keeps the ones already chosen in the link back (`keep`).

The form tells the widget the organisation (`picker_for(form, "field", organization=org, scope="staff")`); the
search view asks the policy and scopes the matches like the people list, so the picker never shows more than the
user may see.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# Django's «Выберите корректный вариант» does not say why: the person is outside the people this form may take.
OUT_OF_SCOPE = _("Этого человека нельзя выбрать здесь: найдите его поиском по фамилии или классу.")

SCOPES = ("staff", "pupils", "mentees", "mentors", "curators", "any")


class _Picker:
    """What both pickers share: the scope and organisation they search, the search box's context and rendering with
    the project's template. Subclasses say which people are chosen and which links the search box gets."""

    template_name: str

    def __init__(self, attrs=None, *, scope: str = "any") -> None:
        super().__init__(attrs)
        self.scope = scope
        self.org_code = ""

    def chosen(self, value):
        raise NotImplementedError

    def links(self, name: str, chosen) -> dict[str, str]:
        raise NotImplementedError

    def search_params(self, name: str) -> dict:
        return {"org": self.org_code, "scope": self.scope, "field": name}

    def get_context(self, name, value, attrs):
        # The plain widget's context: a choice widget's own would build an option for every person of the queryset,
        # and the picker shows only the chosen ones.
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        chosen = self.chosen(value)
        widget.update(
            {
                "selected": chosen,
                **self.links(name, chosen),
                "results_id": f"{widget['attrs'].get('id', name)}_results",
                # The field's hint and error (StyledForm puts them on the widget) describe the search box.
                "described_by": widget["attrs"].get("aria-describedby", ""),
                "invalid": widget["attrs"].get("aria-invalid", ""),
            }
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template (Django's form renderer looks only at django/forms/ templates by default).
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


class PersonPicker(_Picker, forms.Select):
    template_name = "widgets/person_picker.html"

    def chosen(self, value):
        queryset = getattr(self.choices, "queryset", None)
        ids = _int_ids(value)
        return queryset.filter(pk=ids[0]).first() if ids and queryset is not None else None

    def links(self, name: str, chosen) -> dict[str, str]:
        return {"search_url": f"{reverse('person_pick')}?{urlencode(self.search_params(name))}"}

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def format_value(self, value):
        return "" if value is None else str(value)


class PersonMultiPicker(_Picker, forms.SelectMultiple):
    template_name = "widgets/person_multi_picker.html"

    def chosen(self, value):
        ids = _int_ids(value)
        queryset = getattr(self.choices, "queryset", None)
        return list(queryset.filter(pk__in=ids)) if ids and queryset is not None else []

    def search_params(self, name: str) -> dict:
        return {**super().search_params(name), "multi": 1}

    def links(self, name: str, chosen) -> dict[str, str]:
        params = self.search_params(name)
        keep = ",".join(str(p.pk) for p in chosen)
        return {
            "search_url": f"{reverse('person_pick')}?{urlencode(params)}",
            "page_url": f"{reverse('person_pick')}?{urlencode({**params, 'keep': keep})}",
        }

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def format_value(self, value):
        if value is None:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(getattr(v, "pk", v)) for v in values]


def _int_ids(value) -> list[int]:
    values = value if isinstance(value, list | tuple) else ([] if value in (None, "") else [value])
    ids = []
    for v in values:
        try:
            ids.append(int(getattr(v, "pk", v)))
        except (TypeError, ValueError):
            continue
    return ids


def picker_for(form: forms.BaseForm, field_name: str, *, organization, scope: str = "any") -> None:
    """Put a picker on a ModelChoiceField (or a ModelMultipleChoiceField) of `form`, searching the people of
    `organization`. The field keeps its queryset: a posted id outside it is refused with OUT_OF_SCOPE."""
    field = form.fields[field_name]
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget_class = PersonMultiPicker if multiple else PersonPicker
    widget = widget_class(attrs={k: v for k, v in field.widget.attrs.items() if k != "class"}, scope=scope)
    widget.org_code = organization.code
    widget.choices = field.choices
    widget.is_required = field.required
    field.widget = widget
    field.error_messages = {**field.error_messages, "invalid_choice": OUT_OF_SCOPE}


def picked(request: HttpRequest, *names: str, multiple: tuple[str, ...] = ()) -> dict:
    """The people the plain search page sent back (`?<field>=<id>`), as initial values of the form's fields."""
    initial: dict = {}
    for name in names:
        if name in multiple:
            ids = _int_ids(request.GET.getlist(name))
            if ids:
                initial[name] = ids
        else:
            ids = _int_ids(request.GET.get(name))
            if ids:
                initial[name] = ids[0]
    return initial


def picked_into(form: forms.BaseForm, request: HttpRequest) -> forms.BaseForm:
    """Put into an unbound form's initial values whatever the plain search page sent back for its pickers."""
    names = [n for n, f in form.fields.items() if isinstance(f.widget, PersonPicker | PersonMultiPicker)]
    multiple = tuple(n for n in names if isinstance(form.fields[n].widget, PersonMultiPicker))
    form.initial.update(picked(request, *names, multiple=multiple))
    return form
