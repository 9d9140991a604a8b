import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from nastavnik.documents.models import Order
from nastavnik.documents.services import order_issue, order_render
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Person
from tests.documents.factories import (
    ISSUE_DATE,
    MentorCandidateFactory,
    docx_tables,
    docx_text,
    introduce_payload,
    school_payload,
    school_with_director,
    staff,
)
from tests.factories import OrganizationFactory, PersonFactory, ProgramFactory, PupilFactory

pytestmark = pytest.mark.django_db


def _issue(org, kind, payload, **kwargs):
    return order_issue(organization=org, kind=kind, date=ISSUE_DATE, payload=payload, **kwargs)


def _assert_heading(text: str, org, order) -> None:
    assert org.name in text
    assert "ПРИКАЗ" in text
    assert f"№ {order.number}-н" in text
    assert "«1» сентября 2026 г." in text
    assert "ПРИКАЗЫВАЮ:" in text
    assert "Директор" in text and "Л. М. Гроздева" in text


def test_it_issues_the_order_introducing_the_target_model():
    org, _director = school_with_director()
    coordinator = staff(org, Role.COORDINATOR, last_name="Клёнова", first_name="Ирина", middle_name="Вадимовна")
    curator = staff(org, last_name="Тисов", first_name="Марк", middle_name="")
    order = _issue(org, Order.Kind.INTRODUCE_MODEL, introduce_payload(coordinator, curator))

    text = docx_text(order_render(order=order))
    _assert_heading(text, org, order)
    assert "О внедрении целевой модели наставничества" in text
    assert "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ" in text
    assert "с 01.09.2026 по 31.05.2027" in text
    assert "2.1. Клёнова И. В." in text and "2.2. Тисов М." in text
    assert "входной мониторинг — 1 октября 2026 г." in text
    assert "рост числа закрепившихся в профессии молодых педагогов" in text
    appendix = docx_tables(order_render(order=order))[-1]
    assert appendix[1][1] == "Клёнова И. В."
    assert "– вести базу наставников;" in appendix[1][3]
    assert "Приложение № 1" in text and f"от 01.09.2026 № {order.number}-н" in text


def test_it_lists_the_people_named_in_the_order_for_acquaintance():
    org, _director = school_with_director()
    coordinator = staff(org, Role.COORDINATOR, last_name="Клёнова", first_name="Ирина", middle_name="Вадимовна")
    order = _issue(org, Order.Kind.INTRODUCE_MODEL, introduce_payload(coordinator))
    acquaintance = docx_tables(order_render(order=order))[0]
    assert acquaintance[0] == ["№", "Фамилия, инициалы", "Подпись", "Дата"]
    assert acquaintance[1][:2] == ["1", "Клёнова И. В."]


def test_it_appoints_the_coordinator_and_curators_and_gives_them_their_roles():
    org, director = school_with_director()
    coordinator = staff(org, last_name="Клёнова", first_name="Ирина", middle_name="Вадимовна")
    curator = staff(org, last_name="Тисов", first_name="Марк", middle_name="Ильич")
    program = ProgramFactory(organization=org)
    order = _issue(
        org,
        Order.Kind.APPOINT_COORDINATOR,
        {
            "coordinator_id": coordinator.pk,
            "curators": [{"person_id": curator.pk, "area": "форма «Учитель – учитель»"}],
        },
        program=program,
        created_by=director.user,
    )

    text = docx_text(order_render(order=order))
    _assert_heading(text, org, order)
    # Names and positions declined: «Назначить координатором … Клёнову И. В.», «кураторами: Тисова М. И., педагога».
    assert "координатором" in text and "Клёнову И. В." in text
    assert "2.1. Тисова М. И., педагога (Математика) — форма «Учитель – учитель»." in text
    assert "вести базы (персонифицированный учёт) наставников и наставляемых" in text
    coordinator_role = Membership.objects.get(person=coordinator, role=Role.COORDINATOR, organization=org)
    assert coordinator_role.appointed_on == ISSUE_DATE
    assert Membership.objects.filter(person=curator, role=Role.CURATOR, organization=org).exists()
    assert list(program.curators.all()) == [curator]


