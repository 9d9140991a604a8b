from django.core.management.base import BaseCommand

from nastavnik.mentorships.reminders import enqueue_due_reminders
from nastavnik.orgs.tasks import expire_appointments


class Command(BaseCommand):
    help = (
        "Поставить в очередь напоминания, которые пора отправить: о встречах за сутки и о незаполненных дневниках, "
        "и окончание назначений (координатор, кураторы…), срок которых прошёл. Повторный запуск ничего не "
        "дублирует. Запускайте по расписанию (например, раз в час); письма и окончание назначений выполняет "
        "«nastavnik worker»."
    )

    def handle(self, *args, **options) -> None:
        count = enqueue_due_reminders()
        self.stdout.write(f"Напоминаний поставлено в очередь: {count}")
        # Roles of appointments whose end date has passed stop in the worker; the policy ignores them already.
        expire_appointments.enqueue()
        self.stdout.write("Окончание назначений с прошедшим сроком поставлено в очередь")
