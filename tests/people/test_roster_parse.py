"""Reading and checking rosters: real XLSX and CSV files written to tmp_path, no database needed."""

import csv
import datetime as dt
import zipfile

import openpyxl
import pytest

from nastavnik.people import roster
from nastavnik.people.roster import ExistingPeople, RosterFileError, check_roster, parse_roster

TODAY = dt.date(2026, 11, 23)
HEADERS = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Класс", "Предмет", "Стаж", "E-mail", "Телефон"]


def write_xlsx(path, rows, *, write_only=False, title="Люди"):
    workbook = openpyxl.Workbook(write_only=write_only)
    sheet = workbook.create_sheet(title) if write_only else workbook.active
    if not write_only:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path, rows, *, encoding="utf-8", delimiter=";"):
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def parse(path):
    return check_roster(parse_roster(path, today=TODAY), ExistingPeople())


def messages(parsed):
    return [str(p) for p in parsed.errors]


def test_it_reads_a_school_xlsx_with_a_title_and_loosely_written_headers(tmp_path):
    path = write_xlsx(
        tmp_path / "7a.xlsx",
        [
            ["Список обучающихся 7А класса"],
            [],
            ["№ п/п", "ФАМИЛИЯ", "имя ", "Отчество", "Дата рождения (ДД.ММ.ГГГГ)", "Категория*", "Класс", "Эл. почта",
             "Тел."],
            [1, "ромашкина", "АЛИСА", "Андреевна", dt.datetime(2013, 4, 17), "Ученица", "7 a", "Alisa@Example.RU",
             89001234567],
            [2, "Лютиков", "Степан", "", "05.09.2012", "учащийся", "7-б", "", "8 (900) 765-43-21"],
        ],
    )  # fmt: skip
    parsed = parse(path)
    assert parsed.ok, messages(parsed)
    assert parsed.header_line == 3
    alisa, stepan = parsed.rows
    assert (alisa.line, alisa.last_name, alisa.first_name, alisa.middle_name) == (4, "Ромашкина", "Алиса", "Андреевна")
    assert alisa.birth_date == dt.date(2013, 4, 17)
    assert (alisa.category, alisa.school_class) == ("pupil", "7А")
    assert alisa.email == "Alisa@example.ru"
    assert alisa.phone == "+7 (900) 123-45-67"
    assert (stepan.birth_date, stepan.school_class, stepan.phone) == (dt.date(2012, 9, 5), "7Б", "+7 (900) 765-43-21")
    assert parsed.warnings == []  # «№ п/п» is expected, not unknown


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("cp1251", ";"), ("utf-8", ";"), ("utf-8-sig", ";"), ("utf-8", ","), ("utf-8", "\t"), ("utf-16", "\t")],
)
def test_it_reads_csv_in_the_encodings_and_separators_schools_save(tmp_path, encoding, delimiter):
    rows = [
        HEADERS,
        ["Кленова", "Вера", "Ильинична", "14.03.1985", "педагог", "", "Химия", "12,5", "klenova@example.ru", ""],
        ["Кленов", "Ёжик", "", "01.09.2015", "обучающийся", "5В", "", "", "", "+7 912 000 11 22"],
    ]
    parsed = parse(write_csv(tmp_path / "list.csv", rows, encoding=encoding, delimiter=delimiter))
    assert parsed.ok, messages(parsed)
    teacher, pupil = parsed.rows
    assert (teacher.subject, teacher.experience_years, teacher.email) == ("Химия", 12, "klenova@example.ru")
    assert (pupil.first_name, pupil.school_class, pupil.phone) == ("Ёжик", "5В", "+7 (912) 000-11-22")


def test_it_reads_one_fio_column_instead_of_three(tmp_path):
    path = write_xlsx(
        tmp_path / "fio.xlsx",
        [
            ["ФИО", "Категория", "Класс"],
            ["Мамедов Руслан Эльдар оглы", "ученик", "9А"],
            ["Сидорова Ия", "родитель", ""],
        ],
    )
    parsed = parse(path)
    assert parsed.ok, messages(parsed)
    assert [(r.last_name, r.first_name, r.middle_name) for r in parsed.rows] == [
        ("Мамедов", "Руслан", "Эльдар оглы"),
        ("Сидорова", "Ия", ""),
    ]


