from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "nastavnik.recognition"
    label = "recognition"

    def ready(self) -> None:
        from nastavnik.recognition.questionnaires import SPECS
        from nastavnik.surveys.catalog import register

        # The pair's final questionnaires join the catalogue, so `migrate` installs them with the others.
        for spec in SPECS.values():
            register(spec)
