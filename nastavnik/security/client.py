"""The client's address, aware of the reverse proxies in front of the application.

Behind nginx every request comes from the proxy's address; the client is in X-Forwarded-For. Only the entries the
trusted proxies appended can be believed (a client may send any X-Forwarded-For it likes), so with
`TRUSTED_PROXY_COUNT = N` the client is the N-th entry from the right. Without proxies (N = 0) it is REMOTE_ADDR.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        # Fewer entries than proxies: the request did not come through all of them; trust only the socket.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