def test_it_reports_every_kind_of_row_problem_with_the_row_and_the_column(tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            [*HEADERS, "Законный представитель"],
            ["", "Алиса", "", "17.04.2013", "обучающийся", "7А", "", "", "", "", ""],  # 2: no surname
            ["Ромашкина", "Алиса", "", "31.02.2013", "обучающийся", "7А", "", "", "", "", ""],  # 3: no such date
            ["Ромашкина", "Вера", "", "01.01.2030", "обучающийся", "7А", "", "", "", "", ""],  # 4: future
            ["Ромашкина", "Нина", "", "01.01.1960", "обучающийся", "7А", "", "", "", "", ""],  # 5: age for a pupil
            ["Ромашкина", "Ольга", "", "01.01.2013", "директор", "", "", "", "", "", ""],  # 6: unknown category
            ["Ромашкина", "Яна", "", "01.01.2013", "обучающийся", "", "", "", "", "", ""],  # 7: pupil without class
            ["Лютиков", "Степан", "", "30.01.1979", "педагог", "", "Физика", 61, "", "", ""],  # 8: Стаж
            ["Лютиков", "Пётр", "", "30.01.1979", "педагог", "", "", "", "lyutikov@", "", ""],  # 9: e-mail
            ["Лютиков", "Глеб", "", "30.01.1979", "педагог", "", "", "", "", "12-34", ""],  # 10: phone
            ["Лютиков", "Степан", "", "30.01.1979", "педагог", "", "", "", "", "", ""],  # 11: clean…
            ["Лютиков", "Степан", "", "30.01.1979", "педагог", "", "", "", "", "", ""],  # 12: …and its duplicate
            ["Лютикoв", "Олег", "", "", "педагог", "", "", "", "", "", ""],  # 13: Latin «o» inside
            ["Лютиков", "Лев", "", "", "обучающийся", "1А", "", "", "", "", "Никто Никтович"],  # 14: no guardian
            ["Лютиков", "Иван", "", "", "", "", "", "", "", "", ""],  # 15: no category
        ],
    )
    parsed = parse(path)
    found = messages(parsed)
    expected = [
        "Строка 2, «Фамилия»: не заполнено — обязательное поле",
        "Строка 3, «Дата рождения»: «31.02.2013» — не дата; нужен формат ДД.ММ.ГГГГ",
        "Строка 4, «Дата рождения»: 01.01.2030 — дата в будущем",
        "Строка 5, «Дата рождения»: 01.01.1960 — возраст 66 неправдоподобен для категории «обучающийся»",
        "Строка 6, «Категория»: неизвестная категория «директор»; допустимы: обучающийся, студент, педагог",
        "Строка 7, «Класс»: не заполнено — для обучающегося класс обязателен",
        "Строка 8, «Стаж»: «61» — стаж должен быть числом лет от 0 до 60",
        "Строка 9, «E-mail»: «lyutikov@» — неверный адрес электронной почты",
        "Строка 10, «Телефон»: «12-34» — не похоже на российский номер",
        "Строка 12, «Фамилия»: повторяет строку 11: те же фамилия, имя, отчество и дата рождения",
        "Строка 13, «Фамилия»: «Лютикoв» — в одном слове смешаны русские и латинские буквы",
        "Строка 14, «Законный представитель»: «Никто Никтович» не найден ни в файле, ни среди людей организации",
        "Строка 15, «Категория»: не заполнено — обязательное поле",
    ]
    for text in expected:
        assert any(line.startswith(text) for line in found), (text, found)
    assert len(found) == len(expected)
    assert not parsed.ok


def test_it_warns_about_unknown_columns_and_still_reads_the_file(tmp_path):
    path = write_xlsx(
        tmp_path / "x.xlsx",
        [["Фамилия", "Имя", "Категория", "Пол", "СНИЛС"], ["Осокина", "Лада", "родитель", "ж", "1"]],
    )
    parsed = parse(path)
    assert parsed.ok
    assert [str(w) for w in parsed.warnings] == [
        "Строка 1, «Пол»: неизвестная колонка, она не будет загружена",
        "Строка 1, «СНИЛС»: неизвестная колонка, она не будет загружена",
    ]


