"""A sliding session lifetime without a database write on every page.

Sessions end SESSION_COOKIE_AGE after the last activity (shared school computers). Django's way to slide them,
SESSION_SAVE_EVERY_REQUEST, rewrites the session row on every request — on SQLite a write lock per page view, which
serialises the readers' requests of all workers. Here the row is rewritten (and the expiry moved) when it was last
written more than SESSION_REFRESH_SECONDS ago, so an idle session still ends at most that much before two hours of
inactivity, and a page view costs no write.
"""

from __future__ import annotations

import time

from django.conf import settings

REFRESHED_KEY = "_refreshed_at"


class SessionRefreshMiddleware:
    """After SessionMiddleware (inner to it): marks a non-empty session modified when its last save is old, so
    SessionMiddleware saves it with a new expiry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or session.modified:
            return response  # nothing to keep alive, or saved anyway (with its new expiry)
        now = int(time.time())
        if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[REFRESHED_KEY] = now
        return response


def stamp_on_login(sender, request, user, **kwargs) -> None:
    """A login saves the session anyway: stamp it, so the first page after it does not write it again."""
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED_KEY] = int(time.time())
