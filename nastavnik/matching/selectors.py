"""Reads for Mentor Match: who may take part, the timetable, the cards, the engine's input and the proposals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.intake.selectors import approved_mentors
from nastavnik.matching import scoring
from nastavnik.matching.engine import UNMATCHED_REASON_LABELS
from nastavnik.matching.metrics import CAPACITY_EXHAUSTED, NO_ACCEPTABLE_MENTOR
from nastavnik.matching.models import (
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
from nastavnik.mentorships.models import Mentorship, MentorshipMember
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import persons_with_consent
from nastavnik.programs.models import Program

KEEP_SEARCHING = "keep_searching"
NO_CONSENT = "no_consent"
# The engine is pure and names its reasons in Russian; here they go through the translation catalogue.
_ENGINE_REASONS = {
    NO_ACCEPTABLE_MENTOR: _("Нет ни одного подходящего наставника"),
    CAPACITY_EXHAUSTED: _("Подходящие наставники заняты другими наставляемыми"),
}
REASON_LABELS = {
    **UNMATCHED_REASON_LABELS,
    **_ENGINE_REASONS,
    KEEP_SEARCHING: _("Поиск продолжается (поддержка педагога-психолога)"),
    NO_CONSENT: _("Нет действующего согласия на участие: в подборе не участвует"),
}
OPEN_STATUSES = (MenteeRequest.Status.IN_BASE, MenteeRequest.Status.SEARCHING)
ACTIVE_MENTORSHIP = (Mentorship.Status.PROPOSED, Mentorship.Status.CONFIRMED, Mentorship.Status.APPROVED)

# The mentor base's categories as the forms of mentoring name them (MentoringForm.mentor_categories).
CANDIDATE_AS_PERSON = {"entrepreneur": "employer", "veteran": "teacher"}


def sessions_of(*, organization: Organization) -> QuerySet[MatchSession]:
    return MatchSession.objects.filter(organization=organization).select_related("program")


def open_programs(*, organization: Organization) -> QuerySet[Program]:
    return Program.objects.filter(organization=organization).exclude(status=Program.Status.COMPLETED)


# --- who may take part ----------------------------------------------------------------------------------------------


# cycle: the consents the pair's work needs — taking part (and personified records), and the questionnaires and
# monitoring (the diary after each meeting is a questionnaire). Both are checked before a person enters matching,
# so no pair is formed whose diary then says «Заполнить дневник пока нельзя».
WORK_PURPOSES = (Consent.Purpose.PARTICIPATION, Consent.Purpose.QUESTIONNAIRES)


def missing_work_consents(*, person_ids: set[int]) -> dict[int, list[str]]:
    """For each of these people, the labels of the work consents they lack (absent: nothing is missing)."""
    missing: dict[int, list[str]] = {}
    for purpose in WORK_PURPOSES:
        have = set(persons_with_consent(purpose=purpose).filter(pk__in=person_ids).values_list("pk", flat=True))
        for pid in person_ids - have:
            missing.setdefault(pid, []).append(str(Consent.Purpose(purpose).label))
    return missing


def _mentor_pool(session: MatchSession) -> list[MentorCandidate]:
    allowed = set(session.program.form.mentor_categories or [])
    return [
        c
        for c in approved_mentors(organization=session.organization)
        if not allowed or CANDIDATE_AS_PERSON.get(c.category, c.category) in allowed
    ]


def _mentee_pool(session: MatchSession) -> list[MenteeRequest]:
    allowed = set(session.program.form.mentee_categories or [])
    paired = _paired_mentees(session.program)
    requests = (
        MenteeRequest.objects.filter(organization=session.organization, status__in=OPEN_STATUSES)
        .filter(person__anonymised_at__isnull=True)
        .filter(Q(program__isnull=True) | Q(program=session.program))
        .exclude(person_id__in=paired)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    return [r for r in requests if not allowed or r.person.category in allowed]


def eligible_mentors(*, session: MatchSession) -> list[MentorCandidate]:
    """The approved registry, narrowed to the programme's form, of people with every consent the work needs."""
    pool = _mentor_pool(session)
    missing = missing_work_consents(person_ids={c.person_id for c in pool})
    return [c for c in pool if c.person_id not in missing]


