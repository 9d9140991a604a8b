"""Writes of the recognition app: closing pairs and programmes, the festival and its orders, point rules,
contests with a jury, the honour board, practices and news. Services know no request; every write is atomic.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nastavnik.documents.models import Order
from nastavnik.documents.services import order_issue
from nastavnik.intake.models import MentorCandidate
from nastavnik.intake.services import candidate_create
from nastavnik.mentorships.models import Meeting, Mentorship, Reflection
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Guardianship, Person
from nastavnik.programs.models import Program, Roadmap, Stage
from nastavnik.programs.services import program_create, roadmap_create_from_template
from nastavnik.recognition import questionnaires as finals
from nastavnik.recognition.models import (
    Application,
    ClosingMeeting,
    Closure,
    Contest,
    Festival,
    FestivalAward,
    FestivalGuest,
    HonourEntry,
    Juror,
    News,
    Nomination,
    PointRule,
    Practice,
    Score,
)
from nastavnik.recognition.photos import photo_clean
from nastavnik.surveys import selectors as survey_selectors
from nastavnik.surveys import services as survey_services
from nastavnik.surveys.models import Invitation, SurveyVersion

CLOSED = (Mentorship.Status.COMPLETED, Mentorship.Status.TERMINATED)
# Seed 000 «Завершение наставничества»: what the pair does before it parts.
CLOSURE_STEPS = {
    "final_meeting": gettext_lazy("Проведена итоговая встреча"),
    "results_summed_up": gettext_lazy("Подведены итоги: что получилось, что нет"),
    "plan_after": gettext_lazy("Наставляемый составил план на время после программы"),
    "contact_rules": gettext_lazy("Договорились о правилах общения после завершения"),
    "thanks": gettext_lazy("Участники поблагодарили друг друга"),
}
# The default rules: quality over volume, each with a yearly cap so nobody farms points (seed 000: «баллы»).
DEFAULT_RULES = {
    PointRule.Code.MEETING_WITH_DIARIES: (5, 60),
    PointRule.Code.MEETING_WITHOUT_DIARIES: (1, 10),
    PointRule.Code.GOAL_REACHED: (10, 50),
    PointRule.Code.SCHOOL_COMPLETED: (15, 15),
    PointRule.Code.PRACTICE_PUBLISHED: (20, 40),
    PointRule.Code.CONTEST_PLACE: (25, 50),
    PointRule.Code.PLANNED_CLOSURE: (15, 30),
}


def _same_org(obj_org_id: int | None, organization: Organization, message: str) -> None:
    if obj_org_id != organization.pk:
        raise ValidationError(message)


# --- level 1: the pair ----------------------------------------------------------------------------------------


@transaction.atomic
def closure_record(
    *,
    mentorship: Mentorship,
    kind: str,
    closed_on: dt.date,
    reason: str = "",
    no_answer_reason: str = "",
    steps_done: Iterable[str] = (),
    conclusion: str = "",
    next_step: str = Closure.Next.END,
    created_by=None,
    today: dt.date | None = None,
) -> Closure:
    """Close a pair or group: planned or premature (with the reason), what was done, and what happens next.

    Both sides' final questionnaires are survey responses attached to the pair; closing before a side has answered
    needs `no_answer_reason` (the links can still be sent and answered after the closure)."""
    today = today or timezone.localdate()
    mentorship = Mentorship.objects.select_for_update().select_related("program__organization", "mentee").get(
        pk=mentorship.pk
    )
    if hasattr(mentorship, "closure"):
        raise ValidationError(_("Завершение этой пары уже оформлено"))
    if kind not in Closure.Kind.values:
        raise ValidationError(_("Укажите, плановое это завершение или досрочное"))
    reason = reason.strip()
    if kind == Closure.Kind.PREMATURE and not reason:
        raise ValidationError(_("Укажите причину досрочного завершения"))
    if closed_on > today:
        raise ValidationError(_("Дата завершения не может быть в будущем"))
    if closed_on < mentorship.starts_on:
        raise ValidationError(_("Дата завершения раньше начала работы пары"))
    steps = [s for s in steps_done if s in CLOSURE_STEPS]
    if next_step not in Closure.Next.values:
        raise ValidationError(_("Неизвестный следующий шаг"))
    if kind == Closure.Kind.PLANNED and not mentorship.meetings.filter(
        kind=Meeting.Kind.FINAL, status=Meeting.Status.HELD
    ).exists():
        raise ValidationError(_("Плановое завершение — после итоговой встречи: отметьте её проведённой"))
    from nastavnik.recognition.selectors import final_questionnaires

    missing = [f for f in final_questionnaires(mentorship=mentorship) if not f.answered]
    no_answer_reason = no_answer_reason.strip()
    if missing and not no_answer_reason:
        raise ValidationError(
            _("Итоговая анкета не заполнена (%(who)s). Дождитесь ответа или укажите, почему пара завершается без "
              "неё.") % {"who": ", ".join(f.person.short_name for f in missing)},
            code="no_answer",
        )
    closure = Closure.objects.create(
        mentorship=mentorship,
        kind=kind,
        reason=reason if kind == Closure.Kind.PREMATURE else "",
        closed_on=closed_on,
        no_answer_reason=no_answer_reason if missing else "",
        steps_done=steps,
        conclusion=conclusion.strip(),
        next_step=next_step,
        created_by=created_by,
    )
    mentorship.status = Mentorship.Status.COMPLETED if kind == Closure.Kind.PLANNED else Mentorship.Status.TERMINATED
    mentorship.ends_on = closed_on
    if not mentorship.end_reason:
        mentorship.end_reason = (reason or str(Closure.Kind(kind).label))[:300]
    mentorship.save(update_fields=["status", "ends_on", "end_reason"])
    if next_step == Closure.Next.JOIN_MENTORS:
        mentee_join_mentor_base(mentorship, created_by=created_by)
    return closure


def final_questionnaire_version(*, side: str, organization: Organization) -> SurveyVersion:
    """The side's final questionnaire: the organisation's own edited copy if any, else the catalogue's."""
    version = survey_selectors.latest_version(code=finals.CODES[side], organization=organization)
    # Installed by `migrate`; a database set up otherwise gets it on first use (idempotent).
    return version or survey_services.survey_ensure(spec=finals.SPECS[side])


