from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.forms import StyledForm
from nastavnik.municipal.services import REMARK_MAX


class RemarkForm(StyledForm):
    text = forms.CharField(label=_("Замечание"), max_length=REMARK_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    asks_correction = forms.BooleanField(label=_("Попросить исправить дорожную карту"), required=False)


class HeadcountForm(StyledForm):
    pupils = forms.IntegerField(label=_("Обучающихся"), min_value=0, max_value=100000)
    teachers = forms.IntegerField(label=_("Педагогов"), min_value=0, max_value=10000)
