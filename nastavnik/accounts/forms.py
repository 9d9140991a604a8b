from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from nastavnik.forms import BoundedForm, StyledForm, StyledMixin
from nastavnik.notifications import notify
from nastavnik.orgs.models import Organization
from nastavnik.people.models import User


class OrganizationAddForm(StyledForm):
    """The municipal coordinator's form: the same fields as `nastavnik create-org`."""

    code = forms.CharField(label=_("Краткий код"), max_length=30, help_text=_("Латиница и цифры, например «school7»"))
    name = forms.CharField(label=_("Полное наименование"), max_length=400)
    short_name = forms.CharField(label=_("Краткое название"), max_length=120, help_text=_("Например «СОШ № 7»"))
    kind = forms.ChoiceField(label=_("Тип"), choices=Organization.Kind.choices)
    director = forms.CharField(label=_("Руководитель: фамилия, имя, отчество"), max_length=300)
    email = forms.EmailField(label=_("E-mail руководителя"), help_text=_("Сюда придёт приглашение задать пароль"))


class SlipFormatForm(BoundedForm):
    format = forms.ChoiceField(choices=[("pdf", "PDF"), ("docx", "DOCX")], required=False)

    @property
    def want_pdf(self) -> bool:
        return self.is_valid() and self.cleaned_data.get("format", "pdf") != "docx"


class OwnPasswordForm(StyledMixin, SetPasswordForm):
    """Set a new password (from an invitation link or after signing in with a one-time one); ends the obligation."""

    def save(self, commit: bool = True) -> User:
        self.user.password_change_required = False
        return super().save(commit=commit)


class OwnPasswordChangeForm(StyledMixin, PasswordChangeForm):
    """A change one chose to make: the old password first (a shared school PC may be left signed in)."""


class PersonEmailPasswordResetForm(StyledMixin, PasswordResetForm):
    """E-mail addresses live on the Person, not on the login: find the login through the person."""

    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        # Invited people who lost the invitation may ask again, so an unusable password is no reason to refuse.
        return User.objects.filter(
            person__email__iexact=email, person__anonymised_at__isnull=True, is_active=True
        ).distinct()

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        # The address is the person's (the login keeps none); the token is made from the login as stored. The
        # message goes out through the queue like all mail (the page does not wait for the mail server).
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        notify(to=self.cleaned_data["email"], subject=subject, body=body)


class OTPTokenForm(StyledForm):
    token = forms.CharField(
        label=_("Код"),
        max_length=16,
        help_text=_("Шесть цифр из приложения-аутентификатора или один из кодов восстановления"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace(" ", "").strip()
