"""nastavnik municipal-export FILE.xlsx [--municipality NAME]: the statistics workbook of a municipality."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nastavnik.municipal import exports, selectors
from nastavnik.orgs.models import Municipality


class Command(BaseCommand):
    help = "Статистические формы муниципалитета в XLSX (малые числа скрыты)"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--municipality", default="", help="название муниципалитета (если их несколько)")
        parser.add_argument("--year", type=int, default=None, help="год начала учебного года")

    def handle(self, *args, file: str, municipality: str, year: int | None, **options):
        municipalities = Municipality.objects.all()
        if municipality:
            municipalities = municipalities.filter(name=municipality)
        found = list(municipalities[:2])
        if not found:
            raise CommandError(f"Муниципалитет «{municipality}» не найден." if municipality else "Муниципалитетов нет.")
        if len(found) > 1:
            names = ", ".join(Municipality.objects.values_list("name", flat=True))
            raise CommandError(f"Муниципалитетов несколько, укажите --municipality одним из: {names}")
        year = year or selectors.school_year_of(timezone.localdate())
        Path(file).write_bytes(exports.workbook_bytes(municipality=found[0], year=year))
        self.stdout.write(f"Записано: {file} ({found[0].name}, {year}/{year + 1})")
