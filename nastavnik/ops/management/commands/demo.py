from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nastavnik.ops.demo import DEMO_PASSWORD, LOGIN_ROLES, demo_build
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person


class Command(BaseCommand):
    help = "Создать демонстрационные данные: вымышленный муниципалитет, школа, лицей, детский сад."

    def add_arguments(self, parser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--if-empty", action="store_true", help="только если в базе ещё нет организаций")
        group.add_argument("--force", action="store_true", help="удалить ВСЕ данные базы и создать демо заново")

    def handle(self, *args, if_empty: bool = False, force: bool = False, **options) -> None:
        if Organization.objects.exists():
            if if_empty:
                self.stdout.write("В базе уже есть данные — демо не создаётся.")
                self._print_logins()
                return
            if not force:
                raise CommandError("В базе уже есть данные. Чтобы пересоздать демо, запустите с --force.")
            call_command("flush", interactive=False, verbosity=0)
        logins = demo_build(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"Демо создано: {len(logins)} входов для ролей."))
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"\nДемо-входы (пароль у всех: {DEMO_PASSWORD}):")
        people = {p.user.username: p for p in Person.objects.filter(user__username__in=LOGIN_ROLES)
                  .select_related("user", "organization")}
        for username in LOGIN_ROLES:
            person = people.get(username)
            where = person.organization.short_name if person and person.organization else "муниципалитет"
            who = f"{person.short_name}, {where}" if person else "нет в базе"
            self.stdout.write(f"  {username:<13} {who}")
        self.stdout.write("Откройте http://127.0.0.1:8000 и войдите под любым из них.\n")
