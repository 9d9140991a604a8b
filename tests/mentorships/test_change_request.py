"""The right to change mentor (seed 004 §7): the request, the curator's decision, back to the base."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.intake.models import MenteeRequest
from nastavnik.mentorships import services
from nastavnik.mentorships.models import ChangeRequest, Meeting, Mentorship, MentorshipMember
from tests.factories import MeetingFactory, PersonFactory
from tests.mentorships.factories import at, consent, pair

pytestmark = pytest.mark.django_db


def _matched_request(p):
    return MenteeRequest.objects.create(
        person=p.mentee,
        organization=p.mentorship.program.organization,
        program=p.mentorship.program,
        needs="Трудности с дисциплиной на уроках",
        status=MenteeRequest.Status.MATCHED,
    )


def test_it_ends_the_pair_and_returns_the_mentee_to_the_base_when_approved():
    p = pair()
    request_row = _matched_request(p)
    planned = MeetingFactory(mentorship=p.mentorship, scheduled_at=at(timezone.localdate() + dt.timedelta(days=3)))
    change = services.change_request_create(
        mentorship=p.mentorship, requested_by=p.mentee, subject=p.mentee, side="mentee", reason="Разные графики"
    )
    curator_user = p.curator.user
    services.change_request_decide(request=change, approve=True, note="Подберём другого наставника", by=curator_user)
    change.refresh_from_db()
    p.mentorship.refresh_from_db()
    request_row.refresh_from_db()
    planned.refresh_from_db()
    assert change.status == ChangeRequest.Status.APPROVED and change.decided_by == curator_user
    assert change.decided_at is not None
    assert p.mentorship.status == Mentorship.Status.TERMINATED and p.mentorship.ends_on == timezone.localdate()
    assert request_row.status == MenteeRequest.Status.SEARCHING
    assert planned.status == Meeting.Status.CANCELLED


def test_it_keeps_the_pair_when_the_request_is_rejected_with_a_reason():
    p = pair()
    change = services.change_request_create(
        mentorship=p.mentorship, requested_by=p.mentor, subject=p.mentor, side="mentor", reason="Нагрузка"
    )
    with pytest.raises(ValidationError, match="почему"):
        services.change_request_decide(request=change, approve=False)
    services.change_request_decide(request=change, approve=False, note="Нагрузка снизится в январе")
    p.mentorship.refresh_from_db()
    assert p.mentorship.status == Mentorship.Status.APPROVED
    with pytest.raises(ValidationError, match="уже принято"):
        services.change_request_decide(request=change, approve=True)


def test_it_accepts_one_open_request_per_person():
    p = pair()
    services.change_request_create(
        mentorship=p.mentorship, requested_by=p.mentee, subject=p.mentee, side="mentee", reason="Причина"
    )
    with pytest.raises(ValidationError, match="ждёт решения"):
        services.change_request_create(
            mentorship=p.mentorship, requested_by=p.mentee, subject=p.mentee, side="mentee", reason="Ещё раз"
        )
    with pytest.raises(ValidationError, match="своём участии"):
        services.change_request_create(
            mentorship=p.mentorship, requested_by=p.mentee, subject=p.mentee, side="mentor", reason="Не та сторона"
        )


def test_it_lets_a_group_member_leave_while_the_group_goes_on():
    p = pair()
    member = PersonFactory(organization=p.mentorship.program.organization)
    consent(member)
    MentorshipMember.objects.create(mentorship=p.mentorship, person=member, side="mentee")
    change = services.change_request_create(
        mentorship=p.mentorship, requested_by=member, subject=member, side="mentee", reason="Другая тема"
    )
    services.change_request_decide(request=change, approve=True)
    p.mentorship.refresh_from_db()
    assert p.mentorship.status == Mentorship.Status.APPROVED
    assert not MentorshipMember.objects.filter(person=member).exists()
