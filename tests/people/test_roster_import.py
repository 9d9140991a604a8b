"""Loading a roster in one transaction, exporting people and bases to XLSX, and loading an export back."""

import datetime as dt

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.orgs.models import Role
from nastavnik.people.models import Guardianship, Person
from nastavnik.people.roster import (
    RosterRow,
    check_roster,
    existing_people,
    parse_roster,
    plan_roster,
    validate_roster,
)
from nastavnik.people.services import roster_export, roster_import, roster_template
from tests.factories import GuardianshipFactory, OrganizationFactory, PersonFactory, PupilFactory, person_with_login

pytestmark = pytest.mark.django_db

HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Категория",
    "Класс",
    "Предмет",
    "Стаж",
    "E-mail",
    "Телефон",
    "Место работы, должность",
    "Законный представитель",
]
CLEAN = [
    HEADERS,
    ["Осокина", "Лада", "Петровна", "02.11.1987", "родитель", "", "", "", "lada@example.ru", "89001112233",
     "ООО «Пример», бухгалтер", ""],
    ["Осокина", "Злата", "Игоревна", dt.date(2014, 5, 12), "обучающийся", "6 а", "", "", "", "", "",
     "Осокина Лада Петровна"],
    ["Брусникин", "Гордей", "Аркадьевич", "30.01.1979", "учитель", "", "Физика", 21, "", "", "", ""],
    ["Вереск", "Мирон", "", "", "выпускник", "", "", "", "", "", "АО «Образец», инженер", ""],
    ["Папоротникова", "Ия", "", "11.07.2004", "студент", "ПК-21", "", "", "", "", "", ""],
]  # fmt: skip


