"""Writes of the first stages of the cycle: the mentee base, the mentor base, selection and the mentor school.

Every function is atomic and refuses bad input with a Russian ValidationError before changing anything.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.documents.models import Order
from nastavnik.documents.services import agreement_render, order_prepare
from nastavnik.intake.models import (
    OPEN_REQUEST_STATUSES,
    Agreement,
    Attendance,
    Interview,
    MenteeRequest,
    MentorCandidate,
    SelectionCriterion,
    Training,
    TrainingEnrolment,
    TrainingSession,
)
from nastavnik.intake.rules import MIN_ATTENDANCE_SHARE, REQUEST_TRANSITIONS, completion_refusal
from nastavnik.intake.selectors import approved_mentors, registry_orders
from nastavnik.intake.surveys_link import response_attach, response_person
from nastavnik.intake.vocabulary import CRITERION_FOR_CATEGORY, clean_phrases, validate_categories
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import consent_active
from nastavnik.programs.models import Program
from nastavnik.surveys.models import Response

Status = MenteeRequest.Status
CandidateStatus = MentorCandidate.Status

CAPACITY_MAX = 30  # the same bound as the database constraint mentor_capacity_range


# --- consent ------------------------------------------------------------------------------------------------------


def consent_required(*, person: Person) -> None:
    """Refuse to put a person into a base without an active participation consent (seed 003 §4.10–4.11)."""
    if consent_active(person=person, purpose=Consent.Purpose.PARTICIPATION):
        return
    if person.is_minor:
        message = _(
            "Нельзя внести %(person)s в базу: нет действующего согласия законного представителя на участие "
            "в программе наставничества и персонифицированный учёт."
        )
    else:
        message = _(
            "Нельзя внести %(person)s в базу: нет действующего согласия на участие в программе наставничества "
            "и персонифицированный учёт."
        )
    raise ValidationError(message % {"person": person.short_name}, code="consent_missing")


def _response_fits(*, response: Response | None, person: Person) -> None:
    if response is None:
        return
    if response_person(response) != person:
        raise ValidationError(_("Анкета заполнена о другом человеке."), code="response_other_person")
    if response.content_type_id is not None:
        raise ValidationError(_("Эта анкета уже привязана к другой записи."), code="response_attached")


def _same_org_program(*, organization: Organization, program: Program | None) -> None:
    if program is not None and program.organization_id != organization.pk:
        raise ValidationError(_("Программа относится к другой организации."), code="program_other_org")


# --- mentee base --------------------------------------------------------------------------------------------------


@transaction.atomic
def request_create(
    *,
    person: Person,
    organization: Organization,
    categories: list[str],
    needs: str,
    deficit_competencies: list[str] | None = None,
    interests: list[str] | None = None,
    free_time: list[str] | None = None,
    source: str = MenteeRequest.Source.SELF,
    program: Program | None = None,
    response: Response | None = None,
    created_by=None,
) -> MenteeRequest:
    """Record a request (запрос) of a would-be mentee: their difficulty and what a mentor should help with.

    `response` is the mentee's own filled questionnaire the request was made from: it gets attached to the request.
    """
    consent_required(person=person)
    _response_fits(response=response, person=person)
    if person.organization_id != organization.pk:
        raise ValidationError(
            _("%(person)s не относится к организации «%(org)s».")
            % {"person": person.short_name, "org": organization.short_name},
            code="person_other_org",
        )
    _same_org_program(organization=organization, program=program)
    if source not in MenteeRequest.Source.values:
        raise ValidationError(_("Неизвестный источник запроса."), code="source_unknown")
    needs = needs.strip()
    if not needs:
        raise ValidationError(_("Опишите запрос: трудности и потребности наставляемого."), code="needs_empty")
    categories = validate_categories(categories, teacher=person.category == Person.Category.TEACHER)
    duplicate = MenteeRequest.objects.filter(
        person=person, organization=organization, program=program, status__in=(*OPEN_REQUEST_STATUSES, Status.MATCHED)
    )
    if duplicate.exists():
        raise ValidationError(
            _("У %(person)s уже есть открытый запрос в этой программе: дополните его.") % {"person": person.short_name},
            code="request_duplicate",
        )
    mentee_request = MenteeRequest.objects.create(
        person=person,
        organization=organization,
        program=program,
        categories=categories,
        needs=needs,
        deficit_competencies=clean_phrases(deficit_competencies or []),
        interests=clean_phrases(interests or []),
        free_time=clean_phrases(free_time or []),
        source=source,
        created_by=created_by,
        status_changed_at=timezone.now(),
    )
    if response is not None:
        response_attach(response=response, subject=mentee_request)
    return mentee_request


@transaction.atomic
def request_analyse(
    *,
    request: MenteeRequest,
    analysis: str,
    needs_psychologist: bool = False,
    categories: list[str] | None = None,
    deficit_competencies: list[str] | None = None,
    analysed_by=None,
) -> MenteeRequest:
    """The curator's analysis (seed 001, 2.3): refine the categories and deficits; a new request becomes analysed."""
    analysis = analysis.strip()
    if not analysis:
        raise ValidationError(_("Напишите анализ запроса."), code="analysis_empty")
    if request.status in (Status.CLOSED, Status.WITHDRAWN):
        raise ValidationError(_("Запрос закрыт: анализ уже не нужен."), code="request_closed")
    if categories is not None:
        request.categories = validate_categories(categories, teacher=request.person.category == Person.Category.TEACHER)
    if deficit_competencies is not None:
        request.deficit_competencies = clean_phrases(deficit_competencies)
    request.curator_analysis = analysis
    request.needs_psychologist = needs_psychologist
    request.analysed_at = timezone.now()
    request.analysed_by = analysed_by
    if request.status == Status.NEW:
        request.status = Status.ANALYSED
        request.status_changed_at = request.analysed_at
    request.save()
    return request


