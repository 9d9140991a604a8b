import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from nastavnik.security.models import SecurityEvent


def security_events(*, organization_id: int, kind: str = "", days: int = 7) -> QuerySet[SecurityEvent]:
    """The organisation's security events of the last `days` days, newest first."""
    qs = SecurityEvent.objects.filter(organization_id=organization_id, at__gte=timezone.now() - dt.timedelta(days=days))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-at", "-pk")
