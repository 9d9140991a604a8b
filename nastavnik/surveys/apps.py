from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "nastavnik.surveys"
    label = "surveys"