def request_next_statuses(*, request: MenteeRequest) -> list[str]:
    """The statuses the request may move to, in the order of the Status choices (for the page's buttons)."""
    allowed = REQUEST_TRANSITIONS[request.status]
    return [s for s in Status.values if s in allowed]


@transaction.atomic
def request_status_set(*, request: MenteeRequest, status: str, changed_by=None) -> MenteeRequest:
    if status not in Status.values:
        raise ValidationError(_("Неизвестный статус запроса."), code="status_unknown")
    if status not in REQUEST_TRANSITIONS[request.status]:
        raise ValidationError(
            _("Нельзя перевести запрос из статуса «%(old)s» в статус «%(new)s».")
            % {"old": request.get_status_display(), "new": Status(status).label},
            code="transition_refused",
        )
    if status == Status.ANALYSED and not request.curator_analysis.strip():
        raise ValidationError(_("Сначала запишите анализ запроса."), code="analysis_missing")
    if status in (Status.IN_BASE, Status.MATCHED, Status.SEARCHING):
        # Consent may have lapsed since the request was taken: check again before the person enters the base.
        consent_required(person=request.person)
    request.status = status
    request.status_changed_at = timezone.now()
    request.save(update_fields=["status", "status_changed_at"])
    return request


# --- mentor base --------------------------------------------------------------------------------------------------


def _validate_candidate_fields(
    *, category: str, mentor_type: str, capacity: int, age_from: int | None, age_to: int | None
) -> None:
    if category not in MentorCandidate.Category.values:
        raise ValidationError(_("Неизвестная категория наставника."), code="category_unknown")
    if mentor_type and mentor_type not in MentorCandidate.MentorType.values:
        raise ValidationError(_("Неизвестный тип наставника."), code="mentor_type_unknown")
    if not 1 <= capacity <= CAPACITY_MAX:
        raise ValidationError(
            _("Наставник может вести от 1 до %(n)d наставляемых.") % {"n": CAPACITY_MAX}, code="capacity_range"
        )
    if age_from is not None and age_to is not None and age_from > age_to:
        raise ValidationError(_("Возраст наставляемых «от» не может быть больше, чем «до»."), code="age_range_reversed")


def _validate_candidate_person(*, person: Person, organization: Organization, category: str) -> None:
    pupil_outside = person.category != Person.Category.PUPIL or person.organization_id != organization.pk
    if category == MentorCandidate.Category.PUPIL and pupil_outside:
        raise ValidationError(
            _("Наставником-обучающимся может быть только обучающийся этой организации."), code="pupil_mentor"
        )
    if category == MentorCandidate.Category.TEACHER and person.category != Person.Category.TEACHER:
        raise ValidationError(
            _("Категория «Педагог» подходит только педагогу. Выберите другую категорию."), code="teacher_mentor"
        )


