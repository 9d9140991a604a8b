"""Build the DOCX templates in `docx/` from code, so the binary templates are reproducible and reviewable.

Run: `.venv/bin/python -m nastavnik.documents.build_templates` (no Django needed). The output is byte-for-byte
the same on every run (fixed document properties and zip timestamps), so a diff in git means a real change.

The templates hold docxtpl (Jinja) tags: `{{ … }}` for values, `{%p … %}` paragraph-level and `{%tr … %}` table
row-level loops. Layout follows Russian organisational paperwork (ГОСТ Р 7.0.97-2016 in spirit): A4,
Times New Roman 14, left margin 3 cm, the organisation's name, «ПРИКАЗ», date and number on one line, place,
title, preamble «В соответствии с …», «ПРИКАЗЫВАЮ:», numbered items, the signature, «С приказом ознакомлены:»
and appendices as tables.

The context every order template expects is built in `builders.py`; keep the two in step.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT_DIR = Path(__file__).resolve().parent / "docx"
FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
LEFT, RIGHT, TOP, BOTTOM = Cm(3), Cm(1.5), Cm(2), Cm(2)
TEXT_WIDTH = Cm(21 - 3 - 1.5)
INDENT = Cm(1.25)
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

J = WD_ALIGN_PARAGRAPH.JUSTIFY
C = WD_ALIGN_PARAGRAPH.CENTER
R = WD_ALIGN_PARAGRAPH.RIGHT
L = WD_ALIGN_PARAGRAPH.LEFT


# --- primitives --------------------------------------------------------------------------------------------------


def new_document(title: str = "Приказ № {{ number|safe }} «{{ title|safe }}»"):
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    # Cyrillic is rendered with the hAnsi/cs fonts in Word; set them all so nothing falls back to Calibri.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    props = doc.core_properties
    props.author = props.last_modified_by = "Наставник"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    # Rendered by docxtpl like the body: the title shows in file properties and becomes the PDF's /Title.
    props.title = title  # |safe: python-docx escapes property text itself
    props.comments = "Сформировано системой «Наставник»"
    return doc


def para(
    container,
    *runs: str | tuple[str, str],
    align=J,
    indent: bool = False,
    size: int | None = None,
    space_before: int = 0,
    space_after: int = 0,
    keep_next: bool = False,
):
    """A paragraph from runs: a plain string, or (text, "b"/"i"/"bi") for bold/italic. One Jinja tag per run."""
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent = INDENT if indent else Cm(0)
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    fmt.keep_with_next = keep_next
    for item in runs:
        text, style = (item, "") if isinstance(item, str) else item
        run = p.add_run(text)
        run.bold = "b" in style or None
        run.italic = "i" in style or None
        if size:
            run.font.size = Pt(size)
    return p


def tag(container, text: str):
    """A paragraph that holds only a docxtpl `{%p … %}` tag: docxtpl removes the whole paragraph."""
    return container.add_paragraph(text)


def tab_line(container, left: str, right: str, *, space_before: int = 0):
    """Left text and right text on one line, the right one flush to the right margin (date … № number)."""
    p = para(container, left, "\t", right, align=L, space_before=space_before)
    p.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    return p


def page_break(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def set_cell(cell, text: str, *, bold: bool = False, align=L, size: int = TABLE_PT):
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.first_line_indent = Cm(0)
    run = p.add_run(text)
    run.bold = bold or None
    run.font.size = Pt(size)


def loop_table(doc, headers: list[str], cells: list[str], loop: str, widths: list[float], *, size: int = TABLE_PT):
    """A bordered table: a header row, then one row per item of `loop` ("r in rows").

    docxtpl row loops need the `{%tr for %}` and `{%tr endfor %}` tags in rows of their own.
    """
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, header in enumerate(headers):
        set_cell(table.rows[0].cells[i], header, bold=True, align=C, size=size)
    set_cell(table.rows[1].cells[0], f"{{%tr for {loop} %}}", size=size)
    for i, text in enumerate(cells):
        set_cell(table.rows[2].cells[i], text, align=C if i == 0 else L, size=size)
    set_cell(table.rows[3].cells[0], "{%tr endfor %}", size=size)
    _repeat_header(table.rows[0])
    set_widths(table, widths)
    return table


def set_widths(table, widths: list[float]) -> None:
    """Column widths in both places: Word reads the cells' widths, LibreOffice the table grid."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    tr_pr.append(header)


END = "{{ '.' if loop.last else ';' }}"


