"""Forms: a questionnaire to fill (reusable by any app's view) and the curator's builder forms.

Embedding a questionnaire elsewhere::

    form = ResponseForm(version=version, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(version=version, answers=form.answers(), respondent=person, subject=meeting)
        except ValidationError as exc:
            form.add_service_errors(exc)
    # template: {% include "surveys/_response_fields.html" with form=form %}
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nastavnik.forms import BoundedForm, StyledForm, bound_fields
from nastavnik.orgs.models import Organization
from nastavnik.surveys.answers import LONG_TEXT_MAX, SHORT_TEXT_MAX, answer_clean
from nastavnik.surveys.audience import option_fits
from nastavnik.surveys.models import Question, QuestionType, Survey, SurveyVersion
from nastavnik.surveys.selectors import version_structure

REQUIRED_MESSAGE = gettext_lazy("Ответьте на этот вопрос: он обязательный.")
CHOICE_WIDGET_CLASS = "form-check-input flex-shrink-0"


def _text_field(question: Question) -> forms.Field:
    if question.type == QuestionType.SHORT_TEXT:
        widget = forms.TextInput(attrs={"class": "form-control form-control-lg"})
        return forms.CharField(max_length=SHORT_TEXT_MAX, widget=widget)
    widget = forms.Textarea(attrs={"class": "form-control", "rows": 4})
    return forms.CharField(max_length=LONG_TEXT_MAX, widget=widget)


def _choice_field(question: Question) -> forms.Field:
    choices = [(option, option) for option in question.options]
    if question.type == QuestionType.MULTIPLE_CHOICE:
        widget = forms.CheckboxSelectMultiple(attrs={"class": CHOICE_WIDGET_CLASS})
        return forms.MultipleChoiceField(choices=choices, widget=widget)
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect(attrs={"class": CHOICE_WIDGET_CLASS}))


def _numbered_field(question: Question) -> forms.Field:
    if question.type == QuestionType.SCALE:
        choices = [(n, str(n)) for n in range(question.min_value, question.max_value + 1)]
        widget = forms.RadioSelect(attrs={"class": "btn-check"})
    else:
        choices = [(n, label) for n, label in enumerate(question.options, start=1)]
        widget = forms.RadioSelect(attrs={"class": CHOICE_WIDGET_CLASS})
    return forms.TypedChoiceField(choices=choices, coerce=int, empty_value=None, widget=widget)


def _number_field(question: Question) -> forms.Field:
    attrs = {"class": "form-control form-control-lg", "inputmode": "decimal", "step": "any"}
    if question.min_value is not None:
        attrs["min"] = question.min_value
    if question.max_value is not None:
        attrs["max"] = question.max_value
    # A text value checked by the engine: «2,5» and «2.5» are both accepted, with the engine's messages.
    return forms.CharField(widget=forms.NumberInput(attrs=attrs))


def _date_field(question: Question) -> forms.Field:
    widget = forms.DateInput(attrs={"class": "form-control form-control-lg", "type": "date"}, format="%Y-%m-%d")
    return forms.CharField(widget=widget)


def _yes_no_field(question: Question) -> forms.Field:
    return forms.TypedChoiceField(
        choices=[("yes", _("Да")), ("no", _("Нет"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
    )


_BUILDERS = {
    QuestionType.SHORT_TEXT: _text_field,
    QuestionType.LONG_TEXT: _text_field,
    QuestionType.SINGLE_CHOICE: _choice_field,
    QuestionType.MULTIPLE_CHOICE: _choice_field,
    QuestionType.SCALE: _numbered_field,
    QuestionType.LIKERT: _numbered_field,
    QuestionType.NUMBER: _number_field,
    QuestionType.DATE: _date_field,
    QuestionType.YES_NO: _yes_no_field,
}


# How the template draws a question: a text-like input, a list of big tappable rows, or a grid of buttons.
_MARKUP = {
    QuestionType.SINGLE_CHOICE: "list",
    QuestionType.MULTIPLE_CHOICE: "list",
    QuestionType.LIKERT: "list",
    QuestionType.SCALE: "buttons",
    QuestionType.YES_NO: "buttons",
}
MAX_BUTTON_COLUMNS = 6


def _button_columns(count: int) -> int:
    """1–5 in one row, 1–10 as two rows of five: buttons stay big enough for a finger on a phone."""
    if count <= MAX_BUTTON_COLUMNS:
        return count
    rows = -(-count // MAX_BUTTON_COLUMNS)
    return -(-count // rows)


def question_field(question: Question) -> forms.Field:
    field = _BUILDERS[question.type](question)
    field.markup = _MARKUP.get(question.type, "input")
    field.columns = _button_columns(len(getattr(field, "choices", [])))
    field.label = question.text
    field.help_text = question.help
    field.required = question.required
    field.error_messages["required"] = REQUIRED_MESSAGE
    field.question = question  # the template picks the markup by question type
    return field


class ServiceErrorsMixin:
    """Show a service's ValidationError on the form: under the field it names, otherwise above the form."""

    error_field_map: dict[str, str] = {}

    def add_service_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for name, messages in exc.message_dict.items():
            field = self.error_field_map.get(name, name)
            self.add_error(field if field in self.fields else None, messages)


