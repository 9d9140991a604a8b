"""Counted phrases in Russian: three forms (1 пара, 2 пары, 5 пар), from the project's Russian catalogue."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import ngettext

from tests.test_i18n import parse_po

RU_PO = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"
EN_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
NUMBERS = (1, 2, 5, 11, 21, 22, 25)


def _ru(singular: str, plural: str, n: int, **extra) -> str:
    with translation.override("ru"):
        return ngettext(singular, plural, n) % {"n": n, **extra}


@pytest.mark.parametrize(
    ("singular", "plural", "forms"),
    [
        (
            "%(n)d пара ждёт встречи-знакомства для подтверждения",
            "%(n)d пар ждут встречи-знакомства для подтверждения",
            ("пара ждёт", "пары ждут", "пар ждут"),
        ),
        (
            "%(n)d новый запрос наставляемого ждёт анализа",
            "%(n)d новых запросов наставляемых ждут анализа",
            ("новый запрос", "новых запроса", "новых запросов"),
        ),
        ("стаж %(n)s год", "стаж %(n)s лет", ("год", "года", "лет")),
        (
            "%(n)s встреча проведена",
            "%(n)s встреч проведено",
            ("встреча проведена", "встречи проведены", "встреч проведено"),
        ),
        (
            "%(n)s проект приказа ждёт вашей подписи",
            "%(n)s проекта приказов ждут вашей подписи",
            ("проект приказа ждёт", "проекта приказов ждут", "проектов приказов ждут"),
        ),
    ],
)
def test_it_renders_each_russian_form(singular, plural, forms):
    one, few, many = forms
    expected = {1: one, 2: few, 5: many, 11: many, 21: one, 22: few, 25: many}
    for n in NUMBERS:
        text = _ru(singular, plural, n)
        assert f"{n} {expected[n]}" in text, text


def test_the_issue_examples_read_right():
    assert _ru(
        "%(n)d пара ждёт встречи-знакомства для подтверждения", "%(n)d пар ждут встречи-знакомства для подтверждения", 2
    ).startswith("2 пары ждут")
    assert _ru(
        "%(n)d новый запрос наставляемого ждёт анализа", "%(n)d новых запросов наставляемых ждут анализа", 2
    ).startswith("2 новых запроса")
    assert _ru("стаж %(n)s год", "стаж %(n)s лет", 24) == "стаж 24 года"
    assert _ru("%(n)s встреча проведена", "%(n)s встреч проведено", 21) == "21 встреча проведена"


def test_templates_count_through_the_catalogue_too():
    template = Template(
        "{% load i18n %}{% blocktranslate count n=n %}стаж {{ n }} год"
        "{% plural %}стаж {{ n }} лет{% endblocktranslate %}"
    )
    with translation.override("ru"):
        rendered = [template.render(Context({"n": n})) for n in NUMBERS]
    assert rendered == [
        "стаж 1 год",
        "стаж 2 года",
        "стаж 5 лет",
        "стаж 11 лет",
        "стаж 21 год",
        "стаж 22 года",
        "стаж 25 лет",
    ]


def test_every_counted_phrase_has_three_russian_forms():
    """A new ngettext without Russian forms would say «2 пар»: makemessages -l ru and fill msgstr[0..2]."""
    ru = {e.msgid: e for e in parse_po(RU_PO) if e.msgid_plural}
    counted = [e.msgid for e in parse_po(EN_PO) if e.msgid_plural]
    missing = [m for m in counted if m not in ru or len([f for f in ru[m].msgstr.values() if f]) != 3]
    assert missing == []
    placeholders = re.compile(r"%\(\w+\)[sd]")
    for entry in ru.values():
        for form in entry.msgstr.values():
            assert set(placeholders.findall(form)) == set(placeholders.findall(entry.msgid)), form
