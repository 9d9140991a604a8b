from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from nastavnik.accounts.services import organization_create
from nastavnik.orgs.models import Organization


class Command(BaseCommand):
    help = (
        "Создать организацию, её руководителя и его учётную запись; напечатать одноразовую ссылку (7 дней), "
        "по которой руководитель задаёт пароль. Муниципалитет создаётся, если его ещё нет."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="краткий код латиницей, например school7")
        parser.add_argument("--name", required=True, help="полное наименование")
        parser.add_argument("--short", required=True, help="краткое название, например «СОШ № 7»")
        parser.add_argument("--kind", required=True, help="|".join(Organization.Kind.values))
        parser.add_argument("--municipality", required=True, help="название муниципалитета")
        parser.add_argument("--director", required=True, help="«Фамилия Имя Отчество» руководителя")
        parser.add_argument("--email", required=True, help="e-mail руководителя")

    def handle(self, *args, **options) -> None:
        try:
            org, account = organization_create(
                code=options["code"],
                name=options["name"],
                short_name=options["short"],
                kind=options["kind"],
                municipality=options["municipality"],
                director=options["director"],
                email=options["email"],
            )
        except ValidationError as exc:
            raise CommandError("Ничего не создано:\n  " + "\n  ".join(exc.messages), returncode=2) from exc
        self.stdout.write(f"Создана организация {org.short_name} ({org.code}), муниципалитет {org.municipality}.")
        self.stdout.write(f"Руководитель: {account.person.full_name}, логин {account.user.username}.")
        self.stdout.write("Ссылка, по которой руководитель задаёт пароль (одноразовая, действует 7 дней):")
        self.stdout.write(account.link)
