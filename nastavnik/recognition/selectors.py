"""Reads of the recognition app: the public «Наставничество» page, the honour board, points and contest results.

Public reads never copy consent: each asks `privacy.selectors.publication_allowed` for the people it is about,
at render time, and leaves out everyone without a consent to dissemination in force (152-FZ art. 10.1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.documents.models import Order
from nastavnik.orgs.models import Municipality, Organization, Role
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import publication_allowed
from nastavnik.programs.models import Activity, Program, Roadmap
from nastavnik.recognition.models import Contest, Festival, FestivalGuest, HonourEntry, News, Practice

C = Consent.PublishCategory
# Orders whose heading alone may stand on the public page: none of these kinds names a person in its heading.
PUBLIC_ORDER_KINDS = (
    Order.Kind.INTRODUCE_MODEL,
    Order.Kind.APPROVE_REGULATION,
    Order.Kind.APPOINT_COORDINATOR,
    Order.Kind.MENTOR_SCHOOL,
    Order.Kind.FINAL_EVENT,
)
PUBLIC_NEWS = 10
PUBLIC_PRACTICES = 20


@dataclass(frozen=True)
class PublicPerson:
    """What a public page may say about one person: only the categories their consent allows."""

    name: str
    position: str = ""
    story: str = ""
    photo_url: str = ""


def public_person(
    person: Person, allowed: frozenset[str], *, story: str = "", photo_url: str = ""
) -> PublicPerson | None:
    """The public face of `person`, or None when no name may be published."""
    if C.NAME not in allowed or person.anonymised_at:
        return None
    return PublicPerson(
        name=f"{person.last_name} {person.first_name}",
        position=position_text(person) if C.POSITION in allowed else "",
        story=story if C.STORY in allowed else "",
        photo_url=photo_url if C.PHOTO in allowed else "",
    )


def position_text(person: Person) -> str:
    if person.category in {Person.Category.PUPIL, Person.Category.STUDENT}:
        return _("обучающийся %(cls)s класса") % {"cls": person.school_class} if person.school_class else ""
    if person.subject:
        return _("педагог, %(subject)s") % {"subject": person.subject.lower()}
    return person.workplace


def _issued(qs: QuerySet[Order]) -> QuerySet[Order]:
    """Orders in force only: signed by the head (a draft or a returned one is nobody's business outside)."""
    return qs.filter(status=Order.Status.SIGNED)


# --- the municipality's page ----------------------------------------------------------------------------------


def public_municipality_organizations(*, municipality: Municipality) -> QuerySet[Organization]:
    return municipality.organizations.annotate(
        published_practices=Count("practices", filter=Q(practices__status=Practice.Status.PUBLISHED), distinct=True),
        active_programs=Count("programs", filter=Q(programs__status=Program.Status.ACTIVE), distinct=True),
    ).order_by("short_name")


# --- the organisation's page ----------------------------------------------------------------------------------


@dataclass
class PublicPage:
    organization: Organization
    orders: list[Order]
    programs: list[Program]
    roadmaps: list[Roadmap]
    news: list[News]
    honour: list[tuple[HonourEntry, PublicPerson]]
    practices: list[Practice]
    festivals: list[tuple[Festival, list[str], list[tuple[str, str]]]]
    curators: list[PublicPerson]


def public_page(*, organization: Organization, today: dt.date | None = None) -> PublicPage:
    today = today or timezone.localdate()
    orders = list(
        _issued(Order.objects.filter(organization=organization, kind__in=PUBLIC_ORDER_KINDS)).order_by("-date")[:20]
    )
    programs = list(
        organization.programs.exclude(status=Program.Status.DRAFT).select_related("form").order_by("-starts_on")[:10]
    )
    roadmaps = list(
        Roadmap.objects.filter(organization=organization, status=Roadmap.Status.APPROVED)
        .order_by("-starts_on")
        .prefetch_related("activities")[:2]
    )
    news = list(organization.news.filter(published_on__lte=today)[:PUBLIC_NEWS])
    practices = public_practices(organization=organization, today=today)[:PUBLIC_PRACTICES]
    festivals = [
        (f, festival_guest_categories(f), festival_awards(f, today=today))
        for f in organization.festivals.filter(held_on__lte=today + dt.timedelta(days=60)).prefetch_related(
            "practices"
        )[:2]
    ]
    return PublicPage(
        organization=organization,
        orders=orders,
        programs=programs,
        roadmaps=roadmaps,
        news=news,
        honour=public_honour_board(organization=organization, today=today),
        practices=list(practices),
        festivals=festivals,
        curators=public_curators(organization=organization, today=today),
    )


def public_honour_board(*, organization: Organization, today: dt.date | None = None):
    entries = list(
        HonourEntry.objects.filter(organization=organization).select_related("person").order_by("-year", "position")
    )
    if not entries:
        return []
    latest = entries[0].year
    entries = [e for e in entries if e.year == latest]
    allowed = publication_allowed(person_ids={e.person_id for e in entries}, on=today)
    board = []
    for entry in entries:
        photo_url = reverse("public_honour_photo", args=[organization.code, entry.pk]) if entry.photo else ""
        face = public_person(entry.person, allowed.get(entry.person_id, frozenset()), story=entry.story,
                             photo_url=photo_url)
        if face is not None:
            board.append((entry, face))
    return board


def public_honour_photo_entry(*, organization: Organization, pk: int, today: dt.date | None = None):
    """The entry whose photo may be served now: on the public board, with a photo, and the person's consent in
    force covering both the name and the photo; else None."""
    for entry, face in public_honour_board(organization=organization, today=today):
        if entry.pk == pk and entry.photo and face.photo_url:
            return entry
    return None


def public_curators(*, organization: Organization, today: dt.date | None = None) -> list[PublicPerson]:
    """The curators a visitor may contact: only those who agreed to have their name published."""
    people = list(
        Person.objects.filter(memberships__organization=organization, memberships__role=Role.CURATOR).distinct()
    )
    allowed = publication_allowed(person_ids={p.pk for p in people}, on=today)
    faces = [public_person(p, allowed.get(p.pk, frozenset())) for p in people]
    return [f for f in faces if f is not None]


def public_practices(*, organization: Organization, today: dt.date | None = None) -> QuerySet[Practice]:
    today = today or timezone.localdate()
    return organization.practices.filter(status=Practice.Status.PUBLISHED, published_on__lte=today)


def practice_authors(practice: Practice, *, today: dt.date | None = None) -> list[PublicPerson]:
    """The authors a public page may name: none for an anonymous case, else only those who agreed."""
    if practice.anonymous:
        return []
    people = list(practice.authors.all())
    allowed = publication_allowed(person_ids={p.pk for p in people}, on=today)
    faces = [public_person(p, allowed.get(p.pk, frozenset())) for p in people]
    return [f for f in faces if f is not None]


def festival_awards(festival: Festival, *, today: dt.date | None = None) -> list[tuple[str, str]]:
    """(for what, who) of the festival's award records; a name only with a consent in force for everyone named."""
    awards = list(festival.awards.select_related("person", "mentorship__mentor", "mentorship__mentee"))
    people = {a.pk: ([a.person] if a.person_id else [p for p in (a.mentorship.mentor, a.mentorship.mentee) if p])
              for a in awards}
    allowed = publication_allowed(person_ids={p.pk for group in people.values() for p in group}, on=today)
    rows = []
    for a in awards:
        faces = [public_person(p, allowed.get(p.pk, frozenset())) for p in people[a.pk]]
        who = ", ".join(f.name for f in faces) if faces and all(faces) else _("имя не публикуется")
        rows.append((a.title, who))
    return rows


def festival_guest_categories(festival: Festival) -> list[str]:
    """What kinds of guests came (or were invited): categories only, never a guest's name, on a public page."""
    used = set(festival.guest_list.values_list("category", flat=True))
    return [str(label) for value, label in FestivalGuest.Category.choices if value in used]


def roadmap_rows(roadmap: Roadmap) -> list[Activity]:
    return list(roadmap.activities.all())


# --- points and rating ------------------------------------------------------------------------------------------


def goals_reached(pairs) -> QuerySet:
    """Goals of these pairs whose every step is done (and that have steps at all)."""
    from nastavnik.mentorships.models import Goal

    return Goal.objects.filter(mentorship__in=pairs).annotate(
        steps_total=Count("steps"), steps_open=Count("steps", filter=Q(steps__done_on__isnull=True))
    ).filter(steps_total__gt=0, steps_open=0)


def school_year(year: int) -> tuple[dt.date, dt.date]:
    """The school year starting in September of `year`."""
    return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)


