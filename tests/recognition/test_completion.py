"""Completion on three levels: the pair's closure, the programme's closing meeting and status, the next cycle,
the festival with its orders."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from nastavnik.documents.models import Order
from nastavnik.intake.models import MentorCandidate
from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.orgs.models import Role
from nastavnik.programs.models import Program
from nastavnik.recognition import services
from nastavnik.recognition.models import Closure
from tests.factories import (
    ConsentFactory,
    MeetingFactory,
    MentorshipFactory,
    OrganizationFactory,
    ProgramFactory,
    person_with_login,
)


@pytest.fixture
def setup(db):
    org = OrganizationFactory()
    program = ProgramFactory(organization=org, starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2026, 5, 31))
    pair = MentorshipFactory(program=program, starts_on=dt.date(2025, 10, 1))
    curator = person_with_login(role=Role.CURATOR, organization=org)
    person_with_login(role=Role.DIRECTOR, organization=org)
    return {"org": org, "program": program, "pair": pair, "curator": curator}


def _final_meeting(pair):
    MeetingFactory(mentorship=pair, kind=Meeting.Kind.FINAL, status=Meeting.Status.HELD,
                   scheduled_at=dt.datetime(2026, 5, 20, 12, tzinfo=dt.UTC))


def test_premature_closure_needs_a_reason_and_planned_needs_the_final_meeting(setup):
    pair = setup["pair"]
    with pytest.raises(ValidationError, match="причину"):
        services.closure_record(mentorship=pair, kind=Closure.Kind.PREMATURE, closed_on=dt.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="итоговой встречи"):
        services.closure_record(mentorship=pair, kind=Closure.Kind.PLANNED, closed_on=dt.date(2026, 5, 25))
    closure = services.closure_record(mentorship=pair, kind=Closure.Kind.PREMATURE, closed_on=dt.date(2026, 3, 1),
                                      reason="Переезд наставляемого", no_answer_reason="Переехал, анкету не заполнил")
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.TERMINATED and closure.reason == "Переезд наставляемого"


def test_the_mentee_joins_the_mentor_base(setup):
    pair = setup["pair"]
    ConsentFactory(person=pair.mentee)
    _final_meeting(pair)
    services.closure_record(mentorship=pair, kind=Closure.Kind.PLANNED, closed_on=dt.date(2026, 5, 25),
                            steps_done=["final_meeting", "contact_rules"], next_step=Closure.Next.JOIN_MENTORS,
                            no_answer_reason="Анкеты на бумаге")
    assert MentorCandidate.objects.filter(person=pair.mentee, organization=setup["org"]).exists()


def test_programme_completes_only_when_pairs_are_closed_and_then_starts_the_next_cycle(setup):
    program, pair = setup["program"], setup["pair"]
    services.closing_meeting_record(program=program, held_on=dt.date(2026, 5, 28), attended=20, results="Итоги")
    with pytest.raises(ValidationError, match="всех пар"):
        services.program_complete(program=program)
    _final_meeting(pair)
    services.closure_record(mentorship=pair, kind=Closure.Kind.PLANNED, closed_on=dt.date(2026, 5, 25),
                            no_answer_reason="Анкеты на бумаге")
    services.program_complete(program=program)
    program.refresh_from_db()
    assert program.status == Program.Status.COMPLETED
    new = services.program_next_cycle(program=program, starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 5, 31))
    assert new.form_id == program.form_id and new.status == Program.Status.DRAFT


def test_curator_closes_a_pair_through_the_page(setup):
    client = Client()
    client.force_login(setup["curator"].user)
    url = f"/recognition/pairs/{setup['pair'].pk}/close/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "premature", "reason": "", "closed_on": "2026-03-01", "next_step": "end"})
    assert response.status_code == 400 and "причину" in response.content.decode()
    response = client.post(url, {"kind": "premature", "reason": "Болезнь", "closed_on": "2026-03-01",
                                 "next_step": "end", "no_answer_reason": "Болеет"})
    assert response.status_code == 302
    assert Closure.objects.filter(mentorship=setup["pair"]).exists()


def test_a_mentor_may_not_close_pairs(setup):
    client = Client()
    client.force_login(setup["pair"].mentor.user or person_with_login(role=Role.MENTOR, organization=setup["org"]).user)
    assert client.post(f"/recognition/pairs/{setup['pair'].pk}/close/", {}).status_code in {403, 404}


def test_festival_orders(setup):
    festival = services.festival_create(organization=setup["org"], title="Фестиваль наставничества",
                                        held_on=timezone.localdate())
    services.festival_orders_issue(festival=festival, date=timezone.localdate(), signed_by=None)
    festival.refresh_from_db()
    assert festival.event_order.kind == Order.Kind.FINAL_EVENT
    assert festival.reward_order is None  # no contest results yet: no reward order


def test_the_next_cycle_form_proposes_dates_ahead_not_the_last_day_of_the_old_one(setup, client, monkeypatch):
    """The old programme ended on 31.05.2026; on 06.12.2026 the new cycle is proposed from today, as long as the old."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 12, 6))
    setup["program"].status = "completed"
    setup["program"].save(update_fields=["status"])
    client.force_login(setup["curator"].user)
    page = client.get(f"/recognition/programs/{setup['program'].pk}/").content.decode()
    assert 'value="2026-12-06"' in page and 'value="2026-05-31"' not in page
    assert 'value="2027-09-04"' in page  # 272 days later, as 01.09.2025 → 31.05.2026