@pytest.mark.parametrize(
    ("word", "category"),
    [
        ("обучающийся", "pupil"),
        ("Ученик", "pupil"),
        ("учащаяся", "pupil"),
        ("студент", "student"),
        ("УЧИТЕЛЬ", "teacher"),
        ("воспитатель", "teacher"),
        ("педагог", "teacher"),
        ("родитель", "parent"),
        ("законный представитель", "parent"),
        ("Родитель (законный представитель)", "parent"),
        ("выпускник", "graduate"),
        ("работодатель", "employer"),
        ("Сотрудник предприятия", "employer"),
        ("внешний", "external"),
        ("Внешний участник", "external"),
    ],
)
def test_it_understands_the_category_words_schools_use(tmp_path, word, category):
    parsed = parse(
        write_csv(tmp_path / "c.csv", [["Фамилия", "Имя", "Категория", "Класс"], ["Осокин", "Ждан", word, "3А"]])
    )
    assert parsed.ok, messages(parsed)
    assert parsed.rows[0].category == category


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("+7 (912) 345-67-89", "+7 (912) 345-67-89"),
        ("89123456789", "+7 (912) 345-67-89"),
        ("8-912-345-67-89", "+7 (912) 345-67-89"),
        ("9123456789", "+7 (912) 345-67-89"),
        (79123456789, "+7 (912) 345-67-89"),
        ("7 (4852) 12-34-56", "+7 (485) 212-34-56"),
    ],
)
def test_it_stores_russian_phones_in_one_form(tmp_path, raw, stored):
    parsed = parse(
        write_xlsx(
            tmp_path / "p.xlsx", [["Фамилия", "Имя", "Категория", "Телефон"], ["Осокин", "Ждан", "родитель", raw]]
        )
    )
    assert parsed.ok, messages(parsed)
    assert parsed.rows[0].phone == stored


@pytest.mark.parametrize("raw", ["123", "+375 29 123-45-67", "8 912 345 67 89, 8 913 000 00 00", "звонить маме"])
def test_it_refuses_phones_that_are_not_one_russian_number(tmp_path, raw):
    parsed = parse(
        write_xlsx(
            tmp_path / "p.xlsx", [["Фамилия", "Имя", "Категория", "Телефон"], ["Осокин", "Ждан", "родитель", raw]]
        )
    )
    assert messages(parsed)[0].startswith("Строка 2, «Телефон»:")


@pytest.mark.parametrize(("raw", "years"), [(12, 12), (12.0, 12), ("12,5", 12), ("7 лет", 7), ("0", 0), (60, 60)])
def test_it_reads_the_experience_as_whole_years(tmp_path, raw, years):
    path = write_xlsx(
        tmp_path / "s.xlsx", [["Фамилия", "Имя", "Категория", "Стаж"], ["Осокин", "Ждан", "педагог", raw]]
    )
    parsed = parse(path)
    assert parsed.ok, messages(parsed)
    assert parsed.rows[0].experience_years == years


@pytest.mark.parametrize("raw", [61, -1, "много", "12 месяцев"])
def test_it_refuses_experience_outside_0_to_60(tmp_path, raw):
    path = write_xlsx(
        tmp_path / "s.xlsx", [["Фамилия", "Имя", "Категория", "Стаж"], ["Осокин", "Ждан", "педагог", raw]]
    )
    assert messages(parse(path))[0].startswith("Строка 2, «Стаж»:")


@pytest.mark.parametrize(
    ("raw", "date"),
    [
        (dt.date(1985, 3, 14), dt.date(1985, 3, 14)),
        ("14.03.1985", dt.date(1985, 3, 14)),
        ("4.3.1985", dt.date(1985, 3, 4)),
        ("1985-03-14", dt.date(1985, 3, 14)),
        ("14.03.1985 0:00:00", dt.date(1985, 3, 14)),
        (31120, dt.date(1985, 3, 14)),  # a date cell saved without a date format
    ],
)
def test_it_reads_dates_as_excel_dates_or_text(tmp_path, raw, date):
    path = write_xlsx(
        tmp_path / "d.xlsx", [["Фамилия", "Имя", "Категория", "Дата рождения"], ["Осокин", "Ждан", "педагог", raw]]
    )
    parsed = parse(path)
    assert parsed.ok, messages(parsed)
    assert parsed.rows[0].birth_date == date


def test_it_asks_for_a_four_digit_year(tmp_path):
    path = write_csv(
        tmp_path / "d.csv",
        [["Фамилия", "Имя", "Категория", "Дата рождения"], ["Осокин", "Ждан", "педагог", "14.03.85"]],
    )
    assert messages(parse(path)) == [
        "Строка 2, «Дата рождения»: «14.03.85» — не дата; нужен формат ДД.ММ.ГГГГ, например 05.09.2012"
    ]


def test_it_links_a_pupil_to_a_parent_in_the_same_file(tmp_path):
    path = write_xlsx(
        tmp_path / "g.xlsx",
        [
            ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Класс", "Родитель (ФИО)"],
            ["Осокина", "Лада", "Петровна", "02.11.1987", "родитель", "", ""],
            ["Осокина", "Злата", "Игоревна", "12.05.2014", "обучающийся", "6А", "осокина лада петровна"],
        ],
    )
    parsed = parse(path)
    assert parsed.ok, messages(parsed)
    assert parsed.links == [(3, 2, None)]


