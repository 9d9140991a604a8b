"""Names in the case the sentence needs (petrovich) and job titles declined (pymorphy3)."""

import pytest

from nastavnik.people.names import decline_full_name, decline_position, gender_of, initials_before, initials_short

FILIPPOV = {"last_name": "Филиппов", "first_name": "Андрей", "middle_name": "Викторович"}
BEREZKIN = {"last_name": "Берёзкин", "first_name": "Лев", "middle_name": "Иванович"}
LAPTEVA = {"last_name": "Лаптева", "first_name": "Татьяна", "middle_name": "Юрьевна"}
SOMOVA = {"last_name": "Сомова", "first_name": "Ксения", "middle_name": "Андреевна"}


def test_it_declines_the_examples_of_the_issue():
    assert f"Назначить координатором {initials_short(FILIPPOV, 'acc')}" == "Назначить координатором Филиппова А. В."
    assert f"несовершеннолетнего {decline_full_name(BEREZKIN, 'gen')}" == "несовершеннолетнего Берёзкина Льва Ивановича"
    assert f"Нельзя внести {initials_short(LAPTEVA, 'acc')}" == "Нельзя внести Лаптеву Т. Ю."


@pytest.mark.parametrize(
    ("case", "expected"),
    [("nom", "Сомова К. А."), ("gen", "Сомовой К. А."), ("dat", "Сомовой К. А."), ("ins", "Сомовой К. А.")],
)
def test_it_declines_a_female_surname(case, expected):
    assert initials_short(SOMOVA, case) == expected


def test_it_takes_the_gender_from_the_patronymic_and_copes_without_one():
    assert gender_of(FILIPPOV).value == "male" and gender_of(LAPTEVA).value == "female"
    assert gender_of({"last_name": "Кузнецова", "first_name": "Анна", "middle_name": ""}).value == "female"
    assert initials_short({"last_name": "Кузнецова", "first_name": "Анна"}, "acc") == "Кузнецову А."
    assert initials_before(FILIPPOV, "dat") == "А. В. Филиппову"


def test_it_declines_job_titles_head_first():
    assert decline_position("заместитель директора по УВР", "acc") == "заместителя директора по УВР"
    assert decline_position("педагог-психолог", "acc") == "педагога-психолога"
    assert decline_position("старший воспитатель", "dat") == "старшему воспитателю"
    assert decline_position("учитель начальных классов", "acc") == "учителя начальных классов"