@transaction.atomic
def candidate_create(
    *,
    person: Person,
    organization: Organization,
    category: str,
    mentor_type: str = "",
    experience: str = "",
    competencies: list[str] | None = None,
    interests: list[str] | None = None,
    free_time: list[str] | None = None,
    preferred_age_from: int | None = None,
    preferred_age_to: int | None = None,
    capacity: int = 1,
    portfolio: str = "",
    motivation: str = "",
    response: Response | None = None,
    created_by=None,
) -> MentorCandidate:
    """Put a person into the mentor base, by hand or from their «Чем я могу быть полезен» questionnaire.

    The questionnaire response itself stays in surveys, linked to the candidate as its subject
    (`response`); only the fields matching needs are copied here.
    """
    consent_required(person=person)
    _response_fits(response=response, person=person)
    _validate_candidate_fields(
        category=category,
        mentor_type=mentor_type,
        capacity=capacity,
        age_from=preferred_age_from,
        age_to=preferred_age_to,
    )
    _validate_candidate_person(person=person, organization=organization, category=category)
    if MentorCandidate.objects.filter(person=person, organization=organization).exists():
        raise ValidationError(
            _("%(person)s уже есть в базе наставников этой организации.") % {"person": person.short_name},
            code="candidate_duplicate",
        )
    candidate = MentorCandidate.objects.create(
        person=person,
        organization=organization,
        category=category,
        mentor_type=mentor_type,
        experience=experience.strip(),
        competencies=clean_phrases(competencies or []),
        interests=clean_phrases(interests or []),
        free_time=clean_phrases(free_time or []),
        preferred_age_from=preferred_age_from,
        preferred_age_to=preferred_age_to,
        capacity=capacity,
        portfolio=portfolio.strip(),
        motivation=motivation.strip(),
        created_by=created_by,
    )
    if response is not None:
        response_attach(response=response, subject=candidate)
    return candidate


@transaction.atomic
def interview_record(
    *,
    candidate: MentorCandidate,
    date: dt.date,
    interviewer: Person | None,
    outcome: str,
    notes: str = "",
    created_by=None,
) -> Interview:
    """Record a selection interview; a fresh candidate becomes «прошёл собеседование»."""
    if outcome not in Interview.Outcome.values:
        raise ValidationError(_("Укажите итог собеседования."), code="outcome_unknown")
    if candidate.status in (CandidateStatus.REJECTED, CandidateStatus.WITHDRAWN):
        raise ValidationError(
            _("Кандидат «%(status)s»: собеседование не проводится.") % {"status": candidate.get_status_display()},
            code="candidate_closed",
        )
    if date > timezone.localdate():
        raise ValidationError(_("Собеседование ещё не состоялось: дата в будущем."), code="interview_future")
    interview = Interview.objects.create(
        candidate=candidate,
        date=date,
        interviewer=interviewer,
        outcome=outcome,
        notes=notes.strip(),
        created_by=created_by,
    )
    if candidate.status == CandidateStatus.CANDIDATE:
        candidate.status = CandidateStatus.INTERVIEWED
        candidate.save(update_fields=["status"])
    return interview


# cycle: the protocol's «Рекомендуемый тип наставника» as the candidate record stores it.
PROTOCOL_MENTOR_TYPE = {
    "Консультант": MentorCandidate.MentorType.CONSULTANT,
    "Предметник": MentorCandidate.MentorType.SUBJECT,
}


def interview_protocol_initial(*, interview: Interview) -> dict[str, Any]:
    """cycle: the protocol starts from what the interview already records: its date and who held it."""
    initial: dict[str, Any] = {"held_on": interview.date}
    if interview.interviewer is not None:
        initial["interviewers"] = interview.interviewer.full_name
    return initial


@transaction.atomic
def interview_protocol_save(
    *, interview: Interview, version, answers: dict[str, Any], respondent: Person | None, submitted_by=None
):
    """Store the filled «interview_record» questionnaire on the interview; its recommended mentor type reaches the
    candidate record (where matching and the registry read it)."""
    from nastavnik.surveys import services as survey_services

    candidate = interview.candidate
    response = survey_services.response_submit(
        version=version,
        answers=answers,
        respondent=respondent,
        about=candidate.person,
        subject=interview,
        submitted_by=submitted_by,
        organization=candidate.organization,
    )
    mentor_type = PROTOCOL_MENTOR_TYPE.get(answers.get("mentor_type") or "")
    if mentor_type and candidate.mentor_type != mentor_type:
        candidate.mentor_type = mentor_type
        candidate.save(update_fields=["mentor_type"])
    return response


