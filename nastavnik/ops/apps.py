from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: serving, the background worker and the demo data."""

    name = "nastavnik.ops"
    label = "ops"
