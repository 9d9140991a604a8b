from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "nastavnik.intake"
    label = "intake"

    def ready(self) -> None:
        # Consent withdrawal takes a person out of the bases (privacy sends the signal, intake answers it).
        from nastavnik.intake import receivers  # noqa: F401