def bullets(doc, loop: str, text: str, *, indent: bool = True):
    """`– item;` paragraphs, one per element of `loop`; the last one ends with a full stop."""
    tag(doc, f"{{%p for {loop} %}}")
    para(doc, "– ", text, END, indent=indent)
    tag(doc, "{%p endfor %}")


# --- the parts every order shares -------------------------------------------------------------------------------


def order_head(doc) -> None:
    tag(doc, "{%p if draft %}")
    para(doc, ("ПРОЕКТ", "b"), align=R, space_after=6)
    tag(doc, "{%p endif %}")
    para(doc, ("{{ org.name }}", "b"), align=C)
    para(doc, ("({{ org.short_name }})", "b"), align=C)
    para(doc, ("ПРИКАЗ", "b"), align=C, space_before=18, space_after=12, size=16)
    tab_line(doc, "{{ date_long }}", "№ {{ number }}")
    para(doc, "{{ place }}", align=C, space_before=6, space_after=12)
    para(doc, ("{{ title }}", "b"), align=C, space_after=12)
    para(doc, "{{ grounds }}", indent=True)
    para(doc, ("ПРИКАЗЫВАЮ:", "b"), align=L, space_before=6, space_after=6)


def item(doc, number: str, *runs: str | tuple[str, str]):
    return para(doc, f"{number}. ", *runs, indent=True)


def control_item(doc, number: str):
    item(doc, number, "Контроль за исполнением настоящего приказа {{ control }}.")


def signature(doc) -> None:
    p = para(doc, "{{ signer.position }}", "\t", "______________ {{ signer.name }}", align=L, space_before=36)
    p.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def acquaintance(doc) -> None:
    tag(doc, "{%p if acquainted %}")
    para(doc, "С приказом ознакомлены:", align=L, space_before=24, space_after=6, keep_next=True)
    table = loop_table(
        doc,
        ["№", "Фамилия, инициалы", "Подпись", "Дата"],
        ["{{ loop.index }}", "{{ a }}", "", "«___» __________ 20___ г."],
        "a in acquainted",
        [1.0, 6.0, 3.5, 6.0],
    )
    table.rows[2].height = Cm(0.9)  # room for a handwritten signature
    tag(doc, "{%p endif %}")


def appendix_head(doc, number: int, title: str) -> None:
    page_break(doc)
    for line in (f"Приложение № {number}", "к приказу {{ org.short_name }}", "от {{ date_short }} № {{ number }}"):
        para(doc, line, align=R, size=12)
    para(doc, (title, "b"), align=C, space_before=12, space_after=12)


def order(doc_body: Callable, *appendices: Callable) -> Callable:
    def build():
        doc = new_document()
        order_head(doc)
        doc_body(doc)
        signature(doc)
        acquaintance(doc)
        for appendix in appendices:
            appendix(doc)
        return doc

    return build


# --- the orders ----------------------------------------------------------------------------------------------------


def introduce_model_body(doc) -> None:
    item(doc, "1", "Внедрить целевую модель наставничества в {{ org.short_name }} в период {{ period }}.")
    item(
        doc,
        "2",
        "Назначить ответственных за внедрение и реализацию целевой модели наставничества и возложить "
        "на них обязанности согласно приложению № 1:",
    )
    tag(doc, "{%p for r in responsible %}")
    para(doc, "2.{{ loop.index }}. ", "{{ r.name }}", " — {{ r.position }}", END, indent=True)
    tag(doc, "{%p endfor %}")
    item(doc, "3", "Установить сроки проведения мониторинга эффективности программ наставничества:")
    bullets(doc, "m in monitoring", "{{ m.what }} — {{ m.date }}")
    item(doc, "4", "Определить планируемые результаты внедрения целевой модели наставничества:")
    bullets(doc, "x in results", "{{ x }}")
    item(
        doc,
        "5",
        "Ответственным лицам разместить настоящий приказ на официальном сайте {{ org.short_name }} "
        "в разделе «Наставничество».",
    )
    control_item(doc, "6")


def introduce_model_appendix(doc) -> None:
    appendix_head(doc, 1, "Ответственные за внедрение и реализацию целевой модели наставничества и их обязанности")
    loop_table(
        doc,
        ["№", "Фамилия, инициалы", "Должность", "Обязанности"],
        ["{{ loop.index }}", "{{ r.name }}", "{{ r.position }}", "{{ r.duties_text }}"],
        "r in responsible",
        [1.0, 4.0, 4.0, 7.5],
    )


