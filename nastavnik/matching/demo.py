"""Demo data for Mentor Match (called by `nastavnik demo` after intake and documents, `populate(today=…)`).

* Kindergarten `ds12` («Педагог – педагог», programme at the matching stage): a finished session — participants,
  the rotation, every card filled (some by link, some typed in from paper) and both proposals computed, waiting for
  the curator to choose.
* School `school7`: a draft session for its «Ученик – ученик» programme, a week ahead, participants not yet chosen.

It reads what exists and only adds what is missing (a session per organisation at most), so running it twice changes
nothing. Missing participants are taken from the bases (an interviewed candidate is selected, an analysed request
enters the base) or, for a small kindergarten, invented young educators are added with their consent. Everything
here is invented.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from nastavnik.intake import services as intake_services
from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.matching import selectors, services
from nastavnik.matching.models import MatchSession, PreferenceCard, Side
from nastavnik.orgs.models import Membership, Organization, Role
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.programs.models import Program, Stage

YOUNG_EDUCATORS = [  # invented
    ("Весенняя", "Алиса", "Романовна", 1),
    ("Садовникова", "Лада", "Игоревна", 0),
    ("Полянская", "Варвара", "Семёновна", 2),
]
MIN_MENTORS, MIN_MENTEES = 2, 4


@transaction.atomic
def populate(*, today: dt.date) -> None:
    kindergarten = Organization.objects.filter(code="ds12").first()
    if kindergarten is not None:
        _finished_session(kindergarten, today)
    school = Organization.objects.filter(code="school7").first()
    if school is not None:
        _draft_session(school, today)


def _curator_user(org: Organization):
    membership = (
        Membership.objects.filter(organization=org, role__in=[Role.CURATOR, Role.COORDINATOR])
        .select_related("person__user")
        .order_by("role", "pk")
        .first()
    )
    return membership.person.user if membership and membership.person.user else None


# --- the kindergarten: a finished session ---------------------------------------------------------------------------


def _finished_session(org: Organization, today: dt.date) -> None:
    program = (
        Program.objects.filter(organization=org, stage=Stage.MATCHING).exclude(status=Program.Status.COMPLETED).first()
    )
    if program is None or MatchSession.objects.filter(organization=org).exists():
        return
    user = _curator_user(org)
    session = services.session_create(
        organization=org,
        program=program,
        date=today - dt.timedelta(days=3),
        start_time=dt.time(13, 30),
        place="Методический кабинет",
        minutes_per_round=8,
        created_by=user,
    )
    mentors = _mentors(session)
    mentees = _mentees(session, today, user)
    if not mentors or not mentees:
        session.delete()
        return
    services.participants_set(session=session, mentors=[(c, c.capacity) for c in mentors], mentees=mentees)
    services.rotation_build(session=session)
    _fill_cards(session, user)
    services.proposals_compute(session=session, created_by=user)


def _mentors(session: MatchSession) -> list[MentorCandidate]:
    eligible = selectors.eligible_mentors(session=session)
    if len(eligible) < MIN_MENTORS:
        waiting = MentorCandidate.objects.filter(
            organization=session.organization, status=MentorCandidate.Status.INTERVIEWED, category="teacher"
        ).order_by("pk")
        for candidate in waiting[: MIN_MENTORS - len(eligible)]:
            try:
                intake_services.candidate_approve(candidate=candidate, note="Рекомендован по итогам собеседования")
            except ValidationError:
                continue
        eligible = selectors.eligible_mentors(session=session)
    return eligible[:3]


def _mentees(session: MatchSession, today: dt.date, user) -> list[MenteeRequest]:
    eligible = selectors.eligible_mentees(session=session)
    for last, first, middle, years in YOUNG_EDUCATORS[: max(0, MIN_MENTEES - len(eligible))]:
        _young_educator(session, today, user, last, first, middle, years)
    return selectors.eligible_mentees(session=session)[:5]


def _young_educator(session: MatchSession, today: dt.date, user, last: str, first: str, middle: str, years: int):
    org = session.organization
    person, created = Person.objects.get_or_create(
        organization=org,
        last_name=last,
        first_name=first,
        defaults={
            "middle_name": middle,
            "category": Person.Category.TEACHER,
            "birth_date": today.replace(year=today.year - 24 - years, day=1),
            "subject": "Воспитатель",
            "experience_years": years,
        },
    )
    for purpose in (Consent.Purpose.PARTICIPATION, Consent.Purpose.QUESTIONNAIRES) if created else ():
        Consent.objects.create(
            person=person,
            purpose=purpose,
            given_by=person,
            operator=org.name,
            data_categories=[
                "фамилия, имя, отчество",
                "место работы",
                "сведения об участии в программе наставничества",
            ],
            valid_from=today - dt.timedelta(days=40),
            signed_at=today - dt.timedelta(days=40),
            form=Consent.Form.PAPER,
        )
    try:
        request = intake_services.request_create(
            person=person,
            organization=org,
            program=session.program,
            categories=["young_specialist"],
            needs="Первый год в профессии: планирование занятий, общение с родителями",
            deficit_competencies=["планирование образовательной деятельности", "взаимодействие с родителями"],
            interests=["рисование", "театр"],
            free_time=["вт 13:00–15:00", "чт 13:00–15:00"],
            created_by=user,
        )
        intake_services.request_analyse(
            request=request, analysis="Запрос подтверждён беседой со старшим воспитателем.", analysed_by=user
        )
        intake_services.request_status_set(request=request, status=MenteeRequest.Status.IN_BASE)
    except ValidationError:
        return


def _fill_cards(session: MatchSession, user) -> None:
    """Mentees mostly agree with the mentors' order of seating, one refuses somebody; half the cards are paper."""
    mentors = list(session.mentors.order_by("position"))
    mentees = list(session.mentees.order_by("position"))
    for i, card in enumerate(session.cards.order_by("side", "pk")):
        others = mentees if card.side == Side.MENTOR else mentors
        order = others[i % len(others) :] + others[: i % len(others)]
        ranked = [o.pk for o in order[:2]]
        refused = [order[-1].pk] if card.side == Side.MENTEE and i % 3 == 2 and len(order) > 2 else []
        paper = i % 2 == 1
        services.card_submit(
            card=card,
            ranked=ranked,
            refused=refused,
            entered_by=PreferenceCard.EnteredBy.CURATOR if paper else PreferenceCard.EnteredBy.SELF,
            recorded_by=user if paper else None,
        )


# --- the school: a draft session ------------------------------------------------------------------------------------


def _draft_session(org: Organization, today: dt.date) -> None:
    if MatchSession.objects.filter(organization=org).exists():
        return
    programs = Program.objects.filter(organization=org).exclude(status=Program.Status.COMPLETED)
    program = programs.filter(form__code="pupil_pupil").first() or programs.first()
    if program is None:
        return
    services.session_create(
        organization=org,
        program=program,
        date=today + dt.timedelta(days=7),
        start_time=dt.time(14, 40),
        place="Актовый зал",
        minutes_per_round=7,
        created_by=_curator_user(org),
    )
