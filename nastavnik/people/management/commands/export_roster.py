"""`nastavnik export-roster FILE --org CODE`: the people and the mentor and mentee bases to one XLSX file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nastavnik.people.management.commands.import_roster import _organization
from nastavnik.people.services import roster_export


class Command(BaseCommand):
    requires_system_checks = []  # a file job for operators: no need to load every URL and template first
    help = "Выгрузка людей, базы наставляемых и базы наставников организации в XLSX (лист «Люди» загружается обратно)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=_("куда записать файл XLSX"))
        parser.add_argument("--org", required=True, help=_("краткий код организации (см. `nastavnik orgs`)"))

    def handle(self, *args, file: str, org: str, **options) -> None:
        organization = _organization(org)
        try:
            counts = roster_export(organization=organization, path_or_stream=file)
        except OSError as error:
            raise CommandError(
                _("Не удалось записать «%(file)s»: %(error)s") % {"file": file, "error": error}
            ) from None
        self.stdout.write(
            _(
                "Выгружено в %(file)s: людей %(people)s, запросов наставляемых %(requests)s, "
                "кандидатов в наставники %(candidates)s."
            )
            % {"file": file, **counts}
        )
