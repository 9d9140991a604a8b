"""The mentor school: sessions, attendance and the completion rule (at least three quarters of the sessions held)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.documents.services import order_sign
from nastavnik.intake import selectors, services
from nastavnik.intake.models import Attendance, TrainingEnrolment
from nastavnik.orgs.models import Role
from tests.factories import OrganizationFactory, ProgramFactory
from tests.intake.factories import (
    CandidateFactory,
    TrainingFactory,
    director_of,
    docx_text,
    participant,
    session_on,
    staff,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def school():
    org = OrganizationFactory()
    training = TrainingFactory(organization=org)
    sessions = [session_on(training, n, days) for n, days in [(1, -20), (2, -13), (3, -6), (4, -1), (5, 6)]]
    candidate = CandidateFactory(person=participant(org), status="approved")
    enrolment = services.training_enrol(training=training, candidate=candidate)
    return training, sessions, enrolment


def test_it_creates_a_training_and_numbers_sessions_in_order():
    org = OrganizationFactory()
    training = services.training_create(
        organization=org,
        title="Школа наставника",
        starts_on=TODAY,
        ends_on=TODAY + dt.timedelta(days=60),
        program=ProgramFactory(organization=org),
    )
    start = timezone.localtime().replace(hour=15, minute=0, second=0, microsecond=0)
    first = services.session_add(training=training, starts_at=start, topic="Основы наставничества", hours=2)
    second = services.session_add(training=training, starts_at=start + dt.timedelta(days=7), topic="Этика", hours=1.5)
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError, match="вне сроков обучения"):
        services.session_add(training=training, starts_at=start + dt.timedelta(days=90), topic="Поздно")


def test_it_refuses_a_training_that_ends_before_it_starts():
    with pytest.raises(ValidationError):
        services.training_create(
            organization=OrganizationFactory(), title="Школа", starts_on=TODAY, ends_on=TODAY - dt.timedelta(days=1)
        )


def test_it_marks_attendance_once_per_session_and_listener(school):
    _training, sessions, enrolment = school
    services.attendance_mark(session=sessions[0], enrolment=enrolment, present=True)
    services.attendance_mark(session=sessions[0], enrolment=enrolment, present=False)
    assert Attendance.objects.get().present is False
    with pytest.raises(ValidationError, match="ещё не прошло"):
        services.attendance_mark(session=sessions[4], enrolment=enrolment, present=True)


def test_it_completes_only_with_three_quarters_of_the_sessions_held(school):
    training, sessions, enrolment = school
    for session in sessions[:2]:
        services.attendance_mark(session=session, enrolment=enrolment, present=True)
    services.attendance_mark(session=sessions[2], enrolment=enrolment, present=False)
    # 2 of the 4 sessions held so far: not enough.
    with pytest.raises(ValidationError) as error:
        services.enrolment_complete(enrolment=enrolment, completed_on=TODAY)
    assert "не менее 75% занятий" in error.value.messages[0] and "2 из 4" in error.value.messages[0]
    enrolment.refresh_from_db()
    assert enrolment.completed_on is None

    services.attendance_mark(session=sessions[3], enrolment=enrolment, present=True)
    services.attendance_mark(session=sessions[2], enrolment=enrolment, present=True)
    services.enrolment_complete(enrolment=enrolment, completed_on=TODAY)
    enrolment.refresh_from_db()
    assert enrolment.completed_on == TODAY
    assert enrolment.certificate_number == f"ШН-{training.pk}-001"
    # A finished listener's attendance is frozen.
    with pytest.raises(ValidationError, match="уже завершено"):
        services.attendance_mark(session=sessions[0], enrolment=enrolment, present=False)


def test_it_counts_only_sessions_held_by_the_completion_date(school):
    _training, sessions, enrolment = school
    for session in sessions[:3]:
        services.attendance_mark(session=session, enrolment=enrolment, present=True)
    # On the day after session 3 only three sessions had been held, all attended.
    completed = services.enrolment_complete(enrolment=enrolment, completed_on=TODAY - dt.timedelta(days=5))
    assert completed.completed_on == TODAY - dt.timedelta(days=5)


def test_it_shows_the_attendance_grid_with_locked_future_cells(school):
    training, sessions, enrolment = school
    services.attendance_mark(session=sessions[0], enrolment=enrolment, present=True)
    services.attendance_mark(session=sessions[1], enrolment=enrolment, present=False)
    table = selectors.training_attendance_table(training=training)
    assert [s.number for s in table.sessions] == [1, 2, 3, 4, 5]
    (row,) = table.rows
    assert [present for _s, present, _e in row.cells] == [True, False, None, None, None]
    assert [editable for _s, _p, editable in row.cells] == [True, True, True, True, False]
    assert (row.attended, row.held, row.percent, row.may_complete) == (1, 4, 25, False)


def test_it_refuses_to_enrol_a_rejected_candidate_or_twice(school):
    training, _sessions, enrolment = school
    with pytest.raises(ValidationError, match="уже записан"):
        services.training_enrol(training=training, candidate=enrolment.candidate)
    rejected = CandidateFactory(person=participant(training.organization), status="rejected")
    with pytest.raises(ValidationError, match="выбыл"):
        services.training_enrol(training=training, candidate=rejected)
    assert TrainingEnrolment.objects.count() == 1


def test_it_issues_the_mentor_school_order_with_the_schedule(school):
    training, _sessions, _enrolment = school
    org = training.organization
    director_of(org)
    responsible = staff(org, Role.COORDINATOR, last_name="Рябинина", first_name="Нина", middle_name="Павловна")
    order = services.training_order_issue(training=training, date=TODAY, responsible=responsible)
    training.refresh_from_db()
    assert training.order == order
    order = order_sign(order=order, date=TODAY)
    with order.file.open("rb") as fh:
        text = docx_text(fh.read())
    assert "Рябинина" in text
    assert "Занятие 1" in text and "Занятие 5" in text