@transaction.atomic
def final_questionnaire_invite(
    *, mentorship: Mentorship, side: str, person_id: int | None = None, created_by=None, link_for=None, days: int = 30
) -> Invitation:
    """Send one side of the pair its final questionnaire by a personal link attached to the pair — the lead of that
    side, or, with `person_id`, one of a group's further members on that side.

    An open link is sent again rather than doubled; a side that has answered gets no new link. `link_for` turns an
    invitation into its absolute address (the view knows the host); without it nothing is e-mailed.
    """
    from nastavnik.recognition.selectors import final_questionnaires

    if side not in finals.SIDES:
        raise ValidationError(_("Неизвестная сторона пары"))
    final = next(
        (
            f
            for f in final_questionnaires(mentorship=mentorship)
            if f.side == side and (f.person.pk == person_id if person_id is not None else not f.member)
        ),
        None,
    )
    if final is None:
        raise ValidationError(_("Этого человека нет среди участников пары"))
    if final.response is not None:
        raise ValidationError(
            _("%(p)s уже заполнил(а) итоговую анкету") % {"p": final.person.short_name}, code="answered"
        )
    invitation = final.invitation
    if invitation is None:
        version = final_questionnaire_version(side=side, organization=mentorship.program.organization)
        invitation = survey_services.invitation_create(
            version=version, person=final.person, subject=mentorship, created_by=created_by, days=days
        )
    if link_for is not None:
        survey_services.invitation_email(invitation=invitation, link=link_for(invitation))
    return invitation


def mentee_join_mentor_base(mentorship: Mentorship, *, created_by) -> None:
    """The mentee becomes a candidate in the mentor base of the next cycle (through the intake service)."""
    organization = mentorship.program.organization
    mentee = mentorship.mentee
    if MentorCandidate.objects.filter(person=mentee, organization=organization).exists():
        return
    category = {
        Person.Category.PUPIL: MentorCandidate.Category.PUPIL,
        Person.Category.STUDENT: MentorCandidate.Category.STUDENT,
        Person.Category.TEACHER: MentorCandidate.Category.TEACHER,
    }.get(mentee.category, MentorCandidate.Category.TEACHER)
    candidate_create(
        person=mentee,
        organization=organization,
        category=category,
        motivation=_("Выпускник программы «%(p)s»: готов стать наставником") % {"p": mentorship.program.title},
        created_by=created_by,
    )


# --- level 2: the programme -------------------------------------------------------------------------------------


@transaction.atomic
def closing_meeting_record(
    *, program: Program, held_on: dt.date, attended: int, results: str, today: dt.date | None = None
) -> ClosingMeeting:
    today = today or timezone.localdate()
    if held_on > today:
        raise ValidationError(_("Итоговую встречу отмечают после того, как она прошла"))
    if held_on < program.starts_on:
        raise ValidationError(_("Итоговая встреча не может быть раньше начала программы"))
    if attended < 0:
        raise ValidationError(_("Число участников не может быть отрицательным"))
    meeting, _created = ClosingMeeting.objects.update_or_create(
        program=program, defaults={"held_on": held_on, "attended": attended, "results": results.strip()}
    )
    return meeting


def program_open_pairs(*, program: Program):
    return program.mentorships.exclude(status__in=CLOSED)


