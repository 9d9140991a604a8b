"""`nastavnik restore FILE [--force]`: put a backup back into an empty installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nastavnik.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Восстановление из резервной копии в пустую установку (база данных и файлы var/). "
        "В непустую — только с --force: её данные будут заменены целиком."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=_("архив, записанный командой backup"))
        parser.add_argument("--force", action="store_true", help=_("заменить данные непустой установки"))

    def handle(self, *args, file: str, force: bool, **options) -> None:
        if not Path(file).is_file():
            raise CommandError(_("Файл «%(file)s» не найден.") % {"file": file})
        try:
            manifest = backup_restore(path=file, force=force)
        except BackupError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            _("Восстановлено из %(file)s (копия от %(date)s): база данных и файлов — %(count)s.")
            % {"file": file, "date": manifest["created_at"][:16].replace("T", " "), "count": len(manifest["files"])}
        )
