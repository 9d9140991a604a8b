"""Build the slip template `docx/slips.docx` from code (python-docx), reproducibly.

Run: `.venv/bin/python -m nastavnik.accounts.build_templates` (no Django needed). One slip per person, grouped by
class, each group on its own page, cut along the dashed lines. The context is built in `slips.py`; keep the two
in step.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Pt

from nastavnik.documents.build_templates import C, L, new_document, para, reproducible_bytes, tag

OUT = Path(__file__).resolve().parent / "docx" / "slips.docx"
MONO = "Courier New"
CUT = "✂ " + "- " * 38


def slips_document():
    doc = new_document(title="Логины и пароли: {{ org|safe }}")
    doc.styles["Normal"].font.size = Pt(12)
    tag(doc, "{%p for group in groups %}")
    heading = para(doc, ("{{ org }} — {{ group.title }}", "b"), align=C, size=14, space_after=6)
    heading.paragraph_format.page_break_before = True
    tag(doc, "{%p for s in group.slips %}")
    para(doc, CUT, align=L, size=9, space_before=6)
    para(doc, ("{{ s.name }}", "b"), "{{ s.detail }}", align=L, space_before=4)
    para(doc, "Адрес системы «Наставник»: {{ site }}", align=L)
    login = para(doc, "Логин: ", ("{{ s.login }}", "b"), align=L)
    login.runs[1].font.name = MONO
    password = para(doc, "Одноразовый пароль: ", ("{{ s.password }}", "b"), align=L)
    password.runs[1].font.name = MONO
    para(
        doc,
        ("При первом входе система попросит придумать свой пароль. Не показывайте этот листок другим.", "i"),
        align=L,
        size=10,
        space_after=4,
    )
    tag(doc, "{%p endfor %}")
    para(doc, CUT, align=L, size=9)
    tag(doc, "{%p endfor %}")
    return doc


def build(out: Path = OUT) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(reproducible_bytes(slips_document()))
    return out


if __name__ == "__main__":
    print(build())
