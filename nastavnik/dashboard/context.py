"""Template context shared by every page: the navigation the current user may use."""

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    from nastavnik import policy

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav": policy.navigation_for(user), "personal_nav": policy.personal_navigation_for(user)}