def eligible_mentees(*, session: MatchSession) -> list[MenteeRequest]:
    """Requests in the mentee base (or still searching) for this programme or none, of people with every consent
    the work needs who are not already mentees in a pair or group of the programme."""
    pool = _mentee_pool(session)
    missing = missing_work_consents(person_ids={r.person_id for r in pool})
    return [r for r in pool if r.person_id not in missing]


@dataclass
class LackingConsent:
    person: Person
    side: str
    missing: list[str]


def lacking_consents(*, session: MatchSession) -> list[LackingConsent]:
    """cycle: who would take part but lacks a consent the pair's work needs, and which one (for the curator)."""
    people = [(c.person, "mentor") for c in _mentor_pool(session)] + [
        (r.person, "mentee") for r in _mentee_pool(session)
    ]
    missing = missing_work_consents(person_ids={p.pk for p, _side in people})
    return [LackingConsent(person=p, side=side, missing=missing[p.pk]) for p, side in people if p.pk in missing]


@dataclass
class Participants:
    mentors: list[MentorCandidate]
    mentees: list[MenteeRequest]
    lacking: list[LackingConsent]


def participants_of(*, session: MatchSession) -> Participants:
    """eligible_mentors, eligible_mentees and lacking_consents at once: the pools and their consents read once
    (checked for these people only, not by loading everyone with a consent)."""
    mentors, mentees = _mentor_pool(session), _mentee_pool(session)
    people = [(c.person, "mentor") for c in mentors] + [(r.person, "mentee") for r in mentees]
    missing = missing_work_consents(person_ids={p.pk for p, _side in people})
    return Participants(
        mentors=[c for c in mentors if c.person_id not in missing],
        mentees=[r for r in mentees if r.person_id not in missing],
        lacking=[LackingConsent(person=p, side=side, missing=missing[p.pk]) for p, side in people if p.pk in missing],
    )


def _paired_mentees(program: Program) -> set[int]:
    active = Mentorship.objects.filter(program=program, status__in=ACTIVE_MENTORSHIP)
    leads = set(active.values_list("mentee_id", flat=True))
    members = MentorshipMember.objects.filter(mentorship__in=active, side=MentorshipMember.Side.MENTEE)
    return leads | set(members.values_list("person_id", flat=True))


def session_mentors(session: MatchSession) -> list[SessionMentor]:
    return list(session.mentors.select_related("person", "candidate"))


def session_mentees(session: MatchSession) -> list[SessionMentee]:
    return list(session.mentees.select_related("person", "request"))


def session_people(session: MatchSession) -> list[Person]:
    return [m.person for m in session_mentors(session)] + [e.person for e in session_mentees(session)]


# --- the timetable --------------------------------------------------------------------------------------------------


@dataclass
class Round:
    number: int
    talks: list[RotationSlot] = field(default_factory=list)
    breaks: list[RotationSlot] = field(default_factory=list)
    starts_at: str = ""  # «15:07» when the session has a start time


def timetable(*, session: MatchSession) -> list[Round]:
    slots = session.slots.select_related("mentor__person", "mentee__person")
    rounds: dict[int, Round] = {}
    for slot in slots:
        block = rounds.setdefault(slot.round, Round(number=slot.round))
        (block.breaks if slot.is_break else block.talks).append(slot)
    if session.start_time:
        start = session.start_time.hour * 60 + session.start_time.minute
        for block in rounds.values():
            minute = start + (block.number - 1) * session.minutes_per_round
            block.starts_at = f"{minute // 60 % 24:02d}:{minute % 60:02d}"
    return [rounds[n] for n in sorted(rounds)]


def tables_count(*, session: MatchSession) -> int:
    return session.slots.filter(table__isnull=False).values("table").distinct().count()


# --- cards ----------------------------------------------------------------------------------------------------------


def cards_of(*, session: MatchSession) -> list[PreferenceCard]:
    return list(
        # Mentors first («mentor» sorts after «mentee»), each side in the order they were seated.
        session.cards.select_related("person", "session_mentor", "session_mentee").order_by(
            "-side", "session_mentor__position", "session_mentee__position", "pk"
        )
    )


def card_by_token(*, token: str) -> PreferenceCard | None:
    return (
        PreferenceCard.objects.select_related("session__program", "session__organization", "person")
        .filter(token=token)
        .first()
    )


