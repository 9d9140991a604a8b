from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: serving, the background worker and the demo data."""

    name = "nastavnik.ops"
    label = "ops"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from nastavnik import freshness

        # Every connection of every process watches its writes and renews the data versions (freshness.py).
        connection_created.connect(freshness.install, dispatch_uid="nastavnik.freshness.install")
