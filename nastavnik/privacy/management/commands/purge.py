import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nastavnik.privacy.purge import PERFORMED_BY_COMMAND, purge_run


class Command(BaseCommand):
    help = (
        "Уничтожить (обезличить) данные тех, кто отозвал согласие или у кого истёк срок согласия, "
        "по прошествии PURGE_AFTER_DAYS дней; по каждому человеку составляется акт уничтожения."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="показать, что будет сделано, ничего не меняя")
        parser.add_argument("--today", help="считать сегодняшней эту дату (ГГГГ-ММ-ДД), для проверки")

    def handle(self, *args, dry_run: bool = False, today: str | None = None, **options) -> None:
        day = _parse_day(today)
        results = purge_run(today=day, performed_by=PERFORMED_BY_COMMAND, dry_run=dry_run)
        days = settings.PURGE_AFTER_DAYS
        if not results:
            self.stdout.write(f"Нет данных к уничтожению (срок после отзыва или истечения согласия — {days} дн.).")
            return
        verb = "Будет уничтожено" if dry_run else "Уничтожено"
        for r in results:
            how = "обезличен" if r.anonymised else "личная карточка сохранена (сотрудник или представитель)"
            self.stdout.write(f"{verb}: {r.person_ref} ({r.organization_name or 'без организации'}), {how}")
            for category in r.categories:
                self.stdout.write(f"  — {category}")
        tail = "Пробный запуск: ничего не изменено." if dry_run else "Акты уничтожения составлены."
        self.stdout.write(f"Всего: {len(results)}. {tail}")


def _parse_day(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError("Дата в формате ГГГГ-ММ-ДД, например 2026-12-31") from exc
