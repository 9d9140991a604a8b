import time

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
        parser.add_argument("--scale", help="region — вымышленный регион из 1000 организаций; число — столько "
                            "организаций (добавляется к демо; входы region_curator и др., пароль demo)")
        parser.add_argument("--seed", type=int, default=1, help="зерно генератора для --scale (по умолчанию 1)")

    def handle(self, *args, if_empty: bool = False, force: bool = False, scale: str | None = None, seed: int = 1,
               **options) -> None:
        if scale is not None:
            self._region(scale, seed)
            return
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

    def _region(self, scale: str, seed: int) -> None:
        from nastavnik.ops.region import REGION_ORGANIZATIONS, region_build

        if scale == "region":
            organizations = REGION_ORGANIZATIONS
        elif scale.isdigit() and int(scale) > 0:
            organizations = int(scale)
        else:
            raise CommandError("--scale: укажите region или число организаций, например --scale 50.")
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  организаций: {done} из {total} ({time.monotonic() - started:.0f} с)")

        counts = region_build(organizations=organizations, seed=seed, today=timezone.localdate(), progress=progress)
        summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Регион создан за {time.monotonic() - started:.0f} с. {summary}"))

    def _print_logins(self) -> None:
        self.stdout.write(f"\nДемо-входы (пароль у всех: {DEMO_PASSWORD}):")
        people = {
            p.user.username: p
            for p in Person.objects.filter(user__username__in=LOGIN_ROLES).select_related("user", "organization")
        }
        for username in LOGIN_ROLES:
            person = people.get(username)
            where = person.organization.short_name if person and person.organization else "муниципалитет"
            who = f"{person.short_name}, {where}" if person else "нет в базе"
            self.stdout.write(f"  {username:<13} {who}")
        self.stdout.write("Откройте http://127.0.0.1:8000 и войдите под любым из них.\n")