def latest_interview(*, candidate: MentorCandidate) -> Interview | None:
    return candidate.interviews.order_by("-date", "-created_at").first()


@transaction.atomic
def candidate_approve(*, candidate: MentorCandidate, note: str = "", decided_by=None) -> MentorCandidate:
    """Select the candidate for the mentor registry; the director's order then approves the registry."""
    if candidate.status != CandidateStatus.INTERVIEWED:
        raise ValidationError(
            _("Отобрать можно только кандидата, прошедшего собеседование (сейчас: «%(status)s»).")
            % {"status": candidate.get_status_display()},
            code="approve_status",
        )
    last = latest_interview(candidate=candidate)
    if last is None or last.outcome == Interview.Outcome.NOT_RECOMMENDED:
        raise ValidationError(
            _("По итогам собеседования кандидат не рекомендован: включить его в реестр нельзя."),
            code="approve_not_recommended",
        )
    consent_required(person=candidate.person)
    candidate.status = CandidateStatus.APPROVED
    if note.strip():
        candidate.decision_note = note.strip()
    candidate.save(update_fields=["status", "decision_note"])
    return candidate


@transaction.atomic
def candidate_reject(*, candidate: MentorCandidate, note: str, decided_by=None) -> MentorCandidate:
    if not note.strip():
        raise ValidationError(_("Укажите причину: кандидат увидит решение в своей карточке."), code="reject_note")
    if candidate.status in (CandidateStatus.REJECTED, CandidateStatus.WITHDRAWN):
        raise ValidationError(_("Кандидат уже выбыл из отбора."), code="reject_status")
    if candidate.pk in registry_orders(organization=candidate.organization):
        raise ValidationError(
            _("Наставник уже утверждён приказом в реестре: исключить его можно только новым приказом."),
            code="reject_in_registry",
        )
    candidate.status = CandidateStatus.REJECTED
    candidate.decision_note = note.strip()
    candidate.save(update_fields=["status", "decision_note"])
    return candidate


# --- selection criteria -------------------------------------------------------------------------------------------


def _open_requests(*, organization: Organization, program: Program | None):
    qs = MenteeRequest.objects.filter(organization=organization, status__in=OPEN_REQUEST_STATUSES)
    return qs.filter(program=program) if program is not None else qs


@transaction.atomic
def criteria_derive(*, organization: Organization, program: Program | None = None) -> list[SelectionCriterion]:
    """Rank what mentors must bring by how many open requests ask for it (seed 000: criteria from the requests).

    Derived criteria are recomputed from scratch; criteria the curator added by hand are kept.
    """
    _same_org_program(organization=organization, program=program)
    by_category: Counter[str] = Counter()
    by_competency: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for categories, deficits in _open_requests(organization=organization, program=program).values_list(
        "categories", "deficit_competencies"
    ):
        by_category.update(set(categories or []) & set(CRITERION_FOR_CATEGORY))
        keys = set()
        for phrase in clean_phrases(deficits or []):
            key = phrase.casefold()
            spelling.setdefault(key, phrase)
            keys.add(key)
        by_competency.update(keys)
    scope = SelectionCriterion.objects.filter(organization=organization, program=program)
    scope.exclude(derived_from=SelectionCriterion.Source.MANUAL).delete()
    rows = [
        SelectionCriterion(
            organization=organization,
            program=program,
            text=str(CRITERION_FOR_CATEGORY[code]),
            derived_from=SelectionCriterion.Source.CATEGORY,
            source_key=code,
            weight=n,
        )
        for code, n in by_category.items()
    ] + [
        SelectionCriterion(
            organization=organization,
            program=program,
            text=_sentence_case(spelling[key])[:300],
            derived_from=SelectionCriterion.Source.COMPETENCY,
            source_key=key[:300],
            weight=n,
        )
        for key, n in by_competency.items()
    ]
    SelectionCriterion.objects.bulk_create(rows)
    return list(scope.order_by("-weight", "text"))


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


