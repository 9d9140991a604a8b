import datetime as dt

import pytest
from django.template import Context, Template
from docx import Document
from jinja2 import UndefinedError

from nastavnik.documents.rendering import render_docx
from tests.documents.factories import docx_text


def _template(tmp_path, *lines: str):
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    path = tmp_path / "own.docx"
    doc.save(path)
    return path


def test_it_renders_another_apps_template_with_the_russian_filters(tmp_path):
    path = _template(
        tmp_path, "от {{ d|date_long }}", "{{ p|initials }}", "{{ n }} {{ n|plural('пара', 'пары', 'пар') }}"
    )
    person = {"last_name": "Иванова", "first_name": "Анна", "middle_name": "Алексеевна"}
    text = docx_text(render_docx(template=path, context={"d": dt.date(2022, 12, 22), "p": person, "n": 5}))
    assert text.splitlines() == ["от «22» декабря 2022 г.", "Иванова А. А.", "5 пар"]


def test_it_fails_loudly_on_a_missing_value_rather_than_leaving_a_blank(tmp_path):
    with pytest.raises(UndefinedError):
        render_docx(template=_template(tmp_path, "№ {{ number }}"), context={})


def test_it_refuses_a_template_that_does_not_exist():
    with pytest.raises(FileNotFoundError):
        render_docx(template="no_such_template.docx", context={})


def test_it_offers_the_formats_as_django_template_filters():
    rendered = Template(
        "{% load ru_docs %}{{ d|date_long }} {{ d|date_short }} {{ 3|plural_ru:'пара,пары,пар' }}"
    ).render(Context({"d": dt.date(2027, 1, 1)}))
    assert rendered == "«1» января 2027 г. 01.01.2027 пары"
