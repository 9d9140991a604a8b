"""Writes of Mentor Match: the session, its participants, the rotation, the cards, the curator's decisions, the
proposals, their confirmation into pairs and groups, and the order approving them.

Every function is atomic and keyword-only; on bad input it raises ValidationError with a Russian message and
changes nothing. The matching itself is the pure engine (`engine.solve` over `scoring.build_instance`); this module
only turns the database into its input and its output back into rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.documents.models import Order
from nastavnik.documents.ru import date_short
from nastavnik.documents.services import order_prepare
from nastavnik.intake import services as intake_services
from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.locking import Change, version_claim
from nastavnik.matching import engine, rotation, scoring, selectors
from nastavnik.matching.models import (
    MINUTES_MAX,
    MINUTES_MIN,
    MatchSession,
    Objective,
    PairDecision,
    PreferenceCard,
    Proposal,
    RotationSlot,
    SessionMentee,
    SessionMentor,
    Side,
)
from nastavnik.mentorships import services as mentorship_services
from nastavnik.mentorships.models import Mentorship, MentorshipMember
from nastavnik.notifications import mail_send, notify
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import consent_active, persons_with_consent
from nastavnik.programs.models import Kind, Program

Status = MatchSession.Status
LOCK, FORBID = PairDecision.Kind.LOCK, PairDecision.Kind.FORBID
ACTIVE_MENTORSHIP = selectors.ACTIVE_MENTORSHIP
CAPACITY_MAX = 30


def _touch(session: MatchSession) -> None:
    """Inputs of the engine changed: proposals computed before now are stale."""
    session.inputs_changed_at = timezone.now()
    session.save(update_fields=["inputs_changed_at"])


def _lock(session: MatchSession) -> None:
    """Queue concurrent writes to one session and read its status afresh (the caller's copy may be old)."""
    MatchSession.objects.select_for_update().filter(pk=session.pk).first()
    session.refresh_from_db()


def _claim(session: MatchSession, version: int | None, action: str) -> None:
    """Optimistic locking (nastavnik/locking.py): the curator acts on the session as their page showed it
    (`version`); if another curator changed participants or decisions since, refuse and say what is there now."""

    def describe(current: MatchSession) -> list[Change]:
        return [Change(label=_("Сессия Mentor Match"), theirs=_session_state(current), yours=action)]

    version_claim(session, version, describe=describe)


def _session_state(session: MatchSession) -> str:
    decisions = session.decisions.select_related("mentor__person", "mentee__person").order_by("pk")
    pairs = {
        kind: ", ".join(f"{d.mentor.person.short_name} — {d.mentee.person.short_name}" for d in decisions
                        if d.kind == kind) or "—"
        for kind in (LOCK, FORBID)
    }
    return _("%(status)s; участников: %(mentors)s наставников, %(mentees)s наставляемых; закреплены: %(locks)s; "
             "запрещены: %(forbids)s") % {
        "status": session.get_status_display(), "mentors": session.mentors.count(),
        "mentees": session.mentees.count(), "locks": pairs[LOCK], "forbids": pairs[FORBID],
    }


def _pair_text(mentor: SessionMentor, mentee: SessionMentee) -> str:
    return f"{mentor.person.short_name} — {mentee.person.short_name}"


def _not_confirmed(session: MatchSession) -> None:
    session.refresh_from_db(fields=["status"])
    if session.status == Status.CONFIRMED:
        raise ValidationError(_("Пары этой сессии уже сформированы: изменения больше не вносятся."), code="confirmed")


def _own(session: MatchSession, *items: SessionMentor | SessionMentee) -> None:
    if any(item.session_id != session.pk for item in items):
        raise ValidationError(_("Участник не относится к этой сессии."), code="foreign_participant")


# --- the session and its participants -------------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *,
    organization: Organization,
    program: Program,
    date: dt.date,
    minutes_per_round: int = 7,
    start_time: dt.time | None = None,
    place: str = "",
    created_by=None,
) -> MatchSession:
    if program.organization_id != organization.pk:
        raise ValidationError(_("Программа относится к другой организации."), code="program_foreign")
    if program.status == Program.Status.COMPLETED:
        raise ValidationError(_("Программа завершена: новая сессия по ней не проводится."), code="program_completed")
    if not MINUTES_MIN <= minutes_per_round <= MINUTES_MAX:
        raise ValidationError(
            _("Беседа в ротации длится от %(a)s до %(b)s минут.") % {"a": MINUTES_MIN, "b": MINUTES_MAX},
            code="minutes_range",
        )
    return MatchSession.objects.create(
        organization=organization,
        program=program,
        date=date,
        minutes_per_round=minutes_per_round,
        start_time=start_time,
        place=place.strip(),
        created_by=created_by,
    )


