from django.core.exceptions import PermissionDenied

from nastavnik.security.models import SecurityEvent
from nastavnik.security.services import security_event_record


class RefusalLogMiddleware:
    """Every permission refusal (403 from `policy.require`) becomes a security event: who tried what, from where."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            security_event_record(
                kind=SecurityEvent.Kind.REFUSED, request=request, detail=f"{request.method} {str(exception)[:300]}"
            )
        return None
