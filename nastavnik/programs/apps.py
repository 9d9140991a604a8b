from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _install_catalog(sender, using: str = "default", **kwargs) -> None:
    """A fresh database always has the forms and role models: installed after every migrate (idempotent)."""
    from django.db import connections

    from nastavnik.programs.models import MentoringForm, RoleModel
    from nastavnik.programs.services import catalog_install

    # After `migrate programs zero` the tables are gone: nothing to install into.
    tables = set(connections[using].introspection.table_names())
    if {MentoringForm._meta.db_table, RoleModel._meta.db_table} <= tables:
        catalog_install()


class ProgramsConfig(AppConfig):
    name = "nastavnik.programs"
    label = "programs"

    def ready(self) -> None:
        post_migrate.connect(_install_catalog, sender=self, dispatch_uid="programs_catalog_install")