def test_it_asks_for_a_date_when_a_guardian_name_is_ambiguous(tmp_path):
    rows = [
        ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Класс", "Законный представитель"],
        ["Осокина", "Лада", "Петровна", "02.11.1987", "родитель", "", ""],
        ["Осокина", "Лада", "Петровна", "15.06.1990", "родитель", "", ""],
        ["Осокина", "Злата", "", "12.05.2014", "обучающийся", "6А", "Осокина Лада Петровна"],
        ["Осокин", "Аким", "", "12.05.2015", "обучающийся", "5А", "Осокина Лада Петровна, 15.06.1990"],
    ]
    parsed = parse(write_xlsx(tmp_path / "g.xlsx", rows))
    assert messages(parsed) == [
        "Строка 4, «Законный представитель»: «Осокина Лада Петровна» — таких людей несколько; "
        "допишите дату рождения, например «Осокина Лада Петровна, 12.03.1985»"
    ]
    assert parsed.links == [(5, 3, None)]


def test_it_refuses_a_pupil_as_a_guardian_and_a_guardian_for_an_adult(tmp_path):
    rows = [
        ["Фамилия", "Имя", "Категория", "Класс", "Законный представитель"],
        ["Осокин", "Аким", "обучающийся", "9А", ""],
        ["Осокина", "Злата", "обучающийся", "6А", "Осокин Аким"],
        ["Осокина", "Лада", "педагог", "", "Осокин Аким"],
    ]
    assert messages(parse(write_xlsx(tmp_path / "g.xlsx", rows))) == [
        "Строка 3, «Законный представитель»: «Осокин Аким» — обучающийся, он не может быть законным представителем",
        "Строка 4, «Законный представитель»: законного представителя указывают только у обучающихся и студентов",
    ]


def test_it_does_not_repeat_a_problem_of_the_guardian_row_on_the_child_row(tmp_path):
    rows = [
        ["Фамилия", "Имя", "Категория", "Класс", "Телефон", "Законный представитель"],
        ["Осокина", "Лада", "родитель", "", "12", ""],
        ["Осокина", "Злата", "обучающийся", "6А", "", "Осокина Лада"],
    ]
    assert messages(parse(write_xlsx(tmp_path / "g.xlsx", rows))) == [
        "Строка 2, «Телефон»: «12» — не похоже на российский номер; нужен один номер, например +7 (912) 345-67-89"
    ]


def test_it_reads_the_first_sheet_that_has_the_headers(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Инструкция"
    workbook.active.append(["Заполните лист «Список»"])
    table = workbook.create_sheet("Список")
    table.append(["Фамилия", "Имя", "Категория"])
    table.append(["Осокин", "Ждан", "выпускник"])
    workbook.save(tmp_path / "two.xlsx")
    parsed = parse(tmp_path / "two.xlsx")
    assert (parsed.sheet, parsed.rows[0].category) == ("Список", "graduate")


@pytest.mark.parametrize("write_only", [False, True])
def test_the_fast_reader_reads_what_openpyxl_reads(tmp_path, write_only):
    rows = [
        HEADERS,
        ["Осокина", "Лада", "Петровна", dt.date(1987, 11, 2), "педагог", None, "Химия", 12, "l@ex.ru", 79001234567],
        [None, None, None, None, None, None, None, None, None, None],
        ["Осокин", "Аким", None, "12.05.2015", "обучающийся", "5А", None, 0.5, True, "8 900 000-00-00"],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "r.xlsx", rows, write_only=write_only)
    fast = list(roster._open_xlsx(path)[2])
    slow = list(roster._open_xlsx_openpyxl(path)[2])
    as_dates = [[v.date() if isinstance(v, dt.datetime) else v for v in values] for _line, values in slow]
    assert [line for line, _v in fast] == [line for line, _v in slow] == [2, 4]
    for (_line, values), expected in zip(fast, as_dates, strict=True):
        assert list(values) == expected[: len(values)] and not any(expected[len(values) :])


def test_it_reads_a_workbook_with_shared_strings_and_rich_text(tmp_path):
    """Excel writes text once into sharedStrings.xml; here that part is written by hand, as Excel would."""
    path = tmp_path / "excel.xlsx"
    write_xlsx(path, [["Фамилия", "Имя", "Категория"], ["Осокин", "Ждан", "родитель"]])
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        f'<worksheet xmlns="{ns}"><dimension ref="A1:C2"/><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>5</v></c><c r="C3" t="s"><v>4</v></c></row>'
        "</sheetData></worksheet>"
    )
    strings = (
        f'<sst xmlns="{ns}"><si><t>Фамилия</t></si><si><t>Имя</t></si><si><t>Категория</t></si>'
        "<si><r><t>Осо</t></r><r><t>кин</t></r></si><si><t>родитель</t></si>"
        "<si><t>Ждан</t><rPh><t>ЖДАН</t></rPh></si></sst>"
    )
    _replace_parts(path, {"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": strings})
    parsed = parse(path)
    assert parsed.ok, messages(parsed)
    assert [(r.line, r.last_name, r.first_name, r.category) for r in parsed.rows] == [(3, "Осокин", "Ждан", "parent")]