def write_xlsx(path, rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_it_imports_a_clean_file_in_one_go(tmp_path):
    org = OrganizationFactory()
    parsed = validate_roster(write_xlsx(tmp_path / "clean.xlsx", CLEAN), org)
    assert parsed.ok, [str(p) for p in parsed.errors]

    assert roster_import(organization=org, rows=parsed.rows).created == 5

    people = {p.first_name: p for p in Person.objects.filter(organization=org)}
    assert len(people) == 5
    lada, zlata, gordey = people["Лада"], people["Злата"], people["Гордей"]
    assert (lada.category, lada.phone, lada.email, lada.workplace) == (
        "parent",
        "+7 (900) 111-22-33",
        "lada@example.ru",
        "ООО «Пример», бухгалтер",
    )
    assert (zlata.category, zlata.school_class, zlata.birth_date) == ("pupil", "6А", dt.date(2014, 5, 12))
    assert (gordey.category, gordey.subject, gordey.experience_years) == ("teacher", "Физика", 21)
    assert people["Мирон"].birth_date is None and people["Ия"].category == "student"
    assert list(Guardianship.objects.values_list("guardian_id", "child_id", "basis")) == [
        (lada.pk, zlata.pk, Guardianship.Basis.PARENT)
    ]


def test_a_roster_with_every_kind_of_error_writes_zero_rows(tmp_path):
    org = OrganizationFactory()
    PersonFactory(organization=org, last_name="Брусникин", first_name="Гордей", middle_name="Аркадьевич",
                  birth_date=dt.date(1979, 1, 30))  # fmt: skip
    rows = [
        *CLEAN,  # row 4 is a teacher who is already in the organisation: recognised, not an error
        ["", "Аким", "", "", "обучающийся", "1А", "", "", "", "", "", ""],
        ["Осокин", "Аким", "", "31.13.2015", "обучающийся", "1А", "", "", "", "", "", ""],
        ["Осокин", "Глеб", "", "01.01.2015", "завуч", "", "", "", "", "", "", ""],
        ["Осокина", "Злата", "Игоревна", "12.05.2014", "обучающийся", "6А", "", "", "", "", "", ""],
        ["Осокин", "Лев", "", "", "педагог", "", "", "сто", "lev@", "1", "", ""],
    ]
    parsed = validate_roster(write_xlsx(tmp_path / "bad.xlsx", rows), org)
    errors = [str(p) for p in parsed.errors]
    assert errors == [
        "Строка 7, «Фамилия»: не заполнено — обязательное поле",
        "Строка 8, «Дата рождения»: «31.13.2015» — не дата; нужен формат ДД.ММ.ГГГГ, например 05.09.2012",
        "Строка 9, «Категория»: неизвестная категория «завуч»; допустимы: обучающийся, студент, педагог, родитель, "
        "выпускник, сотрудник предприятия, внешний",
        "Строка 10, «Фамилия»: повторяет строку 3: те же фамилия, имя, отчество и дата рождения",
        "Строка 11, «Стаж»: «сто» — стаж должен быть числом лет от 0 до 60",
        "Строка 11, «E-mail»: «lev@» — неверный адрес электронной почты (нужен один адрес)",
        "Строка 11, «Телефон»: «1» — не похоже на российский номер; нужен один номер, например +7 (912) 345-67-89",
    ]
    # The service checks again by itself: the clean rows of a dirty file are refused too.
    with pytest.raises(ValidationError):
        roster_import(organization=org, rows=parsed.rows)
    assert Person.objects.filter(organization=org).count() == 1
    assert not Guardianship.objects.exists()


def test_it_refuses_rows_when_someone_was_added_after_the_preview(tmp_path):
    org = OrganizationFactory()
    path = write_xlsx(tmp_path / "clean.xlsx", CLEAN)
    existing = existing_people(org)
    parsed = check_roster(parse_roster(path), existing)
    digest = plan_roster(parsed, existing).digest()
    PersonFactory(organization=org, last_name="Вереск", first_name="Мирон", middle_name="", birth_date=None)

    with pytest.raises(ValidationError) as error:
        roster_import(organization=org, rows=parsed.rows, headers=parsed.headers, expected_digest=digest)

    assert error.value.messages == [
        "С момента проверки люди организации изменились (другая загрузка или правка). Загрузите файл ещё раз."
    ]
    assert Person.objects.filter(organization=org).count() == 1


def test_the_same_person_may_be_in_another_organisation(tmp_path):
    other = OrganizationFactory()
    PersonFactory(organization=other, last_name="Брусникин", first_name="Гордей", middle_name="Аркадьевич",
                  birth_date=dt.date(1979, 1, 30))  # fmt: skip
    org = OrganizationFactory()
    assert validate_roster(write_xlsx(tmp_path / "clean.xlsx", CLEAN), org).ok


def test_it_links_a_pupil_to_a_parent_already_in_the_organisation(tmp_path):
    org = OrganizationFactory()
    parent = PersonFactory(organization=org, category=Person.Category.PARENT, last_name="Ельникова",
                           first_name="Мила", middle_name="Олеговна")  # fmt: skip
    rows = [
        HEADERS,
        ["Ельников", "Орест", "", "03.03.2016", "обучающийся", "4Б", "", "", "", "", "", "Ельникова Мила Олеговна"],
    ]
    parsed = validate_roster(write_xlsx(tmp_path / "child.xlsx", rows), org)
    assert parsed.ok, [str(p) for p in parsed.errors]

    roster_import(organization=org, rows=parsed.rows)

    child = Person.objects.get(first_name="Орест")
    assert list(child.guardians.values_list("guardian_id", flat=True)) == [parent.pk]


def test_it_refuses_rows_built_outside_the_parser_with_an_unknown_category():
    org = OrganizationFactory()
    rows = [RosterRow(line=2, last_name="Осокин", first_name="Ждан", category="director")]
    with pytest.raises(ValidationError, match="неизвестная категория"):
        roster_import(organization=org, rows=rows)
    assert not Person.objects.exists()


# --- export ----------------------------------------------------------------------------------------------------


@pytest.fixture
def school():
    org = OrganizationFactory()
    link = GuardianshipFactory(
        guardian=PersonFactory(organization=org, category=Person.Category.PARENT, last_name="Осокина",
                               first_name="Лада", middle_name="Петровна", birth_date=dt.date(1987, 11, 2),
                               subject="", experience_years=None, phone="+7 (900) 111-22-33"),
        child=PupilFactory(organization=org, last_name="Осокина", first_name="Злата", middle_name="Игоревна",
                           birth_date=dt.date(2014, 5, 12), school_class="6А"),
    )  # fmt: skip
    teacher = PersonFactory(organization=org, last_name="Брусникин", first_name="Гордей", middle_name="Аркадьевич",
                            birth_date=dt.date(1979, 1, 30), subject="Физика", experience_years=21)  # fmt: skip
    PersonFactory(organization=org, last_name="Скрытов", anonymised_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    PersonFactory(last_name="Чужой")  # another organisation
    MenteeRequest.objects.create(person=link.child, organization=org, needs="Трудности с дробями",
                                 deficit_competencies=["математика", "самоорганизация"])  # fmt: skip
    MentorCandidate.objects.create(person=teacher, organization=org, category=MentorCandidate.Category.TEACHER,
                                   competencies=["физика"], capacity=2)  # fmt: skip
    return org


def test_it_exports_people_and_both_bases_to_xlsx(tmp_path, school):
    path = tmp_path / "export.xlsx"

    counts = roster_export(organization=school, path_or_stream=path)

    assert counts == {"people": 3, "requests": 1, "candidates": 1}
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Люди", "База наставляемых", "База наставников"]
    people = workbook["Люди"]
    assert [c.value for c in people[1]] == [*HEADERS[:-1], "Идентификатор", HEADERS[-1]]
    rows = {r[1]: r for r in people.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"Лада", "Злата", "Гордей"}  # not the anonymised one, not another school's
    assert rows["Злата"][3] == dt.datetime(2014, 5, 12)
    assert rows["Злата"][4:6] == ("Обучающийся", "6А")
    assert rows["Злата"][12] == "Осокина Лада Петровна, 02.11.1987"
    assert rows["Гордей"][6:8] == ("Физика", 21)
    assert rows["Лада"][9] == "+7 (900) 111-22-33"
    assert people["D2"].number_format == "DD.MM.YYYY"
    assert people.freeze_panes == "A2"
    assert people.auto_filter.ref == "A1:M4"
    assert people.column_dimensions["A"].width > 10
    requests = list(workbook["База наставляемых"].iter_rows(values_only=True))
    assert requests[0][:6] == tuple(HEADERS[:6])
    assert requests[1][:2] == ("Осокина", "Злата")
    assert "Трудности с дробями" in requests[1] and "математика; самоорганизация" in requests[1]
    mentors = list(workbook["База наставников"].iter_rows(values_only=True))
    assert mentors[1][:2] == ("Брусникин", "Гордей") and "физика" in mentors[1]
    assert "Категория наставника" in mentors[0]


def test_an_export_loaded_back_finds_everyone_already_there(tmp_path, school):
    path = tmp_path / "export.xlsx"
    roster_export(organization=school, path_or_stream=path)

    existing = existing_people(school)
    parsed = check_roster(parse_roster(path), existing)

    assert parsed.ok, [str(p) for p in parsed.errors]
    assert len(parsed.rows) == 3
    assert sorted(parsed.matches) == [2, 3, 4]  # everyone recognised: the file changes nothing
    plan = plan_roster(parsed, existing)
    assert (plan.new, plan.changed, len(plan.unchanged), plan.links) == ([], [], 3, [])


def test_an_export_loads_into_another_organisation_with_its_guardian_links(tmp_path, school):
    path = tmp_path / "export.xlsx"
    roster_export(organization=school, path_or_stream=path)
    other = OrganizationFactory()

    parsed = validate_roster(path, other)
    assert parsed.ok, [str(p) for p in parsed.errors]
    roster_import(organization=other, rows=parsed.rows)

    child = Person.objects.get(organization=other, first_name="Злата")
    assert child.guardians.get().guardian.first_name == "Лада"
    assert child.guardians.get().guardian.organization == other


def test_a_head_of_department_exports_only_teachers(tmp_path, school):
    head = person_with_login(role=Role.METHOD_HEAD, organization=school)
    path = tmp_path / "export.xlsx"

    counts = roster_export(organization=school, path_or_stream=path, user=head.user)

    assert counts == {"people": 2, "requests": 0, "candidates": 1}
    names = [r[1] for r in openpyxl.load_workbook(path)["Люди"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(["Гордей", head.first_name])


def test_the_blank_template_loads_cleanly(tmp_path):
    path = tmp_path / "template.xlsx"
    roster_template(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Люди", "Пояснения"]
    assert [c.value for c in workbook["Люди"][1]] == [*HEADERS[:-1], "Идентификатор", HEADERS[-1]]
    parsed = validate_roster(path, OrganizationFactory())
    assert parsed.ok, [str(p) for p in parsed.errors]
    assert [r.category for r in parsed.rows] == ["pupil", "parent", "teacher"]
    assert len(parsed.links) == 1