@transaction.atomic
def criterion_add(
    *, organization: Organization, text: str, program: Program | None = None, weight: int = 0
) -> SelectionCriterion:
    _same_org_program(organization=organization, program=program)
    text = " ".join(text.split())
    if not text:
        raise ValidationError(_("Сформулируйте критерий."), code="criterion_empty")
    key = text.casefold()[:300]
    if SelectionCriterion.objects.filter(
        organization=organization, program=program, derived_from=SelectionCriterion.Source.MANUAL, source_key=key
    ).exists():
        raise ValidationError(_("Такой критерий уже есть."), code="criterion_duplicate")
    return SelectionCriterion.objects.create(
        organization=organization,
        program=program,
        text=text[:300],
        derived_from=SelectionCriterion.Source.MANUAL,
        source_key=key,
        weight=weight,
    )


# --- the mentor registry and agreements --------------------------------------------------------------------------


@transaction.atomic
def registry_approve(
    *, organization: Organization, date: dt.date, signed_by: Person | None = None, created_by=None
) -> Order:
    """Prepare the director's order approving the mentor registry (seed 001, 4.1): a draft that waits for the
    head's signature; the candidates it names are approved when it is signed (`registry_order_signed`).

    `signed_by` empty means the organisation's head signs (documents picks the director).
    """
    if Order.objects.filter(
        organization=organization, kind=Order.Kind.APPROVE_MENTOR_REGISTRY, status=Order.Status.DRAFT
    ).exists():
        raise ValidationError(
            _("Проект приказа об утверждении реестра уже ждёт подписи руководителя."), code="registry_draft_waiting"
        )
    mentors = list(approved_mentors(organization=organization))
    if not mentors:
        raise ValidationError(
            _("В реестре нет ни одного отобранного наставника: сначала проведите собеседования и отбор."),
            code="registry_empty",
        )
    return order_prepare(
        organization=organization,
        kind=Order.Kind.APPROVE_MENTOR_REGISTRY,
        date=date,
        payload={"candidate_ids": [c.pk for c in mentors]},
        signed_by=signed_by,
        created_by=created_by,
    )


def registry_order_signed(*, order: Order, signed_by_user) -> None:
    """Effect of the signed registry order (registered with documents in IntakeConfig.ready): the mentors it names
    are in the registry from the order's date."""
    ids = [int(m["candidate_id"]) for m in order.payload.get("mentors", []) if m.get("candidate_id")]
    MentorCandidate.objects.filter(pk__in=ids, organization=order.organization, approved_on__isnull=True).update(
        approved_on=order.date
    )


def _next_agreement_number(*, organization: Organization, year: int) -> str:
    taken = set(Agreement.objects.filter(organization=organization).values_list("number", flat=True))
    n = Agreement.objects.filter(organization=organization, date__year=year).count() + 1
    while f"{n}/{year}" in taken:
        n += 1
    return f"{n}/{year}"


@transaction.atomic
def agreement_issue(
    *,
    candidate: MentorCandidate,
    date: dt.date,
    term_until: dt.date,
    signed_by: Person | None = None,
    created_by=None,
) -> Agreement:
    """A free cooperation agreement with an external mentor (seed 003 §4.14), generated as DOCX."""
    if not candidate.is_external:
        raise ValidationError(
            _("Договор о сотрудничестве заключают только с внешними наставниками (не сотрудниками организации)."),
            code="agreement_not_external",
        )
    if candidate.status in (CandidateStatus.REJECTED, CandidateStatus.WITHDRAWN):
        raise ValidationError(_("Кандидат выбыл из отбора: договор не заключается."), code="agreement_status")
    if term_until <= date:
        raise ValidationError(_("Срок действия договора должен быть позже даты заключения."), code="agreement_term")
    consent_required(person=candidate.person)
    organization = candidate.organization
    agreement = Agreement.objects.create(
        organization=organization,
        candidate=candidate,
        number=_next_agreement_number(organization=organization, year=date.year),
        date=date,
        term_until=term_until,
        created_by=created_by,
    )
    docx = agreement_render(
        mentor_person=candidate.person,
        organization=organization,
        date=date,
        number=agreement.number,
        term_until=term_until,
        focus="; ".join(candidate.competencies or []),
        signed_by=signed_by,
    )
    agreement.file.save(f"dogovor_{agreement.number.replace('/', '-')}.docx", ContentFile(docx), save=True)
    return agreement


