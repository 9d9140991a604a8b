from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Обработчик фоновых задач (напоминания о встречах и обратной связи, письма)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="обработать очередь и выйти")

    def handle(self, *args, batch: bool, **options) -> None:
        extra = ["--batch"] if batch else []
        call_command("db_worker", *extra)
