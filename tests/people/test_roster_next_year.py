"""The next school year: a roster loaded over this year's updates people in place, and the curator decides about
those who are not in the file."""

import datetime as dt

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from nastavnik.orgs.models import Organization, Role
from nastavnik.people.models import Guardianship, Person
from nastavnik.people.roster import check_roster, existing_people, parse_roster, plan_roster
from nastavnik.people.services import roster_import
from tests.factories import OrganizationFactory, UserFactory, person_with_login

pytestmark = pytest.mark.django_db

HEADERS = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Класс", "E-mail", "Законный представитель"]
THIS_YEAR = [
    HEADERS,
    ["Осокина", "Лада", "Петровна", "02.11.1987", "родитель", "", "", ""],
    ["Осокина", "Злата", "Игоревна", "12.05.2014", "обучающийся", "6А", "", "Осокина Лада Петровна"],
    ["Вереск", "Мирон", "Ильич", "03.03.2014", "обучающийся", "6Б", "", ""],
    ["Купавин", "Тихон", "Остапович", "09.09.2013", "обучающийся", "7А", "", ""],
]
NEXT_YEAR = [
    HEADERS,
    ["Осокина", "Лада", "Петровна", "02.11.1987", "родитель", "", "lada@example.ru", ""],
    ["Осокина", "Злата", "Игоревна", "12.05.2014", "обучающийся", "7А", "", "Осокина Лада Петровна"],
    ["Вереск", "Мирон", "Ильич", "03.03.2014", "обучающийся", "7Б", "", ""],
    ["Ряскин", "Ефим", "Олегович", "01.02.2015", "обучающийся", "5В", "", ""],
]  # Купавин is not in the file any more