@transaction.atomic
def program_complete(*, program: Program) -> Program:
    """«Завершена» only when every pair is closed and the closing meeting was held."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status == Program.Status.COMPLETED:
        raise ValidationError(_("Программа уже завершена"))
    open_pairs = program_open_pairs(program=program).count()
    if open_pairs:
        raise ValidationError(
            _("Сначала завершите работу всех пар и групп: не завершено — %(n)s") % {"n": open_pairs}
        )
    if not ClosingMeeting.objects.filter(program=program).exists():
        raise ValidationError(_("Сначала отметьте итоговую встречу участников программы"))
    program.status = Program.Status.COMPLETED
    program.stage = Stage.COMPLETION
    program.save(update_fields=["status", "stage"])
    return program


@transaction.atomic
def program_next_cycle(*, program: Program, starts_on: dt.date, ends_on: dt.date, title: str = "") -> Program:
    """A new programme from a completed one: same form, role models and curators, the roadmap from the same
    template. The mentor base belongs to the organisation, so it carries over with the mentees who joined it."""
    if program.status != Program.Status.COMPLETED:
        raise ValidationError(_("Следующий цикл начинают после завершения программы"))
    if starts_on < program.ends_on:
        raise ValidationError(_("Следующий цикл начинается после окончания этого"))
    new = program_create(
        organization=program.organization,
        form=program.form,
        role_models=program.role_models.all(),
        title=title.strip() or f"{program.title} ({starts_on.year}–{ends_on.year})",
        starts_on=starts_on,
        ends_on=ends_on,
        kind=program.kind,
        meeting_interval_days=program.meeting_interval_days,
        description=program.description,
        curators=program.curators.all(),
        allow_other_organizations=program.allow_other_organizations,
    )
    old_roadmap = Roadmap.objects.filter(program=program).exclude(template_code="").order_by("-starts_on").first()
    if old_roadmap is not None:
        roadmap_create_from_template(
            organization=program.organization, template_code=old_roadmap.template_code, starts_on=starts_on, program=new
        )
    return new


# --- level 3: the festival ----------------------------------------------------------------------------------


@transaction.atomic
def festival_create(
    *, organization: Organization, title: str, held_on: dt.date, place: str = "", programme: str = "",
    practices: Iterable[Practice] = (),
) -> Festival:
    if not title.strip():
        raise ValidationError(_("Укажите название мероприятия"))
    practices = list(practices)
    for p in practices:
        _same_org(p.organization_id, organization, _("Практика принадлежит другой организации"))
    festival = Festival.objects.create(
        organization=organization, title=title.strip(), held_on=held_on, place=place.strip(),
        programme=programme.strip(),
    )
    festival.practices.set(practices)
    return festival


@transaction.atomic
def festival_guest_add(
    *, festival: Festival, name: str, category: str, status: str = FestivalGuest.Status.INVITED
) -> FestivalGuest:
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Укажите гостя: имя или организацию"))
    if category not in FestivalGuest.Category.values:
        raise ValidationError(_("Выберите категорию гостя"))
    if status not in FestivalGuest.Status.values:
        raise ValidationError(_("Неизвестная отметка гостя"))
    # Compared in Python: SQLite's case-insensitive match knows only Latin letters.
    if name.casefold() in {n.casefold() for n in festival.guest_list.values_list("name", flat=True)}:
        raise ValidationError(_("«%(g)s» уже в списке гостей") % {"g": name})
    return FestivalGuest.objects.create(festival=festival, name=name[:300], category=category, status=status)


@transaction.atomic
def festival_guest_mark(*, guest: FestivalGuest, status: str) -> FestivalGuest:
    if status not in FestivalGuest.Status.values:
        raise ValidationError(_("Неизвестная отметка гостя"))
    guest.status = status
    guest.save(update_fields=["status"])
    return guest


@transaction.atomic
def festival_guest_remove(*, guest: FestivalGuest) -> None:
    guest.delete()


def _awards_open(festival: Festival) -> None:
    if festival.reward_order_id:
        raise ValidationError(
            _("Приказ о поощрении уже подготовлен: награды в нём не меняются. Чтобы изменить список, отмените "
              "приказ в реестре приказов.")
        )


def _festival_year(festival: Festival) -> int:
    return festival.held_on.year if festival.held_on.month >= 9 else festival.held_on.year - 1


@transaction.atomic
def festival_award_add(
    *, festival: Festival, kind: str, title: str = "", person: Person | None = None,
    mentorship: Mentorship | None = None, application: Application | None = None, rating_place: int | None = None,
) -> FestivalAward:
    """An award for a contest result (the recipient and wording come from the application), a place in the year's
    rating, or a stated merit; always to one person or one pair/team of the organisation."""
    _awards_open(festival)
    org = festival.organization
    if kind not in FestivalAward.Kind.values:
        raise ValidationError(_("Выберите награду"))
    if application is not None:
        application = Application.objects.select_related("nomination__contest", "practice").get(pk=application.pk)
        _same_org(application.nomination.contest.organization_id, org, _("Заявка другого конкурса"))
        if application.place is None:
            raise ValidationError(_("У заявки %(c)s нет призового места") % {"c": application.code})
        if not (person or mentorship):
            person = application.person
            mentorship = application.mentorship or (application.practice.mentorship if application.practice_id
                                                    else None)
        title = title.strip() or _("«%(n)s», %(p)s место") % {"n": application.nomination.title,
                                                               "p": application.place}
    if rating_place is not None:
        if not 1 <= rating_place <= 100:
            raise ValidationError(_("Место в рейтинге — от 1 до 100"))
        year = _festival_year(festival)
        title = title.strip() or _("%(p)s место в рейтинге наставников %(a)s–%(b)s") % {
            "p": rating_place, "a": year, "b": year + 1}
    if bool(person) == bool(mentorship):
        raise ValidationError(_("Укажите, кого награждают: человека или пару (команду) — одного из двух"))
    if person is not None:
        _same_org(person.organization_id, org, _("Награждают участников своей организации"))
    if mentorship is not None:
        _same_org(mentorship.program.organization_id, org, _("Пара из другой организации"))
    if kind == FestivalAward.Kind.PARENTS and (person is None or person.category != Person.Category.PUPIL):
        raise ValidationError(_("Письмо родителям — для наставника-обучающегося"))
    title = title.strip()
    if not title:
        raise ValidationError(_("Укажите, за что награда"))
    position = (festival.awards.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    return FestivalAward.objects.create(
        festival=festival, kind=kind, title=title[:300], person=person, mentorship=mentorship,
        application=application, rating_place=rating_place, position=position,
    )


@transaction.atomic
def festival_award_remove(*, award: FestivalAward) -> None:
    _awards_open(award.festival)
    award.delete()


@transaction.atomic
def festival_awards_from_results(*, festival: Festival) -> int:
    """A certificate for every place of the year's finished contests not yet awarded at this festival."""
    _awards_open(festival)
    done = set(festival.awards.exclude(application=None).values_list("application_id", flat=True))
    added = 0
    for application in Application.objects.filter(
        nomination__contest__organization=festival.organization, nomination__contest__year=_festival_year(festival),
        nomination__contest__status=Contest.Status.FINISHED, place__isnull=False,
    ).exclude(pk__in=done).select_related("practice").order_by("nomination__pk", "place", "pk"):
        if not (application.person_id or application.mentorship_id or
                (application.practice_id and application.practice.mentorship_id)):
            continue  # a practice without a pair: nobody to hand the certificate to
        festival_award_add(festival=festival, kind=FestivalAward.Kind.CERTIFICATE, application=application)
        added += 1
    return added


