"""Form pieces shared by every app: Bootstrap classes on widgets and the HTML5 date and time inputs."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext as _

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


# --- fixes: sane bounds for every date and every free text (issue 10 §1) ----------------------------------------
# Every form of the project goes through `BoundsMixin` (StyledMixin includes it; tests/test_forms_bounds.py checks
# that no form class escapes it). Years 0001 and 9999 are typing slips, and a date outside what Python can turn
# into an aware datetime gave a 500; free text was stored 100,000 characters long.

LONG_TEXT_LIMIT = 5000  # a textarea: plans, notes, reasons, questionnaire answers
SHORT_TEXT_LIMIT = 500  # a one-line text input without its own limit
BIRTH_MIN = dt.date(1900, 1, 1)
YEARS_BACK = 10  # orders, consents and last cycles' records are entered afterwards
YEARS_AHEAD = 5  # meetings, activities, programmes and terms are planned ahead


def _years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


WIDE = (BIRTH_MIN, dt.date(2100, 12, 31))


def date_bounds(name: str, today: dt.date | None = None, *, wide: bool = False) -> tuple[dt.date, dt.date]:
    """The dates a field named `name` accepts: birth dates from 1900 to today, the rest a few years around today;
    `wide` (a questionnaire's date question, which may ask anything) 1900 to 2100."""
    if wide:
        return WIDE
    today = today or timezone.localdate()
    if "birth" in name:
        return BIRTH_MIN, today
    return _years(today, -YEARS_BACK), _years(today, YEARS_AHEAD)


def _date_validator(low: dt.date, high: dt.date):
    def validate(value) -> None:
        day = value.date() if isinstance(value, dt.datetime) else value
        if day < low or day > high:
            raise ValidationError(
                _("Укажите дату с %(low)s по %(high)s.") % {"low": f"{low:%d.%m.%Y}", "high": f"{high:%d.%m.%Y}"},
                code="date_out_of_range",
            )

    return validate


def bound_fields(form: forms.BaseForm, *, wide: bool = False) -> None:
    """Add the date bounds and the text length limits to every field of `form` that has none."""
    for name, field in form.fields.items():
        if isinstance(field, forms.DateField | forms.DateTimeField) and not getattr(field, "_bounded", False):
            low, high = date_bounds(name, wide=wide)
            field.validators.append(_date_validator(low, high))
            field._bounded = True
            datetime_input = field.widget.attrs.get("type") == "datetime-local"
            field.widget.attrs.setdefault("min", f"{low:%Y-%m-%d}" + ("T00:00" if datetime_input else ""))
            field.widget.attrs.setdefault("max", f"{high:%Y-%m-%d}" + ("T23:59" if datetime_input else ""))
        elif (
            type(field) in (forms.CharField, forms.EmailField, forms.URLField)
            and field.max_length is None
            and not isinstance(field.widget, forms.HiddenInput)
        ):
            limit = LONG_TEXT_LIMIT if isinstance(field.widget, forms.Textarea) else SHORT_TEXT_LIMIT
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
            field.widget.attrs.setdefault("maxlength", str(limit))


class BoundsMixin:
    """Sane bounds on every date and length limits on every free text (see `bound_fields`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_fields(self)


class BoundedForm(BoundsMixin, forms.Form):
    pass


class StyledMixin(BoundsMixin):
    """Styles the fields Django's form builds, so templates render any field with one include.

    A field a subclass adds after `super().__init__()` is its own to style (call `style_fields` again) and to bound
    (`bound_fields`).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)


class StyledForm(StyledMixin, forms.Form):
    pass


class StyledModelForm(StyledMixin, forms.ModelForm):
    pass


# --- optimistic locking (issue 14 §4): see nastavnik/locking.py ---------------------------------------------------


class VersionMixin:
    """A hidden `version`: the record's version the page was built from, sent back with the form so the service can
    refuse a save over someone else's (`nastavnik.locking.version_claim`).

    Pass `version=record.version` when building the form; `cleaned_data["version"]` goes to the service. After an
    `EditConflict`, `conflict_show` keeps the user's input, lists the differences (`_edit_conflict.html`) and carries
    the current version, so sending the form again is a deliberate overwrite of what the user has now seen.
    """

    def __init__(self, *args, version: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
        if version is not None:
            self.initial["version"] = version
        self.conflict = None

    def conflict_show(self, conflict) -> None:
        self.conflict = conflict
        data = self.data.copy()
        data[self.add_prefix("version")] = conflict.current_version
        self.data = data


class VersionForm(VersionMixin, BoundedForm):
    """Only the version: for buttons that act on a versioned record without a form of their own."""


def posted_version(data) -> int | None:
    """The version a button's form sent (None if it sent none, as old pages and scripts do: no check then)."""
    form = VersionForm(data)
    return form.cleaned_data.get("version") if form.is_valid() else None
