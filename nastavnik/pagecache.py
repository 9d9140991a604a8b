"""Rendered pages kept per session while the data has not changed (`@kept_page`).

A main page (a home, a list, a pair) is made of dozens of queries and a large template; the same person opens it
again and again between changes. The rendered HTML is kept in this process's cache under a key made of:
* the data version of the whole database (freshness.py): any committed write anywhere renews it, bulk writes too;
* the session and the CSRF secret: the page carries the session's CSRF token and the person's own view, so it is
  never shown in another session, nor after a sign-in renews either;
* the address with its query, the language, and today's date (what is due or overdue turns at midnight).
Entries live `PAGE_CACHE_SECONDS` at most (0 turns keeping off), which bounds what depends on the hour.

Only a full GET page answered 200 with HTML is kept; htmx fragments, redirects, errors, a page showing one-off
messages or setting a cookie are not. The permission check is part of the view: a page is kept only after it
passed, and a change of roles or appointments is a write that renews the version.

Side effects a page must have each time it is shown — the access log of whose records it showed — are recorded
while it renders (`note_effect`) and done again on every kept answer.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from nastavnik import freshness

CACHE_ALIAS = "pages"
_effects: contextvars.ContextVar[list | None] = contextvars.ContextVar("page_effects", default=None)
# The data version read when the request began: figures kept for several people (`kept_value`) use it too.
_version: contextvars.ContextVar[int | None] = contextvars.ContextVar("page_version", default=None)
_MISSING = object()


@dataclass
class Entry:
    content: bytes
    content_type: str
    effects: list[tuple[Callable, dict]] = field(default_factory=list)


def note_effect(func: Callable, **kwargs) -> None:
    """Have `func(request=…, **kwargs)` run again whenever the page being rendered is served from the cache.
    `func` must be a module-level function (entries are pickled)."""
    effects = _effects.get()
    if effects is not None:
        effects.append((func, kwargs))


def kept_value[T](key: str, compute: Callable[[], T]) -> T:
    """Figures shared by everyone who may see them (an organisation's counts on its staff's homes), kept under the
    data version like the pages: the first of the staff to open a page after a change computes them. Off with
    `PAGE_CACHE_SECONDS = 0`. The value must not depend on who asks; `key` names what it depends on."""
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:
        return compute()
    version = _version.get()
    if version is None:
        (version,) = freshness.versions()
    full_key = f"value:{key}:{version}:{get_language()}:{timezone.localdate().isoformat()}"
    cache = caches[CACHE_ALIAS]
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, seconds)
    return value


def kept_page(view):
    """Serve the view's page from the cache while nothing changed (see the module's docstring)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _keepable_request(request):
            return view(request, *args, **kwargs)
        (version,) = freshness.versions()
        key = _key(request, version)
        cache = caches[CACHE_ALIAS]
        entry: Entry | None = cache.get(key)
        if entry is not None:
            for func, effect_kwargs in entry.effects:
                func(request=request, **effect_kwargs)
            return HttpResponse(entry.content, content_type=entry.content_type)
        effects: list = []
        tokens = _effects.set(effects), _version.set(version)
        try:
            response = view(request, *args, **kwargs)
        finally:
            _effects.reset(tokens[0])
            _version.reset(tokens[1])
        if _keepable_response(request, response):
            cache.set(key, Entry(response.content, response["Content-Type"], effects), seconds)
        return response

    return wrapper


def _keepable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or not request.user.is_authenticated or request.headers.get("HX-Request"):
        return False
    # One-off messages waiting to be shown: the page must show them now and keep nothing of them.
    return "messages" not in request.COOKIES and "_messages" not in request.session


def _keepable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    return not queued


def _key(request: HttpRequest, version: int) -> str:
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    parts = [
        str(version),
        str(request.user.pk),
        request.session.session_key or "",
        csrf,
        request.build_absolute_uri(),
        get_language() or "",
        timezone.localdate().isoformat(),
    ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
