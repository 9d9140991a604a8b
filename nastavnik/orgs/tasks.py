"""Background tasks of the organisations app (Django's task framework, run by `nastavnik worker`)."""

from django.tasks import task
from django.utils import timezone


@task()
def expire_appointments() -> int:
    """Roles whose appointment ended before today stop; queued every hour by `nastavnik remind`."""
    from nastavnik.orgs.services import appointments_expire

    return appointments_expire(today=timezone.localdate())
