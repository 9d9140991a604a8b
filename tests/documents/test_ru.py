import datetime as dt

import pytest

from nastavnik.documents.ru import (
    count_ru,
    date_long,
    date_short,
    date_words,
    initials,
    initials_before,
    month_genitive,
    number_ru,
    period_ru,
    person_initials,
    plural_ru,
)


def test_it_writes_the_long_document_date():
    assert date_long(dt.date(2022, 12, 22)) == "«22» декабря 2022 г."


def test_it_writes_the_first_of_the_month_without_a_leading_zero():
    assert date_long(dt.date(2027, 1, 1)) == "«1» января 2027 г."
    assert date_words("2026-03-08") == "8 марта 2026 г."


@pytest.mark.parametrize(
    ("month", "genitive"),
    [(1, "января"), (2, "февраля"), (3, "марта"), (5, "мая"), (6, "июня"), (8, "августа"), (11, "ноября")],
)
def test_it_puts_months_in_the_genitive(month, genitive):
    assert month_genitive(month) == genitive


def test_it_refuses_a_month_that_does_not_exist():
    with pytest.raises(ValueError):
        month_genitive(13)


def test_it_writes_short_dates_and_periods():
    assert date_short(dt.date(2026, 9, 1)) == "01.09.2026"
    assert date_short(dt.datetime(2026, 9, 1, 15, 30)) == "01.09.2026"
    assert period_ru("2026-09-01", dt.date(2027, 5, 31)) == "с 01.09.2026 по 31.05.2027"


def test_it_writes_initials_after_the_surname():
    assert initials("Иванова", "Анна", "Алексеевна") == "Иванова А. А."


def test_it_writes_initials_without_a_middle_name():
    assert initials("Смит", "Джон", "") == "Смит Д."
    assert initials("Смит", "Джон", None) == "Смит Д."


def test_it_writes_both_initials_of_a_double_first_name():
    assert initials("Ким", "Анна-Мария", "Сергеевна") == "Ким А.-М. С."


def test_it_writes_initials_before_the_surname_under_a_signature():
    assert initials_before("Иванова", "Анна", "Алексеевна") == "А. А. Иванова"
    assert person_initials({"last_name": "Петров", "first_name": "пётр", "middle_name": ""}) == "Петров П."


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (1, "наставник"),
        (2, "наставника"),
        (4, "наставника"),
        (5, "наставников"),
        (11, "наставников"),
        (12, "наставников"),
        (14, "наставников"),
        (21, "наставник"),
        (22, "наставника"),
        (111, "наставников"),
        (0, "наставников"),
    ],
)
def test_it_chooses_the_plural_form(n, word):
    assert plural_ru(n, "наставник", "наставника", "наставников") == word


def test_it_counts_with_the_noun():
    assert count_ru(3, "пара", "пары", "пар") == "3 пары"


def test_it_groups_digits_the_russian_way():
    assert number_ru(1234567) == "1\u00a0234\u00a0567"
    assert number_ru(1234.5, 1) == "1\u00a0234,5"
