"""A draft of any kind is edited in place before signing — title, preamble, text lists, lines of its lists — and
what the director signs is what was edited: the filed DOCX and the order's effect follow the edited draft."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nastavnik.documents.models import Order
from nastavnik.documents.services import order_edit, order_prepare, order_render, order_return, order_sign
from nastavnik.intake.models import MentorCandidate
from nastavnik.matching.apps import MatchingConfig  # noqa: F401 (the pairs order's effect is registered)
from nastavnik.mentorships.models import Mentorship
from nastavnik.orgs.models import Membership, Role
from tests.documents.factories import (
    MentorCandidateFactory,
    docx_tables,
    docx_text,
    school_payload,
    school_with_director,
    staff,
)
from tests.factories import MentorshipFactory, PersonFactory, ProgramFactory, PupilFactory, person_with_login

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 7)


def _appointment_draft(org):
    coordinator = staff(org, last_name="Клёнова", first_name="Ирина", middle_name="Вадимовна")
    kept = staff(org, last_name="Тисов", first_name="Марк", middle_name="Ильич")
    dropped = staff(org, last_name="Ольхин", first_name="Пётр", middle_name="Ильич")
    order = order_prepare(
        organization=org,
        kind=Order.Kind.APPOINT_COORDINATOR,
        date=DAY,
        payload={"coordinator_id": coordinator.pk, "curators": [kept.pk, dropped.pk]},
    )
    return order, kept, dropped


def test_the_coordinator_edits_a_draft_built_from_the_bases_and_the_director_signs_the_edited_text(client):
    org, director = school_with_director()
    order, kept, dropped = _appointment_draft(org)
    added = staff(org, last_name="Рябинина", first_name="Анна", middle_name="Олеговна")
    client.force_login(person_with_login(role=Role.COORDINATOR, organization=org).user)
    url = reverse("order_detail", args=[order.pk])
    page = client.get(url).text
    assert "Текст проекта" in page and "Тисов" in page and "Ольхин" in page
    response = client.post(
        url,
        {
            "action": "save",
            "subject": "О назначении координатора и кураторов программы наставничества",
            "grounds": "В соответствии с Положением о наставничестве, утверждённым на педсовете",
            "control": "Контроль исполнения приказа оставляю за собой",
            "coordinator_duties": "координировать работу кураторов",
            "curator_duties": "вести базы наставников\nготовить отчёт к 20 мая",
            "keep_curators": ["0"],  # the second line (Ольхин) is removed
            "add_curators": [str(added.pk)],
            "acquainted": "\n".join(order.payload["acquainted"]),
        },
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT and order.number is None
    assert [c["person_id"] for c in order.payload["curators"]] == [kept.pk, added.pk]
    # «ознакомлены» was the default list: it follows the edited curators.
    assert "Рябинина А. О." in order.payload["acquainted"] and "Ольхин П. И." not in order.payload["acquainted"]

    signed = order_sign(order=order, signed_by_user=director.user, date=DAY)
    text = docx_text(order_render(order=signed))
    assert "О назначении координатора и кураторов программы наставничества" in text.replace("\n", " ")
    assert "утверждённым на педсовете" in text and "готовить отчёт к 20 мая" in text
    assert "Рябинину А. О." in text and "Тисова М. И." in text and "Ольхин" not in text
    assert Membership.objects.filter(person=added, role=Role.CURATOR, organization=org).exists()
    assert not Membership.objects.filter(person=dropped, role=Role.CURATOR).exists()


def test_a_returned_draft_is_edited_saved_and_sent_again(client):
    org, director = school_with_director()
    order, _kept, _dropped = _appointment_draft(org)
    order_return(order=order, comment="Уберите второго куратора")
    client.force_login(person_with_login(role=Role.CURATOR, organization=org).user)
    url = reverse("order_detail", args=[order.pk])
    form = {
        "curator_duties": "\n".join(order.payload["curator_duties"]),
        "coordinator_duties": "\n".join(order.payload["coordinator_duties"]),
        "keep_curators": ["0"],
    }
    client.post(url, {**form, "action": "save"})
    order.refresh_from_db()
    assert order.status == Order.Status.RETURNED and len(order.payload["curators"]) == 1
    client.post(url, {**form, "action": "resubmit"})
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    signed = order_sign(order=order, signed_by_user=director.user, date=DAY)
    assert "Ольхин" not in docx_text(order_render(order=signed))


def test_an_edit_that_breaks_the_rules_is_refused_in_russian_and_changes_nothing(client):
    org, _director = school_with_director()
    order, _kept, _dropped = _appointment_draft(org)
    before = dict(order.payload)
    client.force_login(person_with_login(role=Role.COORDINATOR, organization=org).user)
    response = client.post(
        reverse("order_detail", args=[order.pk]),
        {
            "action": "save",
            "grounds": "Новое основание",
            "curator_duties": "вести базы",
            "coordinator_duties": "координировать",
        },  # every curator unticked
    )
    assert response.status_code == 400 and "Выберите хотя бы одного куратора" in response.text
    order.refresh_from_db()
    assert order.payload == before


def test_a_person_outside_the_organisation_cannot_be_added(client):
    org, _director = school_with_director()
    order, _kept, _dropped = _appointment_draft(org)
    stranger = PersonFactory(last_name="Чужаков")
    client.force_login(person_with_login(role=Role.COORDINATOR, organization=org).user)
    response = client.post(
        reverse("order_detail", args=[order.pk]),
        {
            "action": "save",
            "curator_duties": "вести базы",
            "coordinator_duties": "координировать",
            "keep_curators": ["0", "1"],
            "add_curators": [str(stranger.pk)],
        },
    )
    assert response.status_code == 400 and "нельзя выбрать здесь" in response.text
    order.refresh_from_db()
    assert len(order.payload["curators"]) == 2


def test_the_registry_draft_loses_and_gains_mentors_and_signing_approves_exactly_those():
    org, director = school_with_director()
    first, second, late = (
        MentorCandidateFactory(person=PersonFactory(organization=org, last_name=name), approved_on=None)
        for name in ("Дубравина", "Ракитин", "Осинова")
    )
    order = order_prepare(
        organization=org,
        kind=Order.Kind.APPROVE_MENTOR_REGISTRY,
        payload={"candidate_ids": [first.pk, second.pk]},
    )
    index = [m["candidate_id"] for m in order.payload["mentors"]].index(second.pk)
    changes = {"remove": {"candidate_ids": [index]}, "add": {"candidate_ids": [late.pk]}}
    order = order_edit(order=order, payload_changes=changes)
    signed = order_sign(order=order, signed_by_user=director.user, date=DAY)
    names = [row[1] for row in docx_tables(order_render(order=signed))[-1][1:]]
    assert [n.split()[0] for n in names] == ["Дубравина", "Осинова"]
    approved = set(MentorCandidate.objects.filter(approved_on=DAY).values_list("pk", flat=True))
    assert approved == {first.pk, late.pk}


def test_a_pair_removed_from_the_draft_is_not_approved_by_the_signature():
    org, director = school_with_director()
    program = ProgramFactory(organization=org)
    pairs = [
        MentorshipFactory(program=program, status=Mentorship.Status.CONFIRMED, mentee=PupilFactory(organization=org))
        for _ in range(2)
    ]
    order = order_prepare(
        organization=org,
        kind=Order.Kind.APPROVE_PAIRS,
        payload={
            "starts_on": "2026-12-07",
            "ends_on": "2027-05-31",
            "pairs": [{"mentor_ids": [m.mentor_id], "mentee_ids": [m.mentee_id]} for m in pairs],
            "links": {"mentorship_ids": [m.pk for m in pairs]},
        },
    )
    order = order_edit(order=order, payload_changes={"remove": {"pairs": [0]}})
    assert order.payload["links"]["mentorship_ids"] == [pairs[1].pk] and len(order.payload["pairs"]) == 1
    order_sign(order=order, signed_by_user=director.user, date=DAY)
    statuses = [Mentorship.objects.get(pk=m.pk).status for m in pairs]
    assert statuses == [Mentorship.Status.CONFIRMED, Mentorship.Status.APPROVED]


def test_the_mentor_school_draft_loses_a_lesson_and_gets_new_topics():
    org, director = school_with_director()
    psychologist = staff(org, Role.PSYCHOLOGIST, last_name="Вязова", first_name="Ника", middle_name="Олеговна")
    order = order_prepare(organization=org, kind=Order.Kind.MENTOR_SCHOOL, payload=school_payload(psychologist))
    order = order_edit(
        order=order,
        payload_changes={"topics": "Роль наставника\nОбратная связь", "remove": {"schedule": [1]}},
        subject="Об организации обучения наставников",
    )
    signed = order_sign(order=order, signed_by_user=director.user, date=DAY)
    data = order_render(order=signed)
    programme, schedule = docx_tables(data)[-2:]
    assert [row[1] for row in programme[1:]] == ["Роль наставника", "Обратная связь"]
    assert len(schedule) == 2 and "Этика наставника" not in docx_text(data)
    assert "Об организации обучения наставников" in docx_text(data).replace("\n", " ")


def test_a_signed_order_cannot_be_edited():
    org, director = school_with_director()
    order, _kept, _dropped = _appointment_draft(org)
    signed = order_sign(order=order, signed_by_user=director.user, date=DAY)
    with pytest.raises(ValidationError, match="Подписанный приказ изменить нельзя"):
        order_edit(order=signed, payload_changes={"grounds": "Другое"})
