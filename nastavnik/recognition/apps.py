from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "nastavnik.recognition"
    label = "recognition"
