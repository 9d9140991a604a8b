"""Build `docx/personal_plan.docx`, the personalised programme of one pair, in the layout of seeds 002 and 004.

Run: `.venv/bin/python -m nastavnik.mentorships.build_templates` (no Django needed). Output is reproducible.
Layout, after seed 002: the approval block («Рассмотрена на заседании педагогического совета» / «Утверждаю»),
the title with the form and the pair, «1. Пояснительная записка», «2. Содержание программы» with the plan of
activities and the goal map, «3. Оценка результатов», signatures. Seed 004 adds what the programme must name:
the period (3 months to a year), forms and kinds, directions, activities against difficulties and for strengths.
The context is built in `plan_docx.py`; keep the two in step.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from nastavnik.documents.build_templates import (
    C,
    L,
    loop_table,
    new_document,
    para,
    reproducible_bytes,
    tag,
)

OUT = Path(__file__).resolve().parent / "docx" / "personal_plan.docx"


def _approval_block(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width = right.width = Cm(8.25)
    left.text = right.text = ""
    para(left, "Рассмотрена на заседании", align=L, size=12)
    para(left, "педагогического совета", align=L, size=12)
    para(left, "Протокол № _____", align=L, size=12)
    para(left, "от «____» ____________ 20___ г.", align=L, size=12)
    para(right, "Утверждаю.", align=L, size=12)
    para(right, "{{ director_position }}", align=L, size=12)
    para(right, "_____________ {{ director }}", align=L, size=12)
    para(right, "{{ approved_text }}", align=L, size=12)
    for cell in (left, right):
        # The cell's own first (empty) paragraph would leave a blank line at the top.
        first = cell.paragraphs[0]
        first._element.getparent().remove(first._element)


def _title(doc) -> None:
    para(doc, ("Персонализированная", "b"), align=C, space_before=36, size=16)
    para(doc, ("программа наставничества", "b"), align=C, size=16)
    para(doc, ("«{{ form }}»", "b"), align=C, size=16, space_after=12)
    para(doc, "(наставник – {{ mentor }},", align=C)
    para(doc, "{{ mentees_label }} – {{ mentees }})", align=C, space_after=12)
    para(doc, "{{ org.short_name }}, {{ year }} год", align=C, space_after=24)


def _heading(doc, text: str) -> None:
    para(doc, (text, "b"), align=C, space_before=12, space_after=6, keep_next=True)


def _subheading(doc, text: str) -> None:
    para(doc, (text, "b"), align=L, indent=True, space_before=6, keep_next=True)


def _lines(doc, loop: str) -> None:
    tag(doc, f"{{%p for line in {loop} %}}")
    para(doc, "{{ line }}", indent=True)
    tag(doc, "{%p endfor %}")


def _explanatory(doc) -> None:
    _heading(doc, "1. Пояснительная записка")
    para(doc, ("Цель", "b"), " — {{ goal }}.", indent=True)
    _subheading(doc, "Профессиональные (учебные) затруднения наставляемого, которые нужно устранить:")
    _lines(doc, "difficulties")
    _subheading(doc, "Сильные стороны наставляемого, которые нужно поддержать:")
    _lines(doc, "strengths")
    para(doc, ("Срок реализации программы", "b"), " — {{ period }} ({{ duration }}).", indent=True, space_before=6)
    _subheading(doc, "Применяемая форма наставничества и технологии")
    para(doc, "Форма наставничества: «{{ form }}»{{ role_model_text }}.", indent=True)
    para(doc, "Вид наставничества: {{ kind }}. Форма контакта: {{ contact_mode }}.", indent=True)


def _fixed_widths(table, widths: list[float]) -> None:
    """Column widths LibreOffice honours too: it reads the table grid, which python-docx leaves equal."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    layout = table._tbl.tblPr.makeelement(qn("w:tblLayout"), {qn("w:type"): "fixed"})
    table._tbl.tblPr.append(layout)


def _cell_lines(table, column: int, loop: str, text: str, *, size: int = 11) -> None:
    """One line per item inside a cell of the loop row: «step (до date)» each on its own line."""
    cell = table.rows[2].cells[column]
    cell.text = ""
    first = cell.paragraphs[0]
    first.add_run(f"{{%p for {loop} %}}")
    line = cell.add_paragraph()
    run = line.add_run(text)
    run.font.size = Pt(size)
    cell.add_paragraph().add_run("{%p endfor %}")


def _content(doc) -> None:
    _heading(doc, "2. Содержание программы")
    _subheading(doc, "Участники программы")
    widths = [4.0, 6.0, 6.5]
    cells = ["{{ p.role }}", "{{ p.name }}", "{{ p.info }}"]
    table = loop_table(doc, ["Роль", "Фамилия, имя, отчество", "Сведения"], cells, "p in participants", widths)
    _fixed_widths(table, widths)
    _subheading(doc, "Направления наставнической деятельности")
    _lines(doc, "directions")
    _subheading(doc, "План мероприятий")
    widths = [0.9, 4.2, 2.3, 3.2, 3.1, 2.8]
    headers = ["№", "Мероприятие", "Срок", "Ответственный", "Ожидаемый результат", "Отметка о выполнении"]
    cells = [
        "{{ loop.index }}",
        "{{ a.title }}",
        "{{ a.deadline }}",
        "{{ a.responsible }}",
        "{{ a.result }}",
        "{{ a.done }}",
    ]
    table = loop_table(doc, headers, cells, "a in activities", widths, size=11)
    _fixed_widths(table, widths)
    _subheading(doc, "Карта целей")
    widths = [3.2, 2.8, 4.5, 3.0, 3.0]
    headers = ["Цель", "Желаемый результат", "Шаги и сроки", "Показатель эффективности", "Отметки о выполнении"]
    cells = ["№ {{ g.number }}. {{ g.title }}", "{{ g.desired_result }}", "", "{{ g.indicator }}", ""]
    table = loop_table(doc, headers, cells, "g in goals", widths, size=11)
    _cell_lines(table, 2, "s in g.steps", "– {{ s }}")
    _cell_lines(table, 4, "x in g.marks", "{{ x }}")
    _fixed_widths(table, widths)
    _subheading(doc, "Организация встреч")
    para(
        doc,
        "Работа пары включает встречу-знакомство, пробную рабочую встречу, встречу-планирование, комплекс "
        "последовательных встреч и итоговую встречу. {{ meetings_text }}",
        indent=True,
    )


def _evaluation(doc) -> None:
    _heading(doc, "3. Ожидаемые результаты и оценка эффективности")
    _lines(doc, "expected_results")
    para(
        doc,
        "Промежуточный контроль — ежеквартально; после каждой встречи участники заполняют дневник "
        "(рефлексию). По окончании программы проводится итоговая встреча: участники оценивают, насколько "
        "приблизились к цели, и решают, продолжать ли работу.",
        indent=True,
        space_before=6,
    )


def _signatures(doc) -> None:
    tag(doc, "{%p for s in signatures %}")
    para(doc, "{{ s.role }} ______________ {{ s.name }}", align=L, space_before=18)
    tag(doc, "{%p endfor %}")


def build_document():
    doc = new_document()
    # The file's title property is rendered by docxtpl like the body (and becomes the PDF's title).
    doc.core_properties.title = "Персонализированная программа наставничества: {{ mentor|safe }} – {{ mentees|safe }}"
    _approval_block(doc)
    _title(doc)
    _explanatory(doc)
    _content(doc)
    _evaluation(doc)
    _signatures(doc)
    return doc


def build(out: Path = OUT) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(reproducible_bytes(build_document()))
    return out


if __name__ == "__main__":
    print(build())
