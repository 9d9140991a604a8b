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
    enrolled_before_start(enrolment)
    return training, sessions, enrolment


def enrolled_before_start(enrolment: TrainingEnrolment) -> None:
    """The listener was enrolled before the first session (enrolled_at is set by the database on creation)."""
    TrainingEnrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=timezone.now() - dt.timedelta(days=40))
    enrolment.refresh_from_db()


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


def test_it_completes_only_after_the_last_session_with_three_quarters_of_all(school):
    _training, sessions, enrolment = school
    for session in sessions[:3]:
        services.attendance_mark(session=session, enrolment=enrolment, present=True)
    services.attendance_mark(session=sessions[3], enrolment=enrolment, present=False)
    # 3 of 4 sessions held so far, but the training has 5 and the last is still ahead: not completed.
    with pytest.raises(ValidationError, match="после последнего занятия"):
        services.enrolment_complete(enrolment=enrolment, completed_on=TODAY)
    enrolment.refresh_from_db()
    assert enrolment.completed_on is None and enrolment.certificate_number == ""


def test_it_counts_all_sessions_of_the_training():
    org = OrganizationFactory()
    training = TrainingFactory(organization=org)
    sessions = [session_on(training, n, days) for n, days in [(1, -20), (2, -13), (3, -6), (4, -3), (5, -1)]]
    enrolment = services.training_enrol(training=training, candidate=CandidateFactory(person=participant(org)))
    enrolled_before_start(enrolment)
    for session in sessions[:3]:
        services.attendance_mark(session=session, enrolment=enrolment, present=True)
    with pytest.raises(ValidationError) as error:
        services.enrolment_complete(enrolment=enrolment, completed_on=TODAY)
    assert "не менее 75% всех занятий" in error.value.messages[0] and "3 из 5" in error.value.messages[0]
    services.attendance_mark(session=sessions[4], enrolment=enrolment, present=True)
    services.enrolment_complete(enrolment=enrolment, completed_on=TODAY)
    enrolment.refresh_from_db()
    assert enrolment.completed_on == TODAY
    assert enrolment.certificate_number == f"ШН-{training.pk}-001"
    # A finished listener's attendance is frozen.
    with pytest.raises(ValidationError, match="уже завершено"):
        services.attendance_mark(session=sessions[0], enrolment=enrolment, present=False)


def test_a_listener_enrolled_today_is_not_marked_present_at_earlier_sessions(school):
    training, sessions, _enrolment = school
    late = services.training_enrol(
        training=training, candidate=CandidateFactory(person=participant(training.organization))
    )
    with pytest.raises(ValidationError, match="более раннем занятии"):
        services.attendance_mark(session=sessions[0], enrolment=late, present=True)
    assert not Attendance.objects.filter(enrolment=late).exists()
    table = selectors.training_attendance_table(training=training)
    row = next(r for r in table.rows if r.enrolment == late)
    assert not any(editable for _s, _p, editable in row.cells)


def test_it_shows_the_attendance_grid_with_locked_future_cells(school):
    training, sessions, enrolment = school
    services.attendance_mark(session=sessions[0], enrolment=enrolment, present=True)
    services.attendance_mark(session=sessions[1], enrolment=enrolment, present=False)
    table = selectors.training_attendance_table(training=training)
    assert [s.number for s in table.sessions] == [1, 2, 3, 4, 5]
    (row,) = table.rows
    assert [present for _s, present, _e in row.cells] == [True, False, None, None, None]
    assert [editable for _s, _p, editable in row.cells] == [True, True, True, True, False]
    # The share is of all five sessions of the training.
    assert (row.attended, row.held, row.percent, row.may_complete) == (1, 5, 20, False)


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