@transaction.atomic
def participants_set(
    *,
    session: MatchSession,
    mentors: Sequence[tuple[MentorCandidate, int]],
    mentees: Sequence[MenteeRequest],
    version: int | None = None,
) -> None:
    """Choose who takes part: mentors of the approved registry (with capacity) and mentees of the base.

    Only people with an active participation consent may enter. Changing the list drops the rotation and the
    unfilled cards; once anybody has filled a card the list is fixed.
    """
    _lock(session)
    _claim(session, version, _("участники: %(m)s наставников, %(e)s наставляемых") % {"m": len(mentors),
                                                                                    "e": len(mentees)})
    if session.status not in (Status.DRAFT, Status.ROTATION) or session.cards.filter(filled_at__isnull=False).exists():
        raise ValidationError(_("Карточки уже заполняются: состав участников изменить нельзя."), code="cards_started")
    if not mentors or not mentees:
        raise ValidationError(_("Выберите хотя бы одного наставника и одного наставляемого."), code="empty_side")
    _check_mentors(session, mentors)
    _check_mentees(session, mentees)
    session.slots.all().delete()
    session.cards.all().delete()
    session.decisions.all().delete()
    session.proposals.all().delete()
    session.mentors.exclude(candidate__in=[c for c, _cap in mentors]).delete()
    session.mentees.exclude(request__in=list(mentees)).delete()
    for position, (candidate, capacity) in enumerate(mentors):
        SessionMentor.objects.update_or_create(
            session=session,
            candidate=candidate,
            defaults={"person": candidate.person, "capacity": capacity, "position": position},
        )
    for position, request in enumerate(mentees):
        SessionMentee.objects.update_or_create(
            session=session, request=request, defaults={"person": request.person, "position": position}
        )
    _forbid_former_mentors(session)
    session.status = Status.DRAFT
    session.save(update_fields=["status"])
    _touch(session)


def _forbid_former_mentors(session: MatchSession) -> None:
    """cycle: a mentee who asked for another mentor is not offered the old one again. The pair is forbidden from
    the start; the curator allows it by removing that decision on the proposals page."""
    former = selectors.former_mentor_pairs(session=session)
    mentors = {m.person_id: m for m in session.mentors.all()}
    mentees = {e.person_id: e for e in session.mentees.all()}
    for mentor_person, mentee_person in former:
        if mentor_person in mentors and mentee_person in mentees:
            PairDecision.objects.update_or_create(
                mentor=mentors[mentor_person],
                mentee=mentees[mentee_person],
                defaults={"session": session, "kind": FORBID, "by_hand": False},
            )


def _check_mentors(session: MatchSession, mentors: Sequence[tuple[MentorCandidate, int]]) -> None:
    eligible = {c.pk for c in selectors.eligible_mentors(session=session)}
    people = [c.person_id for c, _cap in mentors]
    if len(set(people)) != len(people):
        raise ValidationError(_("Наставник выбран дважды."), code="mentor_twice")
    for candidate, capacity in mentors:
        if candidate.pk not in eligible:
            raise ValidationError(
                _(
                    "%(name)s не может участвовать: нужен наставник из утверждённого реестра организации, "
                    "подходящий к форме программы, с действующими согласиями на участие и на анкетирование."
                )
                % {"name": candidate.person.short_name},
                code="mentor_not_eligible",
            )
        if not isinstance(capacity, int) or not 1 <= capacity <= CAPACITY_MAX:
            raise ValidationError(
                _("Число наставляемых у %(name)s — от 1 до %(max)s.")
                % {"name": candidate.person.short_name, "max": CAPACITY_MAX},
                code="capacity_range",
            )


def _check_mentees(session: MatchSession, mentees: Sequence[MenteeRequest]) -> None:
    eligible = {r.pk for r in selectors.eligible_mentees(session=session)}
    people = [r.person_id for r in mentees]
    if len(set(people)) != len(people):
        raise ValidationError(_("Наставляемый выбран дважды."), code="mentee_twice")
    for request in mentees:
        if request.pk not in eligible:
            raise ValidationError(
                _(
                    "%(name)s не может участвовать: нужен запрос из базы наставляемых этой программы "
                    "с действующими согласиями на участие и на анкетирование."
                )
                % {"name": request.person.short_name},
                code="mentee_not_eligible",
            )


# --- the rotation ---------------------------------------------------------------------------------------------------


@transaction.atomic
def rotation_build(*, session: MatchSession) -> rotation.Rotation:
    """Make the timetable (every mentor with every mentee once) and a preference card for every participant."""
    _lock(session)
    if session.status not in (Status.DRAFT, Status.ROTATION) or session.cards.filter(filled_at__isnull=False).exists():
        raise ValidationError(_("Карточки уже заполняются: ротацию изменить нельзя."), code="cards_started")
    mentors = list(session.mentors.all())
    mentees = list(session.mentees.all())
    if not mentors or not mentees:
        raise ValidationError(_("Сначала выберите наставников и наставляемых."), code="no_participants")
    plan = rotation.build([m.pk for m in mentors], [e.pk for e in mentees])
    session.slots.all().delete()
    RotationSlot.objects.bulk_create(
        [
            RotationSlot(session=session, round=t.round, table=t.table, mentor_id=t.mentor, mentee_id=t.mentee)
            for t in plan.talks
        ]
        + [
            RotationSlot(
                session=session,
                round=b.round,
                mentor_id=b.person if b.side == "mentor" else None,
                mentee_id=b.person if b.side == "mentee" else None,
            )
            for b in plan.breaks
        ]
    )
    for m in mentors:
        PreferenceCard.objects.get_or_create(session=session, side=Side.MENTOR, session_mentor=m, person=m.person)
    for e in mentees:
        PreferenceCard.objects.get_or_create(session=session, side=Side.MENTEE, session_mentee=e, person=e.person)
    session.status = Status.ROTATION
    session.save(update_fields=["status"])
    return plan


