from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Security events (logins, refusals, exports, role changes), the proxy-aware client address and the login
    slowdown."""

    name = "nastavnik.security"
    label = "security"

    def ready(self) -> None:
        from nastavnik.security import receivers  # noqa: F401
