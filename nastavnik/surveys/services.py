"""Writes of the questionnaire engine: installing templates, the curator's builder, answers and one-time links.

A version that has responses is never changed. Builder edits aimed at such a version go, transparently, to a new
draft version (a copy of it), which the curator then publishes; the old answers keep pointing at the old questions.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.notifications import notify
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import consent_active
from nastavnik.surveys import catalog, selectors
from nastavnik.surveys.answers import answer_clean
from nastavnik.surveys.models import Answer, Invitation, Question, Response, Section, Survey, SurveyVersion
from nastavnik.surveys.spec import question_clean, spec_normalize

INVITATION_MAX_DAYS = 90
# The builder's field names differ from the spec's for the bounds; errors are reported under the builder's names.
_SPEC_TO_FIELD = {"min": "min_value", "max": "max_value"}


def consent_missing_message() -> str:
    return _(
        "Нет действующего согласия на обработку персональных данных для анкетирования. Ответы не сохранены. "
        "Согласие оформляет куратор программы; за несовершеннолетнего его даёт родитель (законный представитель)."
    )


def consent_missing_for_link(*, person: Person) -> str:
    """cycle: the curator's reason why a questionnaire link is not issued."""
    if person.is_minor:
        return _(
            "Ссылка не создана: нет действующего согласия на анкетирование (%(name)s). За несовершеннолетнего "
            "согласие даёт родитель (законный представитель) — подготовьте согласие и передайте его родителю."
        ) % {"name": person.short_name}
    return _(
        "Ссылка не создана: нет действующего согласия на анкетирование (%(name)s). Сначала подготовьте и "
        "оформите согласие."
    ) % {"name": person.short_name}


# --- installing specs -----------------------------------------------------------------------------------------


def _version_build(*, survey: Survey, number: int, sections: list[dict], published: bool, created_by=None):
    version = SurveyVersion.objects.create(
        survey=survey, number=number, published_at=timezone.now() if published else None, created_by=created_by
    )
    for s_pos, section_spec in enumerate(sections):
        section = Section.objects.create(version=version, title=section_spec["title"], position=s_pos)
        Question.objects.bulk_create(
            Question(version=version, section=section, position=q_pos, **_question_fields(q))
            for q_pos, q in enumerate(section_spec["questions"])
        )
    return version


def _question_fields(q: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": q["code"],
        "text": q["text"],
        "help": q["help"],
        "type": q["type"],
        "required": q["required"],
        "options": q["options"],
        "min_value": q["min"],
        "max_value": q["max"],
        "labels": q["labels"],
    }


@transaction.atomic
def survey_ensure(*, spec: dict[str, Any], organization: Organization | None = None) -> SurveyVersion:
    """Install a spec; a new published version only when its questions differ from the latest version's."""
    clean = spec_normalize(spec)
    survey, created = Survey.objects.select_for_update(of=("self",)).get_or_create(
        organization=organization,
        code=clean["code"],
        defaults={"title": clean["title"], "description": clean["description"], "purpose": clean["purpose"]},
    )
    header = {"title": clean["title"], "description": clean["description"], "purpose": clean["purpose"]}
    if not created and any(getattr(survey, k) != v for k, v in header.items()):
        # Title and introduction are not answers' context in the same way questions are: updated in place.
        Survey.objects.filter(pk=survey.pk).update(**header)
    latest = survey.versions.order_by("-number").first()
    if latest is not None and selectors.version_spec(version=latest)["sections"] == clean["sections"]:
        if not latest.is_published:
            latest.published_at = timezone.now()
            latest.save(update_fields=["published_at"])
        return latest
    number = latest.number + 1 if latest else 1
    return _version_build(survey=survey, number=number, sections=clean["sections"], published=True)


def catalog_install() -> None:
    """Install every catalogue spec (the shipped ones and those other apps registered); safe to run repeatedly."""
    for spec in catalog.SPECS.values():
        survey_ensure(spec=spec)


# --- answers --------------------------------------------------------------------------------------------------