# --- preference cards -----------------------------------------------------------------------------------------------


def _int_ids(values: Sequence[Any], label: str) -> list[int]:
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        raise ValidationError(_("Неверный выбор в карточке: %(l)s.") % {"l": label}, code="card_bad_id") from None


@transaction.atomic
def card_submit(
    *,
    card: PreferenceCard,
    ranked: Sequence[int],
    refused: Sequence[int] = (),
    entered_by: str = PreferenceCard.EnteredBy.SELF,
    recorded_by=None,
) -> PreferenceCard:
    """Store a card: `ranked` — whom the person would like to continue with, best first; `refused` — whom not.

    Both name only participants of the session's other side, each at most once. By the link a card is filled
    once; the curator may type in (or correct) a paper card until the pairs are confirmed.
    """
    card = PreferenceCard.objects.select_for_update().select_related("session", "person").get(pk=card.pk)
    session = card.session
    _not_confirmed(session)
    if session.status == Status.DRAFT:
        raise ValidationError(_("Карточки заполняют после ротации."), code="cards_not_open")
    if entered_by == PreferenceCard.EnteredBy.SELF and card.is_filled:
        raise ValidationError(_("Эта карточка уже заполнена: ссылка одноразовая."), code="card_filled")
    if entered_by not in PreferenceCard.EnteredBy.values:
        raise ValidationError(_("Неизвестно, кто вносит карточку."), code="card_entered_by")
    if not consent_active(person=card.person, purpose=Consent.Purpose.PARTICIPATION):
        raise ValidationError(
            _("Нет действующего согласия на участие в программе: карточка не сохранена."), code="consent_missing"
        )
    ranked, refused = _int_ids(ranked, _("предпочтения")), _int_ids(refused, _("отказы"))
    others = {o.pk for o in selectors.card_options(card=card)}
    if not set(ranked) | set(refused) <= others:
        raise ValidationError(
            _("В карточке можно называть только участников другой стороны этой сессии."), code="card_foreign"
        )
    if len(set(ranked)) != len(ranked):
        raise ValidationError(_("Каждого участника можно поставить только на одно место."), code="card_rank_twice")
    if len(set(refused)) != len(refused) or set(ranked) & set(refused):
        raise ValidationError(
            _("Участник не может быть одновременно в списке «хочу» и «не хочу»."), code="card_contradiction"
        )
    card.ranked, card.refused = ranked, refused
    card.filled_at = timezone.now()
    card.entered_by = entered_by
    card.recorded_by = recorded_by
    card.save(update_fields=["ranked", "refused", "filled_at", "entered_by", "recorded_by"])
    if session.status == Status.ROTATION:
        session.status = Status.CARDS
        session.save(update_fields=["status"])
    _touch(session)
    return card


def card_links_send(*, session: MatchSession, link_for: Callable[[PreferenceCard], str]) -> tuple[int, int]:
    """E-mail each participant who has not filled the card their personal link; (sent, without an address)."""
    _not_confirmed(session)
    sent = missing = 0
    for card in session.cards.filter(filled_at__isnull=True).select_related("person"):
        person = card.person
        if not person.email:
            missing += 1
            continue
        body = _(
            "Здравствуйте, %(name)s!\n\nСпасибо за участие во встрече Mentor Match %(date)s. Отметьте, пожалуйста, "
            "с кем вы хотели бы продолжить общение, а с кем нет. Ссылка личная и одноразовая:\n%(link)s\n\n"
            "Если письмо пришло вам по ошибке, просто удалите его."
        ) % {"name": person.first_name, "date": date_short(session.date), "link": link_for(card)}
        notify(to=person.email, subject=_("Карточка предпочтений Mentor Match"), body=body)
        card.sent_at = timezone.now()
        card.save(update_fields=["sent_at"])
        sent += 1
    return sent, missing


# --- the curator's decisions ----------------------------------------------------------------------------------------


