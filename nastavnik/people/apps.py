from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "nastavnik.people"
    label = "people"
