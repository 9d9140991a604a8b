"""Crafted and unusual uploads: bounded work, one Russian message; other formats and encodings that schools send.

Memory is measured in `bench/bench_roster_limits.py`, not here.
"""

import datetime as dt

import pytest

from nastavnik.people import roster
from nastavnik.people.roster import RosterFileError, parse_roster
from tests.people.crafted import crafted_ods, crafted_xlsx, many_entries_zip, ods_document, write_ods

TODAY = dt.date(2026, 11, 23)
TOO_BIG = "Файл слишком велик или устроен необычно"


def test_a_plain_crafted_workbook_is_read(tmp_path):
    path = tmp_path / "small.xlsx"
    crafted_xlsx(path, shared_strings=10, styles=10)
    parsed = parse_roster(path, today=TODAY)
    assert [(r.last_name, r.first_name, r.category) for r in parsed.rows] == [("Осокин", "Ждан", "parent")]


@pytest.mark.parametrize(
    "padding",
    [
        {"shared_strings": roster.MAX_SHARED_STRINGS + 1},
        {"styles": roster.MAX_STYLES + 1},
    ],
    ids=["shared strings", "styles"],
)
def test_a_workbook_with_millions_of_records_is_refused_with_one_message(tmp_path, padding):
    path = tmp_path / "bomb.xlsx"
    crafted_xlsx(path, **padding)
    assert path.stat().st_size < 2 * 1024 * 1024  # small on disk: the upload limit does not catch it
    with pytest.raises(RosterFileError) as error:
        parse_roster(path, today=TODAY)
    assert error.value.message.startswith(TOO_BIG)


def test_an_archive_declaring_too_much_or_too_many_parts_is_refused_before_unpacking(tmp_path, monkeypatch):
    path = tmp_path / "parts.xlsx"
    many_entries_zip(path, entries=roster.MAX_ZIP_ENTRIES + 1)
    with pytest.raises(RosterFileError, match=TOO_BIG):
        parse_roster(path, today=TODAY)
    path = tmp_path / "big.xlsx"
    crafted_xlsx(path, shared_strings=2000)
    monkeypatch.setattr(roster, "MAX_UNPACKED_BYTES", 10_000)  # the declared sizes are summed, nothing unpacked
    with pytest.raises(RosterFileError, match=TOO_BIG):
        parse_roster(path, today=TODAY)


def test_cells_far_to_the_right_are_not_read(tmp_path):
    from tests.people.test_roster_parse import _replace_parts, write_xlsx

    path = write_xlsx(tmp_path / "wide.xlsx", [["Фамилия", "Имя", "Категория"], ["Осокин", "Ждан", "родитель"]])
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        f'<worksheet xmlns="{ns}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Фамилия</t></is></c><c r="B1" t="inlineStr"><is><t>Имя</t></is>'
        '</c><c r="C1" t="inlineStr"><is><t>Категория</t></is></c><c r="XFD1"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Осокин</t></is></c><c r="B2" t="inlineStr"><is><t>Ждан</t></is>'
        '</c><c r="C2" t="inlineStr"><is><t>родитель</t></is></c><c r="XFD2"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    )
    _replace_parts(path, {"xl/worksheets/sheet1.xml": sheet})
    parsed = parse_roster(path, today=TODAY)
    assert [r.last_name for r in parsed.rows] == ["Осокин"]


def test_an_ods_is_read_and_a_repeated_rows_bomb_is_refused(tmp_path):
    path = tmp_path / "list.ods"
    write_ods(path, ods_document([["Фамилия", "Имя", "Категория", "Класс"], ["Осокин", "Аким", "ученик", "3в"]]))
    parsed = parse_roster(path, today=TODAY)
    assert [(r.last_name, r.school_class) for r in parsed.rows] == [("Осокин", "3В")]
    bomb = tmp_path / "bomb.ods"
    crafted_ods(bomb, rows=1_000_000, columns=1000)  # a billion cells in a file of a few hundred bytes
    with pytest.raises(RosterFileError, match=TOO_BIG):
        parse_roster(bomb, today=TODAY)


ROWS = "Фамилия;Имя;Отчество;Категория;Класс\r\nЁлкина;Дарья;Сергеевна;ученица;5б\r\nЩукин;Ярослав;Ильич;ученик;5б\r\n"


@pytest.mark.parametrize("encoding", ["koi8-r", "cp1251", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-8"])
def test_csv_in_any_encoding_a_school_uses_is_read(tmp_path, encoding):
    path = tmp_path / "list.csv"
    path.write_bytes(ROWS.encode(encoding))
    parsed = parse_roster(path, today=TODAY)
    assert [(r.last_name, r.first_name, r.middle_name) for r in parsed.rows] == [
        ("Ёлкина", "Дарья", "Сергеевна"),
        ("Щукин", "Ярослав", "Ильич"),
    ]


@pytest.mark.parametrize("encoding", ["koi8-r", "cp1251"])
def test_the_one_byte_encodings_are_told_apart_without_the_header_words(tmp_path, encoding):
    text = "ФИО;Категория;Класс\r\n" + "".join(
        f"Иванова Мария Петровна {i};ученица;5б\r\n".replace(f" {i}", "") for i in range(1)
    )
    raw = text.encode(encoding)
    decoded, found = roster._decode(raw)
    assert found == encoding
    assert decoded == text


def test_a_file_in_an_unknown_encoding_says_which_encoding_is_expected(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("Lastname;Firstname\r\nIvanov;Ivan\r\n".encode("utf-16-le")[2:] + b"\xff\xfe")
    with pytest.raises(RosterFileError) as error:
        parse_roster(path, today=TODAY)
    assert "кодировке" in error.value.message
    assert "CSV UTF-8" in error.value.message
