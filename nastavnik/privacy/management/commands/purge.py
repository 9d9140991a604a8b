import datetime as dt
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nastavnik.documents.rendering import PdfError, pdf_available
from nastavnik.privacy.destruction_act import act_number, act_records, destruction_act_docx, destruction_act_pdf
from nastavnik.privacy.models import DestructionRecord
from nastavnik.privacy.purge import purge_run


class Command(BaseCommand):
    help = (
        "Уничтожить (обезличить) данные тех, кто отозвал согласие или у кого истёк срок согласия, "
        "по прошествии PURGE_AFTER_DAYS дней; составляется акт уничтожения (DOCX, и PDF при LibreOffice) на подпись "
        "комиссии. --by «Фамилия И. О.» — ответственный за уничтожение (или переменная PURGE_RESPONSIBLE)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="показать, что будет сделано, ничего не меняя")
        parser.add_argument("--today", help="считать сегодняшней эту дату (ГГГГ-ММ-ДД), для проверки")
        parser.add_argument("--by", default="", help="ФИО ответственного за уничтожение: оно войдёт в акт")

    def handle(self, *args, dry_run: bool = False, today: str | None = None, by: str = "", **options) -> None:
        day = _parse_day(today)
        responsible = (by or os.environ.get("PURGE_RESPONSIBLE", "")).strip()
        if not responsible and not dry_run:
            raise CommandError(
                'Укажите ответственного за уничтожение: nastavnik purge --by "Фамилия Имя Отчество" '
                "(или переменная окружения PURGE_RESPONSIBLE). Его ФИО войдёт в акт уничтожения."
            )
        results = purge_run(today=day, performed_by=responsible or "—", dry_run=dry_run)
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
        if dry_run:
            self.stdout.write(f"Всего: {len(results)}. Пробный запуск: ничего не изменено.")
            return
        for path in _write_acts(results):
            self.stdout.write(f"Акт уничтожения для подписи комиссией: {path}")
        self.stdout.write(f"Всего: {len(results)}. Акты уничтожения составлены.")


def _write_acts(results) -> list[Path]:
    """One act per organisation of this run, under MEDIA_ROOT/acts/ (kept with the backups of var/)."""
    refs = [r.person_ref for r in results]
    latest = DestructionRecord.objects.filter(person_ref__in=refs).order_by("-performed_at", "-pk")
    folder = Path(settings.MEDIA_ROOT) / "acts"
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[tuple] = set()
    paths = []
    for record in latest:
        key = (record.organization_id, record.organization_name, record.performed_at)
        if key in seen or record.performed_at != latest[0].performed_at:
            continue
        seen.add(key)
        records = act_records(record)
        stem = f"akt-unichtozheniya-{act_number(records)}"
        docx_path = folder / f"{stem}.docx"
        docx_path.write_bytes(destruction_act_docx(records))
        paths.append(docx_path)
        if pdf_available():
            try:
                (folder / f"{stem}.pdf").write_bytes(destruction_act_pdf(records))
                paths.append(folder / f"{stem}.pdf")
            except PdfError:
                pass  # the DOCX is the act; a PDF is a convenience
    return paths


def _parse_day(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError("Дата в формате ГГГГ-ММ-ДД, например 2026-12-31") from exc
