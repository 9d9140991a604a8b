"""Writing security events. Services know no request beyond what the event needs: who, from where, which page."""

from __future__ import annotations

from nastavnik.security.client import client_ip
from nastavnik.security.models import SecurityEvent


def _person_of(user):
    return getattr(user, "person", None) if user is not None and getattr(user, "is_authenticated", False) else None


def security_event_record(
    *,
    kind: str,
    request=None,
    user=None,
    username: str = "",
    organization_id: int | None = None,
    detail: str = "",
    actor_name: str = "",
) -> SecurityEvent:
    """One event. `user` defaults to the request's user; the organisation to the person's own one."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    person = _person_of(user)
    if person is not None and organization_id is None:
        organization_id = person.organization_id
    if user is not None and getattr(user, "is_authenticated", False):
        username = username or user.get_username()
        actor_name = actor_name or (person.short_name if person is not None else user.get_username())
    return SecurityEvent.objects.create(
        kind=kind,
        user_id=user.pk if user is not None and getattr(user, "pk", None) else None,
        username=username[:150],
        actor_name=actor_name[:300],
        organization_id=organization_id,
        ip=client_ip(request) if request is not None else "",
        path=request.path[:400] if request is not None else "",
        detail=detail[:1000],
    )
