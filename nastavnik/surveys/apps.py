from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _install_catalog(sender, using: str = "default", **kwargs) -> None:
    """After every `migrate` (and test-database flush) the shipped questionnaires are in place and up to date."""
    from django.db import connections

    from nastavnik.surveys.models import Question
    from nastavnik.surveys.services import catalog_install

    # Migrating backwards or a partial plan may leave the tables absent: then there is nothing to install into.
    if Question._meta.db_table not in connections[using].introspection.table_names():
        return
    catalog_install()


class SurveysConfig(AppConfig):
    name = "nastavnik.surveys"
    label = "surveys"
    verbose_name = "Анкеты"

    def ready(self) -> None:
        post_migrate.connect(_install_catalog, sender=self, dispatch_uid="surveys_install_catalog")
