from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "nastavnik.api"
    label = "api"
    verbose_name = "REST API"
