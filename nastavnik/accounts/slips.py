"""The printed slips: one per person, grouped by class, as DOCX (and PDF through LibreOffice when it is there)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from nastavnik.accounts.services import Slip
from nastavnik.documents.rendering import PdfError, docx_to_pdf, render_docx

TEMPLATE = Path(__file__).resolve().parent / "docx" / "slips.docx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def _class_key(slip: Slip) -> tuple:
    school_class = slip.person.school_class
    return (school_class == "", len(school_class), school_class)


def slips_context(slips: Sequence[Slip]) -> dict:
    ordered = sorted(slips, key=lambda s: (*_class_key(s), s.person.last_name, s.person.first_name))
    groups = []
    for _key, items in groupby(ordered, key=_class_key):
        items = list(items)
        school_class = items[0].person.school_class
        groups.append(
            {
                "title": _("класс %(c)s") % {"c": school_class} if school_class else _("без класса"),
                "slips": [
                    {
                        "name": s.person.full_name,
                        "detail": f", {s.person.school_class}" if s.person.school_class else "",
                        "login": s.login,
                        "password": s.password,
                    }
                    for s in items
                ],
            }
        )
    org = next((s.person.organization for s in ordered if s.person.organization), None)
    return {"org": org.short_name if org else "", "site": settings.SITE_URL, "groups": groups}


def slips_docx(slips: Sequence[Slip]) -> bytes:
    return render_docx(template=TEMPLATE, context=slips_context(slips))


def slips_file(slips: Sequence[Slip], *, want_pdf: bool = True) -> tuple[bytes, str, str]:
    """(content, file name, content type): PDF when asked and LibreOffice is there, DOCX otherwise."""
    docx = slips_docx(slips)
    if want_pdf:
        try:
            return docx_to_pdf(docx=docx), _("листки-входа") + ".pdf", PDF
        except PdfError:
            pass  # no LibreOffice here: the same document as DOCX
    return docx, _("листки-входа") + ".docx", DOCX
