from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "nastavnik.programs"
    label = "programs"
