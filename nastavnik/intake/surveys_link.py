"""How intake uses the questionnaire engine: links to send, answers to show, and fields read from answers.

The answers stay in surveys, tied to the request, candidate or interview as the response's subject; intake copies
only the structured fields that matching needs (categories, competencies, interests, free time, ages, capacity).
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from nastavnik.intake.models import MentorCandidate
from nastavnik.intake.vocabulary import PupilCategory, TeacherCategory
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.surveys import selectors as survey_selectors
from nastavnik.surveys import services as survey_services
from nastavnik.surveys.models import Invitation, Response

# Page kind → questionnaire code of the catalogue (or the organisation's own edited copy of it).
QUESTIONNAIRES = {"mentee": "mentee_request", "mentor": "mentor_candidate"}
INTERVIEW_CODE = "interview_record"


def version_for(*, code: str, organization: Organization):
    version = survey_selectors.latest_version(code=code, organization=organization)
    if version is None:
        raise ValidationError(
            _("Анкета «%(code)s» не опубликована: установите каталог анкет (nastavnik migrate).") % {"code": code},
            code="survey_missing",
        )
    return version


def invitation_url(*, request: HttpRequest, invitation: Invitation) -> str:
    """The public one-time address of an invitation (surveys' page that needs no login)."""
    return request.build_absolute_uri(reverse("survey_public", args=[invitation.token]))


def invite(*, request: HttpRequest, organization: Organization, kind: str, person: Person, days: int = 14) -> dict:
    """Create the person's one-time link (attached to their existing request or candidacy) and e-mail it if we can."""
    version = version_for(code=QUESTIONNAIRES[kind], organization=organization)
    subject = existing_record(organization=organization, kind=kind, person=person)
    invitation = survey_services.invitation_create(
        version=version, person=person, subject=subject, created_by=request.user, days=days
    )
    url = invitation_url(request=request, invitation=invitation)
    emailed = survey_services.invitation_email(invitation=invitation, link=url)
    return {"invitation": invitation, "url": url, "emailed": emailed, "person": person}


def existing_record(*, organization: Organization, kind: str, person: Person) -> Model | None:
    if kind == "mentor":
        return MentorCandidate.objects.filter(organization=organization, person=person).first()
    open_request = person.mentee_requests.filter(organization=organization).exclude(status__in=["closed", "withdrawn"])
    return open_request.first()


def answered(*, subject: Model) -> list[dict[str, Any]]:
    """Filled questionnaires attached to a record, each with its questions and answers as people read them."""
    return [
        {"response": r, "answers": survey_selectors.response_answers(response=r)}
        for r in survey_selectors.responses_for(subject=subject).order_by("-submitted_at")
    ]


def unattached(*, organization: Organization, kind: str) -> QuerySet[Response]:
    """Questionnaires filled for this organisation that no request or candidacy has taken in yet."""
    people = (
        Q(organization=organization) | Q(about__organization=organization) | Q(respondent__organization=organization)
    )
    # External mentors have no organisation: their answers belong here if this organisation's staff sent the link.
    sent_here = Q(invitation__created_by__person__memberships__organization=organization)
    return (
        Response.objects.filter(version__survey__code=QUESTIONNAIRES[kind], content_type__isnull=True)
        .filter(people | sent_here)
        .select_related("respondent", "about", "version__survey")
        .distinct()
        .order_by("-submitted_at")
    )


def waiting(*, organization: Organization, kind: str, limit: int = 20) -> list[dict[str, Any]]:
    """Free-standing responses for the base page, each with the person's existing record if there is one."""
    rows = []
    for response in unattached(organization=organization, kind=kind)[:limit]:
        person = response_person(response)
        record = existing_record(organization=organization, kind=kind, person=person) if person else None
        rows.append({"response": response, "person": person, "record": record})
    return rows


def free_response_of(*, organization: Organization, kind: str, person: Person) -> Response | None:
    return unattached(organization=organization, kind=kind).filter(Q(about=person) | Q(respondent=person)).first()


def response_attach(*, response: Response, subject: Model) -> None:
    """Tie a free-standing response to the record made from it (never re-ties one already attached)."""
    Response.objects.filter(pk=response.pk, content_type__isnull=True).update(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    )


def response_person(response: Response) -> Person | None:
    return response.about or response.respondent


# --- reading answers into structured fields ----------------------------------------------------------------------

CANDIDATE_CATEGORY = {
    "Обучающийся": MentorCandidate.Category.PUPIL,
    "Педагог или специалист образовательной организации": MentorCandidate.Category.TEACHER,
    "Родитель обучающегося": MentorCandidate.Category.PARENT,
    "Выпускник": MentorCandidate.Category.GRADUATE,
    "Сотрудник предприятия": MentorCandidate.Category.EMPLOYER,
    "Предприниматель или общественный деятель": MentorCandidate.Category.ENTREPRENEUR,
    "Ветеран педагогического труда": MentorCandidate.Category.VETERAN,
}
# Preferred mentee ages: the questionnaire asks in school terms, matching compares years. Matched by a telling part
# of the option's text, so that a curator's edited wording («Подростки, 5–9 класс») still reads.
AGE_BANDS = [
    ("1–4", (7, 10)),
    ("5–9", (11, 15)),
    ("10–11", (16, 18)),
    ("студент", (17, 23)),
    ("молод", (21, 35)),
    ("опытн", (30, 65)),
]
# Which request categories the mentee's «В чём нужна поддержка» suggests (the curator confirms in the analysis).
PUPIL_HINTS = [
    ("олимпиад", PupilCategory.GIFTED),
    ("учёба по", PupilCategory.LOW_RESULTS),
    ("общение", PupilCategory.DISENGAGED),
    ("жизни школы", PupilCategory.DISENGAGED),
    ("адаптация", PupilCategory.DISENGAGED),
]
TEACHER_HINTS = [
    ("адаптация", TeacherCategory.NEW_AT_WORKPLACE),
    ("цифров", TeacherCategory.DIGITAL_SKILLS),
    ("уверенность в себе", TeacherCategory.BURNOUT),
]
TEACHER_PREFIX = "Для педагогов:"
YOUNG_SPECIALIST_YEARS = 3


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _hinted(text: str, hints: list[tuple[str, Any]]) -> Any:
    folded = text.casefold()
    return next((value for keyword, value in hints if keyword in folded), None)


def _split(text: Any) -> list[str]:
    if isinstance(text, list):
        return [str(t) for t in text]
    return [part.strip() for part in re.split(r"[,;\n]", str(text or "")) if part.strip()]


def _join(*parts: tuple[str, Any]) -> str:
    return "\n".join(f"{label}: {value}" if label else str(value) for label, value in parts if value)


def candidate_initial(*, response: Response) -> dict[str, Any]:
    """Initial values of the candidate form from a «Чем я могу быть полезен» response."""
    a = survey_selectors.response_answer_values(response=response)
    mentor_type = str(a.get("mentor_type") or "")
    ages = [_hinted(str(band), AGE_BANDS) for band in a.get("mentee_age") or []]
    ages = [age for age in ages if age is not None]
    capacity = a.get("mentee_count")
    return {
        "person": response_person(response),
        "category": CANDIDATE_CATEGORY.get(a.get("category") or "", ""),
        "mentor_type": "consultant"
        if mentor_type.startswith("Консультант")
        else "subject"
        if mentor_type.startswith("Предметник")
        else "",
        "experience": _join(
            ("", a.get("life_experience")),
            (_("Чем готов поделиться"), a.get("can_share")),
            (_("Место работы или учёбы"), a.get("occupation")),
        ),
        "portfolio": a.get("professional_experience") or "",
        "competencies": list(a.get("competencies") or []),
        "interests": _split(a.get("interests")),
        "free_time": list(a.get("meeting_time") or []),
        "preferred_age_from": min(lo for lo, _hi in ages) if ages else None,
        "preferred_age_to": max(hi for _lo, hi in ages) if ages else None,
        "capacity": max(1, min(int(capacity), 30)) if isinstance(capacity, int | float) else 1,
        "motivation": a.get("motivation") or "",
    }


def request_initial(*, response: Response) -> dict[str, Any]:
    """Initial values of the request form from the mentee's own questionnaire."""
    a = survey_selectors.response_answer_values(response=response)
    person = response_person(response)
    teacher = person is not None and person.category == Person.Category.TEACHER
    areas = [_capfirst(str(area).removeprefix(TEACHER_PREFIX).strip()) for area in a.get("help_areas") or []]
    hints = TEACHER_HINTS if teacher else PUPIL_HINTS
    categories = [c for c in (_hinted(area, hints) for area in areas) if c is not None]
    if teacher and person.experience_years is not None and person.experience_years <= YOUNG_SPECIALIST_YEARS:
        categories.insert(0, TeacherCategory.YOUNG_SPECIALIST)
    return {
        "person": person,
        "categories": list(dict.fromkeys(str(c) for c in categories)),
        "needs": _join(
            ("", a.get("problem")),
            (_("Желаемый результат"), a.get("goal")),
            (_("Почему хочет участвовать"), a.get("why_join")),
        ),
        "deficit_competencies": areas,
        "interests": _split(a.get("interests")),
        "free_time": list(a.get("free_time") or []),
        "source": "self",
    }