def _clean_answers(questions: list[Question], answers: dict[str, Any]) -> dict[Question, Any]:
    by_code = {q.code: q for q in questions}
    errors: dict[str, list[str]] = {}
    for code in answers:
        if code not in by_code:
            errors[code] = [_("Такого вопроса нет в этой анкете.")]
    cleaned: dict[Question, Any] = {}
    for question in questions:
        try:
            value = answer_clean(question, answers.get(question.code))
        except ValidationError as exc:
            errors[question.code] = exc.messages
            continue
        if value is not None:
            cleaned[question] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _subject_fields(subject) -> dict[str, Any]:
    if subject is None:
        return {"content_type": None, "object_id": None}
    return {"content_type": ContentType.objects.get_for_model(subject), "object_id": subject.pk}


@transaction.atomic
def response_submit(
    *,
    version: SurveyVersion,
    answers: dict[str, Any],
    respondent: Person | None,
    about: Person | None = None,
    subject=None,
    submitted_by=None,
    organization: Organization | None = None,
    submitted_at: dt.datetime | None = None,
) -> Response:
    """Check every answer and store the filled questionnaire, or raise ValidationError and store nothing.

    The person the answers are about (`about`, else the respondent) must have an active consent for questionnaires.
    Errors are keyed by question code; a missing consent is a non-field error with code "no_consent".
    """
    # Lock the version so that a builder edit cannot change it in place while answers to it are being stored.
    version = SurveyVersion.objects.select_for_update(of=("self",)).select_related("survey").get(pk=version.pk)
    if not version.is_published:
        raise ValidationError(_("Эта анкета ещё не опубликована: заполнять её пока нельзя."), code="draft")
    data_subject = about or respondent
    if data_subject is not None and not consent_active(person=data_subject, purpose=Consent.Purpose.QUESTIONNAIRES):
        raise ValidationError(consent_missing_message(), code="no_consent")
    cleaned = _clean_answers(list(version.questions.all()), answers)
    if organization is None:
        organization_id = version.survey.organization_id or getattr(data_subject, "organization_id", None)
    else:
        organization_id = organization.pk
    response = Response.objects.create(
        version=version,
        organization_id=organization_id,
        respondent=respondent,
        about=about or respondent,
        submitted_by=submitted_by,
        submitted_at=submitted_at or timezone.now(),
        **_subject_fields(subject),
    )
    Answer.objects.bulk_create(Answer(response=response, question=q, value=v) for q, v in cleaned.items())
    return response


@transaction.atomic
def responses_delete_about(*, person: Person) -> int:
    """Destroy every filled questionnaire about a person (consent withdrawn): returns how many were deleted."""
    responses = Response.objects.filter(about=person)
    count = responses.count()
    responses.delete()  # answers go with them; a used invitation keeps only its used_at
    return count


# --- one-time links -------------------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *,
    version: SurveyVersion,
    person: Person,
    subject=None,
    created_by=None,
    days: int = 14,
    about: Person | None = None,
) -> Invitation:
    if not version.is_published:
        raise ValidationError(_("Сначала опубликуйте анкету: по ссылке можно заполнить только опубликованную."))
    if person.anonymised_at is not None:
        raise ValidationError(_("Данные этого человека обезличены: приглашение отправить нельзя."))
    if not 1 <= days <= INVITATION_MAX_DAYS:
        raise ValidationError({"days": _("Срок действия ссылки — от 1 до 90 дней.")})
    # cycle: refuse when issuing, to the curator, rather than let the person (a child) meet the refusal.
    data_subject = about or person
    if not consent_active(person=data_subject, purpose=Consent.Purpose.QUESTIONNAIRES):
        raise ValidationError(consent_missing_for_link(person=data_subject), code="no_consent")
    return Invitation.objects.create(
        version=version,
        person=person,
        about=about if about is not None and about != person else None,
        expires_at=timezone.now() + dt.timedelta(days=days),
        created_by=created_by,
        **_subject_fields(subject),
    )


