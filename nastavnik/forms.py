"""Form pieces shared by every app: Bootstrap classes on widgets and the HTML5 date and time inputs."""

from __future__ import annotations

from django import forms

# Widget instances are deep-copied into every field, so sharing these module-level ones is safe.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def widget_css(widget: forms.Widget) -> str:
    """Bootstrap's base class for a widget: check boxes and radios, selects, or a text-like control."""
    # CheckboxSelectMultiple is a RadioSelect; neither is a Select.
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


def style_fields(form: forms.BaseForm) -> None:
    """Add the base class to every widget of the form, keeping the classes a widget was given (e.g. `-lg` sizes)."""
    for field in form.fields.values():
        widget = field.widget
        css = widget_css(widget)
        classes = widget.attrs.get("class", "").split()
        if css not in classes:
            widget.attrs["class"] = " ".join([*classes, css])


class StyledMixin:
    """Styles the fields Django's form builds, so templates render any field with one include.

    A field a subclass adds after `super().__init__()` is its own to style (call `style_fields` again).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)


class StyledForm(StyledMixin, forms.Form):
    pass


class StyledModelForm(StyledMixin, forms.ModelForm):
    pass