def card_options(*, card: PreferenceCard) -> list[SessionMentor] | list[SessionMentee]:
    """The people of the other side the card is about, in the order they were seated."""
    if card.side == Side.MENTOR:
        return session_mentees(card.session)
    return session_mentors(card.session)


# --- the engine's input ---------------------------------------------------------------------------------------------

MENTEE_TAGS = {
    "young_specialist": ("young_specialist", "subject_novice"),
    "new_at_workplace": ("young_specialist", "struggling_teacher", "unadapted"),
    "burnout": ("struggling_teacher", "constrained_teacher"),
    "digital_skills": ("needs_digital_skills", "conservative_teacher"),
    "gifted": ("gifted", "project_author"),
    "low_results": ("underachiever",),
    "disabilities": ("special_needs",),
    "hard_situation": ("at_risk",),
    "behaviour": ("at_risk",),
    "disengaged": ("passive", "unadapted"),
}
# What a mentor's questionnaire says, by the start of a word, and the role-model tag it earns.
MENTOR_WORD_TAGS = {
    "цифр": "digital_savvy",
    "икт": "digital_savvy",
    "инноваци": "innovator",
    "овз": "special_needs_support",
    "инклюзи": "special_needs_support",
    "поддерж": "social_support",
    "психолог": "social_support",
    "проект": "project_curator",
    "лидер": "leader",
}
YOUTH = {"pupil", "student", "graduate"}
EXPERIENCED_YEARS = 5  # «опытный педагог»: five years and more of teaching
LEADER_YEARS = 15


def mentee_role_tags(request: MenteeRequest) -> set[str]:
    """Role-model tags of a mentee, from the request's categories (the mentee base has no tags of its own)."""
    tags = {tag for code in request.categories or [] for tag in MENTEE_TAGS.get(code, ())}
    person = request.person
    if person.category == Person.Category.TEACHER and (person.experience_years or 0) <= 3:
        tags.add("young_specialist")
    if person.category == Person.Category.PUPIL:
        tags.add("peer")
    return tags


def mentor_role_tags(candidate: MentorCandidate) -> set[str]:
    """Role-model tags of a mentor, from the category, teaching experience and the competencies they list."""
    person = candidate.person
    tags: set[str] = set()
    years = person.experience_years or 0
    if candidate.category in YOUTH:
        tags |= {"high_achiever", "leader", "peer", "adapted"}
    elif years >= EXPERIENCED_YEARS:
        tags |= {"experienced_teacher", "subject_expert"}
        if years >= LEADER_YEARS:
            tags.add("community_leader")
    if candidate.category in ("employer", "entrepreneur"):
        tags |= {"professional", "project_curator"}
    text = " ".join([*(candidate.competencies or []), candidate.experience or ""]).casefold()
    tags |= {tag for word, tag in MENTOR_WORD_TAGS.items() if word in text}
    return tags


def program_rules(program: Program) -> scoring.ProgramRules:
    return scoring.ProgramRules(
        weights=program.matching_weights or {},
        allow_other_organizations=program.allow_other_organizations,
        role_models=[(r.mentor_tag, r.mentee_tag) for r in program.role_models.all()],
    )


def mentor_profile(sm: SessionMentor, *, capacity: int | None = None) -> scoring.MentorProfile:
    c, person = sm.candidate, sm.person
    return scoring.MentorProfile(
        id=str(sm.pk),
        person=str(person.pk),
        category=c.category,
        organization=c.organization_id,
        capacity=sm.capacity if capacity is None else capacity,
        competencies=c.competencies or [],
        subject=person.subject or "",
        interests=c.interests or [],
        age_from=c.preferred_age_from,
        age_to=c.preferred_age_to,
        free_time=c.free_time or [],
        role_tags=mentor_role_tags(c),
    )


def mentee_profile(se: SessionMentee, *, on) -> scoring.MenteeProfile:
    r, person = se.request, se.person
    return scoring.MenteeProfile(
        id=str(se.pk),
        person=str(person.pk),
        category=person.category,
        organization=r.organization_id,
        needs=r.deficit_competencies or [],
        subject=person.subject if person.category == Person.Category.TEACHER else "",
        interests=r.interests or [],
        age=person.age(on),
        grade=person.grade,
        free_time=r.free_time or [],
        role_tags=mentee_role_tags(r),
    )


