"""Monitoring's part of the demo: the school's last-year «ученик – ученик» cycle completed — 37 pairs made in
the four ways (Mentor Match's two proposals, the curator's choice, direct assignment), some closed early, with entry
and exit measurements, quarterly marks and the final meeting's ratings, so that «which matching worked» compares
something —, measurement plans for this year's programmes, entry measurements under way and two invitations
refused for want of a consent.
Invented data only; deterministic (a fixed seed)."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from nastavnik.mentorships.models import Meeting, Mentorship, Reflection
from nastavnik.monitoring.indicators import review_dates
from nastavnik.monitoring.models import Grade, IndicatorEntry, Measurement, MeasurementRequest, PlanItem
from nastavnik.people.models import Person
from nastavnik.programs.models import Program

SUBJECTS = ("Математика", "Русский язык", "Окружающий мир")
TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


@transaction.atomic
def populate(*, today: dt.date) -> None:
    rng = random.Random(11)
    school_programs = Program.objects.select_related("organization", "form")
    completed = school_programs.filter(status=Program.Status.COMPLETED, form__code="pupil_pupil").first()
    if completed is not None:
        _completed_cycle(completed, rng, today)
        from nastavnik.monitoring import swot_demo  # stage 1: answered quality questionnaires and a SWOT

        swot_demo.populate(program=completed, today=today, rng=random.Random(13))
    for program in school_programs.filter(status=Program.Status.ACTIVE):
        _plan(program, pupil=program.form.code.startswith("pupil"))
        _entry(program, rng)
    current = school_programs.filter(status=Program.Status.ACTIVE, form__code="pupil_pupil").first()
    if current is not None:
        _new_pair(current, today)
        _refused(current)
    for program in (completed, current):
        if program is not None:
            _indicator_history(program, today)


def _indicator_history(program: Program, today: dt.date) -> None:
    """Hand-entered indicators at each review: pupils prepared for contests, participants of events."""
    entries = []
    for number, on in enumerate(review_dates(program, today)):
        entries.append(IndicatorEntry(program=program, code="prepared_for_contests", on=on, value=number * 2))
        entries.append(IndicatorEntry(program=program, code="events_participants", on=on, value=number * 9))
    IndicatorEntry.objects.bulk_create(entries, ignore_conflicts=True)


def _new_pair(program: Program, today: dt.date) -> None:
    """A pair confirmed three days ago: too early to judge its health."""
    used = set(Mentorship.objects.values_list("mentor_id", flat=True)) | set(
        Mentorship.objects.values_list("mentee_id", flat=True)
    )
    free = list(
        Person.objects.filter(organization=program.organization, category=Person.Category.PUPIL)
        .exclude(pk__in=used)
        .order_by("-pk")[:2]
    )
    if len(free) == 2:
        Mentorship.objects.create(
            program=program,
            mentor=free[1],
            mentee=free[0],
            status=Mentorship.Status.CONFIRMED,
            starts_on=today - dt.timedelta(days=3),
            goal="Освоиться в новом классе",
        )


def _plan(program: Program, *, pupil: bool) -> None:
    codes = (
        ("involvement", "soft_skills", "motivation", "belonging")
        if pupil
        else ("difficulties", "satisfaction", "burnout", "climate")
    )
    PlanItem.objects.bulk_create(
        [
            PlanItem(program=program, instrument=code, side="mentee", wave=wave)
            for code in codes
            for wave in ("entry", "exit")
        ]
        + [
            PlanItem(
                program=program, instrument="satisfaction" if not pupil else "soft_skills", side="mentor", wave=wave
            )
            for wave in ("entry", "exit")
        ],
        ignore_conflicts=True,
    )


# How last year's pairs were made and how each way fared («which matching worked»): for each origin, how many
# pairs, how many of them closed early, the mentees' typical gain on the scales and the final 1–10 rating. Invented
# so that the comparison has something to show: the proposals held up better than the curator's changes.
STRATEGIES = (
    # origin, pairs, premature, gain (points, 1–5 scales), final rating (mean)
    ("welfare", 12, 1, 0.55, 8.3),
    ("stable", 11, 1, 0.5, 8.6),
    ("curator", 10, 3, 0.3, 6.9),
    ("direct", 4, 2, 0.15, 6.2),
)
FINAL_ANSWERS = {
    "most_valuable": "Поддержка и честная обратная связь",
    "results": "Цели в основном достигнуты",
    "learned": "Планировать и не бояться ошибок",
    "changed": "Стал увереннее",
    "understood": "",
    "remembered": "Совместный проект",
    "continue_together": False,
    "become_mentor": False,
}


def _completed_cycle(program: Program, rng: random.Random, today: dt.date) -> None:
    """Last year's pairs, all closed (some early), with how they were made, entry and exit values, marks and the
    final meeting's ratings: enough closed pairs of each way of forming them for a comparison."""
    org = program.organization
    from nastavnik.ops.demo import Demo  # the demo's own people builder (names, guardians, paper consents)
    from nastavnik.ops.demo_people import NameBook

    demo = Demo(today=today, names=NameBook(seed=29))
    pairs = list(Mentorship.objects.filter(program=program).order_by("pk"))
    plan = [(origin, gain, rating) for origin, count, _early, gain, rating in STRATEGIES for _ in range(count)]
    # Within each way, which of its pairs closed early: spread over its pairs, never the base demo's own pair.
    early_at = {(origin, 1 + k * (count // early)) for origin, count, early, _g, _r in STRATEGIES for k in range(early)}
    seniors = []
    for number in range(len(plan) - len(pairs)):
        if number % 3 == 0:  # a senior pupil mentors up to three juniors over the year
            seniors.append(demo.pupil(org, grade=10 + len(seniors) % 2, letter="В"))
            demo.parent_of(seniors[-1])
            demo.consent(seniors[-1])
        junior = demo.pupil(org, grade=5 + number % 4, letter="Г")
        demo.parent_of(junior)
        demo.consent(junior)
        pairs.append(
            Mentorship(
                program=program,
                mentor=seniors[-1],
                mentee=junior,
                status=Mentorship.Status.COMPLETED,
                starts_on=program.starts_on + dt.timedelta(days=30),
                ends_on=program.ends_on,
                goal="Повышение интереса к учёбе",
            )
        )
    role_models = list(program.role_models.order_by("pk"))
    outcome: dict[int, tuple[float, float]] = {}
    index = dict.fromkeys((origin for origin, *_rest in STRATEGIES), 0)
    for number, (m, (origin, gain, rating)) in enumerate(zip(pairs, plan, strict=False)):
        m.origin = origin
        m.role_model = m.role_model or (role_models[number % len(role_models)] if role_models else None)
        early = (origin, index[origin]) in early_at and m.pk is None
        index[origin] += 1
        if early:
            m.status, m.ends_on = Mentorship.Status.TERMINATED, program.starts_on + dt.timedelta(days=90 + number)
            m.end_reason = rng.choice(
                ("Наставляемый перешёл в другую школу", "Не сложился контакт", "Наставник не находил времени")
            )
        _match(m, rng, early=early)
        outcome[id(m)] = (gain, rating)
    fields = ["origin", "role_model", "match_score", "match_criteria"]
    Mentorship.objects.bulk_update([m for m in pairs if m.pk], fields)
    Mentorship.objects.bulk_create([m for m in pairs if m.pk is None])
    _plan(program, pupil=True)
    _measurements(program, pairs, outcome, rng)
    _final_ratings(pairs, outcome, rng)


def _match(m: Mentorship, rng: random.Random, *, early: bool) -> None:
    """The compatibility at the time; a direct assignment has none. Pairs that closed early had weaker common
    interests and free time (what the weight proposal picks up)."""
    if m.origin == Mentorship.Origin.DIRECT:
        m.match_score, m.match_criteria = None, {}
        return
    low = 0.1 if early else 0.4
    m.match_criteria = {
        "needs": round(rng.uniform(0.4, 1.0), 2),
        "subject": float(rng.random() < 0.6),
        "interests": round(rng.uniform(low, low + 0.6), 2),
        "age": 1.0,
        "free_time": round(rng.uniform(low, 1.0), 2),
    }
    m.match_score = round(rng.uniform(50, 74) if early else rng.uniform(66, 97), 2)


def _measurements(program: Program, pairs: list[Mentorship], outcome: dict, rng: random.Random) -> None:
    """Entry for everyone; exit and quarterly marks only for the pairs that stayed to the end."""
    rows, grades = [], []
    for m in pairs:
        gain, _rating = outcome[id(m)]
        stayed = m.status == Mentorship.Status.COMPLETED
        for code, weight in (("involvement", 1.0), ("soft_skills", 0.7), ("motivation", 0.3)):
            entry = round(rng.uniform(2.0, 3.4), 2)
            waves = [("entry", entry)]
            if stayed:
                waves.append(("exit", round(min(5.0, max(1.0, entry + rng.gauss(gain * weight, 0.3))), 2)))
            rows += [_value(program, m.mentee, m, code, "mentee", wave, value) for wave, value in waves]
        entry = round(rng.uniform(3.0, 4.0), 2)
        rows += [
            _value(program, m.mentor, m, "soft_skills", "mentor", wave, value)
            for wave, value in (("entry", entry), ("exit", round(min(5.0, entry + rng.gauss(0.1, 0.3)), 2)))
        ]
        base = rng.uniform(3.0, 3.8)
        for quarter, lift in ((1, 0.0), (4, rng.gauss(gain / 3, 0.3))):
            if quarter == 4 and not stayed:
                continue
            for subject in SUBJECTS:
                mark = min(5.0, max(2.0, base + lift + rng.uniform(-0.3, 0.3)))
                grades.append(
                    Grade(
                        organization=program.organization,
                        person=m.mentee,
                        subject=subject,
                        school_year=program.starts_on.year,
                        quarter=quarter,
                        mark=f"{mark:.2f}",
                    )
                )
    Measurement.objects.bulk_create(rows, ignore_conflicts=True)
    Grade.objects.bulk_create(grades, ignore_conflicts=True)


def _value(program, person, mentorship, code, side, wave, value) -> Measurement:
    return Measurement(
        program=program,
        person=person,
        mentorship=mentorship,
        measure=code,
        side=side,
        wave=wave,
        value=value,
        source=Measurement.Source.MANUAL,
    )


def _final_ratings(pairs: list[Mentorship], outcome: dict, rng: random.Random) -> None:
    """The final meeting of every pair that stayed to the end, with both sides' diaries: «насколько приблизились к
    цели» (1–10) around its way's typical rating."""
    from nastavnik.mentorships import rules, services

    for m in pairs:
        if m.status != Mentorship.Status.COMPLETED:
            continue
        meeting = Meeting.objects.filter(mentorship=m, kind=Meeting.Kind.FINAL).first()
        if meeting is None:
            rule = rules.KIND_RULES[Meeting.Kind.FINAL]
            meeting = Meeting.objects.create(
                mentorship=m,
                kind=Meeting.Kind.FINAL,
                status=Meeting.Status.HELD,
                scheduled_at=dt.datetime.combine(m.ends_on - dt.timedelta(days=7), dt.time(15, 30), tzinfo=TZ),
                duration_minutes=rule.default_minutes,
                curator_present=rule.curator_default,
                place="кабинет 214",
                topic="Подведение итогов",
            )
        written = set(Reflection.objects.filter(meeting=meeting).values_list("person_id", flat=True))
        _gain, rating = outcome[id(m)]
        for person in (m.mentor, m.mentee):
            if person.pk in written:
                continue
            closeness = max(1, min(10, round(rng.gauss(rating, 1.0))))
            try:
                with transaction.atomic():  # a person without the questionnaires consent simply has no diary
                    services.reflection_submit(
                        meeting=meeting, person=person, answers={**FINAL_ANSWERS, "closeness": closeness}
                    )
            except ValidationError:
                continue


def _refused(program: Program) -> None:
    """Two entry invitations refused for want of the written consent to psychological diagnostics, with the reason,
    as the curator sees them on the measurement plan."""
    from nastavnik.privacy.models import Consent
    from nastavnik.privacy.selectors import consents_active

    psych = consents_active().filter(purpose=Consent.Purpose.PSYCH_DIAGNOSTICS).values("person_id")
    pairs = (
        Mentorship.objects.filter(program=program, status__in=("confirmed", "approved"))
        .exclude(mentee_id__in=psych)
        .order_by("pk")[:2]
    )
    reason = "это психологическая диагностика, а письменного согласия на неё нет"
    MeasurementRequest.objects.bulk_create(
        [
            MeasurementRequest(
                program=program,
                person_id=m.mentee_id,
                mentorship=m,
                instrument=instrument,
                side="mentee",
                wave="entry",
                automatic=True,
                refusal=reason,
            )
            for m, instrument in zip(pairs, ("motivation", "belonging"), strict=False)
        ],
        ignore_conflicts=True,
    )


def _entry(program: Program, rng: random.Random) -> None:
    """This year's pairs: the entry wave is filled in, the exit is still ahead."""
    pairs = Mentorship.objects.filter(program=program, status__in=("confirmed", "approved")).select_related("mentee")
    pupil = program.form.code.startswith("pupil")
    code = "involvement" if pupil else "difficulties"
    Measurement.objects.bulk_create(
        [
            Measurement(
                program=program,
                person=m.mentee,
                mentorship=m,
                measure=code,
                side="mentee",
                wave="entry",
                value=round(rng.uniform(2.0, 3.5), 2),
                source=Measurement.Source.MANUAL,
            )
            for m in pairs
        ],
        ignore_conflicts=True,
    )
