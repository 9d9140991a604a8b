"""Certificates (грамоты) and thank-you letters (благодарственные письма), DOCX and PDF, with declined names.

A thank-you letter goes to the mentor, and for a pupil mentor also to each parent (seed 002: «благодарственные
письма родителям наставников-обучающихся»). Names are declined with petrovich (dative: «Ивановой Марии Петровне»).
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from petrovich import Case, Gender

from nastavnik.documents.builders import signer_snapshot
from nastavnik.documents.rendering import docx_to_pdf, pdf_available
from nastavnik.documents.ru import date_long
from nastavnik.people.models import Person
from nastavnik.people.names import decline_full_name, gender_of
from nastavnik.recognition.models import Application, FestivalAward

KINDS = {"certificate", "letter", "parents"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
def _recipients(application: Application, kind: str) -> list[tuple[Person, Person | None]]:
    """(addressee, pupil mentor the letter thanks the parent for) pairs."""
    people = []
    if application.person_id:
        people.append(application.person)
    elif application.mentorship_id:
        people.append(application.mentorship.mentor)
    if kind != "parents":
        return [(p, None) for p in people]
    out = []
    for child in people:
        if child.category != Person.Category.PUPIL:
            continue
        for link in child.guardians.select_related("guardian"):
            out.append((link.guardian, child))
    return out


def render(*, application: Application, kind: str, fmt: str) -> tuple[bytes, str, str]:
    contest = application.nomination.contest
    if application.place is None and kind == "certificate":
        raise ValidationError(_("Грамота — победителям и призёрам; у этой заявки нет места"))
    recipients = _recipients(application, kind)
    if not recipients:
        raise ValidationError(
            _("Некому адресовать: у наставника нет родителей в системе") if kind == "parents"
            else _("Грамоту и письмо оформляют на человека или наставника пары")
        )
    org = contest.organization
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    for index, (person, child) in enumerate(recipients):
        if index:
            doc.add_page_break()
        _centered(doc, org.name, size=12)
        title = {"certificate": _("ГРАМОТА"), "letter": _("БЛАГОДАРСТВЕННОЕ ПИСЬМО"),
                 "parents": _("БЛАГОДАРСТВЕННОЕ ПИСЬМО")}[kind]
        _centered(doc, title, size=28, bold=True)
        if kind == "certificate":
            _centered(doc, _("награждается"))
            _centered(doc, person.full_name, size=20, bold=True)
            _centered(doc, _("за %(place)s место в номинации «%(n)s» конкурса «%(c)s»")
                      % {"place": application.place, "n": application.nomination.title, "c": contest.title})
        elif kind == "letter":
            _centered(doc, _("Выражаем благодарность"))
            _centered(doc, decline_full_name(person, Case.DATIVE), size=20, bold=True)
            _centered(doc, _("за участие в конкурсе «%(c)s» в номинации «%(n)s» и вклад в развитие наставничества")
                      % {"c": contest.title, "n": application.nomination.title})
        else:
            _centered(doc, _("Выражаем благодарность"))
            _centered(doc, decline_full_name(person, Case.DATIVE), size=20, bold=True)
            child_name = decline_full_name(child, Case.GENITIVE)
            word = _("дочери") if gender_of(child) == Gender.FEMALE else _("сына")
            _centered(doc, _("за воспитание %(word)s, %(child)s, — наставника, участника конкурса «%(c)s»")
                      % {"word": word, "child": child_name, "c": contest.title})
        doc.add_paragraph()
        _centered(doc, _signature_line(org), size=12)
        _centered(doc, date_long(contest.results_order.date) if contest.results_order_id else "", size=12)
    buffer = io.BytesIO()
    doc.save(buffer)
    content = buffer.getvalue()
    base = {"certificate": "gramota", "letter": "blagodarnost", "parents": "blagodarnost-roditelyam"}[kind]
    filename = f"{base}-{application.code}.{fmt}"
    if fmt == "pdf":
        if not pdf_available():
            raise ValidationError(_("PDF недоступен: на сервере нет LibreOffice. Скачайте DOCX."))
        return docx_to_pdf(docx=content), filename, "application/pdf"
    return content, filename, DOCX


def _award_recipients(award: FestivalAward) -> list[tuple[Person, Person | None]]:
    """A person, or each member of the pair (mentor and mentee); a parents' letter goes to each parent."""
    if award.person_id:
        people = [award.person]
    else:
        people = [p for p in (award.mentorship.mentor, award.mentorship.mentee) if p is not None]
    if award.kind != FestivalAward.Kind.PARENTS:
        return [(p, None) for p in people]
    return [(link.guardian, child) for child in people for link in child.guardians.select_related("guardian")]