# --- the mentor school --------------------------------------------------------------------------------------------


@transaction.atomic
def training_create(
    *,
    organization: Organization,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    description: str = "",
    program: Program | None = None,
    created_by=None,
) -> Training:
    _same_org_program(organization=organization, program=program)
    if not title.strip():
        raise ValidationError(_("Укажите название обучения."), code="training_title")
    if ends_on < starts_on:
        raise ValidationError(_("Окончание обучения раньше его начала."), code="training_period")
    return Training.objects.create(
        organization=organization,
        program=program,
        title=title.strip(),
        description=description.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=created_by,
    )


@transaction.atomic
def training_order_issue(
    *,
    training: Training,
    date: dt.date,
    responsible: Person,
    signed_by: Person | None = None,
    created_by=None,
) -> Order:
    """The order organising the mentor school, with its programme and schedule (seed 003 §10): prepared as a draft
    the head signs; the training shows it from the start and its number once signed."""
    sessions = list(training.sessions.order_by("number"))
    if not sessions:
        raise ValidationError(_("Сначала составьте график: добавьте занятия."), code="order_no_sessions")
    schedule = []
    for s in sessions:
        start = timezone.localtime(s.starts_at)
        end = start + dt.timedelta(minutes=int(s.hours * 60))
        schedule.append(
            {
                "date": start.date().isoformat(),
                "time": f"{start:%H:%M}–{end:%H:%M}",
                "topic": s.topic,
                "responsible": s.responsible,
            }
        )
    order = order_prepare(
        organization=training.organization,
        kind=Order.Kind.MENTOR_SCHOOL,
        date=date,
        program=training.program,
        payload={
            "starts_on": training.starts_on.isoformat(),
            "ends_on": training.ends_on.isoformat(),
            "responsible_id": responsible.pk,
            "topics": training.description.strip() or "\n".join(s.topic for s in sessions),
            "schedule": schedule,
        },
        signed_by=signed_by,
        created_by=created_by,
    )
    training.order = order
    training.save(update_fields=["order"])
    return order


@transaction.atomic
def session_add(
    *,
    training: Training,
    starts_at: dt.datetime,
    topic: str,
    hours: Decimal | float | int = 2,
    responsible: str = "",
    number: int | None = None,
) -> TrainingSession:
    if not topic.strip():
        raise ValidationError(_("Укажите тему занятия."), code="session_topic")
    hours = Decimal(str(hours))
    if hours <= 0:
        raise ValidationError(_("Продолжительность занятия должна быть больше нуля."), code="session_hours")
    day = timezone.localtime(starts_at).date() if timezone.is_aware(starts_at) else starts_at.date()
    if not training.starts_on <= day <= training.ends_on:
        raise ValidationError(
            _("Дата занятия вне сроков обучения (%(start)s – %(end)s).")
            % {"start": f"{training.starts_on:%d.%m.%Y}", "end": f"{training.ends_on:%d.%m.%Y}"},
            code="session_outside",
        )
    if number is None:
        number = (training.sessions.aggregate(m=Max("number"))["m"] or 0) + 1
    elif training.sessions.filter(number=number).exists():
        raise ValidationError(_("Занятие № %(n)d уже есть.") % {"n": number}, code="session_number")
    return TrainingSession.objects.create(
        training=training,
        number=number,
        starts_at=starts_at,
        topic=topic.strip(),
        hours=hours,
        responsible=responsible.strip(),
    )


@transaction.atomic
def training_enrol(*, training: Training, candidate: MentorCandidate) -> TrainingEnrolment:
    if candidate.organization_id != training.organization_id:
        raise ValidationError(_("Кандидат из базы другой организации."), code="enrol_other_org")
    if candidate.status in (CandidateStatus.REJECTED, CandidateStatus.WITHDRAWN):
        raise ValidationError(_("Кандидат выбыл из отбора: записать на обучение нельзя."), code="enrol_status")
    if training.enrolments.filter(candidate=candidate).exists():
        raise ValidationError(
            _("%(person)s уже записан(а) на это обучение.") % {"person": candidate.person.short_name},
            code="enrol_duplicate",
        )
    return TrainingEnrolment.objects.create(training=training, candidate=candidate)


def _session_day(session: TrainingSession) -> dt.date:
    return timezone.localtime(session.starts_at).date()