def test_it_approves_the_mentor_registry_from_approved_candidates():
    org, _director = school_with_director()
    inside = MentorCandidateFactory(
        person=PersonFactory(organization=org, last_name="Дубравина", first_name="Ольга", middle_name="Петровна")
    )
    outside = MentorCandidateFactory(
        person=PersonFactory(
            organization=None,
            last_name="Ракитин",
            first_name="Сергей",
            middle_name="Львович",
            category=Person.Category.EMPLOYER,
            workplace="ООО «Вектор», инженер",
        ),
        organization=org,
        category="employer",
        competencies=["робототехника"],
    )
    order = _issue(org, Order.Kind.APPROVE_MENTOR_REGISTRY, {"candidate_ids": [inside.pk, outside.pk]})

    data = order_render(order=order)
    _assert_heading(docx_text(data), org, order)
    assert "(2 наставника)" in docx_text(data)
    registry = docx_tables(data)[-1]
    assert registry[0] == ["№", "ФИО наставника", "Должность / категория", "Организация", "Компетенции"]
    assert registry[1][1:] == [
        "Дубравина Ольга Петровна",
        "Педагог (Математика)",
        org.short_name,
        "формирующее оценивание, проектная деятельность",
    ]
    assert registry[2][1:] == [
        "Ракитин Сергей Львович",
        "Сотрудник предприятия: ООО «Вектор», инженер",
        "ООО «Вектор», инженер",
        "робототехника",
    ]


def test_it_refuses_candidates_not_yet_approved():
    org, _director = school_with_director()
    pending = MentorCandidateFactory(person=PersonFactory(organization=org), status="candidate")
    with pytest.raises(ValidationError, match="В реестре наставников"):
        _issue(org, Order.Kind.APPROVE_MENTOR_REGISTRY, {"candidate_ids": [pending.pk]})
    assert not Order.objects.exists()


def test_it_organises_the_mentor_school_with_programme_and_schedule():
    org, _director = school_with_director()
    psychologist = staff(org, Role.PSYCHOLOGIST, last_name="Вязова", first_name="Ника", middle_name="Олеговна")
    order = _issue(org, Order.Kind.MENTOR_SCHOOL, school_payload(psychologist))

    data = order_render(order=order)
    text = docx_text(data)
    _assert_heading(text, org, order)
    assert "«Школы наставников»" in text and "с 15.09.2026 по 31.10.2026" in text
    assert "Вязова Н. О." in text
    programme, schedule = docx_tables(data)[-2:]
    assert programme[2] == ["2", "Принципы этичного и безопасного наставничества"]
    assert schedule[1] == ["1", "20.09.2026", "15:00–16:30", "Наставничество: Что? Зачем? Как?", "Вязова Н. О."]
    assert schedule[2] == ["2", "04.10.2026", "15:00", "Этика наставника", "Шиповник Е. В."]


def test_it_approves_pairs_and_groups():
    org, _director = school_with_director()
    mentor = staff(org, last_name="Ясенева", first_name="Вера", middle_name="Ильинична")
    mentee_a = PupilFactory(organization=org, last_name="Орехов", first_name="Лев", middle_name="Антонович")
    mentee_b = PupilFactory(organization=org, last_name="Липкина", first_name="Ада", middle_name="")
    payload = {
        "starts_on": "2026-10-01",
        "ends_on": "2027-05-31",
        "program_title": "Ученик – ученик",
        "pairs": [
            {
                "mentor_ids": [mentor.pk],
                "mentee_ids": [mentee_a.pk, mentee_b.pk],
                "form": "Учитель – ученик",
                "role_model": "Успевающий – неуспевающий",
            },
        ],
    }
    order = _issue(org, Order.Kind.APPROVE_PAIRS, payload)

    data = order_render(order=order)
    text = docx_text(data)
    _assert_heading(text, org, order)
    assert "программы «Ученик – ученик» на период с 01.10.2026 по 31.05.2027 (1 пара (группа))" in text
    assert "в срок до 31.10.2026" in text
    pairs = docx_tables(data)[-1]
    assert pairs[1] == [
        "1",
        "Ясенева В. И.",
        "Орехов Л. А.\nЛипкина А.",
        "Учитель – ученик",
        "Успевающий – неуспевающий",
    ]


def test_it_issues_a_generic_order_for_kinds_without_their_own_template():
    org, _director = school_with_director()
    order = _issue(
        org,
        Order.Kind.FINAL_EVENT,
        {"items": "Провести итоговую конференцию наставников 20.05.2027.\nПодготовить отчёт"},
        subject="О проведении итоговой конференции",
    )
    text = docx_text(order_render(order=order))
    _assert_heading(text, org, order)
    assert "О проведении итоговой конференции" in text
    assert "1. Провести итоговую конференцию наставников 20.05.2027" in text
    assert "3. Контроль за исполнением настоящего приказа оставляю за собой." in text