@transaction.atomic
def pair_lock(
    *,
    session: MatchSession,
    mentor: SessionMentor,
    mentee: SessionMentee,
    by_hand: bool = False,
    created_by=None,
    version: int | None = None,
) -> PairDecision:
    """Fix the pair before the engine runs for the rest (it takes one of the mentor's places)."""
    _claim(session, version, _("закрепить пару %(pair)s") % {"pair": _pair_text(mentor, mentee)})
    _not_confirmed(session)
    _own(session, mentor, mentee)
    if mentor.person_id == mentee.person_id:
        raise ValidationError(_("Человек не может быть наставником самому себе."), code="self")
    other = session.decisions.filter(kind=LOCK, mentee=mentee).exclude(mentor=mentor).select_related("mentor__person")
    if other.exists():
        raise ValidationError(
            _("%(mentee)s уже закреплён(а) за наставником %(mentor)s: сначала снимите то закрепление.")
            % {"mentee": mentee.person.short_name, "mentor": other.first().mentor.person.short_name},
            code="mentee_locked",
        )
    taken = session.decisions.filter(kind=LOCK, mentor=mentor).exclude(mentee=mentee).count()
    if taken >= mentor.capacity:
        raise ValidationError(
            _("У наставника %(name)s не осталось мест: он(а) готов(а) вести %(n)s наставляемых.")
            % {"name": mentor.person.short_name, "n": mentor.capacity},
            code="capacity_exhausted",
        )
    decision, _created = PairDecision.objects.update_or_create(
        mentor=mentor,
        mentee=mentee,
        defaults={"session": session, "kind": LOCK, "by_hand": by_hand, "created_by": created_by},
    )
    if mentee.keep_searching:
        mentee.keep_searching = False
        mentee.save(update_fields=["keep_searching"])
    _touch(session)
    return decision


@transaction.atomic
def pair_forbid(
    *, session: MatchSession, mentor: SessionMentor, mentee: SessionMentee, created_by=None, version: int | None = None
) -> PairDecision:
    """Never propose this pair (replaces a lock of the same pair)."""
    _claim(session, version, _("запретить пару %(pair)s") % {"pair": _pair_text(mentor, mentee)})
    _not_confirmed(session)
    _own(session, mentor, mentee)
    decision, _created = PairDecision.objects.update_or_create(
        mentor=mentor,
        mentee=mentee,
        defaults={"session": session, "kind": FORBID, "by_hand": False, "created_by": created_by},
    )
    _touch(session)
    return decision


@transaction.atomic
def pair_assign(
    *, session: MatchSession, mentor: SessionMentor, mentee: SessionMentee, created_by=None, version: int | None = None
) -> PairDecision:
    """Assign a mentor directly to a mentee left without a pair: a lock the curator made by hand."""
    return pair_lock(
        session=session, mentor=mentor, mentee=mentee, by_hand=True, created_by=created_by, version=version
    )


@transaction.atomic
def decision_remove(*, decision: PairDecision, version: int | None = None) -> None:
    session = decision.session
    pair = _pair_text(decision.mentor, decision.mentee)
    _claim(session, version, _("снять решение о паре %(pair)s") % {"pair": pair})
    _not_confirmed(session)
    decision.delete()
    _touch(session)


@transaction.atomic
def mentee_keep_searching(
    *, session_mentee: SessionMentee, changed_by=None, version: int | None = None
) -> SessionMentee:
    """Leave the mentee out of this session's pairs: the search goes on with a psychologist's support (seed 000)."""
    session = session_mentee.session
    _claim(session, version, _("продолжить поиск для %(name)s") % {"name": session_mentee.person.short_name})
    _not_confirmed(session)
    if session.decisions.filter(kind=LOCK, mentee=session_mentee).exists():
        raise ValidationError(_("Наставляемому уже назначен наставник: сначала снимите закрепление."), code="locked")
    request = MenteeRequest.objects.select_for_update().get(pk=session_mentee.request_id)
    if request.status != MenteeRequest.Status.SEARCHING:
        intake_services.request_status_set(
            request=request, status=MenteeRequest.Status.SEARCHING, changed_by=changed_by
        )
    request.needs_psychologist = True
    request.save(update_fields=["needs_psychologist"])
    session_mentee.keep_searching = True
    session_mentee.save(update_fields=["keep_searching"])
    _touch(session)
    return session_mentee


# --- proposals ------------------------------------------------------------------------------------------------------


@transaction.atomic
def proposals_compute(*, session: MatchSession, created_by=None) -> dict[str, Proposal]:
    """Run both objectives over the session: locked pairs first (they take their mentors' places), forbidden and
    refused pairs never, everyone else by the cards (unranked but not refused partners after the ranked ones, in
    order of compatibility; a person without a card ranks everyone by compatibility)."""
    _not_confirmed(session)
    if session.status == Status.DRAFT:
        raise ValidationError(_("Сначала составьте ротацию и проведите сессию."), code="no_rotation")
    results = _compute(session)
    proposals = {
        objective: Proposal.objects.create(session=session, objective=objective, result=result, created_by=created_by)
        for objective, result in results.items()
    }
    session.status = Status.PROPOSED
    session.save(update_fields=["status"])
    return proposals


