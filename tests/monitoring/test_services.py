"""Measurement plans, invitations (with the psychological consent), measurements from the filled links, marks."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from nastavnik.monitoring import selectors, services
from nastavnik.monitoring.models import Grade, Measurement, MeasurementRequest
from nastavnik.people.models import Person
from nastavnik.surveys.services import invitation_use
from tests.factories import ConsentFactory, PupilFactory
from tests.monitoring.factories import PSYCH, programme

pytestmark = pytest.mark.django_db


def test_psychological_diagnostics_is_refused_without_its_consent_with_the_reason():
    program, curator, pairs = programme(pairs=2)
    ConsentFactory(person=pairs[1].mentee, purpose=PSYCH)
    services.plan_set(
        program=program,
        items=[
            ("motivation", "mentee", "entry"),
            ("soft_skills", "mentee", "entry"),
            ("difficulties", "mentor", "exit"),
        ],
    )
    result = services.invitations_send(program=program, wave="entry", created_by=curator.user, link_for=lambda i: "L")
    sent = {(r.person_id, r.instrument) for r in result.sent}
    assert sent == {
        (pairs[0].mentee.pk, "soft_skills"),
        (pairs[1].mentee.pk, "soft_skills"),
        (pairs[1].mentee.pk, "motivation"),
    }
    assert [(p.pk, reason) for p, _title, reason in result.refused] == [
        (pairs[0].mentee.pk, "это психологическая диагностика, а письменного согласия на неё нет")
    ]
    # the links go out by e-mail to whoever has an address
    assert len(mail.outbox) == sum(1 for r in result.sent if r.person.email)
    again = services.invitations_send(program=program, wave="entry")
    assert again.sent == [] and again.already == 3


def test_nobody_is_invited_without_consent_to_questionnaires():
    program, _curator, pairs = programme(pairs=1)
    pairs[0].mentee.consents.all().delete()
    services.plan_set(program=program, items=[("soft_skills", "mentee", "entry")])
    result = services.invitations_send(program=program, wave="entry")
    assert result.sent == []
    assert result.refused[0][2] == "нет согласия на анкетирование и мониторинг"
    # nothing is sent, and the reason is kept for the curator
    (request,) = MeasurementRequest.objects.all()
    assert request.invitation is None and request.refusal == "нет согласия на анкетирование и мониторинг"


def test_a_filled_link_becomes_a_measurement_scored_as_the_mean():
    program, _curator, pairs = programme(pairs=1)
    services.plan_set(program=program, items=[("soft_skills", "mentee", "entry")])
    request = services.invitations_send(program=program, wave="entry").sent[0]
    invitation_use(invitation=request.invitation, answers={"q1": 2, "q2": 3, "q3": 4, "q4": 5})
    measurement = Measurement.objects.get()
    assert (measurement.person, measurement.measure, measurement.wave) == (pairs[0].mentee, "soft_skills", "entry")
    assert measurement.value == 3.5
    assert measurement.source == "survey"
    assert selectors.requests_count(program=program) == {"entry": {"sent": 1, "filled": 1}}


def test_plan_rejects_unknown_instruments_and_changes_nothing():
    program, _curator, _pairs = programme()
    services.plan_set(program=program, items=[("soft_skills", "mentee", "entry")])
    with pytest.raises(ValidationError):
        services.plan_set(program=program, items=[("iq_test", "mentee", "entry")])
    assert selectors.plan_of(program=program) == {("soft_skills", "mentee", "entry")}


def test_hand_entered_value_must_be_on_the_scale():
    program, _curator, pairs = programme(pairs=1)
    with pytest.raises(ValidationError):
        services.measurement_record(
            program=program, person=pairs[0].mentee, measure="motivation", side="mentee", wave="entry", value=7
        )
    services.measurement_record(
        program=program, person=pairs[0].mentee, measure="motivation", side="mentee", wave="entry", value=3
    )
    services.measurement_record(
        program=program, person=pairs[0].mentee, measure="motivation", side="mentee", wave="entry", value=4
    )
    assert Measurement.objects.get().value == 4


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pupil_pair(program, pairs):
    pupil = PupilFactory(organization=program.organization, last_name="Ёлкина", first_name="Вера", middle_name="")
    pairs[0].mentee = pupil
    pairs[0].save(update_fields=["mentee"])
    return pupil


def test_marks_import_from_xlsx_feeds_the_grades_measure():
    program, _curator, pairs = programme(pairs=1)
    pupil = _pupil_pair(program, pairs)
    data = _xlsx(
        [
            ["ФИО", "Предмет", "Четверть", "Средний балл"],
            ["Елкина Вера", "Математика", 1, 3.2],
            ["Елкина Вера", "Русский язык", 1, "3,4"],
            ["Елкина Вера", "Математика", 4, 4.1],
            ["Елкина Вера", "Русский язык", 4, 4.3],
        ]
    )
    assert services.grades_import_xlsx(organization=program.organization, data=data, school_year=2026) == 4
    assert Grade.objects.filter(person=pupil).count() == 4
    grades = next(d for d in selectors.dynamics(program=program) if d.measure == "grades")
    assert grades.result.entry_mean == pytest.approx(3.3)
    assert grades.result.exit_mean == pytest.approx(4.2)


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (["Неизвестная Ученица", "Математика", 1, 4], "Строка 3: обучающийся «Неизвестная Ученица» не найден"),
        (["Елкина Вера", "Математика", 5, 4], "Строка 3: четверть"),
        (["Елкина Вера", "Математика", 2, 6], "Строка 3: средний балл"),
    ],
)
def test_a_bad_row_stops_the_import_and_nothing_is_stored(row, words):
    program, _curator, pairs = programme(pairs=1)
    _pupil_pair(program, pairs)
    data = _xlsx([["ФИО", "Предмет", "Четверть", "Средний балл"], ["Елкина Вера", "Физика", 1, 4], row])
    with pytest.raises(ValidationError) as error:
        services.grades_import_xlsx(organization=program.organization, data=data, school_year=2026)
    assert words in " ".join(error.value.messages)
    assert not Grade.objects.exists()


def test_a_broken_file_is_refused_in_russian():
    program, _curator, _pairs = programme()
    with pytest.raises(ValidationError, match="Не удалось прочитать файл"):
        services.grades_import_xlsx(organization=program.organization, data=b"not a workbook", school_year=2026)


def test_grade_page_saves_a_mark_and_refuses_a_pupil_of_another_school(client):
    program, curator, pairs = programme(pairs=1)
    pupil = _pupil_pair(program, pairs)
    client.force_login(curator.user)
    url = reverse("monitoring_grades", args=[program.pk])
    form = {"person": pupil.pk, "subject": "Физика", "school_year": 2026, "quarter": 2, "mark": "4.5"}
    assert client.post(url, form).status_code == 302
    assert Grade.objects.get().mark == pytest.approx(4.5)
    stranger = PupilFactory()
    response = client.post(url, {**form, "person": stranger.pk})
    assert response.status_code == 200
    assert Grade.objects.count() == 1
    assert Person.objects.filter(pk=stranger.pk).exists()


def test_invite_page_reports_refusals(client):
    program, curator, _pairs = programme(pairs=1)
    services.plan_set(program=program, items=[("burnout", "mentor", "entry")])
    client.force_login(curator.user)
    response = client.post(reverse("monitoring_invite", args=[program.pk]), {"wave": "entry", "days": 14}, follow=True)
    page = response.content.decode()
    assert "Отправлено 0 приглашений." in page
    assert "приглашение не отправлено, это психологическая диагностика" in page
