"""Writes for the programme's SWOT: sending the quality questionnaires and approving the SWOT table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.monitoring import quality, selectors, swot, swot_selectors
from nastavnik.monitoring.models import SwotAnalysis
from nastavnik.people.models import Person
from nastavnik.programs.models import Program
from nastavnik.surveys import selectors as survey_selectors
from nastavnik.surveys import services as survey_services
from nastavnik.surveys.models import Invitation

LINE_MAX = 500  # one line of the table
LINES_MAX = 30  # lines per quadrant


@dataclass
class QualitySendResult:
    sent: int = 0
    already: int = 0
    refused: list[tuple[Person, str]] = field(default_factory=list)  # person, reason


def _recipients(program: Program, sender: Person | None) -> list[tuple[Person, str]]:
    """Mentors and mentees of the programme's pairs get the participant's questionnaire; its curators (or, when it
    names none, the member of staff who sends it) get the curator's."""
    people = [(p.person, quality.PARTICIPANT_SURVEY) for p in selectors.participants(program=program)]
    curators = list(program.curators.filter(anonymised_at__isnull=True))
    if not curators and sender is not None:
        curators = [sender]
    return people + [(c, quality.CURATOR_SURVEY) for c in curators]


@transaction.atomic
def quality_invitations_send(
    *,
    program: Program,
    sender: Person | None = None,
    created_by=None,
    link_for: Callable[[Invitation], str] | None = None,
    days: int = 14,
) -> QualitySendResult:
    """Send each participant and curator their quality questionnaire for the programme by a personal link (the
    link also appears in «Мои анкеты»). Somebody already invited is not invited again; nobody is invited without
    the consent to questionnaires — they are listed as refused, with the reason."""
    result = QualitySendResult()
    already = swot_selectors.invited_people(program=program)
    versions = {code: survey_selectors.latest_version(code=code) for code in quality.SURVEYS}
    for person, code in _recipients(program, sender):
        if (person.pk, code) in already:
            result.already += 1
            continue
        try:
            invitation = survey_services.invitation_create(
                version=versions[code], person=person, subject=program, created_by=created_by, days=days
            )
        except ValidationError as error:
            result.refused.append((person, " ".join(error.messages)))
            continue
        already.add((person.pk, code))
        if link_for is not None:
            survey_services.invitation_email(invitation=invitation, link=link_for(invitation))
        result.sent += 1
    return result


def _clean_lines(raw: list[str] | str) -> list[str]:
    if isinstance(raw, str):
        raw = raw.splitlines()
    lines = [" ".join(str(line).split()).lstrip("-–—•* ").strip() for line in raw]
    lines = [line for line in lines if line]
    if len(lines) > LINES_MAX:
        raise ValidationError(_("В одной части таблицы не больше %(n)d строк.") % {"n": LINES_MAX})
    if any(len(line) > LINE_MAX for line in lines):
        raise ValidationError(_("Одна строка таблицы — не длиннее %(n)d знаков.") % {"n": LINE_MAX})
    return lines


def _author(user) -> str:
    person = getattr(user, "person", None)
    return person.full_name if person is not None else user.get_username()


@transaction.atomic
def swot_approve(
    *,
    program: Program,
    strengths: list[str] | str,
    weaknesses: list[str] | str,
    opportunities: list[str] | str,
    threats: list[str] | str,
    approved_by,
    basis: dict | None = None,
    approved_at=None,
) -> SwotAnalysis:
    """Keep the SWOT table as the curator edited it (one line per point); earlier approvals stay as history."""
    quadrants = {
        swot.STRENGTHS: _clean_lines(strengths),
        swot.WEAKNESSES: _clean_lines(weaknesses),
        swot.OPPORTUNITIES: _clean_lines(opportunities),
        swot.THREATS: _clean_lines(threats),
    }
    if not any(quadrants.values()):
        raise ValidationError(_("Таблица пуста: заполните хотя бы одну из четырёх частей."))
    if basis is None:
        basis = swot_selectors.proposal(program=program).basis()
    return SwotAnalysis.objects.create(
        program=program,
        basis=basis,
        approved_by=approved_by,
        approved_by_name=_author(approved_by) if approved_by is not None else _("при создании демо-данных"),
        approved_at=approved_at or timezone.now(),
        **quadrants,
    )