@transaction.atomic
def festival_orders_issue(*, festival: Festival, date: dt.date, signed_by: Person | None, created_by=None) -> Festival:
    """The order «о проведении итогового мероприятия» (with the guest list) and the order on rewards (its appendix
    is the festival's award records; none yet → taken from the finished contests first)."""
    org = festival.organization
    if festival.event_order_id is None:
        items = [
            _("Провести %(date)s итоговое мероприятие «%(title)s»%(place)s.")
            % {"date": festival.held_on.strftime("%d.%m.%Y"), "title": festival.title,
               "place": f" ({festival.place})" if festival.place else ""},
            _guests_item(festival),
            _("Представить на мероприятии лучшие наставнические практики и наградить победителей конкурсов."),
        ]
        festival.event_order = order_issue(
            organization=org, kind=Order.Kind.FINAL_EVENT, date=date, subject=str(Order.Kind.FINAL_EVENT.label),
            payload={"items": [i for i in items if i]}, signed_by=signed_by, created_by=created_by,
        )
    if festival.reward_order_id is None:
        if not festival.awards.exists():
            festival_awards_from_results(festival=festival)
        rows = award_rows(festival)
        if rows:
            festival.reward_order = order_issue(
                organization=org, kind=Order.Kind.REWARD, date=date, subject=str(Order.Kind.REWARD.label),
                payload={
                    "items": [
                        _("Наградить участников итогового мероприятия «%(t)s» (приложение).") % {"t": festival.title},
                        _("Объявить благодарность наставникам и родителям наставников-обучающихся."),
                    ],
                    "appendix_title": _("Список награждённых"),
                    "appendix_rows": rows,
                },
                signed_by=signed_by, created_by=created_by,
            )
    festival.save(update_fields=["event_order", "reward_order"])
    return festival


def _guests_item(festival: Festival) -> str:
    """«Пригласить на мероприятие: <category> — <names>; …» from the guest records, in seed 000's order."""
    by_category: dict[str, list[str]] = {}
    for guest in festival.guest_list.all():
        by_category.setdefault(guest.category, []).append(guest.name)
    if not by_category:
        return ""
    parts = [f"{_lower_first(str(FestivalGuest.Category(c).label))} — {', '.join(by_category[c])}"
             for c in FestivalGuest.Category.values if c in by_category]
    return _("Пригласить на мероприятие: %(g)s.") % {"g": "; ".join(parts)}


def _lower_first(text: str) -> str:
    """Lower-case only the first letter: «СМИ» inside a label stays as it is."""
    return text[:1].lower() + text[1:]


def award_rows(festival: Festival) -> list[str]:
    """One appendix line per award: «<for what> — <who> (<award>)»."""
    awards = festival.awards.select_related("person", "mentorship__mentor", "mentorship__mentee")
    return [f"{a.title} — {award_recipient(a)} ({a.get_kind_display().lower()})" for a in awards]