def render_award(*, award: FestivalAward, fmt: str) -> tuple[bytes, str, str]:
    """The certificate or letter of one festival award, one page per recipient, dated by the reward order."""
    festival = award.festival
    recipients = _award_recipients(award)
    if not recipients:
        raise ValidationError(_("Некому адресовать: у наставника нет родителей в системе"))
    doc = _new_document()
    for index, (person, child) in enumerate(recipients):
        if index:
            doc.add_page_break()
        _centered(doc, festival.organization.name, size=12)
        if award.kind == FestivalAward.Kind.CERTIFICATE:
            _centered(doc, _("ГРАМОТА"), size=28, bold=True)
            _centered(doc, _("награждается"))
            _centered(doc, person.full_name, size=20, bold=True)
            application = award.application
            if application is not None and application.place:
                # Same words as the contest's own certificate, not «за «Наставник года», 1 место».
                _centered(doc, _("за %(place)s место в номинации «%(n)s» конкурса «%(c)s»")
                          % {"place": application.place, "n": application.nomination.title,
                             "c": application.nomination.contest.title})
            else:
                _centered(doc, _("за %(what)s") % {"what": _lower_first(award.title)})
        else:
            _centered(doc, _("БЛАГОДАРСТВЕННОЕ ПИСЬМО"), size=28, bold=True)
            _centered(doc, _("Выражаем благодарность"))
            _centered(doc, decline_full_name(person, Case.DATIVE), size=20, bold=True)
            if child is None:
                _centered(doc, _("за %(what)s и вклад в развитие наставничества")
                          % {"what": _lower_first(award.title)})
            else:
                word = _("дочери") if gender_of(child) == Gender.FEMALE else _("сына")
                _centered(doc, _("за воспитание %(word)s, %(child)s, — наставника: %(what)s")
                          % {"word": word, "child": decline_full_name(child, Case.GENITIVE), "what": award.title})
        if "«" in festival.title:  # «Фестиваль наставничества «Вместе к успеху»» would nest the quotes
            _centered(doc, festival.title, size=12)
        else:
            _centered(doc, _("Итоговое мероприятие «%(t)s»") % {"t": festival.title}, size=12)
        doc.add_paragraph()
        _centered(doc, _signature_line(festival.organization), size=12)
        day = festival.reward_order.date if festival.reward_order_id else festival.held_on
        _centered(doc, date_long(day), size=12)
    buffer = io.BytesIO()
    doc.save(buffer)
    base = {"certificate": "gramota", "letter": "blagodarnost", "parents": "blagodarnost-roditelyam"}[award.kind]
    return _finish(buffer.getvalue(), f"{base}-{festival.pk}-{award.pk}.{fmt}", fmt)


def _signature_line(org) -> str:
    """«Директор ________________ Е. В. Смирнова»: who signs, as on the organisation's orders."""
    try:
        signer = signer_snapshot(org, None)
    except ValidationError:  # no head appointed yet: leave the line for a hand-written name
        return _("Руководитель организации ________________")
    return f"{signer['position']} ________________ {signer['name']}"


def _lower_first(text: str) -> str:
    """«Наставник года» stays capitalised inside quotes; a plain phrase after «за» starts in lower case."""
    return text if not text or text[0] in "«\"" or text[:2].isupper() else text[0].lower() + text[1:]


def _new_document():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    return doc


def _finish(content: bytes, filename: str, fmt: str) -> tuple[bytes, str, str]:
    if fmt == "pdf":
        if not pdf_available():
            raise ValidationError(_("PDF недоступен: на сервере нет LibreOffice. Скачайте DOCX."))
        return docx_to_pdf(docx=content), filename, "application/pdf"
    return content, filename, DOCX


def _centered(doc, text: str, *, size: int = 14, bold: bool = False) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