@transaction.atomic
def invitation_use(*, invitation: Invitation, answers: dict[str, Any], submitted_by=None) -> Response:
    """Fill the questionnaire of a one-time link: the link works once and only until it expires."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("version__survey", "person", "about")
        .get(pk=invitation.pk)
    )
    if invitation.is_used:
        raise ValidationError(_("По этой ссылке анкета уже заполнена. Спасибо!"), code="used")
    if invitation.is_expired:
        raise ValidationError(
            _("Срок действия ссылки истёк. Попросите куратора программы прислать новую."), code="expired"
        )
    response = response_submit(
        version=invitation.version,
        answers=answers,
        respondent=invitation.person,
        about=invitation.about,
        subject=invitation.subject,
        submitted_by=submitted_by,
        organization=invitation.version.survey.organization or invitation.person.organization,
    )
    invitation.used_at = timezone.now()
    invitation.response = response
    invitation.save(update_fields=["used_at", "response"])
    return response


def invitation_email(*, invitation: Invitation, link: str) -> bool:
    """Send the link to the person's e-mail; False when there is no address to send to."""
    person = invitation.person
    if not person.email:
        return False
    survey = invitation.version.survey
    organization = survey.organization or person.organization
    from nastavnik.surveys.audience import PUPIL, audience_of

    if audience_of(category=person.category) == PUPIL:  # cycle: a pupil is addressed as a pupil
        template = _(
            "Привет, %(name)s!\n\n%(org)s просит тебя заполнить анкету «%(title)s».\n"
            "Ссылка личная и одноразовая, действует до %(until)s:\n%(link)s\n\n"
            "Если письмо пришло по ошибке, просто удали его."
        )
    else:
        template = _(
            "Здравствуйте, %(name)s!\n\n%(org)s просит вас заполнить анкету «%(title)s».\n"
            "Ссылка личная и одноразовая, действует до %(until)s:\n%(link)s\n\n"
            "Если письмо пришло вам по ошибке, просто удалите его."
        )
    body = template % {
        "name": person.first_name,
        "org": organization.short_name if organization else _("Программа наставничества"),
        "title": survey.title,
        "until": timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y"),
        "link": link,
    }
    notify(to=person.email, subject=_("Анкета: %(title)s") % {"title": survey.title}, body=body)
    return True


# --- the curator's builder ------------------------------------------------------------------------------------


@dataclass
class _Target:
    """Where a builder edit lands: the version itself, or its fresh copy when the version already has answers."""

    version: SurveyVersion
    sections: dict[int, Section] | None = None
    questions: dict[int, Question] | None = None

    def section(self, section: Section) -> Section:
        return section if self.sections is None else self.sections[section.pk]

    def question(self, question: Question) -> Question:
        return question if self.questions is None else self.questions[question.pk]


def _version_copy(*, source: SurveyVersion, survey: Survey, number: int, created_by=None) -> _Target:
    version = SurveyVersion.objects.create(survey=survey, number=number, created_by=created_by)
    sections = {
        s.pk: Section.objects.create(version=version, title=s.title, position=s.position) for s in source.sections.all()
    }
    questions = {}
    for q in source.questions.all():
        questions[q.pk] = Question.objects.create(
            version=version,
            section=sections[q.section_id],
            code=q.code,
            text=q.text,
            help=q.help,
            type=q.type,
            required=q.required,
            options=q.options,
            min_value=q.min_value,
            max_value=q.max_value,
            labels=q.labels,
            position=q.position,
        )
    return _Target(version=version, sections=sections, questions=questions)


def _editable(version: SurveyVersion) -> _Target:
    version = SurveyVersion.objects.select_for_update(of=("self",)).select_related("survey").get(pk=version.pk)
    if version.survey.is_catalog:
        raise ValidationError(
            _("Анкеты общего каталога не редактируются. Сделайте копию для своей организации и меняйте её.")
        )
    latest_number = version.survey.versions.aggregate(n=Max("number"))["n"]
    if version.number != latest_number:
        raise ValidationError(_("Изменять можно только последнюю версию анкеты."))
    if not version.is_frozen:
        return _Target(version=version)
    return _version_copy(source=version, survey=version.survey, number=version.number + 1)