def award_recipient(award: FestivalAward) -> str:
    if award.person_id:
        return award.person.full_name
    m = award.mentorship
    return f"{m.mentor.full_name}, {m.mentee.full_name}"


def application_subject(application: Application) -> str:
    if application.person_id:
        return application.person.full_name
    if application.mentorship_id:
        m = application.mentorship
        return f"{m.mentor.full_name}, {m.mentee.full_name}"
    return f"«{application.practice.title}»"


# --- points -----------------------------------------------------------------------------------------------------


@transaction.atomic
def point_rules_ensure(*, organization: Organization) -> list[PointRule]:
    for code, (points, cap) in DEFAULT_RULES.items():
        PointRule.objects.get_or_create(organization=organization, code=code, defaults={"points": points, "cap": cap})
    return list(PointRule.objects.filter(organization=organization))


@transaction.atomic
def point_rule_set(*, rule: PointRule, points: int, cap: int) -> PointRule:
    if points < 0 or cap < 0:
        raise ValidationError(_("Баллы не могут быть отрицательными"))
    if cap < points:
        raise ValidationError(_("Предел за год не может быть меньше баллов за одну единицу"))
    rule.points, rule.cap = points, cap
    rule.save(update_fields=["points", "cap"])
    return rule


# --- contests ---------------------------------------------------------------------------------------------------

DEFAULT_RUBRIC = [
    {"name": gettext_lazy("Результаты наставляемых"), "max": 10},
    {"name": gettext_lazy("Регулярность и качество встреч"), "max": 10},
    {"name": gettext_lazy("Методическая ценность опыта"), "max": 10},
]


@transaction.atomic
def contest_create(*, organization: Organization, title: str, year: int, rounds: int = 1) -> Contest:
    if not title.strip():
        raise ValidationError(_("Укажите название конкурса"))
    if not 1 <= rounds <= 3:
        raise ValidationError(_("Туров может быть от одного до трёх"))
    return Contest.objects.create(organization=organization, title=title.strip(), year=year, rounds=rounds)


@transaction.atomic
def nomination_add(
    *, contest: Contest, kind: str, title: str = "", blind: bool = False, rubric: list[dict] | None = None
) -> Nomination:
    if kind not in Nomination.Kind.values:
        raise ValidationError(_("Неизвестная номинация"))
    title = title.strip() or ("" if kind == Nomination.Kind.OWN else str(Nomination.Kind(kind).label))
    if not title:
        raise ValidationError(_("Назовите свою номинацию"))
    rubric = rubric_clean(rubric or [{"name": str(c["name"]), "max": c["max"]} for c in DEFAULT_RUBRIC])
    return Nomination.objects.create(contest=contest, kind=kind, title=title, blind=blind, rubric=rubric)


RUBRIC_MAX_CRITERIA = 10
RUBRIC_MAX_POINTS = 100
RUBRIC_MAX_WEIGHT = 5


def rubric_clean(rubric: list[dict]) -> list[dict]:
    """Criteria as stored: a name, the maximum points (1–100) and a whole weight (1–5, default 1), in order.

    Weights are whole numbers so that a weighted total stays a whole number of points."""
    if not rubric:
        raise ValidationError(_("В рубрике нужен хотя бы один критерий"))
    if len(rubric) > RUBRIC_MAX_CRITERIA:
        raise ValidationError(_("Критериев может быть не больше %(n)s") % {"n": RUBRIC_MAX_CRITERIA})
    clean, names = [], set()
    for c in rubric:
        name = " ".join(str(c.get("name", "")).split())
        try:
            top, weight = int(c.get("max", 0)), int(c.get("weight", 1) or 1)
        except (TypeError, ValueError):
            raise ValidationError(_("Максимальный балл и вес — целые числа")) from None
        if not name or not 1 <= top <= RUBRIC_MAX_POINTS:
            raise ValidationError(
                _("У каждого критерия должно быть название и максимальный балл от 1 до %(m)s")
                % {"m": RUBRIC_MAX_POINTS}
            )
        if not 1 <= weight <= RUBRIC_MAX_WEIGHT:
            raise ValidationError(_("Вес критерия «%(c)s» — от 1 до %(w)s") % {"c": name, "w": RUBRIC_MAX_WEIGHT})
        if name.casefold() in names:
            raise ValidationError(_("Критерий «%(c)s» повторяется") % {"c": name})
        names.add(name.casefold())
        clean.append({"name": name[:200], "max": top, "weight": weight})
    return clean


@transaction.atomic
def nomination_rubric_set(*, nomination: Nomination, rubric: list[dict]) -> Nomination:
    """The organiser's edit of a nomination's criteria; refused once scoring has started, because scores already
    given were out of the old maxima and weights and would no longer compare."""
    nomination = Nomination.objects.select_for_update().select_related("contest").get(pk=nomination.pk)
    scores = Score.objects.filter(application__nomination=nomination).count()
    if scores or nomination.contest.status != Contest.Status.APPLICATIONS:
        raise ValidationError(
            _("Критерии номинации «%(n)s» менять нельзя: жюри уже начало оценивание (оценок: %(s)s). Иначе уже "
              "выставленные баллы перестанут быть сопоставимы с новыми.") % {"n": nomination.title, "s": scores},
            code="scoring_started",
        )
    nomination.rubric = rubric_clean(rubric)
    nomination.save(update_fields=["rubric"])
    return nomination


