"""The act of destruction of personal data (акт об уничтожении персональных данных) for the commission to sign.

One act per organisation and purge run (the register rows that share `performed_at`), built from the register's
own data: the subjects by their anonymised number (their names are what was destroyed), the categories destroyed,
the reason, the way it was done, the responsible person (`performed_by`: the operator's `--by`), and blank lines for
the commission's signatures. DOCX always; PDF where LibreOffice is installed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from nastavnik.documents.rendering import docx_to_pdf
from nastavnik.documents.ru import date_long
from nastavnik.privacy.models import DestructionRecord

TOOL = "nastavnik purge"
COMMISSION_MEMBERS = 2


def act_records(record: DestructionRecord) -> list[DestructionRecord]:
    """The rows of the run `record` belongs to, in its organisation."""
    return list(
        DestructionRecord.objects.filter(
            organization_id=record.organization_id,
            organization_name=record.organization_name,
            performed_at=record.performed_at,
        ).order_by("pk")
    )


def act_number(records: Sequence[DestructionRecord]) -> str:
    first = records[0]
    return f"{timezone.localtime(first.performed_at):%Y%m%d}-{first.pk}"


def destruction_act_docx(records: Sequence[DestructionRecord]) -> bytes:
    first = records[0]
    when = timezone.localtime(first.performed_at)
    doc = Document()
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(12)
    _para(doc, first.organization_name or _("Организация не указана"), center=True)
    _para(doc, _("АКТ № %(number)s") % {"number": act_number(records)}, center=True, bold=True, space_before=12)
    _para(doc, _("об уничтожении персональных данных"), center=True, bold=True)
    _para(doc, date_long(when.date()), center=False, space_before=12)
    _para(
        doc,
        _(
            "Комиссия в составе: председатель комиссии ______________________________, члены комиссии "
            "______________________________, ______________________________ составила настоящий акт о том, что "
            "%(date)s в %(time)s в информационной системе «Наставник» уничтожены персональные данные "
            "субъектов, перечисленных ниже (%(count)s), — без возможности восстановления."
        )
        % {"date": f"{when:%d.%m.%Y}", "time": f"{when:%H:%M}", "count": len(records)},
        space_before=12,
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        [_("№"), _("Субъект (обезличенный номер)"), _("Уничтоженные категории персональных данных"), _("Основание")],
        strict=True,
    ):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for index, record in enumerate(records, start=1):
        cells = table.add_row().cells
        cells[0].text = str(index)
        cells[1].text = record.person_ref
        cells[2].text = "; ".join(str(c) for c in record.categories)
        cells[3].text = record.reason
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(1), Cm(3.5), Cm(8.5), Cm(4)), strict=True):
            cell.width = width
    _para(
        doc,
        _(
            "Способ уничтожения: удаление и обезличивание записей в базе данных информационной системы «Наставник» "
            "программным средством (команда «%(tool)s»); сведения о субъекте в реестре уничтожения сохранены только "
            "под обезличенным номером."
        )
        % {"tool": TOOL},
        space_before=12,
    )
    _para(
        doc,
        _("Ответственный за уничтожение: %(who)s  ______________ (подпись)") % {"who": first.performed_by},
        space_before=12,
    )
    _para(doc, _("Председатель комиссии: ______________ / ______________________________"), space_before=18)
    for _i in range(COMMISSION_MEMBERS):
        _para(doc, _("Член комиссии: ______________ / ______________________________"), space_before=12)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def destruction_act_pdf(records: Sequence[DestructionRecord]) -> bytes:
    """PDF through LibreOffice; raises documents.rendering.PdfUnavailable where it is not installed."""
    return docx_to_pdf(docx=destruction_act_docx(records))


def _para(doc, text: str, *, center: bool = False, bold: bool = False, space_before: int = 0) -> None:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
