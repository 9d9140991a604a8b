"""Issue 10 §3: matching as the first cycle's curator met it — each test failed before its fix."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from nastavnik.documents.services import order_sign
from nastavnik.intake.models import MenteeRequest
from nastavnik.matching import selectors, services
from nastavnik.matching.models import PairDecision
from nastavnik.mentorships import services as pair_services
from nastavnik.mentorships.models import ChangeRequest, Mentorship
from tests.factories import MentorshipFactory
from tests.matching.conftest import make_world, mentee_of, mentor_of, session_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_a_new_session_offers_capacity_minus_active_pairs(client):
    world = make_world(mentors=2, mentees=2, capacity=2)
    busy = world.mentors[0]
    for _ in range(2):
        MentorshipFactory(program=world.program, mentor=busy.person, status=Mentorship.Status.APPROVED)
    places = selectors.mentor_places(candidates=world.mentors)
    assert (places[busy.pk].capacity, places[busy.pk].active, places[busy.pk].free) == (2, 2, 0)
    assert places[world.mentors[1].pk].free == 2

    session = services.session_create(organization=world.org, program=world.program, date=TODAY)
    client.force_login(world.curator.user)
    page = client.get(reverse("matching_participants", args=[session.pk])).content.decode()
    assert f'name="capacity_{busy.pk}" id="id_capacity_{busy.pk}" value="0"' in page
    assert "сейчас ведёт 2 — свободно мест: 0" in page
    # Choosing the busy mentor without giving places is refused with the reason; the curator may give one.
    data = {"mentors": [busy.pk], "mentees": [world.mentees[0].pk], f"capacity_{busy.pk}": "0"}
    response = client.post(reverse("matching_participants", args=[session.pk]), data)
    assert response.status_code == 400 and "Свободных мест нет" in response.content.decode()
    client.post(reverse("matching_participants", args=[session.pk]), data | {f"capacity_{busy.pk}": "1"})
    assert session.mentors.get().capacity == 1


def test_the_old_mentor_is_excluded_after_a_change_unless_the_curator_allows_it():
    world = make_world(mentors=2, mentees=1)
    old_mentor, mentee = world.mentors[0].person, world.mentees[0].person
    pair = MentorshipFactory(program=world.program, mentor=old_mentor, mentee=mentee)
    request = pair_services.change_request_create(
        mentorship=pair, requested_by=mentee, subject=mentee, side="mentee", reason="Не сложилось"
    )
    pair_services.change_request_decide(request=request, approve=True, by=world.curator.user)
    assert ChangeRequest.objects.get().status == ChangeRequest.Status.APPROVED

    session = session_of(world)
    forbid = PairDecision.objects.get(session=session, kind=PairDecision.Kind.FORBID)
    assert (forbid.mentor.person, forbid.mentee.person) == (old_mentor, mentee)
    services.proposals_compute(session=session)
    for proposal in session.proposals.all():
        paired = {(p["mentor"], p["mentee"]) for p in proposal.result["pairs"]}
        assert (forbid.mentor_id, forbid.mentee_id) not in paired
    # The curator allows it: the decision is removed and the old mentor may be proposed again.
    services.decision_remove(decision=forbid)
    assert not PairDecision.objects.filter(session=session).exists()


def test_every_participant_is_told_the_outcome_by_mail_and_on_the_home_page(client, django_capture_on_commit_callbacks):
    world = make_world(mentors=1, mentees=2, capacity=1)
    for i, c in enumerate(world.mentors):
        c.person.email = f"mentor{i}@example.org"
        c.person.save()
    for i, r in enumerate(world.mentees):
        r.person.email = f"mentee{i}@example.org"
        r.person.save()
    session = session_of(world)
    services.pair_lock(session=session, mentor=mentor_of(session, world, 0), mentee=mentee_of(session, world, 0))
    services.proposals_compute(session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_confirm(session=session, objective="welfare")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"mentor0@example.org", "mentee0@example.org", "mentee1@example.org"}
    mentor_name = world.mentors[0].person.full_name
    assert f"Ваш наставник: {mentor_name}" in by_address["mentee0@example.org"].body
    assert world.mentees[0].person.full_name in by_address["mentor0@example.org"].body
    assert "Поиск наставника продолжается" in by_address["mentee1@example.org"].body

    searching = world.mentees[1]
    searching.refresh_from_db()
    assert searching.status == MenteeRequest.Status.SEARCHING
    from tests.mentorships.factories import login

    login(searching.person)
    client.force_login(searching.person.user)
    assert "поиск продолжается" in client.get(reverse("home")).content.decode()


def test_the_order_takes_only_pairs_confirmed_by_their_acquaintance_or_named_exceptions():
    world = make_world(mentors=2, mentees=2)
    session = session_of(world)
    services.proposals_compute(session=session)
    pairs = services.proposal_confirm(session=session, objective="welfare")
    ready, unmet = pairs[0], pairs[1]
    Mentorship.objects.filter(pk=ready.pk).update(status=Mentorship.Status.CONFIRMED)
    date = dt.date(2026, 12, 1)
    with pytest.raises(ValidationError, match="не подтверждена встречей-знакомством"):
        services.pairs_order_issue(session=session, mentorships=pairs, date=date)
    assert not session.orders.exists()
    order = services.pairs_order_issue(session=session, mentorships=pairs, date=date, exceptions=[unmet])
    order_sign(order=order, date=date)  # the pairs are approved when the head signs
    assert set(Mentorship.objects.values_list("status", flat=True)) == {"approved"}


def test_a_person_without_every_work_consent_does_not_enter_matching_and_the_curator_sees_why(client):
    from nastavnik.privacy.models import Consent
    from tests.factories import ConsentFactory
    from tests.intake.factories import MenteeRequestFactory, participant

    world = make_world(mentors=1, mentees=1)
    only_participation = participant(world.org, last_name="Клюквина")
    request = MenteeRequestFactory(person=only_participation, program=world.program)
    session = services.session_create(organization=world.org, program=world.program, date=TODAY)
    assert request not in selectors.eligible_mentees(session=session)
    with pytest.raises(ValidationError, match="анкетирование"):
        services.participants_set(session=session, mentors=[(world.mentors[0], 1)], mentees=[request])
    client.force_login(world.curator.user)
    page = client.get(reverse("matching_participants", args=[session.pk])).content.decode()
    section = page[page.index('id="lacking-consents"') :]
    assert only_participation.full_name in section and "Анкетирование и мониторинг" in section
    ConsentFactory(person=only_participation, purpose=Consent.Purpose.QUESTIONNAIRES)
    assert request in selectors.eligible_mentees(session=session)


def test_the_participants_and_cards_pages_log_who_they_showed(client):
    from nastavnik.privacy.models import AccessLog

    world = make_world(mentors=1, mentees=1)
    session = session_of(world)
    client.force_login(world.curator.user)
    assert client.get(reverse("matching_participants", args=[session.pk])).status_code == 200
    assert client.get(reverse("matching_cards", args=[session.pk])).status_code == 200
    shown = set(AccessLog.objects.filter(action="matching.participants").values_list("person_id", flat=True))
    assert world.mentors[0].person_id in shown
    assert AccessLog.objects.filter(action="matching.cards").exists()


def test_a_mentor_left_without_a_pair_is_told_on_the_home_page(client):
    from tests.mentorships.factories import login

    world = make_world(mentors=2, mentees=1, capacity=1)
    session = session_of(world)
    services.pair_lock(session=session, mentor=mentor_of(session, world, 0), mentee=mentee_of(session, world, 0))
    services.proposals_compute(session=session)
    services.proposal_confirm(session=session, objective="welfare")

    client.force_login(login(world.mentors[1].person).user)
    assert "наставляемый вам не подобран" in client.get(reverse("home")).content.decode()
    client.force_login(login(world.mentors[0].person).user)
    assert "наставляемый вам не подобран" not in client.get(reverse("home")).content.decode()
