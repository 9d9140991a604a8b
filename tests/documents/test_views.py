import datetime as dt
import io

import pytest
from django.urls import reverse

from nastavnik.documents.models import Order
from nastavnik.documents.services import order_issue
from nastavnik.orgs.models import Membership, Role
from tests.documents.factories import (
    MentorCandidateFactory,
    docx_tables,
    docx_text,
    school_with_director,
    staff,
)
from tests.factories import PersonFactory, person_with_login

pytestmark = pytest.mark.django_db


def _generic_order(org):
    return order_issue(
        organization=org, kind="other", date=dt.date(2026, 9, 1), subject="О дежурстве", payload={"items": ["Пункт"]}
    )


def _formset(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "1",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def _sign_the_draft(client) -> Order:
    """The director signs the only draft on its page, as they would with one click."""
    draft = Order.objects.get()
    assert draft.status == Order.Status.DRAFT and draft.number is None
    response = client.post(reverse("order_detail", args=[draft.pk]), {"action": "sign", "comment": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_signed and draft.number == 1
    return draft


def _common(**extra) -> dict:
    return {
        "date": "2026-09-01",
        "subject": "",
        "grounds": "В соответствии с Положением о наставничестве,",
        "place": "г. Тестоград",
        **extra,
    }


@pytest.fixture
def school():
    org, director = school_with_director()
    return org, director


def test_it_shows_the_register_to_the_director(client, school):
    org, director = school
    order = _generic_order(org)
    client.force_login(director.user)
    response = client.get(reverse("order_register", args=[org.code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "1-н" in body and "О дежурстве" in body
    assert reverse("order_docx", args=[order.pk]) in body
    assert reverse("order_issue", args=[org.code, "introduce_model"]) in body


def test_it_filters_the_register_by_year_and_kind(client, school):
    org, director = school
    _generic_order(org)
    order_issue(
        organization=org,
        kind="reward",
        date=dt.date(2027, 5, 20),
        subject="О премии наставникам",
        payload={"items": ["Наградить"]},
    )
    client.force_login(director.user)
    url = reverse("order_register", args=[org.code])
    assert "О премии наставникам" not in client.get(url, {"year": 2026}).content.decode()
    body = client.get(url, {"kind": "reward"}).content.decode()
    assert "О премии наставникам" in body and "О дежурстве" not in body


def test_it_lets_the_psychologist_read_the_register_but_not_issue(client, school):
    org, _ = school
    psychologist = person_with_login(role=Role.PSYCHOLOGIST, organization=org)
    client.force_login(psychologist.user)
    body = client.get(reverse("order_register", args=[org.code])).content.decode()
    assert "Подготовить проект приказа" not in body
    assert client.get(reverse("order_issue", args=[org.code, "introduce_model"])).status_code == 403


def test_it_refuses_a_mentor_with_403(client, school):
    org, _ = school
    order = _generic_order(org)
    mentor = person_with_login(role=Role.MENTOR, organization=org)
    client.force_login(mentor.user)
    assert client.get(reverse("order_register", args=[org.code])).status_code == 403
    assert client.get(reverse("order_issue", args=[org.code, "mentor_school"])).status_code == 403
    assert client.get(reverse("order_docx", args=[order.pk])).status_code == 403


def test_it_hides_another_organisations_register_with_404(client, school):
    org, _ = school
    order = _generic_order(org)
    _other_org, other_director = school_with_director()
    client.force_login(other_director.user)
    assert client.get(reverse("order_register", args=[org.code])).status_code == 404
    assert client.get(reverse("order_docx", args=[order.pk])).status_code == 404
    assert client.get(reverse("order_pdf", args=[order.pk])).status_code == 404
    assert client.get(reverse("order_issue", args=[org.code, "introduce_model"])).status_code == 404


def test_it_sends_anonymous_visitors_to_login(client, school):
    org, _ = school
    response = client.get(reverse("order_register", args=[org.code]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_downloads_the_docx_with_a_russian_file_name(client, school):
    org, director = school
    order = _generic_order(org)
    client.force_login(director.user)
    response = client.get(reverse("order_docx", args=[order.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert "1-%D0%BD%20%D0%BE%D1%82%2001.09.2026.docx" in response["Content-Disposition"]
    text = docx_text(b"".join(response.streaming_content))
    assert "№ 1-н" in text and "«1» сентября 2026 г." in text


def test_it_opens_the_issue_forms_prefilled_for_the_curator(client, school):
    org, _ = school
    curator = person_with_login(role=Role.CURATOR, organization=org, last_name="Тисов", first_name="Марк")
    client.force_login(curator.user)
    for kind in ("introduce_model", "appoint_coordinator", "approve_mentor_registry", "mentor_school"):
        response = client.get(reverse("order_issue", args=[org.code, kind]))
        assert response.status_code == 200, kind
    body = client.get(reverse("order_issue", args=[org.code, "introduce_model"])).content.decode()
    assert "273-ФЗ" in body  # the preamble comes prefilled with the typical grounds
    assert "рост числа закрепившихся в профессии" in body
    assert "вести базы (персонифицированный учёт)" in body  # the curator's row with the curator's duties
    assert "входной мониторинг" in body


def test_it_answers_404_for_an_unknown_kind(client, school):
    org, director = school
    client.force_login(director.user)
    # The pairs order is prepared from a Mentor Match session, not from a blank form.
    assert client.get(reverse("order_issue", args=[org.code, "approve_pairs"])).status_code == 404


def test_it_issues_the_introduction_order_from_the_form(client, school):
    org, director = school
    deputy = staff(org, Role.COORDINATOR, last_name="Клёнова", first_name="Ирина", middle_name="Вадимовна")
    client.force_login(director.user)
    data = {
        **_common(starts_on="2026-09-01", ends_on="2027-05-31", results="рост числа молодых педагогов\nобмен опытом"),
        **_formset(
            "responsible",
            [
                {"person": deputy.pk, "position": "заместитель директора", "duties": "руководить внедрением"},
                {"person": "", "position": "", "duties": ""},
            ],
        ),
        **_formset("monitoring", [{"what": "промежуточный мониторинг", "date": "2027-01-15"}]),
    }
    response = client.post(reverse("order_issue", args=[org.code, "introduce_model"]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("order_detail", args=[Order.objects.get().pk])
    order = _sign_the_draft(client)
    text = docx_text(order.file.read())
    assert "2.1. Клёнова И. В. — заместитель директора." in text
    assert "промежуточный мониторинг — 15 января 2027 г." in text
    assert "г. Тестоград" in text
    assert order.created_by == director.user


def test_it_shows_russian_errors_and_writes_nothing_for_a_bad_form(client, school):
    org, director = school
    client.force_login(director.user)
    data = {
        **_common(starts_on="2027-05-31", ends_on="2026-09-01", results="итог"),
        **_formset("responsible", [{"person": "", "position": "", "duties": ""}]),
        **_formset("monitoring", [{"what": "итоговый мониторинг", "date": "2027-05-20"}]),
    }
    response = client.post(reverse("order_issue", args=[org.code, "introduce_model"]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Назначьте хотя бы одного ответственного" in body
    assert "Окончание периода должно быть позже его начала" in body
    assert not Order.objects.exists()


def test_it_adds_a_row_without_losing_what_was_typed(client, school):
    org, director = school
    client.force_login(director.user)
    data = {
        **_common(starts_on="2026-09-15", ends_on="2026-10-31", topics="Тема А"),
        "responsible": "",
        **_formset("schedule", [{"date": "2026-09-20", "time": "15:00", "topic": "Введение", "responsible": ""}]),
        "add_row": "schedule",
    }
    response = client.post(reverse("order_issue", args=[org.code, "mentor_school"]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="schedule-TOTAL_FORMS" value="2"' in body
    assert 'value="Введение"' in body and "Тема А" in body
    assert "invalid-feedback" not in body
    assert not Order.objects.exists()


def test_it_appoints_coordinator_and_curators_from_the_form(client, school):
    org, director = school
    deputy = staff(org, last_name="Клёнова", first_name="Ирина", middle_name="Вадимовна")
    teacher = staff(org, last_name="Тисов", first_name="Марк", middle_name="Ильич")
    client.force_login(director.user)
    data = _common(
        coordinator=deputy.pk,
        curators=[teacher.pk],
        coordinator_duties="руководить",
        curator_duties="вести базы\nформировать пары",
    )
    response = client.post(reverse("order_issue", args=[org.code, "appoint_coordinator"]), data)
    assert response.status_code == 302
    # A draft appoints nobody; the signature does.
    assert not Membership.objects.filter(person=deputy, role=Role.COORDINATOR, organization=org).exists()
    _sign_the_draft(client)
    assert Membership.objects.filter(person=deputy, role=Role.COORDINATOR, organization=org).exists()
    assert Membership.objects.filter(person=teacher, role=Role.CURATOR, organization=org).exists()
    text = docx_text(Order.objects.get().file.read())
    assert "Клёнову И. В." in text and "Тисова М. И." in text and "– формировать пары." in text


def test_it_approves_the_registry_from_the_form(client, school):
    org, director = school
    approved = MentorCandidateFactory(person=PersonFactory(organization=org, last_name="Дубравина"))
    MentorCandidateFactory(person=PersonFactory(organization=org, last_name="Ожидающий"), status="interviewed")
    client.force_login(director.user)
    form_page = client.get(reverse("order_issue", args=[org.code, "approve_mentor_registry"])).content.decode()
    assert "Дубравина" in form_page and "Ожидающий" not in form_page
    response = client.post(
        reverse("order_issue", args=[org.code, "approve_mentor_registry"]), _common(candidates=[approved.pk])
    )
    assert response.status_code == 302
    registry = docx_tables(_sign_the_draft(client).file.read())[-1]
    assert registry[1][1].startswith("Дубравина")


def test_it_organises_the_mentor_school_from_the_form(client, school):
    org, director = school
    psychologist = staff(org, Role.PSYCHOLOGIST, last_name="Вязова", first_name="Ника", middle_name="Олеговна")
    client.force_login(director.user)
    data = {
        **_common(starts_on="2026-09-15", ends_on="2026-10-31", responsible=psychologist.pk, topics="Тема А\nТема Б"),
        **_formset(
            "schedule",
            [
                {"date": "2026-09-20", "time": "15:00–16:30", "topic": "Тема А", "responsible": ""},
                {"date": "", "time": "", "topic": "", "responsible": ""},
            ],
        ),
    }
    response = client.post(reverse("order_issue", args=[org.code, "mentor_school"]), data)
    assert response.status_code == 302
    schedule = docx_tables(_sign_the_draft(client).file.read())[-1]
    assert schedule[1] == ["1", "20.09.2026", "15:00–16:30", "Тема А", "Вязова Н. О."]
    assert len(schedule) == 2


def test_it_redirects_a_one_organisation_user_to_their_register(client, school):
    org, director = school
    client.force_login(director.user)
    response = client.get(reverse("documents_home"))
    assert response.status_code == 302 and response["Location"] == reverse("order_register", args=[org.code])


def test_it_keeps_the_downloaded_file_a_valid_docx(client, school):
    from docx import Document

    org, director = school
    order = _generic_order(org)
    client.force_login(director.user)
    content = b"".join(client.get(reverse("order_docx", args=[order.pk])).streaming_content)
    assert Document(io.BytesIO(content)).paragraphs