def _next_code(version: SurveyVersion) -> str:
    taken = set(version.questions.values_list("code", flat=True))
    n = len(taken) + 1
    while f"q{n}" in taken:
        n += 1
    return f"q{n}"


def _question_definition(fields: dict[str, Any]) -> dict[str, Any]:
    """Check builder input with the same rules as catalogue specs; errors under the builder's field names."""
    try:
        return question_clean(
            {
                "text": fields.get("text"),
                "help": fields.get("help"),
                "type": fields.get("type"),
                "required": fields.get("required", True),
                "options": fields.get("options"),
                "min": fields.get("min_value"),
                "max": fields.get("max_value"),
                "labels": fields.get("labels"),
            }
        )
    except ValidationError as exc:
        raise ValidationError({_SPEC_TO_FIELD.get(k, k): v for k, v in exc.message_dict.items()}) from exc


def _unique_survey_code(organization: Organization, base: str) -> str:
    taken = set(Survey.objects.filter(organization=organization).values_list("code", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


@transaction.atomic
def survey_create(
    *,
    organization: Organization,
    title: str,
    purpose: str = Survey.Purpose.CUSTOM,
    description: str = "",
    created_by=None,
) -> Survey:
    """A new questionnaire of the organisation: a draft first version with one untitled section."""
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Напишите название анкеты.")})
    if purpose not in Survey.Purpose.values:
        raise ValidationError({"purpose": _("Выберите назначение анкеты из списка.")})
    survey = Survey.objects.create(
        organization=organization,
        code=_unique_survey_code(organization, f"{purpose.replace('_', '-')}-{secrets.token_hex(3)}"),
        title=title[:300],
        description=(description or "").strip(),
        purpose=purpose,
        created_by=created_by,
    )
    version = SurveyVersion.objects.create(survey=survey, number=1, created_by=created_by)
    Section.objects.create(version=version, title="", position=0)
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, title: str, description: str = "", purpose: str | None = None) -> Survey:
    if survey.is_catalog:
        raise ValidationError(_("Анкеты общего каталога не редактируются."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Напишите название анкеты.")})
    if purpose is not None and purpose not in Survey.Purpose.values:
        raise ValidationError({"purpose": _("Выберите назначение анкеты из списка.")})
    survey.title = title[:300]
    survey.description = (description or "").strip()
    survey.purpose = purpose or survey.purpose
    survey.save(update_fields=["title", "description", "purpose"])
    return survey


@transaction.atomic
def survey_copy(*, survey: Survey, organization: Organization, created_by=None) -> Survey:
    """The organisation's own editable copy of a questionnaire (usually from the catalogue), as a draft.

    The copy keeps the code when it is free, so once published it takes the catalogue one's place for this
    organisation (`selectors.latest_version(code=…, organization=…)` prefers the organisation's own).
    """
    versions = survey.versions.order_by("-number")
    source = versions.filter(published_at__isnull=False).first() or versions.first()
    if source is None:
        raise ValidationError(_("В анкете нет ни одной версии: копировать нечего."))
    copy = Survey.objects.create(
        organization=organization,
        code=_unique_survey_code(organization, survey.code),
        title=survey.title,
        description=survey.description,
        purpose=survey.purpose,
        created_by=created_by,
    )
    _version_copy(source=source, survey=copy, number=1, created_by=created_by)
    return copy


@transaction.atomic
def version_publish(*, version: SurveyVersion) -> SurveyVersion:
    if version.is_published:
        return version
    if not version.questions.exists():
        raise ValidationError(_("В анкете нет ни одного вопроса: публиковать нечего."))
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    return version


@transaction.atomic
def section_add(*, version: SurveyVersion, title: str) -> Section:
    target = _editable(version)
    position = (target.version.sections.aggregate(n=Max("position"))["n"] or 0) + 1
    return Section.objects.create(version=target.version, title=(title or "").strip()[:300], position=position)


@transaction.atomic
def section_update(*, section: Section, title: str) -> Section:
    target = _editable(section.version)
    section = target.section(section)
    section.title = (title or "").strip()[:300]
    section.save(update_fields=["title"])
    return section


@transaction.atomic
def section_delete(*, section: Section) -> SurveyVersion:
    if section.questions.exists():
        raise ValidationError(_("В разделе есть вопросы: сначала перенесите их в другой раздел или удалите."))
    target = _editable(section.version)
    target.section(section).delete()
    return target.version


@transaction.atomic
def question_add(*, version: SurveyVersion, section: Section | None = None, **fields: Any) -> Question:
    """Add a question at the end of a section (the last one when not given). Fields: text, type, required, help,
    options (list of strings), min_value, max_value, labels ([caption of min, caption of max])."""
    definition = _question_definition(fields)
    target = _editable(version)
    if section is not None and section.version_id != version.pk:
        raise ValidationError({"section": _("Этот раздел из другой анкеты.")})
    if section is None:
        section = target.version.sections.order_by("-position", "-pk").first() or Section.objects.create(
            version=target.version, title="", position=0
        )
    else:
        section = target.section(section)
    definition["code"] = _next_code(target.version)
    position = (section.questions.aggregate(n=Max("position"))["n"] or 0) + 1
    return Question.objects.create(
        version=target.version, section=section, position=position, **_question_fields(definition)
    )


@transaction.atomic
def question_update(*, question: Question, section: Section | None = None, **fields: Any) -> Question:
    """Change a question: the fields given (as in `question_add`) replace the current ones, the rest stay; a
    `section` of the same version moves it there."""
    current = {
        "text": question.text,
        "help": question.help,
        "type": question.type,
        "required": question.required,
        "options": question.options,
        "min_value": question.min_value,
        "max_value": question.max_value,
        "labels": question.labels,
    }
    definition = _question_definition({**current, **fields})
    if section is not None and section.version_id != question.version_id:
        raise ValidationError({"section": _("Этот раздел из другой анкеты.")})
    target = _editable(question.version)
    question = target.question(question)
    for name, value in _question_fields({**definition, "code": question.code}).items():
        setattr(question, name, value)
    if section is not None and target.section(section).pk != question.section_id:
        question.section = target.section(section)
        question.position = (question.section.questions.aggregate(n=Max("position"))["n"] or 0) + 1
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question) -> SurveyVersion:
    target = _editable(question.version)
    target.question(question).delete()
    return target.version


@transaction.atomic
def question_move(*, question: Question, direction: str) -> Question:
    """Move a question one place up or down; past the edge of its section it moves into the neighbouring one."""
    if direction not in {"up", "down"}:
        raise ValidationError(_("Неизвестное направление перемещения."))
    target = _editable(question.version)
    question = target.question(question)
    sections = list(target.version.sections.order_by("position", "pk"))
    siblings = list(question.section.questions.order_by("position", "pk"))
    index = siblings.index(question)
    step = -1 if direction == "up" else 1
    if 0 <= index + step < len(siblings):
        siblings[index], siblings[index + step] = siblings[index + step], siblings[index]
        _renumber(siblings)
        return question
    s_index = [s.pk for s in sections].index(question.section_id) + step
    if not 0 <= s_index < len(sections):
        return question  # already first or last in the questionnaire
    neighbour = sections[s_index]
    others = list(neighbour.questions.order_by("position", "pk"))
    question.section = neighbour
    _renumber([*others, question] if direction == "up" else [question, *others])
    _renumber([q for q in siblings if q.pk != question.pk])
    return question


def _renumber(questions: list[Question]) -> None:
    for position, q in enumerate(questions):
        q.position = position
    Question.objects.bulk_update(questions, ["position", "section"])
