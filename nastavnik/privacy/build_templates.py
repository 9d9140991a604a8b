"""Build the consent template `docx/consent.docx` from code (python-docx), reproducibly.

Run: `.venv/bin/python -m nastavnik.privacy.build_templates` (no Django needed). One template serves every
purpose: each consent is still printed as a separate document, with its own purpose, data and actions.
The context it expects is built in `documents.py` (`consent_context`); keep the two in step.

The identity document and the address are left as blank lines to fill in by hand: the law asks for them on the
paper, and the system has no reason to store them.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt

from nastavnik.documents.build_templates import (
    TEXT_WIDTH,
    C,
    J,
    L,
    bullets,
    new_document,
    para,
    reproducible_bytes,
    tab_line,
    tag,
)

OUT = Path(__file__).resolve().parent / "docx" / "consent.docx"
# One line each at 12 pt: the identity document and the address are written in by hand.
BLANK_DOCUMENT = "документ, удостоверяющий личность: ____________ серия _______ № ______________,"
BLANK_ISSUED = "выдан «___» __________ ______ г. " + "_" * 32 + ","
BLANK_ADDRESS = "адрес регистрации: " + "_" * 50 + ","
BODY_PT = 12  # a consent fits one page at 12 pt, signature included


def consent_document():
    doc = new_document()
    doc.styles["Normal"].font.size = Pt(BODY_PT)
    para(doc, ("СОГЛАСИЕ", "b"), align=C, size=14)
    para(doc, ("на обработку персональных данных", "b"), align=C)
    para(doc, "{{ heading }}", align=C, space_after=12)
    tab_line(doc, "{{ place }}", "{{ date_long }}", space_before=0)
    _subject(doc)
    para(
        doc,
        "оператору: ",
        ("{{ operator }}", "b"),
        " (далее — оператор) на обработку {{ whose_data }} на следующих условиях.",
        align=J,
    )
    para(doc, "1. Цель обработки: {{ purpose }}.", indent=True, space_before=6)
    para(doc, "2. Перечень персональных данных, на обработку которых даётся согласие:", indent=True)
    bullets(doc, "category in categories", "{{ category }}")
    para(
        doc,
        "3. Перечень действий с персональными данными: {{ actions }}. Обработка ведётся смешанным способом: "
        "с использованием средств автоматизации и без их использования.",
        indent=True,
    )
    para(doc, "4. Срок действия согласия: {{ term }}.", indent=True)
    para(doc, "5. Порядок отзыва: {{ withdrawal }}", indent=True)
    para(
        doc,
        "Права субъекта персональных данных, в том числе право получить сведения об обработке его данных "
        "и право отозвать согласие, мне разъяснены.",
        indent=True,
        space_before=6,
        keep_next=True,
    )
    _signature(doc)
    return doc


def _subject(doc) -> None:
    tag(doc, "{%p if representative %}")
    para(doc, "Я, ", ("{{ representative.name }}", "b"), ",", indent=True, space_before=12)
    _blanks(doc)
    para(
        doc,
        "являясь законным представителем ({{ representative.basis }}) несовершеннолетнего(ей) ",
        ("{{ subject.name }}", "b"),
        ", дата рождения {{ subject.birth_date }}{{ subject.class_text }} "
        "(далее — субъект персональных данных), документ, подтверждающий полномочия: "
        "______________________________, в соответствии со статьёй 9 Федерального закона от 27.07.2006 "
        "№ 152-ФЗ «О персональных данных» свободно, своей волей и в интересах представляемого даю согласие",
        indent=True,
    )
    tag(doc, "{%p else %}")
    para(
        doc,
        "Я, ",
        ("{{ subject.name }}", "b"),
        ", дата рождения {{ subject.birth_date }},",
        indent=True,
        space_before=12,
    )
    _blanks(doc)
    para(
        doc,
        "в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных» "
        "свободно, своей волей и в своём интересе даю согласие",
        indent=True,
    )
    tag(doc, "{%p endif %}")


def _blanks(doc) -> None:
    for line in (BLANK_DOCUMENT, BLANK_ISSUED, BLANK_ADDRESS):
        para(doc, line, align=L)


def _signature(doc) -> None:
    line = tab_line(doc, "{{ signed_date }}", "______________ / {{ signer }} /", space_before=24)
    line.paragraph_format.keep_with_next = True
    hint = para(doc, "(дата)", "\t", "(подпись)                    (расшифровка)", align=L, size=10)
    hint.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    tag(doc, "{%p if recorded %}")
    para(doc, ("{{ recorded }}", "i"), align=L, space_before=12, size=10)
    tag(doc, "{%p endif %}")


def build(path: Path = OUT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(reproducible_bytes(consent_document()))
    return path


if __name__ == "__main__":
    print(build())
