from django.apps import AppConfig


class MunicipalConfig(AppConfig):
    name = "nastavnik.municipal"
    label = "municipal"
    verbose_name = "Муниципальный контур"

