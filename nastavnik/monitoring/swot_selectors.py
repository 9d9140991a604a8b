"""Reads for the programme's SWOT: the quality questionnaires' answers, the figures for opportunities and threats,
the proposal in words and the approved history. A constant number of queries whatever the programme's size."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.mentorships.models import Mentorship
from nastavnik.monitoring import quality, selectors, swot
from nastavnik.monitoring.models import SwotAnalysis
from nastavnik.programs.models import Program
from nastavnik.surveys.models import Answer, Invitation

WAITING = (MenteeRequest.Status.IN_BASE, MenteeRequest.Status.SEARCHING, MenteeRequest.Status.ANALYSED)


def _about_program(program: Program) -> dict:
    return {"content_type": ContentType.objects.get_for_model(Program), "object_id": program.pk}


def item_stats(*, program: Program) -> list[swot.ItemStat]:
    """Mean and number of answers of each rated statement of the quality questionnaires sent for the programme."""
    about = _about_program(program)
    rows = Answer.objects.filter(
        response__content_type=about["content_type"],
        response__object_id=about["object_id"],
        response__version__survey__code__in=quality.SURVEYS,
        question__code__in=quality.ITEMS,
    ).values_list("question__code", "value")
    values: dict[str, list[float]] = defaultdict(list)
    for code, value in rows:
        if isinstance(value, int | float) and not isinstance(value, bool):
            values[code].append(float(value))
    return [
        swot.ItemStat(code, sum(v) / len(v), len(v), 1 if code.startswith("c_") else swot.MIN_ANSWERS)
        for code, v in sorted(values.items())
    ]


def open_answers(*, program: Program, limit: int = 30) -> dict[str, list[tuple[str, int]]]:
    """What respondents wrote in their own words (without names), «лучше всего» and «мешало»: each text once with
    how many wrote it, the most frequent first."""
    about = _about_program(program)
    rows = Answer.objects.filter(
        response__content_type=about["content_type"],
        response__object_id=about["object_id"],
        response__version__survey__code__in=quality.SURVEYS,
        question__code__in=(quality.OPEN_GOOD, quality.OPEN_BAD),
    ).values_list("question__code", "value")
    counted: dict[str, Counter] = {quality.OPEN_GOOD: Counter(), quality.OPEN_BAD: Counter()}
    for code, value in rows:
        text = " ".join(str(value or "").split())
        if text:
            counted[code][text] += 1
    return {code: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:limit] for code, c in counted.items()}


@dataclass(frozen=True)
class Invitations:
    sent: int
    filled: int


def invitations_count(*, program: Program) -> dict[str, Invitations]:
    """Per quality questionnaire: links sent for this programme and how many came back filled."""
    about = _about_program(program)
    rows = (
        Invitation.objects.filter(version__survey__code__in=quality.SURVEYS, **about)
        .values("version__survey__code")
        .annotate(sent=Count("pk"), filled=Count("pk", filter=Q(used_at__isnull=False)))
    )
    counts = {code: Invitations(0, 0) for code in quality.SURVEYS}
    for row in rows:
        counts[row["version__survey__code"]] = Invitations(row["sent"], row["filled"])
    return counts


def invited_people(*, program: Program) -> set[tuple[int, str]]:
    """(person, questionnaire) pairs that already have a link for this programme."""
    about = _about_program(program)
    return set(
        Invitation.objects.filter(version__survey__code__in=quality.SURVEYS, **about).values_list(
            "person_id", "version__survey__code"
        )
    )


def _mentor_load(program: Program) -> tuple[int, int, int]:
    """(mentors of the programme's working pairs, how many of them have no free place left, free places of the
    organisation's approved mentors) — mentors' load counts their working pairs in every programme."""
    org_id = program.organization_id
    working = Mentorship.objects.filter(program__organization_id=org_id, status__in=selectors.ACTIVE)
    load = dict(working.values("mentor_id").annotate(n=Count("pk")).values_list("mentor_id", "n"))
    capacity = dict(
        MentorCandidate.objects.filter(organization_id=org_id, status=MentorCandidate.Status.APPROVED).values_list(
            "person_id", "capacity"
        )
    )
    mentors = set(working.filter(program=program).values_list("mentor_id", flat=True))
    full = sum(1 for pk in mentors if pk in capacity and load.get(pk, 0) >= capacity[pk])
    free = sum(max(0, places - load.get(pk, 0)) for pk, places in capacity.items())
    return len(mentors), full, free


def facts(*, program: Program, health: list[selectors.PairHealth] | None = None) -> swot.Facts:
    if health is None:
        health = selectors.pair_health(pairs=selectors.health_queryset(programs=[program]))
    mentors, full, free = _mentor_load(program)
    closed = dict(
        Mentorship.objects.filter(
            program=program, status__in=(Mentorship.Status.COMPLETED, Mentorship.Status.TERMINATED)
        )
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    earlier_mentees = Mentorship.objects.filter(
        program__organization_id=program.organization_id, status__in=selectors.COUNTED, starts_on__lt=program.starts_on
    ).values("mentee_id")
    grown = (
        Mentorship.objects.filter(program=program, status__in=selectors.COUNTED, mentor_id__in=earlier_mentees)
        .values("mentor_id")
        .distinct()
        .count()
    )
    waiting = (
        MenteeRequest.objects.filter(organization_id=program.organization_id, status__in=WAITING)
        .filter(Q(program=program) | Q(program__isnull=True))
        .count()
    )
    counts = invitations_count(program=program)
    return swot.Facts(
        mentors=mentors,
        mentors_full=full,
        free_places=free,
        pairs_active=len(health),
        pairs_check=sum(1 for h in health if h.state == selectors.CHECK),
        closed_planned=closed.get(Mentorship.Status.COMPLETED, 0),
        closed_premature=closed.get(Mentorship.Status.TERMINATED, 0),
        mentee_to_mentor=grown,
        waiting_mentees=waiting,
        invited=sum(c.sent for c in counts.values()),
        answered=sum(c.filled for c in counts.values()),
    )


# --- the proposal in words ---------------------------------------------------------------------------------------

QUADRANT_TITLES = {
    swot.STRENGTHS: gettext_lazy("Сильные стороны"),
    swot.WEAKNESSES: gettext_lazy("Слабые стороны"),
    swot.OPPORTUNITIES: gettext_lazy("Возможности"),
    swot.THREATS: gettext_lazy("Угрозы"),
}


def _fact_text(point: swot.Point) -> str:
    f = point.figures
    texts = {
        "free_places": _("Свободные места у наставников из реестра: %(count)d — можно принять новых наставляемых"),
        "mentee_to_mentor": _("Бывшие наставляемые стали наставниками: %(count)d — растёт свой резерв наставников"),
        "closed_planned": _(
            "Пары, завершившие работу по плану: %(count)d — их опыт можно показать на итоговом мероприятии"
        ),
        "mentors_full": _("Наставники на пределе нагрузки: %(count)d из %(of)d — риск перегрузки и выгорания"),
        "waiting_mentees": _("Ждут наставника: %(count)d, а свободных мест у наставников: %(places)d"),
        "pairs_check": _("Пары, которым нужна проверка: %(count)d из %(of)d работающих"),
        "premature": _("Досрочно прекращена работа %(count)d из %(of)d закрытых пар (%(percent)d %%)"),
        "low_response": _("Анкету о качестве программы заполнили %(count)d из %(of)d — выводы пока ненадёжны"),
    }
    return texts[point.code] % f


def point_text(point: swot.Point) -> str:
    """A line of the SWOT table with the figures behind it."""
    if point.quadrant in (swot.STRENGTHS, swot.WEAKNESSES):
        item = quality.ITEMS.get(point.code)
        title = _(item.factor) if item else point.code
        who = _("участники") if point.code.startswith("p_") else _("куратор")
        return _("%(title)s — среднее %(mean)s из 5 (%(who)s, ответов: %(n)d)") % {
            "title": title,
            "mean": swot.number(point.figures["mean"]),
            "who": who,
            "n": point.figures["n"],
        }
    return _fact_text(point)


@dataclass
class Proposal:
    points: list[swot.Point]
    lines: dict[str, list[str]]  # quadrant → lines in words
    facts: swot.Facts
    stats: list[swot.ItemStat]

    def basis(self) -> dict:
        """What is stored with an approved SWOT: the figures it was proposed from."""
        return {
            "items": {s.code: {"mean": round(s.mean, 2), "n": s.n} for s in self.stats},
            "facts": self.facts.__dict__,
        }


def proposal(*, program: Program, health: list[selectors.PairHealth] | None = None) -> Proposal:
    stats = item_stats(program=program)
    figures = facts(program=program, health=health)
    points = swot.propose(stats, figures)
    lines = {q: [point_text(p) for p in ps] for q, ps in swot.by_quadrant(points).items()}
    return Proposal(points, lines, figures, stats)


def item_table(stats: list[swot.ItemStat]) -> list[dict]:
    """Every rated statement with its mean and count, for the table beside the SWOT (readers of numbers)."""
    by_code = {s.code: s for s in stats}
    rows = []
    for item in quality.ITEMS.values():
        stat = by_code.get(item.code)
        rows.append(
            {
                "theme": _(quality.THEMES[item.theme]),
                "factor": _(item.factor),
                "who": _("участники") if item.code.startswith("p_") else _("куратор"),
                "mean": swot.number(stat.mean) if stat else "—",
                "n": stat.n if stat else 0,
            }
        )
    return rows


def latest(*, program: Program) -> SwotAnalysis | None:
    return SwotAnalysis.objects.filter(program=program).first()


def history(*, program: Program, limit: int = 20) -> list[SwotAnalysis]:
    return list(SwotAnalysis.objects.filter(program=program)[:limit])
