from django.core.management.base import BaseCommand

from nastavnik.orgs.models import Organization


class Command(BaseCommand):
    help = "Список организаций: краткий код, тип, муниципалитет, название — по одной на строку."

    def handle(self, *args, **options) -> None:
        for org in Organization.objects.select_related("municipality").order_by("code"):
            self.stdout.write(f"{org.code}\t{org.get_kind_display()}\t{org.municipality.name}\t{org.name}")
