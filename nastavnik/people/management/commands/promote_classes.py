"""`nastavnik promote-classes --org CODE [--leave 9А,9Б] [--dry-run]`: the year-end move to the next class."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nastavnik.people.management.commands.import_roster import _organization
from nastavnik.people.services import classes_promote, classes_promotion_plan


class Command(BaseCommand):
    requires_system_checks = []
    help = "Перевод в следующий класс: 7А → 8А, 11 классы (и указанные 9) — выпускники. Один раз в учебный год."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help=_("краткий код организации (см. `nastavnik orgs`)"))
        parser.add_argument("--leave", default="", help=_("9 классы, которые выпускаются, через запятую: 9А,9Б"))
        parser.add_argument("--dry-run", action="store_true", help=_("только показать, ничего не менять"))

    def handle(self, *args, org: str, leave: str, dry_run: bool, **options) -> None:
        organization = _organization(org)
        leaving = [c.strip() for c in leave.split(",") if c.strip()]
        plan = classes_promotion_plan(organization=organization, leaving_nines=leaving)
        for old, new, count in plan.moves:
            self.stdout.write(f"{old} → {new}: {count}")
        for old, count in plan.graduates:
            self.stdout.write(_("%(cls)s → выпускники: %(n)s") % {"cls": old, "n": count})
        if dry_run:
            return
        try:
            plan = classes_promote(organization=organization, leaving_nines=leaving)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            _("Переведено учеников: %(moved)s; выпускников: %(graduated)s.")
            % {"moved": plan.moved, "graduated": plan.graduated}
        )