def _compute(session: MatchSession) -> dict[str, dict]:
    mentors = selectors.session_mentors(session)
    mentees = selectors.session_mentees(session)
    rules = selectors.program_rules(session.program)
    cards = selectors.filled_cards(session)
    decisions = selectors.decisions_of(session)
    # Withdrawn or lapsed consent stops processing: such people are left out of the run (and of their locks).
    consenting = set(persons_with_consent(purpose=Consent.Purpose.PARTICIPATION).values_list("pk", flat=True))
    active = [m for m in mentors if m.person_id in consenting]
    active_ids = {m.pk for m in active}
    locks = [
        d
        for d in decisions
        if d.kind == LOCK
        and d.mentor_id in active_ids
        and d.mentee.person_id in consenting
        and not d.mentee.keep_searching
    ]
    set_aside = {e.pk: selectors.KEEP_SEARCHING for e in mentees if e.keep_searching}
    set_aside |= {e.pk: selectors.NO_CONSENT for e in mentees if e.person_id not in consenting}
    locked = {d.mentee_id for d in locks}
    free = [e for e in mentees if e.pk not in locked and e.pk not in set_aside]
    taken = Counter(d.mentor_id for d in locks)
    instance = _instance(
        [selectors.mentor_profile(m, capacity=max(0, m.capacity - taken[m.pk])) for m in active],
        [selectors.mentee_profile(e, on=session.date) for e in free],
        rules,
        cards,
        decisions,
    )
    locked_rows = [_locked_row(d, rules, cards, on=session.date) for d in locks]
    order = {("m", m.pk): i for i, m in enumerate(mentors)} | {("e", e.pk): i for i, e in enumerate(mentees)}
    results = {}
    for objective in engine.OBJECTIVES:
        if instance.mentors and instance.mentees:
            proposal = engine.solve(instance, objective)
            rows = [_engine_row(p, cards) for p in proposal.pairs]
            unmatched = [{"mentee": int(e), "reason": proposal.unmatched_reasons[e]} for e in proposal.unmatched]
        else:
            rows = []
            unmatched = [{"mentee": e.pk, "reason": engine.NO_ACCEPTABLE_MENTOR} for e in free]
        unmatched += [{"mentee": pk, "reason": reason} for pk, reason in set_aside.items()]
        pairs = sorted(locked_rows + rows, key=lambda r: (order[("m", r["mentor"])], order[("e", r["mentee"])]))
        unmatched.sort(key=lambda u: order[("e", u["mentee"])])
        results[objective] = {
            "pairs": pairs,
            "unmatched": unmatched,
            "metrics": _summary(pairs, mentors=len(mentors), mentees=len(mentees), cards=cards),
        }
    return results


def _instance(mentors, mentees, rules, cards, decisions) -> engine.Instance:
    mentor_ids = {m.id for m in mentors}
    mentee_ids = {e.id for e in mentees}
    forbidden = {(str(d.mentor_id), str(d.mentee_id)) for d in decisions if d.kind == FORBID}
    for (side, pk), card in cards.items():
        for other in card.refused or []:
            forbidden.add((str(pk), str(other)) if side == Side.MENTOR else (str(other), str(pk)))
    # The engine checks that every forbidden pair names people of the instance; locked mentees are not in it.
    forbidden = {(m, e) for m, e in forbidden if m in mentor_ids and e in mentee_ids}
    by_score = scoring.build_instance(mentors, mentees, rules, forbidden=forbidden)
    mentor_ranks = {
        m.id: _ranks(cards.get((Side.MENTOR, int(m.id))), by_score.mentor_ranks.get(m.id, [])) for m in mentors
    }
    mentee_ranks = {
        e.id: _ranks(cards.get((Side.MENTEE, int(e.id))), by_score.mentee_ranks.get(e.id, [])) for e in mentees
    }
    return scoring.build_instance(
        mentors, mentees, rules, mentor_ranks=mentor_ranks, mentee_ranks=mentee_ranks, forbidden=forbidden
    )


def _ranks(card: PreferenceCard | None, by_score: list[str]) -> list[str]:
    """The card's choices first, then the partners the person did not mention, by compatibility."""
    if card is None:
        return list(by_score)
    ranked = [str(x) for x in card.ranked or []]
    refused = {str(x) for x in card.refused or []}
    return ranked + [x for x in by_score if x not in ranked and x not in refused]


def _pair_ranks(mentor_pk: int, mentee_pk: int, cards) -> dict[str, Any]:
    mentor_card = cards.get((Side.MENTOR, mentor_pk))
    mentee_card = cards.get((Side.MENTEE, mentee_pk))
    return {
        "mentor_rank": selectors.card_place(mentor_card, mentee_pk),
        "mentee_rank": selectors.card_place(mentee_card, mentor_pk),
        "mentor_refused": selectors.card_refuses(mentor_card, mentee_pk),
        "mentee_refused": selectors.card_refuses(mentee_card, mentor_pk),
    }


def _engine_row(pair: engine.Pair, cards) -> dict[str, Any]:
    mentor, mentee = int(pair.mentor), int(pair.mentee)
    return {
        "mentor": mentor,
        "mentee": mentee,
        "score": pair.score,
        "criteria": dict(pair.criteria),
        **_pair_ranks(mentor, mentee, cards),
        "locked": False,
        "by_hand": False,
    }


