"""The demo's completed programme gets answered quality questionnaires and an approved SWOT (called from
`monitoring/demo.py`). Invented answers only; deterministic (a fixed seed)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from nastavnik.monitoring import quality, swot_selectors, swot_services
from nastavnik.programs.models import Program
from nastavnik.surveys.models import Invitation
from nastavnik.surveys.services import invitation_use

# What the participants of the demo's last cycle thought: meetings and trust went well, time and materials less so.
_TENDENCY = {
    "p_regular": 4.5,
    "p_trust": 4.4,
    "p_safe": 4.3,
    "p_satisfied": 4.2,
    "p_time": 2.4,
    "p_materials": 2.9,
}
# The curator's own view, one answer each: the administration helps, resources are short.
_CURATOR = {
    "c_resources": 2,
    "c_admin": 5,
    "c_mentors": 4,
    "c_pairs": 4,
    "c_results": 4,
    "c_parents": 4,
    "c_climate": 4,
}
_GOOD = ("Регулярные встречи после уроков", "Старшие ребята помогли освоиться в школе", "Совместный проект к празднику")
_BAD = ("Не хватало времени из-за кружков", "Хотелось бы больше заданий для встреч", "")
# The curator's own points, added to the proposal before she approved it.
_OWN = {
    "opportunities": ["Выпускники программы готовы стать наставниками в следующем году"],
    "threats": ["Загруженность старшеклассников перед экзаменами"],
}


def _answers(codes: list[str], rng: random.Random) -> dict:
    answers: dict = {}
    for code in codes:
        if code in _CURATOR:
            answers[code] = _CURATOR[code]
            continue
        answers[code] = max(1, min(5, round(rng.gauss(_TENDENCY.get(code, 3.6), 0.6))))
    answers[quality.OPEN_GOOD] = rng.choice(_GOOD)
    answers[quality.OPEN_BAD] = rng.choice(_BAD)
    return answers


def populate(*, program: Program, today: dt.date, rng: random.Random) -> None:
    curator = program.curators.select_related("user").first()
    quality_sent = swot_services.quality_invitations_send(program=program, sender=curator)
    if not quality_sent.sent:
        return
    codes = {
        quality.PARTICIPANT_SURVEY: [i.code for i in quality.PARTICIPANT_ITEMS],
        quality.CURATOR_SURVEY: [i.code for i in quality.CURATOR_ITEMS],
    }
    invitations = Invitation.objects.filter(version__survey__code__in=quality.SURVEYS, object_id=program.pk)
    for invitation in invitations.select_related("version__survey").order_by("pk"):
        invitation_use(invitation=invitation, answers=_answers(codes[invitation.version.survey.code], rng))
    proposal = swot_selectors.proposal(program=program)
    lines = {quadrant: list(values) for quadrant, values in proposal.lines.items()}
    for quadrant, own in _OWN.items():
        lines[quadrant] += own
    approved_at = timezone.make_aware(dt.datetime.combine(min(program.ends_on, today), dt.time(15, 0)))
    swot_services.swot_approve(
        program=program,
        approved_by=curator.user if curator is not None else None,
        basis=proposal.basis(),
        approved_at=approved_at,
        **lines,
    )
