from django.apps import AppConfig


class OrgsConfig(AppConfig):
    verbose_name = "Организации"
    name = "nastavnik.orgs"
    label = "orgs"
