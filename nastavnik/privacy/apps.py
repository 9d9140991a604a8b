from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "nastavnik.privacy"
    label = "privacy"
