"""`nastavnik backup FILE`: the database and the files under var/ in one archive (see `nastavnik.ops.backup`)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nastavnik.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    requires_system_checks = []
    help = "Резервная копия: база данных и файлы из var/ (загрузки, документы) в один архив .tar.gz."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=_("куда записать архив, например /backup/nastavnik-2026-12-06.tar.gz"))

    def handle(self, *args, file: str, **options) -> None:
        try:
            manifest = backup_create(path=file)
        except BackupError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            _("Резервная копия записана в %(file)s: база данных и файлов — %(count)s.")
            % {"file": file, "count": len(manifest["files"])}
        )
