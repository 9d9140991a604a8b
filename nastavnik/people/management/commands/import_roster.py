"""`nastavnik import-roster FILE --org CODE [--dry-run] [--leavers]`: load or update a roster, all or nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nastavnik.orgs.models import Organization
from nastavnik.people.roster import RosterFileError, existing_people, plan_roster, validate_roster
from nastavnik.people.services import roster_import


class Command(BaseCommand):
    requires_system_checks = []  # a file job for operators: no need to load every URL and template first
    help = (
        "Импорт списка людей из XLSX/XLS/ODS/CSV в организацию. Кто уже есть (тот же идентификатор или те же ФИО и "
        "дата рождения), обновляется; ошибки печатаются по строкам («Строка N, «Колонка»: …»), и тогда ничего не "
        "записывается (код выхода 1); --dry-run только проверяет файл; --leavers — тех, кого нет в файле, "
        "отметить выбывшими."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=_("файл XLSX, XLS, ODS или CSV"))
        parser.add_argument("--org", required=True, help=_("краткий код организации (см. `nastavnik orgs`)"))
        parser.add_argument("--dry-run", action="store_true", help=_("только проверить файл, ничего не записывать"))
        parser.add_argument(
            "--leavers",
            action="store_true",
            help=_("тех, кого нет в файле (из тех же категорий), отметить выбывшими из организации"),
        )

    def handle(self, *args, file: str, org: str, dry_run: bool, leavers: bool, **options) -> None:
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
        plan = plan_roster(parsed, existing_people(organization))
        for name in plan.no_guardian:
            self.stderr.write(
                _("Некому дать согласие (нет законного представителя): %(name)s") % {"name": name},
                style_func=self.style.WARNING,
            )
        summary = _(
            "новых %(new)s, изменённых %(changed)s, без изменений %(unchanged)s, нет в файле %(missing)s"
        ) % {"new": len(plan.new), "changed": len(plan.changed), "unchanged": len(plan.unchanged),
             "missing": len(plan.missing)}  # fmt: skip
        if dry_run:
            for change in plan.changed:
                diffs = "; ".join(f"{title}: {old or '—'} → {new}" for title, old, new in change.diffs)
                self.stdout.write(f"{change.name}: {diffs}")
            self.stdout.write(
                _("Ошибок нет. «%(org)s»: %(summary)s (проверка, ничего не записано).")
                % {"summary": summary, "org": organization.short_name}
            )
            return
        try:
            result = roster_import(organization=organization, rows=parsed.rows, headers=parsed.headers, leavers=leavers)
        except ValidationError as error:
            self._fail(error.messages, rows=len(error.messages))
        self.stdout.write(
            _(
                "Загружено в «%(org)s»: новых людей %(created)s, обновлено %(updated)s, без изменений %(unchanged)s, "
                "выбыло %(left)s."
            )
            % {
                "org": organization.short_name,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "left": result.left,
            }
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
