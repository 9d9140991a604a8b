"""Slowing an account down after failed logins, instead of locking it.

django-axes locks a username *from one address* (AXES_LOCKOUT_PARAMETERS = username + ip). Failures for a username
from all addresses together only slow it down: after `LOGIN_SLOWDOWN_AFTER` failures within the last hour every
further attempt must wait a growing delay (2, 4, 8 … seconds, at most `LOGIN_SLOWDOWN_MAX_SECONDS`) after the last
failure. An attempt that comes too early is refused without checking the password and does not count as a failure,
so a stranger can delay an account by a minute at most, never lock its owner out.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from nastavnik.security.models import SecurityEvent

WINDOW = dt.timedelta(hours=1)


def wait_seconds(*, username: str, now: dt.datetime | None = None) -> int:
    """Seconds this username must still wait before the next attempt is checked (0: go ahead)."""
    if not username:
        return 0
    now = now or timezone.now()
    after = getattr(settings, "LOGIN_SLOWDOWN_AFTER", 5)
    failures = SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.LOGIN_FAILED, username__iexact=username, at__gte=now - WINDOW
    )
    count = failures.count()
    if count < after:
        return 0
    last = failures.order_by("-at").values_list("at", flat=True).first()
    delay = min(2 ** (count - after + 1), getattr(settings, "LOGIN_SLOWDOWN_MAX_SECONDS", 60))
    remaining = (last + dt.timedelta(seconds=delay) - now).total_seconds()
    return max(0, int(remaining + 0.999))
