from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.forms import StyledForm


class TokenForm(StyledForm):
    name = forms.CharField(label=_("Для чего токен"), max_length=100, help_text=_("Например, «региональная система»"))
    may_write = forms.BooleanField(label=_("Разрешить изменение данных"), required=False)

    def __init__(self, *args, may_write: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_write:
            del self.fields["may_write"]