def _locked_row(decision: PairDecision, rules, cards, *, on: dt.date) -> dict[str, Any]:
    # Criteria explain a locked pair too, whatever the hard rules say: the curator decided it knowingly.
    values = scoring.criteria(
        selectors.mentor_profile(decision.mentor), selectors.mentee_profile(decision.mentee, on=on), rules
    )
    return {
        "mentor": decision.mentor_id,
        "mentee": decision.mentee_id,
        "score": scoring.score(values, rules.weights),
        "criteria": values,
        **_pair_ranks(decision.mentor_id, decision.mentee_id, cards),
        "locked": True,
        "by_hand": decision.by_hand,
    }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _summary(pairs: list[dict], *, mentors: int, mentees: int, cards) -> dict[str, Any]:
    """The figures of one proposal with its locked pairs (the engine's own figures leave those out)."""
    mentor_of = {p["mentee"]: p["mentor"] for p in pairs}
    chosen = {(p["mentor"], p["mentee"]) for p in pairs}
    load = Counter(p["mentor"] for p in pairs)
    scores = [p["score"] for p in pairs if p["score"] is not None]
    mentee_firsts = [
        mentor_of.get(pk) == c.ranked[0] for (side, pk), c in cards.items() if side == Side.MENTEE and c.ranked
    ]
    mentor_firsts = [(pk, c.ranked[0]) in chosen for (side, pk), c in cards.items() if side == Side.MENTOR and c.ranked]
    total = round(sum(scores), 2)
    return {
        "mentors": mentors,
        "mentees": mentees,
        "matched": len(pairs),
        "unmatched": mentees - len(pairs),
        "matched_share": len(pairs) / mentees if mentees else 0.0,
        "groups": sum(1 for n in load.values() if n > 1),
        "locked": sum(1 for p in pairs if p["locked"]),
        "total_score": total,
        "mean_score": round(total / len(scores), 2) if scores else None,
        "mentee_first_choice_share": _mean(mentee_firsts),
        "mentor_first_choice_share": _mean(mentor_firsts),
        "mean_mentee_rank": _mean([p["mentee_rank"] for p in pairs if p["mentee_rank"] is not None]),
        "mean_mentor_rank": _mean([p["mentor_rank"] for p in pairs if p["mentor_rank"] is not None]),
    }


# --- confirmation: pairs and groups ---------------------------------------------------------------------------------


@transaction.atomic
def proposal_confirm(
    *,
    session: MatchSession,
    objective: str,
    confirmed_by=None,
    on: dt.date | None = None,
    version: int | None = None,
) -> list[Mentorship]:
    """Turn the chosen proposal into mentorships with status «proposed» (confirmed later by the acquaintance).

    In a programme of the group kind a mentor with several mentees leads one group (one Mentorship with the other
    mentees as members); otherwise every mentee gets a pair of their own with the mentor, because a traditional
    («один на один»), virtual or short-term programme plans, meets and reports per pair. The mentees' requests
    become «matched»; those left without a pair stay in the search.
    """
    _lock(session)
    label = Objective(objective).label if objective in Objective.values else objective
    _claim(session, version, _("утвердить предложение «%(label)s»") % {"label": label})
    if session.status != Status.PROPOSED:
        raise ValidationError(_("Сначала рассчитайте предложения пар."), code="not_proposed")
    proposals = selectors.latest_proposals(session=session)
    if objective not in proposals:
        raise ValidationError(_("Нет такого предложения пар."), code="objective_unknown")
    if selectors.proposals_stale(session=session, proposals=proposals):
        raise ValidationError(
            _("После расчёта изменились карточки или решения куратора: пересчитайте предложения."), code="stale"
        )
    result = proposals[objective].result
    if not result["pairs"]:
        raise ValidationError(_("В предложении нет ни одной пары."), code="no_pairs")
    on = on or timezone.localdate()
    mentors = {m.pk: m for m in selectors.session_mentors(session)}
    mentees = {e.pk: e for e in selectors.session_mentees(session)}
    by_mentor: dict[int, list[SessionMentee]] = {}
    rows = {pair["mentee"]: {**pair, "objective": objective} for pair in result["pairs"]}
    for pair in result["pairs"]:
        by_mentor.setdefault(pair["mentor"], []).append(mentees[pair["mentee"]])
    group_kind = session.program.kind == Kind.GROUP
    created: list[Mentorship] = []
    for mentor_pk, group in by_mentor.items():
        mentor = mentors[mentor_pk]
        batches = [group] if group_kind else [[e] for e in group]
        for batch in batches:
            created.append(
                _mentorship_create(
                    session=session, mentor=mentor, mentees=batch, on=on, by=confirmed_by, row=rows[batch[0].pk]
                )
            )
    matched = {pair["mentee"] for pair in result["pairs"]}
    for e in mentees.values():
        if e.pk not in matched and e.request.status == MenteeRequest.Status.IN_BASE:
            intake_services.request_status_set(
                request=e.request, status=MenteeRequest.Status.SEARCHING, changed_by=confirmed_by
            )
    session.mentorships.add(*created)
    session.status = Status.CONFIRMED
    session.confirmed_objective = objective
    session.save(update_fields=["status", "confirmed_objective"])
    _after_commit_tell_outcome(session)
    return created


# --- cycle: every participant is told the outcome (seed 000: «сообщить всем участникам о результатах») ---------


