from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "nastavnik.intake"
    label = "intake"
