from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.forms import DATE_INPUT, StyledMixin, style_fields
from nastavnik.monitoring.models import Wave
from nastavnik.people.picker import picker_for


class InviteForm(StyledMixin, forms.Form):
    wave = forms.ChoiceField(label=_("Срез"), choices=Wave.choices)
    days = forms.IntegerField(label=_("Ссылка действует, дней"), min_value=1, max_value=90, initial=14)


class GradeForm(StyledMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Обучающийся"), queryset=None)
    subject = forms.CharField(label=_("Предмет"), max_length=100)
    school_year = forms.IntegerField(
        label=_("Учебный год (год начала)"), min_value=2000, max_value=2100, help_text=_("Например, 2025 для 2025/26.")
    )
    quarter = forms.TypedChoiceField(label=_("Четверть"), choices=[(n, n) for n in range(1, 5)], coerce=int)
    mark = forms.DecimalField(label=_("Средняя отметка"), min_value=1, max_value=5, decimal_places=2)

    def __init__(self, *args, people, organization=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: p.full_name
        if organization is not None:  # the programme's mentees may be many: a search, not a list
            picker_for(self, "person", organization=organization, scope="mentees")


class GradeImportForm(StyledMixin, forms.Form):
    file = forms.FileField(
        label=_("Файл XLSX"),
        help_text=_("Первая строка — заголовок: «ФИО», «Предмет», «Четверть», «Средний балл»."),
    )
    school_year = forms.IntegerField(label=_("Учебный год (год начала)"), min_value=2000, max_value=2100)


class MeasurementForm(StyledMixin, forms.Form):
    """A value entered by hand (a paper questionnaire scored by the psychologist)."""

    participant = forms.ChoiceField(label=_("Участник"))
    measure = forms.ChoiceField(label=_("Методика"))
    wave = forms.ChoiceField(label=_("Срез"), choices=Wave.choices)
    value = forms.FloatField(label=_("Балл (от 1 до 5)"), min_value=1, max_value=5)

    def __init__(self, *args, participants, measures, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].choices = participants
        self.fields["measure"].choices = measures


class IndicatorForm(StyledMixin, forms.Form):
    code = forms.ChoiceField(label=_("Показатель"))
    on = forms.DateField(label=_("На дату"), widget=DATE_INPUT)
    value = forms.DecimalField(label=_("Значение"), min_value=0, max_digits=10, decimal_places=2)

    def __init__(self, *args, indicators, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = indicators


class WeightsForm(StyledMixin, forms.Form):
    """The Mentor Match criterion weights of a programme (0–10 each, steps of 0.5)."""

    def __init__(self, *args, **kwargs) -> None:
        from nastavnik.matching.scoring import CRITERIA, CRITERION_LABELS

        super().__init__(*args, **kwargs)
        for name in CRITERIA:
            self.fields[name] = forms.DecimalField(
                label=_(CRITERION_LABELS[name]), min_value=0, max_value=10, decimal_places=1, step_size=0.5
            )
        style_fields(self)

    def weights(self) -> dict[str, float]:
        return {name: float(value) for name, value in self.cleaned_data.items()}