def _after_commit_tell_outcome(session: MatchSession) -> None:
    from nastavnik.matching.tasks import send_match_outcome

    people = {m.person_id for m in session.mentors.all()} | {e.person_id for e in session.mentees.all()}
    session_pk = session.pk

    def enqueue() -> None:
        for person_id in sorted(people):
            send_match_outcome.enqueue(session_pk, person_id)

    transaction.on_commit(enqueue)


def outcome_message(*, session: MatchSession, person: Person) -> tuple[str, str]:
    """The e-mail telling one participant the outcome: their pair(s), or that the search goes on."""
    mentorships = list(
        session.mentorships.filter(Q(mentor=person) | Q(mentee=person) | Q(members__person=person))
        .distinct()
        .select_related("mentor", "mentee")
    )
    greeting = _("Здравствуйте, %(name)s!") % {"name": person.first_name}
    intro = _("Подведены итоги встречи Mentor Match %(date)s (программа «%(program)s»).") % {
        "date": date_short(session.date),
        "program": session.program.title,
    }
    led = [m for m in mentorships if m.mentor_id == person.pk]
    mentored = [m for m in mentorships if m.mentor_id != person.pk]
    lines = []
    if mentored:
        names = ", ".join(m.mentor.full_name for m in mentored)
        lines.append(_("Ваш наставник: %(names)s.") % {"names": names})
    if led:
        people = []
        for m in led:
            people.append(m.mentee.full_name)
            people += [x.person.full_name for x in m.members.filter(side="mentee").select_related("person")]
        lines.append(_("Ваши наставляемые: %(names)s.") % {"names": ", ".join(people)})
    if mentorships:
        lines.append(
            _(
                "Пара закрепляется после встречи-знакомства с куратором: куратор сообщит её дату. "
                "Подробности — на вашей странице в системе «Наставник»."
            )
        )
        subject = _("Итоги Mentor Match: пара сформирована")
    else:
        is_mentee = session.mentees.filter(person=person).exists()
        lines.append(
            _("В этот раз пара не сформирована. Поиск наставника продолжается: куратор свяжется с вами.")
            if is_mentee
            else _("В этот раз наставляемый вам не подобран. Спасибо за участие: куратор свяжется с вами.")
        )
        subject = _("Итоги Mentor Match")
    return subject, "\n\n".join([greeting, intro, *lines])


def outcome_send(*, session_id: int, person_id: int) -> bool:
    """Send one participant the outcome (through the task queue); False when there is no address."""
    session = MatchSession.objects.select_related("program").get(pk=session_id)
    person = Person.objects.get(pk=person_id)
    if not person.email:
        return False
    subject, body = outcome_message(session=session, person=person)
    mail_send(to=person.email, subject=subject, body=body)
    return True


def pair_origin(*, objective: str, locked: bool, by_hand: bool) -> str:
    """How a confirmed proposal's pair was made: assigned by hand, fixed by the curator before the engine ran, or
    proposed by the engine under the confirmed objective."""
    if by_hand:
        return Mentorship.Origin.DIRECT
    if locked:
        return Mentorship.Origin.CURATOR
    return Mentorship.Origin.WELFARE if objective == Objective.WELFARE else Mentorship.Origin.STABLE


def _mentorship_create(
    *, session: MatchSession, mentor: SessionMentor, mentees: list[SessionMentee], on: dt.date, by, row: dict
) -> Mentorship:
    program = session.program
    for e in mentees:
        already = Mentorship.objects.filter(program=program, status__in=ACTIVE_MENTORSHIP).filter(
            Q(mentee=e.person) | Q(members__person=e.person, members__side=MentorshipMember.Side.MENTEE)
        )
        if already.exists():
            raise ValidationError(
                _("%(name)s уже состоит в паре или группе этой программы.") % {"name": e.person.short_name},
                code="already_paired",
            )
        intake_services.request_status_set(request=e.request, status=MenteeRequest.Status.MATCHED, changed_by=by)
    if not consent_active(person=mentor.person, purpose=Consent.Purpose.PARTICIPATION):
        raise ValidationError(
            _("У наставника %(name)s нет действующего согласия на участие: пересчитайте предложения.")
            % {"name": mentor.person.short_name},
            code="consent_missing",
        )
    lead = mentees[0]
    return mentorship_services.mentorship_create(
        program=program,
        role_model=_role_model_for(program, mentor, lead),
        mentor=mentor.person,
        mentees=[e.person for e in mentees],
        status=Mentorship.Status.PROPOSED,
        starts_on=on,
        goal=lead.request.needs.strip() if len(mentees) == 1 else "",
        origin=pair_origin(
            objective=row["objective"],
            locked=bool(row.get("locked")),
            by_hand=bool(row.get("by_hand")),
        ),
        match_score=row.get("score"),
        match_criteria=dict(row.get("criteria") or {}),
    )


def _role_model_for(program: Program, mentor: SessionMentor, mentee: SessionMentee):
    """The programme's role model whose tags fit the pair; the only one when the programme has just one."""
    models = list(program.role_models.all())
    mentor_tags = selectors.mentor_role_tags(mentor.candidate)
    mentee_tags = selectors.mentee_role_tags(mentee.request)
    for model in models:
        if (not model.mentor_tag or model.mentor_tag in mentor_tags) and (
            not model.mentee_tag or model.mentee_tag in mentee_tags
        ):
            return model
    return models[0] if len(models) == 1 else None


