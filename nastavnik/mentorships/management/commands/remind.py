from django.core.management.base import BaseCommand

from nastavnik.mentorships.reminders import enqueue_due_reminders


class Command(BaseCommand):
    help = (
        "Поставить в очередь напоминания, которые пора отправить: о встречах за сутки и о незаполненных дневниках. "
        "Повторный запуск ничего не дублирует. Запускайте по расписанию (например, раз в час); письма отправляет "
        "«nastavnik worker»."
    )

    def handle(self, *args, **options) -> None:
        count = enqueue_due_reminders()
        self.stdout.write(f"Напоминаний поставлено в очередь: {count}")
