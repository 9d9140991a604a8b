from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import ngettext

from nastavnik.forms import BoundsMixin
from nastavnik.security import throttle
from nastavnik.security.models import SecurityEvent
from nastavnik.security.services import security_event_record


class ThrottledAuthenticationForm(BoundsMixin, AuthenticationForm):
    """The login form with the per-account slowdown (see `throttle`)."""

    throttled = False

    def clean(self):
        username = (self.data.get("username") or "").strip()
        wait = throttle.wait_seconds(username=username)
        if wait:
            self.throttled = True
            security_event_record(kind=SecurityEvent.Kind.LOGIN_SLOWED, request=self.request, user=None,
                                  username=username)
            raise forms.ValidationError(
                ngettext(
                    "После нескольких неудачных попыток вход под этим именем замедлен. "
                    "Подождите %(n)d секунду и попробуйте снова.",
                    "После нескольких неудачных попыток вход под этим именем замедлен. "
                    "Подождите и попробуйте снова (осталось секунд: %(n)d).",
                    wait,
                )
                % {"n": wait},
                code="throttled",
            )
        return super().clean()
