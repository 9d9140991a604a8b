"""Mentor Match services: participants, rotation, cards, proposals with the curator's decisions, confirmation
into pairs and groups, and the order approving them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.documents.models import Order
from nastavnik.documents.services import order_sign
from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.matching import services
from nastavnik.matching.models import MatchSession, PreferenceCard, Side
from nastavnik.matching.selectors import (
    KEEP_SEARCHING,
    NO_CONSENT,
    eligible_mentees,
    eligible_mentors,
    latest_proposals,
)
from nastavnik.mentorships.models import Mentorship
from nastavnik.privacy.models import Consent
from tests.factories import TODAY
from tests.intake.factories import CandidateFactory, MenteeRequestFactory, docx_text, participant
from tests.matching.conftest import make_world, mentee_of, mentor_of, session_of

pytestmark = pytest.mark.django_db
Status = MatchSession.Status


def _card(session, side, participant_obj) -> PreferenceCard:
    field = "session_mentor" if side == Side.MENTOR else "session_mentee"
    return session.cards.get(side=side, **{field: participant_obj})


def _pairs(proposal) -> set[tuple[int, int]]:
    return {(p["mentor"], p["mentee"]) for p in proposal.result["pairs"]}


def _reasons(proposal) -> dict[int, str]:
    return {u["mentee"]: u["reason"] for u in proposal.result["unmatched"]}


# --- participants and rotation --------------------------------------------------------------------------------------


def test_it_offers_only_approved_consenting_mentors_and_mentees_in_the_base(world):
    not_approved = CandidateFactory(person=participant(world.org), status=MentorCandidate.Status.INTERVIEWED)
    no_consent = CandidateFactory(person=participant(world.org, consent=False), status=MentorCandidate.Status.APPROVED)
    new_request = MenteeRequestFactory(person=participant(world.org), status=MenteeRequest.Status.NEW)
    unconsented = MenteeRequestFactory(person=participant(world.org, consent=False), program=world.program)
    session = services.session_create(organization=world.org, program=world.program, date=TODAY)

    mentors = eligible_mentors(session=session)
    mentees = eligible_mentees(session=session)

    assert set(mentors) == set(world.mentors)
    assert not {not_approved, no_consent} & set(mentors)
    assert set(mentees) == set(world.mentees)
    assert not {new_request, unconsented} & set(mentees)
    with pytest.raises(ValidationError, match="согласиями"):
        services.participants_set(session=session, mentors=[(no_consent, 1)], mentees=world.mentees)
    with pytest.raises(ValidationError, match="согласиями"):
        services.participants_set(session=session, mentors=[(world.mentors[0], 1)], mentees=[unconsented])
    assert not session.mentors.exists() and not session.mentees.exists()


def test_it_keeps_the_round_length_between_five_and_ten_minutes(world):
    with pytest.raises(ValidationError, match="от 5 до 10 минут"):
        services.session_create(organization=world.org, program=world.program, date=TODAY, minutes_per_round=12)


def test_it_builds_the_rotation_and_a_card_with_its_own_link_for_everybody(world):
    session = session_of(world)

    assert session.status == Status.ROTATION
    talks = session.slots.filter(table__isnull=False)
    breaks = session.slots.filter(table__isnull=True)
    assert talks.count() == 3 * 4  # every mentor with every mentee
    assert set(talks.values_list("round", flat=True)) == {1, 2, 3, 4}  # max(3, 4) rounds
    assert set(talks.values_list("table", flat=True)) == {1, 2, 3}  # min(3, 4) tables
    assert breaks.count() == 4 and not breaks.filter(mentee__isnull=True).exists()  # a mentee rests each round
    cards = list(session.cards.all())
    assert len(cards) == 7
    assert len({c.token for c in cards}) == 7


# --- cards ----------------------------------------------------------------------------------------------------------


def test_it_accepts_a_card_naming_the_other_side_and_moves_the_session_to_cards(world):
    session = session_of(world)
    e0, e1, e2 = (mentee_of(session, world, i) for i in range(3))
    card = _card(session, Side.MENTOR, mentor_of(session, world, 0))

    saved = services.card_submit(card=card, ranked=[e1.pk, e0.pk], refused=[e2.pk])

    assert saved.ranked == [e1.pk, e0.pk] and saved.refused == [e2.pk]
    assert saved.entered_by == PreferenceCard.EnteredBy.SELF and saved.filled_at is not None
    session.refresh_from_db()
    assert session.status == Status.CARDS


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda s, w: {"ranked": [mentee_of(session_of(w), w, 0).pk]}, "другой стороны"),  # another session's
        (lambda s, w: {"ranked": [999999]}, "другой стороны"),  # nobody of this session
        (lambda s, w: {"ranked": [mentee_of(s, w, 0).pk, mentee_of(s, w, 0).pk]}, "одно место"),
        (lambda s, w: {"ranked": [mentee_of(s, w, 0).pk], "refused": [mentee_of(s, w, 0).pk]}, "одновременно"),
        (lambda s, w: {"ranked": ["abc"]}, "Неверный выбор"),
    ],
)
def test_it_refuses_an_invalid_card_and_stores_nothing(world, build, message):
    session = session_of(world)
    card = _card(session, Side.MENTOR, mentor_of(session, world, 0))

    with pytest.raises(ValidationError, match=message):
        services.card_submit(card=card, **build(session, world))

    card.refresh_from_db()
    assert card.filled_at is None and card.ranked == []


def test_it_takes_a_card_by_link_once_but_lets_the_curator_correct_it(world):
    session = session_of(world)
    e0, e1 = mentee_of(session, world, 0), mentee_of(session, world, 1)
    card = _card(session, Side.MENTOR, mentor_of(session, world, 0))
    services.card_submit(card=card, ranked=[e0.pk])

    with pytest.raises(ValidationError, match="уже заполнена"):
        services.card_submit(card=card, ranked=[e1.pk])
    services.card_submit(
        card=card, ranked=[e1.pk], entered_by=PreferenceCard.EnteredBy.CURATOR, recorded_by=world.curator.user
    )

    card.refresh_from_db()
    assert card.ranked == [e1.pk] and card.entered_by == PreferenceCard.EnteredBy.CURATOR


def test_it_refuses_a_card_after_consent_is_withdrawn(world):
    session = session_of(world)
    mentee = mentee_of(session, world, 0)
    Consent.objects.filter(person=mentee.person).update(withdrawn_at=timezone.now())
    card = _card(session, Side.MENTEE, mentee)

    with pytest.raises(ValidationError, match="согласия"):
        services.card_submit(card=card, ranked=[mentor_of(session, world, 0).pk])


# --- proposals ------------------------------------------------------------------------------------------------------


def test_it_computes_both_proposals_and_leaves_one_mentee_without_a_place(world):
    session = session_of(world)

    proposals = services.proposals_compute(session=session)

    assert set(proposals) == {"welfare", "stable"}
    for proposal in proposals.values():
        assert len(proposal.result["pairs"]) == 3  # three mentors with one place each
        assert list(_reasons(proposal).values()) == ["capacity_exhausted"]
        pair = proposal.result["pairs"][0]
        assert set(pair["criteria"]) >= {"needs", "interests", "free_time", "role_model"}
        assert pair["score"] is not None
    session.refresh_from_db()
    assert session.status == Status.PROPOSED


def test_it_follows_the_cards_in_the_stable_proposal(world):
    session = session_of(world)
    m = [mentor_of(session, world, i) for i in range(3)]
    e = [mentee_of(session, world, i) for i in range(4)]
    # Mentee 0 and mentor 2 want each other most; everybody else leaves them unmarked.
    services.card_submit(card=_card(session, Side.MENTEE, e[0]), ranked=[m[2].pk, m[0].pk])
    services.card_submit(card=_card(session, Side.MENTOR, m[2]), ranked=[e[0].pk])

    stable = services.proposals_compute(session=session)["stable"]

    assert (m[2].pk, e[0].pk) in _pairs(stable)
    row = next(p for p in stable.result["pairs"] if p["mentee"] == e[0].pk)
    assert row["mentee_rank"] == 1 and row["mentor_rank"] == 1
    assert stable.result["metrics"]["mentee_first_choice_share"] == 1.0


def test_it_keeps_locked_pairs_in_both_proposals_and_counts_their_places(world):
    session = session_of(world)
    m0, e3 = mentor_of(session, world, 0), mentee_of(session, world, 3)
    services.pair_lock(session=session, mentor=m0, mentee=e3)

    proposals = services.proposals_compute(session=session)

    for proposal in proposals.values():
        rows = [p for p in proposal.result["pairs"] if p["mentor"] == m0.pk]
        assert [(r["mentee"], r["locked"]) for r in rows] == [(e3.pk, True)]  # the lock took the only place
        assert proposal.result["metrics"]["locked"] == 1


def test_it_never_proposes_a_forbidden_or_refused_pair(world):
    session = session_of(world)
    m = [mentor_of(session, world, i) for i in range(3)]
    e = [mentee_of(session, world, i) for i in range(4)]
    for mentee in e:  # mentor 0 is forbidden with everybody but mentee 1, who refuses him in the card
        if mentee != e[1]:
            services.pair_forbid(session=session, mentor=m[0], mentee=mentee)
    services.card_submit(card=_card(session, Side.MENTEE, e[1]), ranked=[], refused=[m[0].pk])

    proposals = services.proposals_compute(session=session)

    for proposal in proposals.values():
        assert not {pair for pair in _pairs(proposal) if pair[0] == m[0].pk}


def test_it_explains_why_a_mentee_is_left_without_a_pair(world):
    session = session_of(world)
    m = [mentor_of(session, world, i) for i in range(3)]
    e = [mentee_of(session, world, i) for i in range(4)]
    services.card_submit(card=_card(session, Side.MENTEE, e[0]), ranked=[], refused=[x.pk for x in m])
    services.mentee_keep_searching(session_mentee=e[1])

    for proposal in services.proposals_compute(session=session).values():
        assert _reasons(proposal) == {e[0].pk: "no_acceptable_mentor", e[1].pk: KEEP_SEARCHING}


def test_it_leaves_out_of_the_run_whoever_withdrew_consent(world):
    session = session_of(world)
    m0, e0 = mentor_of(session, world, 0), mentee_of(session, world, 0)
    services.pair_lock(session=session, mentor=m0, mentee=mentee_of(session, world, 1))
    Consent.objects.filter(person__in=[m0.person, e0.person]).update(withdrawn_at=timezone.now())

    for proposal in services.proposals_compute(session=session).values():
        people = {p["mentor"] for p in proposal.result["pairs"]}, {p["mentee"] for p in proposal.result["pairs"]}
        assert m0.pk not in people[0] and e0.pk not in people[1]
        assert _reasons(proposal)[e0.pk] == NO_CONSENT


def test_it_keeps_searching_with_a_psychologist_for_a_mentee_left_without_a_pair(world):
    session = session_of(world)
    mentee = mentee_of(session, world, 3)

    services.mentee_keep_searching(session_mentee=mentee, changed_by=world.curator.user)

    request = MenteeRequest.objects.get(pk=mentee.request_id)
    assert request.status == MenteeRequest.Status.SEARCHING and request.needs_psychologist
    mentee.refresh_from_db()
    assert mentee.keep_searching


def test_it_assigns_a_mentor_by_hand_within_the_mentors_capacity(world):
    session = session_of(world)
    m0 = mentor_of(session, world, 0)
    services.pair_assign(session=session, mentor=m0, mentee=mentee_of(session, world, 0))

    with pytest.raises(ValidationError, match="не осталось мест"):
        services.pair_assign(session=session, mentor=m0, mentee=mentee_of(session, world, 1))
    with pytest.raises(ValidationError, match="уже закреплён"):
        services.pair_lock(session=session, mentor=mentor_of(session, world, 1), mentee=mentee_of(session, world, 0))


# --- confirmation ---------------------------------------------------------------------------------------------------


def test_it_confirms_a_proposal_into_proposed_pairs_and_matches_the_requests(world):
    session = session_of(world)
    services.proposals_compute(session=session)

    created = services.proposal_confirm(session=session, objective="welfare", confirmed_by=world.curator.user)

    assert len(created) == 3
    assert {m.status for m in created} == {Mentorship.Status.PROPOSED}
    assert all(m.program == world.program and m.role_model is not None for m in created)
    statuses = sorted(
        MenteeRequest.objects.filter(pk__in=[r.pk for r in world.mentees]).values_list("status", flat=True)
    )
    assert statuses == ["matched", "matched", "matched", "searching"]
    session.refresh_from_db()
    assert session.status == Status.CONFIRMED and set(session.mentorships.all()) == set(created)
    with pytest.raises(ValidationError, match="уже сформированы"):
        services.pair_forbid(session=session, mentor=mentor_of(session, world, 0), mentee=mentee_of(session, world, 0))


def test_it_makes_one_group_of_a_mentor_with_several_mentees_in_a_group_programme():
    world = make_world(mentors=1, mentees=3, kind="group", capacity=3)
    session = session_of(world)
    services.proposals_compute(session=session)

    (group,) = services.proposal_confirm(session=session, objective="stable")

    members = list(group.members.values_list("person_id", "side"))
    assert group.mentor == world.mentors[0].person
    assert {group.mentee_id, *(p for p, _side in members)} == {r.person_id for r in world.mentees}
    assert {side for _p, side in members} == {"mentee"}


def test_it_makes_separate_pairs_of_a_mentor_with_several_mentees_in_a_traditional_programme():
    world = make_world(mentors=1, mentees=2, kind="traditional", capacity=2)
    session = session_of(world)
    services.proposals_compute(session=session)

    pairs = services.proposal_confirm(session=session, objective="welfare")

    assert len(pairs) == 2 and all(not p.members.exists() for p in pairs)


def test_it_refuses_to_confirm_stale_proposals(world):
    session = session_of(world)
    services.proposals_compute(session=session)
    card = _card(session, Side.MENTEE, mentee_of(session, world, 0))
    services.card_submit(card=card, ranked=[mentor_of(session, world, 1).pk], entered_by="curator")

    with pytest.raises(ValidationError, match="пересчитайте"):
        services.proposal_confirm(session=session, objective="welfare")
    assert not Mentorship.objects.exists()


# --- the order ------------------------------------------------------------------------------------------------------


def test_it_issues_the_order_with_pairs_and_marks_them_approved(world):
    session = session_of(world)
    services.pair_lock(session=session, mentor=mentor_of(session, world, 0), mentee=mentee_of(session, world, 0))
    services.proposals_compute(session=session)
    pairs = services.proposal_confirm(session=session, objective="welfare")
    date = dt.date(2026, 12, 1)
    # Both sides said at the acquaintance that they are ready to work together.
    Mentorship.objects.filter(pk__in=[m.pk for m in pairs]).update(status=Mentorship.Status.CONFIRMED)

    draft = services.pairs_order_issue(session=session, mentorships=pairs, date=date, created_by=world.curator.user)
    # The curator prepares; the pairs are approved only when the director signs.
    assert draft.number is None and set(Mentorship.objects.values_list("status", flat=True)) != {"approved"}
    order = order_sign(order=draft, date=date)

    assert order.kind == Order.Kind.APPROVE_PAIRS and order.program == world.program
    assert set(Mentorship.objects.values_list("status", flat=True)) == {"approved"}
    assert list(session.orders.all()) == [order]
    with order.file.open("rb") as handle:
        text = docx_text(handle.read())
    assert f"№ {order.display_number}" in text
    assert "«1» декабря 2026 г." in text
    for m in pairs:
        assert m.mentor.short_name in text and m.mentee.short_name in text
    assert "Кленова А. П." in text  # «Фамилия И. О.»
    assert "Учитель – учитель" in text
    assert latest_proposals(session=session)["welfare"].result["pairs"][0]["locked"]
    with pytest.raises(ValidationError, match="уже утверждена"):
        services.pairs_order_issue(session=session, mentorships=pairs[:1], date=date)


# --- the demo -------------------------------------------------------------------------------------------------------


def test_it_adds_a_finished_kindergarten_session_and_a_school_draft_once(monkeypatch):
    from nastavnik.matching import demo
    from nastavnik.ops import demo as ops_demo

    today = timezone.localdate()
    monkeypatch.setattr(ops_demo, "HOOK_APPS", ["intake", "matching"])
    ops_demo.demo_build(today=today)

    finished = MatchSession.objects.get(organization__code="ds12")
    assert finished.status == Status.PROPOSED and finished.program.stage == "matching"
    assert finished.slots.exists() and finished.mentors.count() >= 2 and finished.mentees.count() >= 2
    assert not finished.cards.filter(filled_at__isnull=True).exists()
    assert set(latest_proposals(session=finished)) == {"welfare", "stable"}
    draft = MatchSession.objects.get(organization__code="school7")
    assert draft.status == Status.DRAFT and draft.date > today

    demo.populate(today=today)
    assert MatchSession.objects.count() == 2


def test_it_refuses_a_second_draft_for_pairs_already_waiting_for_signature(world):
    session = session_of(world)
    services.proposals_compute(session=session)
    pairs = services.proposal_confirm(session=session, objective="welfare")
    services.pairs_order_issue(session=session, mentorships=pairs, date=dt.date(2026, 12, 1), exceptions=pairs)
    with pytest.raises(ValidationError, match="уже ждёт подписи"):
        services.pairs_order_issue(session=session, mentorships=pairs[:1], date=dt.date(2026, 12, 2), exceptions=pairs)
