"""`nastavnik export-roster FILE --org CODE`: the people and the mentor and mentee bases to one XLSX file."""

import getpass

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nastavnik.people.management.commands.import_roster import _organization
from nastavnik.people.models import Person
from nastavnik.people.services import roster_export
from nastavnik.privacy.services import access_log_record_console
from nastavnik.security.models import SecurityEvent
from nastavnik.security.services import security_event_record


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


class Command(BaseCommand):
    requires_system_checks = []  # a file job for operators: no need to load every URL and template first
    help = "Выгрузка людей, базы наставляемых и базы наставников организации в XLSX (лист «Люди» загружается обратно)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=_("куда записать файл XLSX"))
        parser.add_argument("--org", required=True, help=_("краткий код организации (см. `nastavnik orgs`)"))
        parser.add_argument(
            "--by", default="", help=_("кто выгружает (для журнала доступа); по умолчанию — пользователь системы")
        )

    def handle(self, *args, file: str, org: str, by: str = "", **options) -> None:
        organization = _organization(org)
        operator = by.strip() or _os_user()
        try:
            counts = roster_export(organization=organization, path_or_stream=file)
        except OSError as error:
            raise CommandError(
                _("Не удалось записать «%(file)s»: %(error)s") % {"file": file, "error": error}
            ) from None
        # Every exported person's record was read: the access log names the operator (there is no login here).
        access_log_record_console(
            operator=operator,
            person_ids=Person.objects.filter(organization=organization, anonymised_at__isnull=True)
            .values_list("pk", flat=True)
            .iterator(),
            action="roster_export.console",
            command=f"nastavnik export-roster --org {organization.code}",
        )
        security_event_record(
            kind=SecurityEvent.Kind.EXPORT, organization_id=organization.pk, actor_name=operator,
            detail=_("Выгрузка списка людей организации из консоли"),
        )
        self.stdout.write(
            _(
                "Выгружено в %(file)s: людей %(people)s, запросов наставляемых %(requests)s, "
                "кандидатов в наставники %(candidates)s."
            )
            % {"file": file, **counts}
        )