def appoint_coordinator_body(doc) -> None:
    item(
        doc,
        "1",
        "Назначить координатором внедрения и реализации целевой модели наставничества в {{ org.short_name }} ",
        ("{{ coordinator.name_acc }}", "b"),
        ", {{ coordinator.position_acc }}.",
    )
    item(doc, "2", "Назначить кураторами программ наставничества:")
    tag(doc, "{%p for c in curators %}")
    para(
        doc,
        "2.{{ loop.index }}. ",
        ("{{ c.name_acc }}", "b"),
        ", {{ c.position_acc }}{{ c.area_text }}",
        END,
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    item(doc, "3", "Возложить на координатора следующие обязанности:")
    bullets(doc, "d in coordinator_duties", "{{ d }}")
    item(doc, "4", "Возложить на кураторов следующие обязанности:")
    bullets(doc, "d in curator_duties", "{{ d }}")
    control_item(doc, "5")


def approve_registry_body(doc) -> None:
    item(doc, "1", "Утвердить реестр наставников {{ org.short_name }} ({{ mentors_count }}) согласно приложению № 1.")
    item(
        doc,
        "2",
        "Кураторам программ наставничества ознакомить наставников с настоящим приказом и организовать "
        "их обучение в «Школе наставников».",
    )
    item(
        doc,
        "3",
        "Разместить сведения о наставниках на официальном сайте {{ org.short_name }} в разделе "
        "«Наставничество» в объёме, на распространение которого получено согласие.",
    )
    control_item(doc, "4")


def approve_registry_appendix(doc) -> None:
    appendix_head(doc, 1, "Реестр наставников")
    loop_table(
        doc,
        ["№", "ФИО наставника", "Должность / категория", "Организация", "Компетенции"],
        ["{{ loop.index }}", "{{ m.full_name }}", "{{ m.position }}", "{{ m.organization }}", "{{ m.competencies }}"],
        "m in mentors",
        [1.0, 4.0, 3.5, 3.5, 4.5],
    )


def mentor_school_body(doc) -> None:
    item(
        doc,
        "1",
        "Организовать обучение наставников в форме «Школы наставников» в {{ org.short_name }} в период {{ period }}.",
    )
    item(
        doc,
        "2",
        "Утвердить программу обучения наставников (приложение № 1) и график занятий "
        "«Школы наставников» (приложение № 2).",
    )
    item(
        doc,
        "3",
        "Назначить ответственным за организацию обучения наставников: ",
        ("{{ responsible.name }}", "b"),
        ", {{ responsible.position }}.",
    )
    item(doc, "4", "Наставникам, включённым в реестр наставников, пройти обучение в соответствии с графиком.")
    item(
        doc,
        "5",
        "Ответственному за организацию обучения вести учёт посещения занятий и по окончании обучения "
        "представить отчёт об его итогах.",
    )
    control_item(doc, "6")


def mentor_school_appendices(doc) -> None:
    appendix_head(doc, 1, "Программа обучения наставников «Школа наставников»")
    loop_table(doc, ["№", "Тема занятия"], ["{{ loop.index }}", "{{ t }}"], "t in topics", [1.0, 15.5])
    appendix_head(doc, 2, "График занятий «Школы наставников»")
    loop_table(
        doc,
        ["№", "Дата", "Время", "Тема", "Ответственный"],
        ["{{ loop.index }}", "{{ s.date }}", "{{ s.time }}", "{{ s.topic }}", "{{ s.responsible }}"],
        "s in schedule",
        [1.0, 2.6, 3.0, 5.9, 4.0],
    )


def approve_pairs_body(doc) -> None:
    item(
        doc,
        "1",
        "Утвердить наставнические пары и группы{{ program_text }} на период {{ period }} "
        "({{ pairs_count }}) согласно приложению № 1.",
    )
    item(
        doc,
        "2",
        "Наставникам совместно с наставляемыми в срок до {{ plan_due }} разработать "
        "персонализированные программы наставничества и проводить встречи в соответствии с ними.",
    )
    item(
        doc,
        "3",
        "Кураторам программ наставничества осуществлять контроль за работой наставнических пар и групп "
        "и своевременным заполнением форм обратной связи после встреч.",
    )
    control_item(doc, "4")


def approve_pairs_appendix(doc) -> None:
    appendix_head(doc, 1, "Наставнические пары и группы")
    loop_table(
        doc,
        ["№", "Наставник", "Наставляемые", "Форма наставничества", "Ролевая модель"],
        ["{{ loop.index }}", "{{ p.mentors }}", "{{ p.mentees }}", "{{ p.form }}", "{{ p.role_model }}"],
        "p in pairs",
        [1.0, 4.2, 4.2, 3.3, 3.8],
    )


def generic_body(doc) -> None:
    tag(doc, "{%p for it in items %}")
    para(doc, "{{ loop.index }}. ", "{{ it }}", indent=True)
    tag(doc, "{%p endfor %}")
    item(doc, "{{ items|length + 1 }}", "Контроль за исполнением настоящего приказа {{ control }}.")


def generic_appendix(doc) -> None:
    tag(doc, "{%p if appendix_rows %}")
    appendix_head(doc, 1, "{{ appendix_title }}")
    loop_table(doc, ["№", "Содержание"], ["{{ loop.index }}", "{{ row }}"], "row in appendix_rows", [1.0, 15.5])
    tag(doc, "{%p endif %}")


def approve_regulation_body(doc) -> None:
    item(doc, "1", "Утвердить Положение о наставничестве в {{ org_name_in }} (приложение № 1).")
    item(doc, "2", "Утвердить {{ roadmap_title|lower }} в {{ org_name_in }} (приложение № 2).")
    item(
        doc,
        "3",
        "Координатору и кураторам программ наставничества руководствоваться настоящим Положением и "
        "дорожной картой; разместить их на официальном сайте {{ org.short_name }} в разделе «Наставничество».",
    )
    control_item(doc, "4")


def approve_regulation_appendices(doc) -> None:
    appendix_head(doc, 1, "ПОЛОЖЕНИЕ о наставничестве в {{ org_name_in }}")
    tag(doc, "{%p for sec in sections %}")
    para(doc, ("{{ loop.index }}. {{ sec.title }}", "b"), align=C, space_before=12, space_after=6, keep_next=True)
    tag(doc, "{%p set outer = loop.index %}")
    tag(doc, "{%p for pt in sec.points %}")
    para(doc, "{{ outer }}.{{ loop.index }}. {{ pt }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    appendix_head(doc, 2, "{{ roadmap_title }}")
    tag(doc, "{%p if roadmap_rows %}")
    loop_table(
        doc,
        ["№", "Мероприятие, срок, ответственный"],
        ["{{ loop.index }}", "{{ row }}"],
        "row in roadmap_rows",
        [1.0, 15.5],
    )
    tag(doc, "{%p else %}")
    para(doc, "Дорожная карта ведётся в системе «Наставник» и прилагается при утверждении.", indent=True)
    tag(doc, "{%p endif %}")


# --- the agreement with an external mentor (seed 003, 4.14) --------------------------------------------------------


def agreement() -> object:
    doc = new_document("Договор № {{ number|safe }} о сотрудничестве")
    para(doc, ("ДОГОВОР № {{ number }}", "b"), align=C)
    para(doc, ("о сотрудничестве в сфере наставничества на безвозмездной основе", "b"), align=C, space_after=12)
    tab_line(doc, "{{ place }}", "{{ date_long }}", space_before=0)
    para(
        doc,
        "{{ org.name }} (далее — Организация), от имени которого действует {{ signer.position_lower }} "
        "{{ signer.name }} на основании Устава, с одной стороны, и ",
        ("{{ mentor.full_name }}", "b"),
        " (далее — Наставник), с другой стороны, совместно именуемые «Стороны», заключили настоящий договор "
        "о нижеследующем.",
        indent=True,
        space_before=12,
    )
    sections = [
        (
            "1. Предмет договора",
            [
                "1.1. Наставник на безвозмездной основе участвует в реализации {{ program_text }} Организации "
                "в качестве наставника: передаёт наставляемым опыт, знания и навыки, оказывает им поддержку"
                "{{ focus_text }}.",
                "1.2. Наставник работает в соответствии с Положением о наставничестве Организации, программой "
                "наставничества и персонализированными программами, разработанными совместно с наставляемыми.",
            ],
        ),
        (
            "2. Безвозмездный характер договора",
            [
                "2.1. Настоящий договор является безвозмездным: Наставник не получает вознаграждения за участие "
                "в программе наставничества, Организация не производит оплату.",
                "2.2. Расходы, которые Стороны несут при исполнении договора, не возмещаются, если Стороны письменно "
                "не договорились об ином.",
            ],
        ),
        (
            "3. Права и обязанности Сторон",
            [
                "3.1. Организация обязуется: ознакомить Наставника с Положением о наставничестве и программой "
                "наставничества; закрепить за Наставником наставляемого (наставляемых) приказом руководителя; "
                "назначить куратора, оказывающего Наставнику методическую помощь; предоставить помещение и условия "
                "для встреч; обеспечить возможность обучения в «Школе наставников».",
                "3.2. Организация вправе: запрашивать у Наставника сведения о ходе работы с наставляемыми; "
                "по обоснованной просьбе наставляемого или его законного представителя заменить Наставника.",
                "3.3. Наставник обязуется: соблюдать Положение о наставничестве и правила внутреннего распорядка "
                "Организации во время нахождения на её территории; разработать совместно с наставляемым план "
                "наставничества и проводить встречи в согласованное время; после встреч заполнять формы обратной "
                "связи; по окончании программы подвести итоги работы с наставляемым.",
                "3.4. Наставник вправе: вносить предложения по совершенствованию работы, связанной с наставничеством; "
                "проходить обучение в «Школе наставников»; получать методическую и психологическую поддержку; "
                "участвовать в конкурсах наставничества; отказаться от исполнения договора, письменно уведомив "
                "Организацию.",
            ],
        ),
        (
            "4. Персональные данные",
            [
                "4.1. Организация обрабатывает персональные данные Наставника (фамилия, имя, отчество, контактные "
                "данные, место работы и должность) только в целях исполнения настоящего договора, в соответствии "
                "с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных», на основании согласия "
                "Наставника, оформляемого отдельным документом.",
                "4.2. Наставник использует ставшие ему известными персональные данные наставляемых и их законных "
                "представителей только для целей программы наставничества, не передаёт их третьим лицам "
                "и не распространяет.",
                "4.3. Отзыв Наставником согласия на обработку персональных данных влечёт прекращение настоящего "
                "договора.",
            ],
        ),
        (
            "5. Срок действия договора",
            [
                "5.1. Договор вступает в силу со дня подписания и действует до {{ term_until }}",
                "5.2. Договор может быть расторгнут по соглашению Сторон или по инициативе любой из Сторон "
                "с письменным уведомлением другой Стороны не менее чем за 10 календарных дней.",
            ],
        ),
        (
            "6. Заключительные положения",
            [
                "6.1. Споры и разногласия Стороны решают путём переговоров.",
                "6.2. Договор составлен в двух экземплярах, имеющих равную юридическую силу, по одному для каждой "
                "из Сторон.",
            ],
        ),
    ]
    for heading, clauses in sections:
        para(doc, (heading, "b"), align=C, space_before=12, space_after=6, keep_next=True)
        for clause in clauses:
            para(doc, clause, indent=True)
    para(doc, ("7. Адреса и подписи Сторон", "b"), align=C, space_before=12, space_after=6, keep_next=True)
    _agreement_signatures(doc)
    return doc


def _agreement_signatures(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left = [
        ("Организация", True),
        ("{{ org.name }}", False),
        ("Адрес: {{ org.address }}", False),
        ("Телефон: {{ org.phone }}", False),
        ("E-mail: {{ org.email }}", False),
        ("", False),
        ("{{ signer.position }}", False),
        ("______________ {{ signer.name }}", False),
        ("М. П.", False),
    ]
    right = [
        ("Наставник", True),
        ("{{ mentor.full_name }}", False),
        ("Место работы, должность: {{ mentor.workplace }}", False),
        ("Паспорт: серия ______ № __________", False),
        ("Адрес: ______________________________", False),
        ("", False),
        ("", False),
        ("______________ {{ mentor.name }}", False),
        ("", False),
    ]
    set_widths(table, [8.25, 8.25])
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.text = ""
        first = True
        for text, bold in lines:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            p.alignment = L
            run = p.add_run(text)
            run.bold = bold or None
            run.font.size = Pt(TABLE_PT)


# --- output ---------------------------------------------------------------------------------------------------------

TEMPLATES: dict[str, Callable] = {
    "order_introduce_model.docx": order(introduce_model_body, introduce_model_appendix),
    "order_appoint_coordinator.docx": order(appoint_coordinator_body),
    "order_approve_mentor_registry.docx": order(approve_registry_body, approve_registry_appendix),
    "order_mentor_school.docx": order(mentor_school_body, mentor_school_appendices),
    "order_approve_pairs.docx": order(approve_pairs_body, approve_pairs_appendix),
    "order_generic.docx": order(generic_body, generic_appendix),
    "order_approve_regulation.docx": order(approve_regulation_body, approve_regulation_appendices),
    "agreement_cooperation.docx": agreement,
}


def reproducible_bytes(doc) -> bytes:
    """The DOCX with fixed zip timestamps and member order: python-docx stamps the current time otherwise."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def build(out_dir: Path = OUT_DIR, names: Iterable[str] | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names or TEMPLATES:
        path = out_dir / name
        path.write_bytes(reproducible_bytes(TEMPLATES[name]()))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
