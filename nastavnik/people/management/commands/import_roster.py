"""`nastavnik import-roster FILE --org CODE [--dry-run]`: load a roster from the command line, all or nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nastavnik.orgs.models import Organization
from nastavnik.people.roster import RosterFileError, validate_roster
from nastavnik.people.services import roster_import


class Command(BaseCommand):
    requires_system_checks = []  # a file job for operators: no need to load every URL and template first
    help = (
        "Импорт списка людей из XLSX/CSV в организацию. Ошибки печатаются по строкам («Строка N, «Колонка»: …»), "
        "и тогда ничего не записывается (код выхода 1); --dry-run только проверяет файл."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=_("файл XLSX или CSV"))
        parser.add_argument("--org", required=True, help=_("краткий код организации (см. `nastavnik orgs`)"))
        parser.add_argument("--dry-run", action="store_true", help=_("только проверить файл, ничего не записывать"))

    def handle(self, *args, file: str, org: str, dry_run: bool, **options) -> None:
        organization = _organization(org)
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Файл «%(file)s» не найден.") % {"file": file})
        try:
            parsed = validate_roster(path, organization)
        except RosterFileError as error:
            raise CommandError(error.message) from None
        for warning in parsed.warnings:
            self.stderr.write(_("Предупреждение: %(text)s") % {"text": warning}, style_func=self.style.WARNING)
        if not parsed.ok:
            self._fail([str(problem) for problem in parsed.errors], rows=len({p.line for p in parsed.errors}))
        if dry_run:
            self.stdout.write(
                _("Ошибок нет. Людей к загрузке в «%(org)s»: %(count)s (проверка, ничего не записано).")
                % {"count": len(parsed.rows), "org": organization.short_name}
            )
            return
        try:
            count = roster_import(organization=organization, rows=parsed.rows)
        except ValidationError as error:
            self._fail(error.messages, rows=len(error.messages))
        self.stdout.write(
            _("Загружено людей: %(count)s в «%(org)s».") % {"count": count, "org": organization.short_name}
        )

    def _fail(self, messages: list[str], *, rows: int) -> None:
        for message in messages:
            self.stderr.write(message)
        raise CommandError(
            _("Файл не загружен: ошибок %(errors)s (строк с ошибками: %(rows)s); в базу ничего не записано.")
            % {"errors": len(messages), "rows": rows}
        )


def _organization(code: str) -> Organization:
    organization = Organization.objects.filter(code=code).first()
    if organization is None:
        raise CommandError(
            _("Организация с кодом «%(code)s» не найдена. Коды организаций показывает `nastavnik orgs`.")
            % {"code": code}
        )
    return organization
