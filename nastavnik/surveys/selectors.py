"""Reads of the questionnaire engine."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from nastavnik import policy
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.surveys.answers import answer_display
from nastavnik.surveys.models import Invitation, Question, Response, Section, Survey, SurveyVersion


def latest_version(*, code: str, organization: Organization | None = None) -> SurveyVersion | None:
    """The latest published version of a questionnaire by code.

    With an organisation, its own questionnaire of that code wins over the catalogue's (a curator's edited copy);
    without one, or when the organisation has none, the catalogue's. None when nothing is published under the code.
    """
    published = SurveyVersion.objects.filter(survey__code=code, published_at__isnull=False).select_related("survey")
    if organization is not None:
        own = published.filter(survey__organization=organization).order_by("-number").first()
        if own is not None:
            return own
    return published.filter(survey__organization__isnull=True).order_by("-number").first()


def version_structure(*, version: SurveyVersion) -> list[tuple[Section, list[Question]]]:
    """The sections of a version in order, each with its questions in order (two queries)."""
    sections = version.sections.order_by("position", "pk").prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position", "pk"))
    )
    return [(section, list(section.questions.all())) for section in sections]


def version_spec(*, version: SurveyVersion) -> dict[str, Any]:
    """A stored version in the catalogue's spec form (canonical, with defaults), e.g. to compare with a spec."""
    survey = version.survey
    return {
        "code": survey.code,
        "title": survey.title,
        "description": survey.description,
        "purpose": survey.purpose,
        "sections": [
            {
                "title": section.title,
                "questions": [
                    {
                        "code": q.code,
                        "text": q.text,
                        "help": q.help,
                        "type": q.type,
                        "required": q.required,
                        "options": q.options,
                        "min": q.min_value,
                        "max": q.max_value,
                        "labels": q.labels,
                    }
                    for q in questions
                ],
            }
            for section, questions in version_structure(version=version)
        ],
    }


def _subject_filter(subject) -> dict[str, Any]:
    return {"content_type": ContentType.objects.get_for_model(subject), "object_id": subject.pk}


def responses_for(*, subject) -> QuerySet[Response]:
    """Filled questionnaires attached to an object (a meeting, a mentor candidate …), newest first."""
    return Response.objects.filter(**_subject_filter(subject)).select_related("version__survey", "respondent", "about")


def response_answers(*, response: Response) -> list[tuple[Question, str]]:
    """Every question of the response's version in order, with the answer as a person reads it («—» if skipped)."""
    values = {a.question_id: a.value for a in response.answers.all()}
    return [
        (q, answer_display(q, values.get(q.pk)))
        for _section, questions in version_structure(version=response.version)
        for q in questions
    ]


def response_answer_values(*, response: Response) -> dict[str, Any]:
    """The stored answers keyed by question code: what other apps read to fill their records."""
    return {code: value for code, value in response.answers.values_list("question__code", "value")}


def manageable_organizations(*, user) -> QuerySet[Organization]:
    """Organisations where the user may build questionnaires and send links (intake staff)."""
    return Organization.objects.filter(pk__in=policy.staff_organizations(user, policy.INTAKE_STAFF))


def survey_list_for(*, user) -> QuerySet[Survey]:
    """The catalogue and the questionnaires of the organisations where the user is staff; empty for everyone else."""
    org_ids = policy.staff_organizations(user)
    if not org_ids:
        return Survey.objects.none()
    return (
        Survey.objects.filter(Q(organization__isnull=True) | Q(organization_id__in=org_ids))
        .select_related("organization")
        .annotate(last_number=Max("versions__number"))
        .order_by("organization__short_name", "title")
    )


def responses_visible(*, user, survey: Survey | None = None) -> QuerySet[Response]:
    """Responses the user may read: about people the policy lets them see, or anonymous ones of their organisations."""
    qs = Response.objects.select_related("version__survey", "respondent", "about", "organization")
    if survey is not None:
        qs = qs.filter(version__survey=survey)
    actor = policy.actor_for(user)
    if actor.is_superuser:
        return qs
    visible_people = policy.scope_people(user, Person.objects.all()).values("pk")
    own = {actor.person_id, *actor.ward_ids} - {None}
    staff_orgs = policy.staff_organizations(user)
    return qs.filter(
        Q(about__in=visible_people) | Q(about_id__in=own) | Q(about__isnull=True, organization_id__in=staff_orgs)
    )


def response_counts(*, surveys: list[Survey], user) -> dict[int, int]:
    rows = (
        responses_visible(user=user)
        .filter(version__survey__in=surveys)
        .values("version__survey")
        .annotate(n=Count("pk"))
    )
    return {row["version__survey"]: row["n"] for row in rows}


def invitation_by_token(*, token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("version__survey__organization", "person__organization", "about")
        .filter(token=token)
        .first()
    )


def invitations_open_for(*, person: Person) -> QuerySet[Invitation]:
    """A person's links that can still be filled, soonest to expire first."""
    return (
        Invitation.objects.filter(person=person, used_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("version__survey__organization", "person__organization")
        .order_by("expires_at")
    )


def invitations_of_survey(*, survey: Survey, user) -> QuerySet[Invitation]:
    """Links sent for a questionnaire to people the user may see."""
    visible_people = policy.scope_people(user, Person.objects.all()).values("pk")
    return (
        Invitation.objects.filter(version__survey=survey, person__in=visible_people)
        .select_related("person", "version")
        .order_by("-created_at")
    )