@transaction.atomic
def attendance_mark(*, session: TrainingSession, enrolment: TrainingEnrolment, present: bool) -> Attendance:
    if session.training_id != enrolment.training_id:
        raise ValidationError(_("Слушатель записан на другое обучение."), code="attendance_other_training")
    if enrolment.completed_on:
        raise ValidationError(
            _("Обучение слушателя уже завершено: посещаемость не меняется."), code="attendance_completed"
        )
    if _session_day(session) > timezone.localdate():
        raise ValidationError(_("Занятие ещё не прошло: отметить посещение нельзя."), code="attendance_future")
    enrolled_on = timezone.localtime(enrolment.enrolled_at).date()
    if present and _session_day(session) < enrolled_on:
        # cycle: a listener enrolled today did not attend the sessions held before.
        raise ValidationError(
            _("Слушатель записан на обучение %(d)s: отметить присутствие на более раннем занятии нельзя.")
            % {"d": enrolled_on.strftime("%d.%m.%Y")},
            code="attendance_before_enrolment",
        )
    attendance, _created = Attendance.objects.update_or_create(
        session=session, enrolment=enrolment, defaults={"present": present}
    )
    return attendance


def attendance_share(*, enrolment: TrainingEnrolment, on: dt.date | None = None) -> tuple[int, int]:
    """(sessions attended up to the day `on`, ALL sessions of the training): the share is of the whole course."""
    on = on or timezone.localdate()
    sessions = list(enrolment.training.sessions.all())
    held = [s for s in sessions if _session_day(s) <= on]
    present = set(enrolment.attendance.filter(present=True).values_list("session_id", flat=True))
    return sum(1 for s in held if s.pk in present), len(sessions)


def _next_certificate_number(*, enrolment: TrainingEnrolment) -> str:
    taken = set(
        TrainingEnrolment.objects.filter(training=enrolment.training)
        .exclude(certificate_number="")
        .values_list("certificate_number", flat=True)
    )
    n = len(taken) + 1
    while f"ШН-{enrolment.training_id}-{n:03d}" in taken:
        n += 1
    return f"ШН-{enrolment.training_id}-{n:03d}"


@transaction.atomic
def enrolment_complete(
    *, enrolment: TrainingEnrolment, completed_on: dt.date, certificate_number: str = ""
) -> TrainingEnrolment:
    """Mark the mentor school completed, if the listener attended enough of the sessions held."""
    if enrolment.completed_on:
        raise ValidationError(_("Обучение уже отмечено как завершённое."), code="complete_twice")
    if completed_on > timezone.localdate():
        raise ValidationError(_("Дата завершения не может быть в будущем."), code="complete_future")
    attended, held = attendance_share(enrolment=enrolment, on=completed_on)
    days = [_session_day(s) for s in enrolment.training.sessions.all()]
    refusal = completion_refusal(attended=attended, total=held, last_day=max(days, default=None), on=completed_on)
    if refusal == "no_sessions":
        raise ValidationError(_("В обучении нет ни одного занятия."), code="complete_no_sessions")
    if refusal == "not_finished":
        raise ValidationError(
            _("Обучение завершается после последнего занятия (%(d)s): отметить завершение раньше нельзя.")
            % {"d": max(days).strftime("%d.%m.%Y")},
            code="complete_not_finished",
        )
    if refusal == "attendance":
        raise ValidationError(
            _(
                "Для завершения обучения нужно посетить не менее %(share)d%% всех занятий; "
                "%(person)s посетил(а) %(attended)d из %(held)d."
            )
            % {
                "share": round(100 * MIN_ATTENDANCE_SHARE),
                "person": enrolment.candidate.person.short_name,
                "attended": attended,
                "held": held,
            },
            code="complete_attendance",
        )
    certificate_number = certificate_number.strip()
    if certificate_number and (
        TrainingEnrolment.objects.filter(training=enrolment.training, certificate_number=certificate_number)
        .exclude(pk=enrolment.pk)
        .exists()
    ):
        raise ValidationError(_("Сертификат с таким номером уже выдан."), code="certificate_duplicate")
    enrolment.completed_on = completed_on
    enrolment.certificate_number = certificate_number or _next_certificate_number(enrolment=enrolment)
    enrolment.save(update_fields=["completed_on", "certificate_number"])
    return enrolment
