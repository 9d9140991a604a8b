from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from nastavnik.accounts.services import municipal_coordinator_create


class Command(BaseCommand):
    help = (
        "Создать муниципального координатора и его учётную запись; напечатать одноразовую ссылку (7 дней), "
        "по которой он задаёт пароль. Муниципалитет создаётся, если его ещё нет."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--municipality", required=True, help="название муниципалитета")
        parser.add_argument("--name", required=True, help="«Фамилия Имя Отчество»")
        parser.add_argument("--email", required=True, help="e-mail")

    def handle(self, *args, **options) -> None:
        try:
            account = municipal_coordinator_create(
                municipality=options["municipality"], full_name=options["name"], email=options["email"]
            )
        except ValidationError as exc:
            raise CommandError("Ничего не создано:\n  " + "\n  ".join(exc.messages), returncode=2) from exc
        self.stdout.write(f"Муниципальный координатор: {account.person.full_name}, логин {account.user.username}.")
        self.stdout.write("Ссылка, по которой он задаёт пароль (одноразовая, действует 7 дней):")
        self.stdout.write(account.link)
