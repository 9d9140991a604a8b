from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "nastavnik.dashboard"
    label = "dashboard"
