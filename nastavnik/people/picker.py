"""A person picker for long lists: type a surname or a class, pick from the matches.

`PersonPicker` replaces the <select> of a ModelChoiceField whose queryset may hold more than ~20 people. It renders
a search box (htmx asks `person_pick` for matches as the user types) and the chosen person as a checked radio button
named like the field, so the form posts the same value a select would. Without JavaScript a link opens the plain
search page, which sends the choice back to the form's page as `?<field>=<id>`.

The form tells the widget the organisation (`picker_for(form, "field", organization=org, scope="staff")`); the
search view asks the policy and scopes the matches like the people list, so the picker never shows more than the
user may see.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

SCOPES = ("staff", "pupils", "any")


class PersonPicker(forms.Select):
    template_name = "widgets/person_picker.html"

    def __init__(self, attrs=None, *, scope: str = "any") -> None:
        super().__init__(attrs)
        self.scope = scope
        self.org_code = ""

    def get_context(self, name, value, attrs):
        context = super(forms.Select, self).get_context(name, value, attrs)  # skip building every option
        selected = None
        queryset = getattr(self.choices, "queryset", None)
        if value not in (None, "") and queryset is not None:
            try:
                selected = queryset.filter(pk=int(value)).first()
            except (TypeError, ValueError):
                selected = None
        params = urlencode({"org": self.org_code, "scope": self.scope, "field": name})
        context["widget"].update(
            {
                "selected": selected,
                "search_url": f"{reverse('person_pick')}?{params}",
                "results_id": f"{context['widget']['attrs'].get('id', name)}_results",
            }
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template (Django's form renderer looks only at django/forms/ templates by default).
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def format_value(self, value):
        return "" if value is None else str(value)


def picker_for(form: forms.BaseForm, field_name: str, *, organization, scope: str = "any") -> None:
    """Put a picker on a ModelChoiceField of `form`, searching the people of `organization`."""
    field = form.fields[field_name]
    widget = PersonPicker(attrs={k: v for k, v in field.widget.attrs.items() if k != "class"}, scope=scope)
    widget.org_code = organization.code
    widget.choices = field.choices
    widget.is_required = field.required
    field.widget = widget