def test_it_escapes_user_text_so_the_document_stays_valid():
    org, _director = school_with_director(short_name="Школа «Ромашка» & Ко <1>")
    order = _issue(org, Order.Kind.OTHER, {"items": ["Пункт с символами < > & \" '"]}, subject="Об особых символах")
    text = docx_text(order_render(order=order))
    assert "Школа «Ромашка» & Ко <1>" in text
    assert "Пункт с символами < > & \" '" in text


def test_it_signs_as_acting_head_when_someone_else_signs():
    org, _director = school_with_director()
    deputy = staff(org, Role.COORDINATOR, last_name="Клёнова", first_name="Ирина", middle_name="Вадимовна")
    order = _issue(org, Order.Kind.OTHER, {"items": ["Пункт"]}, subject="Тест", signed_by=deputy)
    assert order.signed_by == "И. о. директора И. В. Клёнова"
    assert "И. о. директора" in docx_text(order_render(order=order))


def test_it_names_the_kindergarten_head_zaveduyushchiy():
    org, _director = school_with_director(kind="kindergarten")
    order = _issue(org, Order.Kind.OTHER, {"items": ["Пункт"]}, subject="Тест")
    assert "Заведующий" in docx_text(order_render(order=order))


def test_it_renders_the_same_document_again_from_the_snapshot_after_people_change():
    org, _director = school_with_director()
    coordinator = staff(org, Role.COORDINATOR, last_name="Клёнова", first_name="Ирина", middle_name="Вадимовна")
    order = _issue(org, Order.Kind.INTRODUCE_MODEL, introduce_payload(coordinator))
    Person.objects.filter(pk=coordinator.pk).update(last_name="Переименованная")
    order.file.storage.delete(order.file.name)
    assert "Клёнова И. В." in docx_text(order_render(order=order))


@pytest.mark.parametrize(
    ("kind", "payload", "message"),
    [
        (Order.Kind.INTRODUCE_MODEL, {}, "Назначьте хотя бы одного ответственного"),
        (Order.Kind.INTRODUCE_MODEL, {"starts_on": "2027-01-01", "ends_on": "2026-01-01"}, "позже его начала"),
        (Order.Kind.APPOINT_COORDINATOR, {"curators": []}, "Выберите координатора"),
        (Order.Kind.MENTOR_SCHOOL, {"starts_on": "2026-09-01", "ends_on": "2026-10-01"}, "Заполните график"),
        (Order.Kind.APPROVE_PAIRS, {"starts_on": "2026-09-01", "ends_on": "2026-10-01"}, "хотя бы одну"),
        (Order.Kind.OTHER, {"items": []}, "хотя бы один пункт"),
    ],
)
def test_it_writes_nothing_for_an_invalid_payload(kind, payload, message, settings):
    org, _director = school_with_director()
    with pytest.raises(ValidationError, match=message):
        _issue(org, kind, payload)
    assert not Order.objects.exists()
    assert not (settings.MEDIA_ROOT / "orders").exists()


def test_it_refuses_people_of_another_organisation_and_creates_no_roles():
    org, _director = school_with_director()
    stranger = PersonFactory(organization=OrganizationFactory())
    with pytest.raises(ValidationError, match="не найден среди участников"):
        _issue(org, Order.Kind.APPOINT_COORDINATOR, {"coordinator_id": stranger.pk, "curators": [stranger.pk]})
    assert not Order.objects.exists()
    assert not Membership.objects.filter(person=stranger).exists()


def test_it_refuses_a_mentor_school_lesson_outside_the_period():
    org, _director = school_with_director()
    payload = school_payload(staff(org))
    payload["schedule"][0]["date"] = "2026-12-01"
    with pytest.raises(ValidationError, match="вне периода обучения"):
        _issue(org, Order.Kind.MENTOR_SCHOOL, payload)


def test_it_needs_a_head_to_sign():
    org = OrganizationFactory()
    with pytest.raises(ValidationError, match="руководител"):
        order_issue(organization=org, kind="other", date=dt.date(2026, 9, 1), payload={"items": ["x"]})
    assert not Order.objects.exists()