@transaction.atomic
def juror_add(*, contest: Contest, person: Person, chair: bool = False) -> Juror:
    if Juror.objects.filter(contest=contest, person=person).exists():
        raise ValidationError(_("%(p)s уже в жюри") % {"p": person.short_name})
    return Juror.objects.create(contest=contest, person=person, chair=chair)


@transaction.atomic
def application_submit(
    *, nomination: Nomination, person: Person | None = None, mentorship: Mentorship | None = None,
    practice: Practice | None = None, nominated_by: Person | None = None, statement: str = "",
) -> Application:
    """Self-nomination (nominated_by is the applicant) or nomination by staff; the portfolio comes from the system."""
    contest = nomination.contest
    if contest.status != Contest.Status.APPLICATIONS:
        raise ValidationError(_("Приём заявок на этот конкурс закрыт"))
    org = contest.organization
    if not (person or mentorship or practice):
        raise ValidationError(_("Укажите участника, пару или практику"))
    if person is not None:
        _same_org(person.organization_id, org, _("Участник из другой организации"))
    if mentorship is not None:
        _same_org(mentorship.program.organization_id, org, _("Пара из другой организации"))
    if practice is not None:
        _same_org(practice.organization_id, org, _("Практика из другой организации"))
    duplicate = Application.objects.filter(nomination=nomination).filter(
        Q(person=person) if person else Q(mentorship=mentorship) if mentorship else Q(practice=practice)
    )
    if duplicate.exists():
        raise ValidationError(_("Такая заявка в этой номинации уже подана"))
    code = _application_code(nomination)
    return Application.objects.create(
        nomination=nomination, person=person, mentorship=mentorship, practice=practice, nominated_by=nominated_by,
        self_nominated=nominated_by is not None and person is not None and nominated_by.pk == person.pk,
        code=code, statement=statement.strip(), portfolio=portfolio_of(person=person, mentorship=mentorship),
    )


def _application_code(nomination: Nomination) -> str:
    while True:
        code = f"З-{secrets.randbelow(9000) + 1000}"
        if not Application.objects.filter(nomination=nomination, code=code).exists():
            return code


def portfolio_of(*, person: Person | None, mentorship: Mentorship | None) -> dict:
    """Figures drawn from the system: pairs, meetings held, meetings with both diaries, goals reached."""
    pairs = Mentorship.objects.none()
    if person is not None:
        pairs = Mentorship.objects.filter(Q(mentor=person) | Q(members__person=person, members__side="mentor"))
    if mentorship is not None:
        pairs = Mentorship.objects.filter(pk=mentorship.pk)
    pairs = pairs.distinct()
    held = Meeting.objects.filter(mentorship__in=pairs, status=Meeting.Status.HELD)
    with_diaries = held.filter(
        pk__in=Reflection.objects.filter(side="mentor").values("meeting_id")
    ).filter(pk__in=Reflection.objects.filter(side="mentee").values("meeting_id"))
    from nastavnik.recognition.selectors import goals_reached

    return {
        "pairs": pairs.count(),
        "meetings_held": held.count(),
        "meetings_with_diaries": with_diaries.count(),
        "goals_reached": goals_reached(pairs).count(),
        "closed_planned": Closure.objects.filter(mentorship__in=pairs, kind=Closure.Kind.PLANNED).count(),
    }


@transaction.atomic
def contest_start_judging(*, contest: Contest) -> Contest:
    if contest.status != Contest.Status.APPLICATIONS:
        raise ValidationError(_("Жюри уже работает или итоги подведены"))
    if not contest.jurors.exists():
        raise ValidationError(_("Сначала включите в конкурс жюри"))
    if not Application.objects.filter(nomination__contest=contest).exists():
        raise ValidationError(_("Заявок нет: оценивать нечего"))
    contest.status = Contest.Status.JUDGING
    contest.save(update_fields=["status"])
    return contest


def juror_conflict(*, juror: Juror, application: Application) -> str:
    """Why this juror must not score this application (recusal), or "" when they may.

    Linked means: the juror is the applicant, shares a pair with them, is their parent, or heads their department.
    """
    from nastavnik.orgs.models import Membership

    me = juror.person_id
    people = _applicant_ids(application)
    if me in people:
        return _("член жюри — сам участник заявки")
    if Mentorship.objects.filter(
        (Q(mentor_id=me) | Q(mentee_id=me) | Q(members__person_id=me))
        & (Q(mentor_id__in=people) | Q(mentee_id__in=people) | Q(members__person_id__in=people))
    ).exists():
        return _("член жюри работал в одной паре или группе с участником")
    if Guardianship.objects.filter(guardian_id=me, child_id__in=people).exists():
        return _("участник — ребёнок члена жюри")
    org_id = application.nomination.contest.organization_id
    mine = set(
        Membership.objects.filter(person_id=me, organization_id=org_id).exclude(department="").values_list(
            "department", flat=True
        )
    )
    if mine and Membership.objects.filter(
        person_id__in=people, organization_id=org_id, department__in=mine
    ).exists():
        return _("участник из методического объединения члена жюри")
    return ""