def write_xlsx(path, rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def load(org, path, **kwargs):
    existing = existing_people(org)
    parsed = check_roster(parse_roster(path, kind=org.kind), existing)
    assert parsed.ok, [str(p) for p in parsed.errors]
    return (
        parsed,
        plan_roster(parsed, existing),
        lambda: roster_import(organization=org, rows=parsed.rows, headers=parsed.headers, **kwargs),
    )


def snapshot(org):
    return sorted(
        Person.objects.filter(organization=org).values_list(
            "last_name", "first_name", "school_class", "email", "left_at", "external_id"
        ),
        key=str,
    ), sorted(Guardianship.objects.values_list("guardian_id", "child_id"))


def test_the_same_file_twice_changes_nothing(tmp_path):
    org = OrganizationFactory()
    path = write_xlsx(tmp_path / "this.xlsx", THIS_YEAR)
    _parsed, _plan, run = load(org, path)
    assert run().created == 4
    before = snapshot(org)

    _parsed, plan, run = load(org, path)
    assert (len(plan.new), len(plan.changed), len(plan.unchanged), plan.links) == (0, 0, 4, [])
    assert not plan.changes_anything
    result = run()
    assert (result.created, result.updated, result.unchanged, result.left, result.links) == (0, 0, 4, 0, 0)
    assert snapshot(org) == before


def test_next_year_updates_in_place_and_lists_who_is_not_in_the_file(tmp_path):
    org = OrganizationFactory()
    load(org, write_xlsx(tmp_path / "this.xlsx", THIS_YEAR))[2]()
    zlata_pk = Person.objects.get(first_name="Злата").pk

    _parsed, plan, run = load(org, write_xlsx(tmp_path / "next.xlsx", NEXT_YEAR), leavers=True)

    assert [r.last_name for r in plan.new] == ["Ряскин"]
    changes = {c.name: c.diffs for c in plan.changed}
    assert changes == {
        "Осокина Лада Петровна": [("E-mail", "", "lada@example.ru")],
        "Осокина Злата Игоревна": [("Класс", "6А", "7А")],
        "Вереск Мирон Ильич": [("Класс", "6Б", "7Б")],
    }
    assert [name for _pk, name, _class in plan.missing] == ["Купавин Тихон Остапович"]
    result = run()
    assert (result.created, result.updated, result.unchanged, result.left) == (1, 3, 0, 1)
    zlata = Person.objects.get(first_name="Злата")
    assert zlata.pk == zlata_pk and zlata.school_class == "7А"  # the same record, with its history
    tikhon = Person.objects.get(first_name="Тихон")
    assert tikhon.left_at is not None and tikhon.school_class == "7А"  # archived, not deleted
    assert Guardianship.objects.count() == 1


def test_people_not_in_the_file_stay_unless_the_curator_says_they_leave(tmp_path):
    org = OrganizationFactory()
    load(org, write_xlsx(tmp_path / "this.xlsx", THIS_YEAR))[2]()
    tikhon = Person.objects.get(first_name="Тихон")
    user = UserFactory()
    tikhon.user = user
    tikhon.save()

    assert load(org, write_xlsx(tmp_path / "next.xlsx", NEXT_YEAR))[2]().left == 0
    tikhon.refresh_from_db()
    assert tikhon.left_at is None

    assert load(org, write_xlsx(tmp_path / "next.xlsx", NEXT_YEAR), leavers=True)[2]().left == 1
    tikhon.refresh_from_db()
    user.refresh_from_db()
    assert tikhon.left_at is not None and not user.is_active


def test_only_the_categories_in_the_file_and_never_staff_are_not_in_the_file(tmp_path):
    org = OrganizationFactory()
    load(org, write_xlsx(tmp_path / "this.xlsx", THIS_YEAR))[2]()
    curator = person_with_login(role=Role.CURATOR, organization=org, category=Person.Category.PUPIL)
    pupils_only = [HEADERS, *[r for r in NEXT_YEAR[1:] if r[4] == "обучающийся"]]
    _parsed, plan, _run = load(org, write_xlsx(tmp_path / "pupils.xlsx", pupils_only))
    missing = [name for _pk, name, _class in plan.missing]
    assert missing == ["Купавин Тихон Остапович"]  # not the parent (not a pupil row), not the curator
    assert curator.full_name not in missing


def test_an_identifier_recognises_a_person_whose_name_was_corrected(tmp_path):
    org = OrganizationFactory()
    rows = [
        ["Идентификатор", *HEADERS],
        ["A-17", "Купавин", "Тихон", "Остапович", "09.09.2013", "ученик", "7А", "", ""],
    ]
    load(org, write_xlsx(tmp_path / "a.xlsx", rows))[2]()
    rows[1] = ["A-17", "Купавин", "Тихон", "Остапович", "19.09.2013", "ученик", "8А", "", ""]
    _parsed, plan, run = load(org, write_xlsx(tmp_path / "b.xlsx", rows))
    assert plan.new == []
    assert plan.changed[0].diffs == [("Дата рождения", "09.09.2013", "19.09.2013"), ("Класс", "7А", "8А")]
    run()
    person = Person.objects.get(organization=org)
    assert (person.external_id, person.birth_date, person.school_class) == ("A-17", dt.date(2013, 9, 19), "8А")


def test_a_new_guardian_link_for_a_known_child_is_a_change(tmp_path):
    org = OrganizationFactory()
    rows = [r[:] for r in THIS_YEAR]
    rows[2][7] = ""
    load(org, write_xlsx(tmp_path / "a.xlsx", rows))[2]()
    _parsed, plan, run = load(org, write_xlsx(tmp_path / "b.xlsx", THIS_YEAR))
    assert [(c.name, c.diffs) for c in plan.changed] == [
        ("Осокина Злата Игоревна", [("Законный представитель", "", "Осокина Лада Петровна")])
    ]
    run()
    assert Guardianship.objects.get().child.first_name == "Злата"


def test_a_minor_without_a_guardian_is_listed_as_nobody_can_consent(tmp_path):
    org = OrganizationFactory()
    _parsed, plan, _run = load(org, write_xlsx(tmp_path / "a.xlsx", THIS_YEAR))
    assert plan.no_guardian == ["Вереск Мирон Ильич, 6Б", "Купавин Тихон Остапович, 7А"]


@pytest.mark.parametrize(
    ("kind", "value", "ok"),
    [
        (Organization.Kind.SCHOOL, "7А", True),
        (Organization.Kind.SCHOOL, "11 б", True),
        (Organization.Kind.SCHOOL, "12А", False),
        (Organization.Kind.SCHOOL, "0Б", False),
        (Organization.Kind.SCHOOL, "7АБВ", False),
        (Organization.Kind.SCHOOL, "Кадетский", True),
        (Organization.Kind.KINDERGARTEN, "Солнышко", True),
        (Organization.Kind.COLLEGE, "ИС-21", True),
    ],
)
def test_the_class_column_is_checked_for_the_kind_of_organisation(tmp_path, kind, value, ok):
    org = OrganizationFactory(kind=kind)
    rows = [["Фамилия", "Имя", "Дата рождения", "Категория", "Класс"], ["Купавин", "Тихон", "", "ученик", value]]
    parsed = parse_roster(write_xlsx(tmp_path / "a.xlsx", rows), kind=org.kind)
    assert parsed.ok is ok, [str(p) for p in parsed.errors]


def test_the_preview_shows_the_changes_and_the_choice_and_confirms(client, tmp_path):
    org = OrganizationFactory()
    load(org, write_xlsx(tmp_path / "this.xlsx", THIS_YEAR))[2]()
    curator = person_with_login(role=Role.CURATOR, organization=org)
    client.force_login(curator.user)
    path = write_xlsx(tmp_path / "next.xlsx", NEXT_YEAR)
    with path.open("rb") as fh:
        response = client.post(reverse("roster_import", args=[org.code]), {"file": fh})
    page = response.content.decode()
    for text in ("Новые: 1", "Изменятся: 3", "Без изменений: 0", "Нет в файле: 1", "6А → <strong>7А</strong>",
                 "Купавин Тихон Остапович", "Отметить выбывшими", "Некому дать согласие"):  # fmt: skip
        assert text in page, text
    response = client.post(
        reverse("roster_import_confirm", args=[org.code]), {"token": response.context["token"], "leavers": "1"}
    )
    assert response.status_code == 302
    assert Person.objects.get(first_name="Тихон").left_at is not None
    assert Person.objects.get(first_name="Мирон").school_class == "7Б"
    # The people list no longer shows who left.
    page = client.get(reverse("people"), {"org": org.pk}).content.decode()
    assert "Купавин" not in page and "Вереск" in page


def test_the_command_line_imports_next_year_with_leavers(tmp_path):
    org = OrganizationFactory()
    call_command("import_roster", str(write_xlsx(tmp_path / "a.xlsx", THIS_YEAR)), "--org", org.code)
    call_command("import_roster", str(write_xlsx(tmp_path / "b.xlsx", NEXT_YEAR)), "--org", org.code, "--leavers")
    assert Person.objects.get(first_name="Злата").school_class == "7А"
    assert Person.objects.get(first_name="Тихон").left_at is not None
