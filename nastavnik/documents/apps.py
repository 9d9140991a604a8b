from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "nastavnik.documents"
    label = "documents"