def _replace_parts(path, parts):
    with zipfile.ZipFile(path) as source:
        items = {name: source.read(name) for name in source.namelist()}
    items.update({name: text.encode() for name, text in parts.items()})
    if "xl/sharedStrings.xml" in parts and b"sharedStrings" not in items["xl/_rels/workbook.xml.rels"]:
        rels = items["xl/_rels/workbook.xml.rels"].decode()
        link = (
            '<Relationship Id="rIdSS" Target="sharedStrings.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
        )
        items["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", link + "</Relationships>").encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in items.items():
            target.writestr(name, data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Файл пустой."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Файл XLS повреждён или не читается"),
        (b"PK\x03\x04 not really a zip", "Файл XLSX повреждён или не читается"),
        (b"\x00\x01\x02\x03binary\x00junk", "Файл не является таблицей XLSX или CSV."),
        ("Просто текст без таблицы\nещё строка\n".encode(), "Не найдена строка заголовков"),
        ("Фамилия;Имя;Категория\n".encode(), "В файле нет ни одной строки с людьми под строкой заголовков."),
        ("Фамилия;Имя\nОсокин;Ждан\n".encode(), "В файле нет обязательных колонок: «Категория»."),
        (b"\n\n;;;\n", "Файл пустой: в нём нет ни одной заполненной строки."),
    ],
)
def test_it_gives_one_clear_message_for_a_file_it_cannot_read(tmp_path, content, message):
    path = tmp_path / "upload.bin"
    path.write_bytes(content)
    with pytest.raises(RosterFileError) as error:
        parse_roster(path, today=TODAY)
    assert error.value.message.startswith(message)


def test_it_refuses_other_office_documents_and_empty_workbooks(tmp_path):
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(RosterFileError, match="не является таблицей"):
        parse_roster(docx)
    empty = write_xlsx(tmp_path / "empty.xlsx", [])
    with pytest.raises(RosterFileError, match="Файл пустой"):
        parse_roster(empty)


def test_it_refuses_a_file_cut_off_in_the_middle(tmp_path):
    path = write_xlsx(tmp_path / "full.xlsx", [HEADERS] + [["Осокин", f"Ждан{i}"] for i in range(10)])
    with zipfile.ZipFile(path) as source:
        items = {name: source.read(name) for name in source.namelist()}
    items["xl/worksheets/sheet1.xml"] = items["xl/worksheets/sheet1.xml"][:-200]
    with zipfile.ZipFile(path, "w") as target:
        for name, data in items.items():
            target.writestr(name, data)
    with pytest.raises(RosterFileError, match="повреждён"):
        parse_roster(path)


def test_a_repeated_parent_row_is_one_duplicate_not_an_ambiguous_guardian(tmp_path):
    rows = [
        ["Фамилия", "Имя", "Отчество", "Категория", "Класс", "Законный представитель"],
        ["Осокина", "Лада", "Петровна", "родитель", "", ""],
        ["Осокина", "Злата", "", "обучающийся", "6А", "Осокина Лада Петровна"],
        ["ОСОКИНА", "ЛАДА", "ПЕТРОВНА", "родитель", "", ""],
    ]
    parsed = parse(write_xlsx(tmp_path / "g.xlsx", rows))
    assert messages(parsed) == ["Строка 4, «Фамилия»: повторяет строку 2: те же фамилия, имя, отчество и дата рождения"]
    assert parsed.links == [(3, 2, None)]


def test_problems_of_one_row_come_in_the_order_of_the_columns(tmp_path):
    rows = [["Телефон", "Категория", "Дата рождения", "Фамилия", "Имя"], ["1", "завуч", "вчера", "", "Ждан"]]
    assert [p.column for p in parse(write_xlsx(tmp_path / "o.xlsx", rows)).errors] == [
        "Телефон",
        "Категория",
        "Дата рождения",
        "Фамилия",
    ]
