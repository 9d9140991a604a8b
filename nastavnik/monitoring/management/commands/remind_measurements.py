from django.core.management.base import BaseCommand

from nastavnik.monitoring.invitations import REMIND_AFTER_DAYS, reminders_send


class Command(BaseCommand):
    help = (
        f"Напомнить о незаполненных анкетах мониторинга: одно письмо с той же личной ссылкой через {REMIND_AFTER_DAYS} "
        "дн. после приглашения, пока ссылка действует. Повторный запуск ничего не дублирует. Запускайте по "
        "расписанию вместе с «nastavnik remind»."
    )

    def handle(self, *args, **options) -> None:
        count = reminders_send()
        self.stdout.write(f"Напоминаний об анкетах мониторинга отправлено: {count}")
