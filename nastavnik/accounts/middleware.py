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
