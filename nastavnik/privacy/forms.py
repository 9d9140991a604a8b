from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik.forms import DATE_INPUT, StyledForm
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent


class ConsentPrepareForm(StyledForm):
    purpose = forms.ChoiceField(label=_("Цель"), choices=Consent.Purpose.choices)
    given_by = forms.ModelChoiceField(label=_("Кто даёт согласие"), queryset=Person.objects.none(), empty_label=None)
    guardian_basis = forms.ChoiceField(
        label=_("Основание представительства"),
        choices=[("", _("как записано в карточке")), *Consent.GuardianBasis.choices],
        required=False,
    )
    valid_until = forms.DateField(label=_("Действует до"), required=False, widget=DATE_INPUT)
    publish_categories = forms.MultipleChoiceField(
        label=_("Что разрешено публиковать (только для согласия на распространение)"),
        choices=Consent.PublishCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        if person.is_minor:
            ids = person.guardians.values_list("guardian_id", flat=True)
            self.fields["given_by"].queryset = Person.objects.filter(pk__in=ids)
            self.fields["given_by"].help_text = _("За несовершеннолетнего согласие даёт законный представитель")
        else:
            self.fields["given_by"].queryset = Person.objects.filter(pk=person.pk)
            del self.fields["guardian_basis"]


class ConsentSignForm(StyledForm):
    signed_at = forms.DateField(label=_("Дата подписания"), widget=DATE_INPUT)
    form = forms.ChoiceField(label=_("Форма"), choices=Consent.Form.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"signed_at": timezone.localdate(), "form": Consent.Form.PAPER})
        super().__init__(*args, **kwargs)


class ConsentWithdrawForm(StyledForm):
    confirm = forms.BooleanField(
        label=_("Подтверждаю отзыв согласия"),
        required=True,
    )
