"""Until a person replaces a one-time password with their own, every page leads to the password page."""

from django.shortcuts import redirect
from django.urls import Resolver404, resolve

# What a person who must change the password may still open.
ALLOWED = frozenset({"password_first", "logout", "password_reset_confirm", "password_reset_complete"})


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "password_change_required", False):
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name is not None and name not in ALLOWED:
                return redirect("password_first")
        return self.get_response(request)


# What a person who still owes the second factor may open.
OTP_ALLOWED = frozenset({"otp_setup", "otp_verify", "logout", "password_first"})


class OTPRequiredMiddleware:
    """Holders of `settings.OTP_REQUIRED_ROLES` confirm their sign-in with a code before any other page: those
    without an authenticator yet are sent to set one up, the others to enter a code (or a recovery code)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        user = getattr(request, "user", None)
        required = frozenset(settings.OTP_REQUIRED_ROLES)
        if required and user is not None and user.is_authenticated and not user.is_verified():
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name is not None and name not in OTP_ALLOWED and _holds(user, required):
                from django_otp import user_has_device

                return redirect("otp_verify" if user_has_device(user) else "otp_setup")
        return self.get_response(request)


def _holds(user, roles: frozenset[str]) -> bool:
    from nastavnik import policy

    return bool(policy.actor_for(user).all_roles & roles)
