from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Обработчик фоновых задач (напоминания о встречах и обратной связи, письма)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="обработать очередь и выйти")

    def handle(self, *args, batch: bool, **options) -> None:
        if settings.TASKS["default"]["BACKEND"].endswith("CeleryBackend"):
            from nastavnik.ops.celery_app import app
            from nastavnik.ops.celery_backend import queue_for

            queues = ",".join(queue_for(name) for name in settings.TASKS["default"].get("QUEUES", ["default"]))
            app.worker_main(["worker", "--loglevel=INFO", f"--queues={queues}", "--concurrency=2"])
            return
        extra = ["--batch"] if batch else []
        call_command("db_worker", *extra)