def _applicant_ids(application: Application) -> set[int]:
    ids = set()
    if application.person_id:
        ids.add(application.person_id)
    if application.mentorship_id:
        m = application.mentorship
        ids |= {m.mentor_id, m.mentee_id, *m.members.values_list("person_id", flat=True)}
    if application.practice_id:
        ids |= set(application.practice.authors.values_list("pk", flat=True))
    return ids


@transaction.atomic
def score_submit(*, juror: Juror, application: Application, values: list[int], comment: str = "") -> Score:
    application = Application.objects.select_related("nomination__contest").get(pk=application.pk)
    contest = application.nomination.contest
    if juror.contest_id != contest.pk:
        raise ValidationError(_("Член жюри другого конкурса"))
    if contest.status != Contest.Status.JUDGING:
        raise ValidationError(_("Оценки принимаются только во время работы жюри"))
    if application.last_round < contest.current_round:
        raise ValidationError(_("Заявка не прошла в этот тур"))
    conflict = juror_conflict(juror=juror, application=application)
    if conflict:
        raise ValidationError(_("Самоотвод: %(why)s") % {"why": conflict})
    rubric = application.nomination.rubric
    if len(values) != len(rubric):
        raise ValidationError(_("Оцените каждый критерий"))
    for value, criterion in zip(values, rubric, strict=True):
        if not 0 <= int(value) <= int(criterion["max"]):
            raise ValidationError(
                _("Балл по критерию «%(c)s» — от 0 до %(m)s") % {"c": criterion["name"], "m": criterion["max"]}
            )
    total = sum(int(v) * int(c.get("weight", 1)) for v, c in zip(values, rubric, strict=True))
    score, _created = Score.objects.update_or_create(
        application=application, juror=juror, round=contest.current_round,
        defaults={"values": [int(v) for v in values], "total": total, "comment": comment.strip()},
    )
    return score


@transaction.atomic
def contest_next_round(*, contest: Contest, keep: int) -> Contest:
    """The best `keep` applications of each nomination go on to the next round."""
    from nastavnik.recognition.selectors import contest_results

    if contest.status != Contest.Status.JUDGING or contest.current_round >= contest.rounds:
        raise ValidationError(_("Следующего тура нет"))
    if keep < 1:
        raise ValidationError(_("В следующий тур должна пройти хотя бы одна заявка"))
    for rows in contest_results(contest=contest).values():
        for row in rows[:keep]:
            Application.objects.filter(pk=row.application.pk).update(last_round=contest.current_round + 1)
    contest.current_round += 1
    contest.save(update_fields=["current_round"])
    return contest


@transaction.atomic
def contest_finish(*, contest: Contest, places: int = 3) -> Contest:
    """Places by the average total of the last round; ties share the place."""
    from nastavnik.recognition.selectors import contest_results

    if contest.status != Contest.Status.JUDGING:
        raise ValidationError(_("Итоги подводят после работы жюри"))
    results = contest_results(contest=contest)
    if not any(row.average is not None for rows in results.values() for row in rows):
        raise ValidationError(_("Жюри ещё не выставило ни одной оценки"))
    for rows in results.values():
        place, previous = 0, None
        for index, row in enumerate(rows, start=1):
            if row.average is None:
                break
            if row.average != previous:
                place, previous = index, row.average
            if place > places:
                break
            Application.objects.filter(pk=row.application.pk).update(place=place)
    contest.status = Contest.Status.FINISHED
    contest.save(update_fields=["status"])
    return contest


@transaction.atomic
def contest_results_order_issue(*, contest: Contest, date: dt.date, signed_by: Person | None, created_by=None):
    if contest.status != Contest.Status.FINISHED:
        raise ValidationError(_("Приказ об итогах — после подведения итогов"))
    if contest.results_order_id:
        raise ValidationError(_("Приказ об итогах уже издан"))
    winners = Application.objects.filter(nomination__contest=contest, place__isnull=False).select_related(
        "nomination", "person", "mentorship__mentor", "mentorship__mentee", "practice"
    ).order_by("nomination__pk", "place")
    rows = [f"{a.nomination.title}, {a.place} место — {application_subject(a)}" for a in winners]
    contest.results_order = order_issue(
        organization=contest.organization, kind=Order.Kind.REWARD, date=date,
        subject=_("Об итогах конкурса «%(t)s»") % {"t": contest.title},
        payload={
            "items": [
                _("Утвердить итоги конкурса «%(t)s» (приложение).") % {"t": contest.title},
                _("Наградить победителей и призёров грамотами."),
            ],
            "appendix_title": _("Победители и призёры"),
            "appendix_rows": rows,
        },
        signed_by=signed_by, created_by=created_by,
    )
    contest.save(update_fields=["results_order"])
    return contest