def filled_cards(session: MatchSession) -> dict[tuple[str, int], PreferenceCard]:
    """(side, SessionMentor/SessionMentee pk) -> the filled card."""
    cards = session.cards.filter(filled_at__isnull=False)
    return {(c.side, c.session_mentor_id or c.session_mentee_id): c for c in cards}


def decisions_of(session: MatchSession) -> list[PairDecision]:
    return list(
        session.decisions.select_related("mentor__person", "mentor__candidate", "mentee__person", "mentee__request")
    )


def card_place(card: PreferenceCard | None, other_id: int) -> int | None:
    if card is None or other_id not in (card.ranked or []):
        return None
    return card.ranked.index(other_id) + 1


def card_refuses(card: PreferenceCard | None, other_id: int) -> bool:
    return card is not None and other_id in (card.refused or [])


# --- the proposals as the page shows them ---------------------------------------------------------------------------


def latest_proposals(*, session: MatchSession) -> dict[str, Proposal]:
    latest: dict[str, Proposal] = {}
    for proposal in session.proposals.order_by("-created_at", "-pk"):
        latest.setdefault(proposal.objective, proposal)
    return {o: latest[o] for o in Objective.values if o in latest}


def proposals_stale(*, session: MatchSession, proposals: dict[str, Proposal]) -> bool:
    if not proposals:
        return False
    computed = min(p.created_at for p in proposals.values())
    return session.inputs_changed_at is not None and session.inputs_changed_at > computed


@dataclass
class PairRow:
    mentor: SessionMentor
    mentee: SessionMentee
    data: dict[str, Any]
    criteria: list[tuple[str, int | None]]  # label, percent (None: no data)
    decision: PairDecision | None = None  # the curator's lock of this pair, when there is one


@dataclass
class MentorBlock:
    """A mentor with the mentees proposed to them: a pair, or a group when there are several."""

    mentor: SessionMentor
    pairs: list[PairRow]

    @property
    def is_group(self) -> bool:
        return len(self.pairs) > 1


@dataclass
class ProposalView:
    proposal: Proposal
    blocks: list[MentorBlock]
    unmatched: list[tuple[SessionMentee, str, str]]  # mentee, reason code, label
    metrics: dict[str, Any]

    @property
    def pair_keys(self) -> set[tuple[int, int]]:
        return {(row.mentor.pk, row.mentee.pk) for block in self.blocks for row in block.pairs}


def _criteria_rows(values: dict[str, float | None]) -> list[tuple[str, int | None]]:
    return [
        (_(scoring.CRITERION_LABELS.get(name, name)), None if value is None else round(100 * value))
        for name, value in values.items()
    ]


def proposal_view(
    proposal: Proposal, mentors: dict[int, SessionMentor], mentees: dict[int, SessionMentee]
) -> ProposalView:
    blocks: dict[int, MentorBlock] = {}
    for pair in proposal.result.get("pairs", []):
        mentor, mentee = mentors.get(pair["mentor"]), mentees.get(pair["mentee"])
        if mentor is None or mentee is None:
            continue  # a participant removed since: the page asks for a re-run anyway
        row = PairRow(mentor=mentor, mentee=mentee, data=pair, criteria=_criteria_rows(pair.get("criteria") or {}))
        blocks.setdefault(mentor.pk, MentorBlock(mentor=mentor, pairs=[])).pairs.append(row)
    unmatched = [
        (mentees[u["mentee"]], u["reason"], str(REASON_LABELS.get(u["reason"], u["reason"])))
        for u in proposal.result.get("unmatched", [])
        if u["mentee"] in mentees
    ]
    ordered = sorted(blocks.values(), key=lambda b: (b.mentor.position, b.mentor.pk))
    return ProposalView(proposal=proposal, blocks=ordered, unmatched=unmatched, metrics=proposal.result["metrics"])


def proposal_views(*, session: MatchSession) -> dict[str, ProposalView]:
    mentors = {m.pk: m for m in session_mentors(session)}
    mentees = {e.pk: e for e in session_mentees(session)}
    return {o: proposal_view(p, mentors, mentees) for o, p in latest_proposals(session=session).items()}