class ResponseForm(ServiceErrorsMixin, BoundedForm):
    """The fields of one questionnaire version, named by question code, checked with the engine's own rules."""

    def __init__(self, *args: Any, version: SurveyVersion, audience: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.structure = version_structure(version=version)
        for _section, questions in self.structure:
            for question in questions:
                field = question_field(question)
                if audience and question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
                    # cycle: options meant for another audience are not shown, nor accepted.
                    field.choices = [(v, label) for v, label in field.choices if option_fits(v, audience=audience)]
                    field.columns = _button_columns(len(field.choices))
                self.fields[question.code] = field
        bound_fields(self, wide=True)

    @property
    def sections(self) -> list[dict[str, Any]]:
        total = len(self.structure)
        return [
            {"section": section, "number": n, "total": total, "fields": [self[q.code] for q in questions]}
            for n, (section, questions) in enumerate(self.structure, start=1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name, field in self.fields.items():
            if name not in cleaned:
                continue
            try:
                cleaned[name] = answer_clean(field.question, cleaned[name])
            except ValidationError as exc:
                self.add_error(name, exc)
        return cleaned

    def answers(self) -> dict[str, Any]:
        return {code: self.cleaned_data.get(code) for code in self.fields}


# --- builder ---------------------------------------------------------------------------------------------------


class SurveyForm(ServiceErrorsMixin, StyledForm):
    """A questionnaire's title and purpose; with `organizations`, also where to create it."""

    organization = forms.ModelChoiceField(label=gettext_lazy("Организация"), queryset=Organization.objects.none())
    title = forms.CharField(label=gettext_lazy("Название"), max_length=300)
    purpose = forms.ChoiceField(
        label=gettext_lazy("Назначение"), choices=Survey.Purpose.choices, initial=Survey.Purpose.CUSTOM
    )
    description = forms.CharField(
        label=gettext_lazy("Пояснение для того, кто заполняет"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, organizations=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
            self.fields["organization"].empty_label = None


class QuestionForm(ServiceErrorsMixin, StyledForm):
    """One question in the builder. Options one per line; the engine checks the combination."""

    error_field_map = {"labels": "label_min"}

    text = forms.CharField(label=gettext_lazy("Вопрос"), max_length=500)
    type = forms.ChoiceField(label=gettext_lazy("Тип ответа"), choices=QuestionType.choices)
    required = forms.BooleanField(label=gettext_lazy("Обязательный"), required=False, initial=True)
    help = forms.CharField(label=gettext_lazy("Подсказка"), max_length=500, required=False)
    options = forms.CharField(
        label=gettext_lazy("Варианты ответа, по одному в строке"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Для выбора из списка. Для степени согласия можно оставить пустым: пять уровней."),
    )
    min_value = forms.IntegerField(label=gettext_lazy("Минимум"), required=False)
    max_value = forms.IntegerField(label=gettext_lazy("Максимум"), required=False)
    label_min = forms.CharField(label=gettext_lazy("Подпись минимума"), max_length=100, required=False)
    label_max = forms.CharField(label=gettext_lazy("Подпись максимума"), max_length=100, required=False)
    section = forms.TypedChoiceField(label=gettext_lazy("Раздел"), coerce=int, required=False)

    def __init__(self, *args: Any, version: SurveyVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["section"].choices = [
            (s.pk, s.title or _("Раздел %(n)s") % {"n": n})
            for n, s in enumerate(version.sections.order_by("position", "pk"), start=1)
        ]

    @classmethod
    def initial_for(cls, question: Question) -> dict[str, Any]:
        labels = question.labels or ["", ""]
        return {
            "text": question.text,
            "type": question.type,
            "required": question.required,
            "help": question.help,
            "options": "\n".join(question.options),
            "min_value": question.min_value,
            "max_value": question.max_value,
            "label_min": labels[0],
            "label_max": labels[1],
            "section": question.section_id,
        }

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        labels = [data["label_min"], data["label_max"]]
        return {
            "text": data["text"],
            "type": data["type"],
            "required": data["required"],
            "help": data["help"],
            "options": [line.strip() for line in data["options"].splitlines() if line.strip()],
            "min_value": data["min_value"],
            "max_value": data["max_value"],
            "labels": labels if any(labels) else [],
        }

    def chosen_section(self):
        section_id = getattr(self, "cleaned_data", {}).get("section")
        return self.version.sections.filter(pk=section_id).first() if section_id else None


class SectionForm(BoundedForm):
    title = forms.CharField(
        label=gettext_lazy("Название раздела"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class InvitationForm(BoundedForm):
    person = forms.IntegerField(widget=forms.HiddenInput)
    days = forms.IntegerField(
        label=gettext_lazy("Ссылка действует, дней"),
        min_value=1,
        max_value=90,
        initial=14,
        widget=forms.NumberInput(attrs={"class": "form-control", "style": "max-width:7rem"}),
    )
    send_email = forms.BooleanField(label=gettext_lazy("Отправить ссылку на e-mail"), required=False)