# --- honour board, practices, news ----------------------------------------------------------------------------


@transaction.atomic
def honour_add(
    *, organization: Organization, person: Person, year: int, title: str, story: str = "", photo=None,
    position: int = 0,
) -> HonourEntry:
    _same_org(person.organization_id, organization, _("На доску почёта попадают наставники своей организации"))
    if not title.strip():
        raise ValidationError(_("Укажите, за что человек на доске почёта"))
    if HonourEntry.objects.filter(organization=organization, person=person, year=year).exists():
        raise ValidationError(_("%(p)s уже на доске почёта этого года") % {"p": person.short_name})
    clean_photo = photo_clean(photo) if photo else None  # checked before anything is written
    entry = HonourEntry(
        organization=organization, person=person, year=year, title=title.strip(), story=story.strip(),
        position=position,
    )
    if clean_photo is not None:
        entry.photo.save(clean_photo.name, clean_photo, save=False)
    entry.save()
    return entry


@transaction.atomic
def honour_photo_set(*, entry: HonourEntry, photo) -> HonourEntry:
    """Replace the entry's photo with the uploaded one (checked and cleaned); the old file is destroyed."""
    clean_photo = photo_clean(photo)
    old = entry.photo.name if entry.photo else ""
    entry.photo.save(clean_photo.name, clean_photo, save=False)
    entry.save(update_fields=["photo"])
    if old:
        transaction.on_commit(lambda: entry.photo.storage.delete(old))
    return entry


@transaction.atomic
def honour_photo_remove(*, entry: HonourEntry) -> HonourEntry:
    old = entry.photo.name if entry.photo else ""
    entry.photo = ""
    entry.save(update_fields=["photo"])
    if old:
        storage = HonourEntry._meta.get_field("photo").storage
        transaction.on_commit(lambda: storage.delete(old))
    return entry


@transaction.atomic
def honour_remove(*, entry: HonourEntry) -> None:
    """Take the entry off the board; its photo file is destroyed with it."""
    honour_photo_remove(entry=entry)
    entry.delete()


@transaction.atomic
def practice_create(
    *, organization: Organization, title: str, problem: str, actions: str, results: str, materials: str = "",
    anonymous: bool = False, mentorship: Mentorship | None = None, authors: Iterable[Person] = (), created_by=None,
) -> Practice:
    if not (title.strip() and problem.strip() and actions.strip() and results.strip()):
        raise ValidationError(_("Заполните название, проблему, что было сделано и результаты"))
    if mentorship is not None:
        _same_org(mentorship.program.organization_id, organization, _("Пара из другой организации"))
    authors = list(authors)
    for a in authors:
        _same_org(a.organization_id, organization, _("Автор из другой организации"))
    figures = {}
    if mentorship is not None:
        p = portfolio_of(person=None, mentorship=mentorship)
        figures = {
            str(_("Встреч проведено")): p["meetings_held"],
            str(_("Встреч с дневниками обеих сторон")): p["meetings_with_diaries"],
            str(_("Целей достигнуто")): p["goals_reached"],
        }
    practice = Practice.objects.create(
        organization=organization, title=title.strip(), problem=problem.strip(), actions=actions.strip(),
        results=results.strip(), materials=materials.strip(), anonymous=anonymous, mentorship=mentorship,
        figures=figures, created_by=created_by,
    )
    practice.authors.set(authors)
    return practice


@transaction.atomic
def practice_submit(*, practice: Practice) -> Practice:
    if practice.status != Practice.Status.DRAFT:
        raise ValidationError(_("Практика уже отправлена на проверку"))
    practice.status = Practice.Status.REVIEW
    practice.save(update_fields=["status"])
    return practice


@transaction.atomic
def practice_review(*, practice: Practice, publish: bool, note: str = "", today: dt.date | None = None) -> Practice:
    """The curator publishes the case or returns it to its authors with remarks."""
    if practice.status != Practice.Status.REVIEW:
        raise ValidationError(_("Проверять можно только практику, отправленную на проверку"))
    if publish:
        practice.status = Practice.Status.PUBLISHED
        practice.published_on = today or timezone.localdate()
    else:
        if not note.strip():
            raise ValidationError(_("Напишите авторам, что исправить"))
        practice.status = Practice.Status.DRAFT
    practice.review_note = note.strip()
    practice.save(update_fields=["status", "published_on", "review_note"])
    return practice


@transaction.atomic
def practice_unpublish(*, practice: Practice) -> Practice:
    practice.status = Practice.Status.DRAFT
    practice.published_on = None
    practice.save(update_fields=["status", "published_on"])
    return practice


@transaction.atomic
def news_create(*, organization: Organization, title: str, body: str, published_on: dt.date, created_by=None) -> News:
    if not title.strip() or not body.strip():
        raise ValidationError(_("Заполните заголовок и текст новости"))
    return News.objects.create(
        organization=organization, title=title.strip(), body=body.strip(), published_on=published_on,
        created_by=created_by,
    )