METRIC_ROWS = [
    ("matched", _("Наставляемых с парой")),
    ("matched_share", _("Доля наставляемых с парой")),
    ("unmatched", _("Остались без пары")),
    ("groups", _("Наставников с группой (2 и более)")),
    ("locked", _("Закреплено куратором")),
    ("total_score", _("Суммарная совместимость")),
    ("mean_score", _("Средняя совместимость пары")),
    ("mentee_first_choice_share", _("Наставляемые получили первый выбор")),
    ("mentor_first_choice_share", _("Наставники получили первый выбор")),
    ("mean_mentee_rank", _("Среднее место наставника в карточке наставляемого")),
    ("mean_mentor_rank", _("Среднее место наставляемого в карточке наставника")),
]
SHARE_METRICS = {"matched_share", "mentee_first_choice_share", "mentor_first_choice_share"}


def metric_table(views: dict[str, ProposalView]) -> list[tuple[str, list[str]]]:
    """Rows for the side-by-side table: a label and one formatted value per objective."""
    rows = []
    for key, label in METRIC_ROWS:
        values = []
        for view in views.values():
            values.append(_format_metric(key, view.metrics.get(key), view.metrics))
        rows.append((str(label), values))
    return rows


def _format_metric(key: str, value: Any, metrics: dict[str, Any]) -> str:
    if value is None:
        return "—"
    if key in SHARE_METRICS:
        return f"{round(100 * value)} %"
    if key == "matched":
        return _("%(n)s из %(total)s") % {"n": value, "total": metrics.get("mentees", 0)}
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


# --- cycle: places per mentor and former mentors ------------------------------------------------------------------


@dataclass
class MentorPlaces:
    capacity: int  # how many mentees the mentor is ready to lead (the mentor base)
    active: int  # mentees in the mentor's working pairs and groups now
    free: int


def mentor_places(*, candidates: list[MentorCandidate]) -> dict[int, MentorPlaces]:
    """Places a mentor has for a new session: capacity minus the mentees they already lead (two queries)."""
    person_ids = {c.person_id for c in candidates}
    active = Mentorship.objects.filter(status__in=ACTIVE_MENTORSHIP)
    counts: dict[int, int] = {}
    for mentor_id in active.filter(mentor_id__in=person_ids).values_list("mentor_id", flat=True):
        counts[mentor_id] = counts.get(mentor_id, 0) + 1
    members = MentorshipMember.objects.filter(
        mentorship__in=active, mentorship__mentor_id__in=person_ids, side=MentorshipMember.Side.MENTEE
    ).values_list("mentorship__mentor_id", flat=True)
    for mentor_id in members:
        counts[mentor_id] = counts.get(mentor_id, 0) + 1
    return {
        c.pk: MentorPlaces(
            capacity=c.capacity, active=counts.get(c.person_id, 0), free=max(0, c.capacity - counts.get(c.person_id, 0))
        )
        for c in candidates
    }


def former_mentor_pairs(*, session: MatchSession) -> set[tuple[int, int]]:
    """(mentor person, mentee person) of pairs that ended because the mentee asked for another mentor."""
    from nastavnik.mentorships.models import ChangeRequest

    mentee_ids = list(session.mentees.values_list("person_id", flat=True))
    return set(
        ChangeRequest.objects.filter(
            status=ChangeRequest.Status.APPROVED, side="mentee", subject_id__in=mentee_ids
        ).values_list("mentorship__mentor_id", "subject_id")
    )


def mentors_left_without_pair(*, person_ids: set[int], limit: int = 5) -> list[SessionMentor]:
    """Mentors of a formed Mentor Match session who got no pair there: their home page says so (seed 000: every
    participant learns the outcome). Two queries, whatever the number of sessions."""
    if not person_ids:
        return []
    rows = list(
        SessionMentor.objects.filter(candidate__person_id__in=person_ids, session__status=MatchSession.Status.CONFIRMED)
        .select_related("session", "candidate__person")
        .order_by("-session__date", "-pk")[:limit]
    )
    paired = set(
        MatchSession.mentorships.through.objects.filter(matchsession_id__in=[r.session_id for r in rows]).values_list(
            "matchsession_id", "mentorship__mentor_id"
        )
    )
    return [r for r in rows if (r.session_id, r.candidate.person_id) not in paired]