# --- the order approving the pairs and groups -----------------------------------------------------------------------


@transaction.atomic
def pairs_order_issue(
    *,
    session: MatchSession,
    mentorships: Sequence[Mentorship],
    date: dt.date,
    signed_by: Person | None = None,
    created_by=None,
    exceptions: Sequence[Mentorship] = (),
) -> Order:
    """Prepare the order approving the pairs and groups (seed 003: «закрепление пар приказом»): a draft the head
    signs; the pairs are approved when it is signed (`pairs_order_signed`). Only pairs whose acquaintance confirmed
    both sides' readiness (seed 000: «пара закрепляется после личной встречи»); a pair still «предложена» goes in
    only when the curator confirms it as an exception."""
    _lock(session)
    if session.status != Status.CONFIRMED:
        raise ValidationError(_("Сначала сформируйте пары и группы."), code="not_confirmed")
    if not mentorships:
        raise ValidationError(_("Отметьте пары и группы, которые утверждает приказ."), code="no_mentorships")
    own = set(session.mentorships.values_list("pk", flat=True))
    waiting = {
        pk
        for links in session.orders.filter(status=Order.Status.DRAFT).values_list("payload__links", flat=True)
        for pk in (links or {}).get("mentorship_ids", [])
    }
    if waiting & {m.pk for m in mentorships}:
        raise ValidationError(_("Проект приказа об этих парах уже ждёт подписи руководителя."), code="draft_waiting")
    excepted = {m.pk for m in exceptions}
    rows = []
    program = session.program
    # Statuses are read afresh and locked: the caller's objects may predate an acquaintance or another order.
    fresh = Mentorship.objects.select_for_update(of=("self",)).filter(pk__in=[m.pk for m in mentorships])
    fresh = {m.pk: m for m in fresh.select_related("role_model")}
    for m in (fresh.get(x.pk, x) for x in mentorships):
        if m.pk not in own:
            raise ValidationError(_("Пара не относится к этой сессии."), code="foreign_mentorship")
        if m.status not in (Mentorship.Status.PROPOSED, Mentorship.Status.CONFIRMED):
            raise ValidationError(
                _("Пара %(pair)s уже утверждена приказом или завершена.") % {"pair": str(m)}, code="not_pending"
            )
        if m.status == Mentorship.Status.PROPOSED and m.pk not in excepted:
            raise ValidationError(
                _(
                    "Пара %(pair)s ещё не подтверждена встречей-знакомством. В приказ её можно включить только "
                    "как исключение: отметьте это отдельно."
                )
                % {"pair": str(m)},
                code="not_confirmed_by_acquaintance",
            )
        members = list(m.members.all())
        mentees = [m.mentee_id] + [x.person_id for x in members if x.side == MentorshipMember.Side.MENTEE]
        form = program.form.name + (f", {Kind.GROUP.label.lower()}" if len(mentees) > 1 else "")
        rows.append(
            {
                "mentor_ids": [m.mentor_id] + [x.person_id for x in members if x.side == MentorshipMember.Side.MENTOR],
                "mentee_ids": mentees,
                "form": form,
                "role_model": m.role_model.name if m.role_model else "",
            }
        )
    order = order_prepare(
        organization=session.organization,
        kind=Order.Kind.APPROVE_PAIRS,
        date=date,
        program=program,
        payload={
            "starts_on": date.isoformat(),
            "ends_on": program.ends_on.isoformat(),
            "program_title": program.form.name,
            "pairs": rows,
            "links": {"mentorship_ids": [m.pk for m in mentorships]},
        },
        signed_by=signed_by,
        created_by=created_by,
    )
    session.orders.add(order)
    return order


def pairs_order_signed(*, order: Order, signed_by_user) -> None:
    """Effect of the signed pairs order (registered with documents in MatchingConfig.ready): the pairs it names
    are approved; a pair ended meanwhile stays as it is."""
    ids = (order.payload.get("links") or {}).get("mentorship_ids") or []
    Mentorship.objects.filter(
        pk__in=ids,
        program__organization=order.organization,
        status__in=[Mentorship.Status.PROPOSED, Mentorship.Status.CONFIRMED],
    ).update(status=Mentorship.Status.APPROVED)


@transaction.atomic
def program_weights_set(*, program: Program, weights: dict[str, float]) -> Program:
    """Set the programme's Mentor Match criterion weights (from «which matching worked»); the next proposals
    computed for its sessions use them, pairs already formed are not touched."""
    try:
        checked = scoring.check_weights(weights)
    except ValueError as error:
        raise ValidationError(str(error).capitalize() + ".", code="weights") from None
    program.matching_weights = checked
    program.save(update_fields=["matching_weights"])
    # Proposals of sessions still open were computed with the old weights: the curator is told to recompute.
    MatchSession.objects.filter(program=program).exclude(status=Status.CONFIRMED).update(
        inputs_changed_at=timezone.now()
    )
    return program
