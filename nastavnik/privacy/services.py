"""Writes about personal data: the access audit (consent flows arrive with intake)."""

from django.http import HttpRequest

from nastavnik.people.models import Person
from nastavnik.privacy.models import AccessLog


def access_log_record(*, request: HttpRequest, person: Person, action: str) -> AccessLog | None:
    """Log a view of someone else's record; looking at one's own record is not an access to another's data."""
    own_person_id = getattr(getattr(request.user, "person", None), "pk", None)
    if own_person_id == person.pk:
        return None
    return AccessLog.objects.create(user=request.user, person=person, action=action, path=request.path[:400])