def _count_subquery(qs: QuerySet, person_field: str):
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    counted = (
        qs.filter(**{person_field: OuterRef("pk")})
        .order_by()
        .values(person_field)
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def mentor_rating(*, organization: Organization, year: int) -> QuerySet[Person]:
    """Mentors of the organisation with their points for the school year, computed in the database.

    Each rule earns `points` per unit up to its `cap`, so quality beats volume: a meeting with both diaries is
    worth five times a bare one, and no rule can be farmed past its cap.
    """
    from django.db.models import Exists, OuterRef, Value
    from django.db.models.functions import Least

    from nastavnik.intake.models import TrainingEnrolment
    from nastavnik.mentorships.models import Goal, Meeting, Reflection
    from nastavnik.recognition.models import Application, Closure, PointRule

    start, end = school_year(year)
    rules = {r.code: r for r in PointRule.objects.filter(organization=organization)}
    held = Meeting.objects.filter(
        status=Meeting.Status.HELD, scheduled_at__date__gte=start, scheduled_at__date__lte=end
    )
    both = Exists(Reflection.objects.filter(meeting=OuterRef("pk"), side="mentor")) & Exists(
        Reflection.objects.filter(meeting=OuterRef("pk"), side="mentee")
    )
    reached = Goal.objects.annotate(
        steps_total=Count("steps"),
        steps_open=Count("steps", filter=Q(steps__done_on__isnull=True)),
        last_done=Max("steps__done_on"),
    ).filter(steps_total__gt=0, steps_open=0, last_done__gte=start, last_done__lte=end)
    counts = {
        PointRule.Code.MEETING_WITH_DIARIES: _count_subquery(held.filter(both), "mentorship__mentor"),
        PointRule.Code.MEETING_WITHOUT_DIARIES: _count_subquery(held.exclude(both), "mentorship__mentor"),
        PointRule.Code.GOAL_REACHED: _count_subquery(reached, "mentorship__mentor"),
        PointRule.Code.SCHOOL_COMPLETED: _count_subquery(
            TrainingEnrolment.objects.filter(completed_on__gte=start, completed_on__lte=end), "candidate__person"
        ),
        PointRule.Code.PRACTICE_PUBLISHED: _count_subquery(
            organization.practices.filter(status="published", published_on__gte=start, published_on__lte=end),
            "authors",
        ),
        PointRule.Code.CONTEST_PLACE: _count_subquery(
            Application.objects.filter(nomination__contest__year=year, place__isnull=False), "person"
        ),
        PointRule.Code.PLANNED_CLOSURE: _count_subquery(
            Closure.objects.filter(kind=Closure.Kind.PLANNED, closed_on__gte=start, closed_on__lte=end),
            "mentorship__mentor",
        ),
    }
    qs = Person.objects.filter(
        Q(organization=organization) & (Q(led_mentorships__isnull=False) | Q(contest_applications__isnull=False))
    ).distinct()
    total = Value(0)
    for code, expr in counts.items():
        rule = rules.get(code)
        name = f"n_{code}"
        qs = qs.annotate(**{name: expr})
        if rule is not None:
            total = total + Least(F(name) * Value(rule.points), Value(rule.cap))
    return qs.annotate(points=total).order_by("-points", "last_name", "first_name")


def team_rating(*, organization: Organization, year: int):
    """Pairs and groups with their points for the year: the meeting rules, counted per team, with the same caps."""
    from django.db.models import Exists, OuterRef, Value
    from django.db.models.functions import Least

    from nastavnik.mentorships.models import Meeting, Mentorship, Reflection
    from nastavnik.recognition.models import PointRule

    start, end = school_year(year)
    rules = {r.code: r for r in PointRule.objects.filter(organization=organization)}
    held = Meeting.objects.filter(
        status=Meeting.Status.HELD, scheduled_at__date__gte=start, scheduled_at__date__lte=end
    )
    both = Exists(Reflection.objects.filter(meeting=OuterRef("pk"), side="mentor")) & Exists(
        Reflection.objects.filter(meeting=OuterRef("pk"), side="mentee")
    )
    qs = Mentorship.objects.filter(program__organization=organization).select_related("mentor", "mentee")
    qs = qs.annotate(
        n_both=_count_subquery(held.filter(both), "mentorship"),
        n_bare=_count_subquery(held.exclude(both), "mentorship"),
    )
    total = Value(0)
    for code, name in ((PointRule.Code.MEETING_WITH_DIARIES, "n_both"),
                       (PointRule.Code.MEETING_WITHOUT_DIARIES, "n_bare")):
        rule = rules.get(code)
        if rule is not None:
            total = total + Least(F(name) * Value(rule.points), Value(rule.cap))
    return qs.annotate(points=total).filter(points__gt=0).order_by("-points", "pk")


# --- contest results ------------------------------------------------------------------------------------------


@dataclass
class ResultRow:
    application: object
    scores: list
    average: float | None


def contest_results(*, contest: Contest) -> dict:
    """Per nomination, the applications of the current round by average total (the scores behind each)."""
    from nastavnik.recognition.models import Application

    apps = list(
        Application.objects.filter(nomination__contest=contest, last_round__gte=contest.current_round)
        .select_related("nomination", "person", "mentorship__mentor", "mentorship__mentee", "practice")
        .prefetch_related("scores__juror__person")
        .order_by("nomination__pk", "code")
    )
    results: dict = {}
    for a in apps:
        scores = [s for s in a.scores.all() if s.round == contest.current_round]
        average = round(sum(s.total for s in scores) / len(scores), 2) if scores else None
        results.setdefault(a.nomination, []).append(ResultRow(a, scores, average))
    for rows in results.values():
        rows.sort(key=lambda r: (r.average is None, -(r.average or 0)))
    return results


# --- the pair's final questionnaires ----------------------------------------------------------------------------


@dataclass
class FinalQuestionnaire:
    """One participant of the pair or group and their final questionnaire: answered (in the system or, before it,
    on paper), a link sent and still open, or nothing yet. `member`: one of a group's further members (beyond the
    lead mentor and mentee)."""

    side: str
    person: Person
    response: object | None = None
    invitation: object | None = None
    on_paper: bool = False
    answers: list = field(default_factory=list)  # filled by a page for a reader allowed to see them
    member: bool = False

    @property
    def answered(self) -> bool:
        return self.response is not None or self.on_paper

    @property
    def key(self) -> str:
        """What the page posts to send this person a link: the lead's side, or «side:person» for a member."""
        return f"{self.side}:{self.person.pk}" if self.member else self.side

    @property
    def label(self) -> str:
        if self.member:
            return _("Наставник группы") if self.side == "mentor" else _("Наставляемый группы")
        return _("Наставник") if self.side == "mentor" else _("Наставляемый")


def final_questionnaires(*, mentorship, closure=None) -> list[FinalQuestionnaire]:
    """Every participant's final questionnaire — the lead mentor and mentee, then a group's further members (three
    queries whatever the history and the size of the group): the latest response of each person attached to the
    pair, else their latest open personal link."""
    from django.contrib.contenttypes.models import ContentType

    from nastavnik.mentorships.models import MentorshipMember
    from nastavnik.recognition import questionnaires as finals
    from nastavnik.surveys.models import Invitation, Response

    people = [(finals.MENTOR, mentorship.mentor, False), (finals.MENTEE, mentorship.mentee, False)]
    people += [
        (m.side, m.person, True)
        for m in MentorshipMember.objects.filter(mentorship=mentorship)
        .select_related("person")
        .order_by("side", "person__last_name", "person__first_name", "pk")
        if m.side in finals.SIDES
    ]
    attached = {"content_type": ContentType.objects.get_for_model(mentorship), "object_id": mentorship.pk}
    codes = {code: side for side, code in finals.CODES.items()}
    responses: dict[tuple[str, int], Response] = {}
    for r in Response.objects.filter(version__survey__code__in=codes, **attached).select_related(
        "version__survey"
    ).order_by("submitted_at", "pk"):
        responses[(codes[r.version.survey.code], r.respondent_id)] = r  # the latest wins
    invitations: dict[tuple[str, int], Invitation] = {}
    for inv in Invitation.objects.filter(
        version__survey__code__in=codes, used_at__isnull=True, expires_at__gt=timezone.now(), **attached
    ).select_related("version__survey").order_by("created_at", "pk"):
        invitations[(codes[inv.version.survey.code], inv.person_id)] = inv
    paper = set(closure.paper_questionnaires) if closure is not None else set()  # the leads' sides, before the system
    return [
        FinalQuestionnaire(
            side,
            person,
            responses.get((side, person.pk)),
            invitations.get((side, person.pk)),
            side in paper and not member,
            member=member,
        )
        for side, person, member in people
        if person is not None
    ]


def rubric_locked(*, nomination) -> str:
    """Why the nomination's rubric can no longer change ("" while it can): scoring has started."""
    from nastavnik.recognition.models import Score

    scores = Score.objects.filter(application__nomination=nomination).count()
    if scores:
        return _("Жюри уже выставило оценки (%(n)s): критерии менять нельзя.") % {"n": scores}
    if nomination.contest.status != Contest.Status.APPLICATIONS:
        return _("Жюри уже приступило к оцениванию: критерии менять нельзя.")
    return ""


def final_answer_counts(*, mentorships) -> dict[int, tuple[int, int]]:
    """(answered, of how many) final questionnaires of each pair: the lead mentor and mentee and a group's further
    members, each with their own questionnaire as on the closure page (two queries for the whole list)."""
    from django.contrib.contenttypes.models import ContentType

    from nastavnik.mentorships.models import Mentorship, MentorshipMember
    from nastavnik.recognition import questionnaires as finals
    from nastavnik.surveys.models import Response

    pairs = {m.pk: m for m in mentorships}
    leads = {pk: {finals.MENTOR: m.mentor_id, finals.MENTEE: m.mentee_id} for pk, m in pairs.items()}
    # Everyone with a questionnaire, as (side, person): the leads, then the further members.
    people = {pk: set(lead.items()) for pk, lead in leads.items()}
    for pk, side, person_id in MentorshipMember.objects.filter(
        mentorship_id__in=list(pairs), side__in=finals.SIDES
    ).values_list("mentorship_id", "side", "person_id"):
        people[pk].add((side, person_id))
    codes = {code: side for side, code in finals.CODES.items()}
    answered: dict[int, set[tuple[str, int]]] = {pk: set() for pk in pairs}
    for object_id, respondent_id, code in Response.objects.filter(
        content_type=ContentType.objects.get_for_model(Mentorship), object_id__in=list(pairs),
        version__survey__code__in=codes,
    ).values_list("object_id", "respondent_id", "version__survey__code"):
        if (codes[code], respondent_id) in people[object_id]:
            answered[object_id].add((codes[code], respondent_id))
    for pk, pair in pairs.items():
        closure = getattr(pair, "closure", None)  # None when the pair is not closed yet
        if closure is not None:  # on paper, before the system: the leads only
            answered[pk].update((s, leads[pk][s]) for s in closure.paper_questionnaires if s in leads[pk])
    return {pk: (len(answered[pk]), len(people[pk])) for pk in pairs}
