"""Monitoring's part of the demo: the school's last-year «ученик – ученик» cycle completed with entry and exit
measurements and quarterly marks, measurement plans for this year's programmes, entry measurements under way.
Invented data only; deterministic (a fixed seed)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from nastavnik.mentorships.models import Mentorship
from nastavnik.monitoring.indicators import review_dates
from nastavnik.monitoring.models import Grade, IndicatorEntry, Measurement, PlanItem
from nastavnik.people.models import Person
from nastavnik.programs.models import Program

SUBJECTS = ("Математика", "Русский язык", "Окружающий мир")


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


def _completed_cycle(program: Program, rng: random.Random, today: dt.date) -> None:
    """Eight pairs of last year, all completed (one terminated early), with entry and exit values."""
    org = program.organization
    from nastavnik.ops.demo import Demo  # the demo's own people builder (names, guardians, paper consents)
    from nastavnik.ops.demo_people import NameBook

    demo = Demo(today=today, names=NameBook(seed=29))
    pairs = list(Mentorship.objects.filter(program=program))
    for number in range(7):
        senior = demo.pupil(org, grade=10 + number % 2, letter="В")
        junior = demo.pupil(org, grade=6 + number % 3, letter="Г")
        for pupil in (senior, junior):
            demo.parent_of(pupil)
            demo.consent(pupil)
        pairs.append(
            Mentorship.objects.create(
                program=program,
                mentor=senior,
                mentee=junior,
                status=Mentorship.Status.COMPLETED,
                starts_on=program.starts_on + dt.timedelta(days=30),
                ends_on=program.ends_on,
                goal="Повышение интереса к учёбе",
            )
        )
    if len(pairs) > 2:
        early = pairs[-1]
        early.status, early.ends_on = Mentorship.Status.TERMINATED, program.starts_on + dt.timedelta(days=120)
        early.end_reason = "Наставляемый перешёл в другую школу"
        early.save(update_fields=["status", "ends_on", "end_reason"])
    _plan(program, pupil=True)
    year = program.starts_on.year
    rows = []
    grades = []
    for m in pairs:
        for code, gain in (("involvement", 0.6), ("soft_skills", 0.4), ("motivation", 0.1)):
            entry = round(rng.uniform(2.0, 3.4), 2)
            exit_ = round(min(5.0, max(1.0, entry + rng.gauss(gain, 0.35))), 2)
            for wave, value in (("entry", entry), ("exit", exit_)):
                rows.append(
                    Measurement(
                        program=program,
                        person=m.mentee,
                        mentorship=m,
                        measure=code,
                        side="mentee",
                        wave=wave,
                        value=value,
                        source=Measurement.Source.MANUAL,
                    )
                )
        entry = round(rng.uniform(3.0, 4.0), 2)
        rows += [
            Measurement(
                program=program,
                person=m.mentor,
                mentorship=m,
                measure="soft_skills",
                side="mentor",
                wave=wave,
                value=value,
                source=Measurement.Source.MANUAL,
            )
            for wave, value in (("entry", entry), ("exit", round(min(5.0, entry + rng.gauss(0.1, 0.3)), 2)))
        ]
        base = rng.uniform(3.0, 3.8)
        for quarter, lift in ((1, 0.0), (4, rng.gauss(0.15, 0.3))):
            for subject in SUBJECTS:
                mark = min(5.0, max(2.0, base + lift + rng.uniform(-0.3, 0.3)))
                grades.append(
                    Grade(
                        organization=org,
                        person=m.mentee,
                        subject=subject,
                        school_year=year,
                        quarter=quarter,
                        mark=f"{mark:.2f}",
                    )
                )
    Measurement.objects.bulk_create(rows, ignore_conflicts=True)
    Grade.objects.bulk_create(grades, ignore_conflicts=True)
    _origins(pairs, rng)


def _origins(pairs: list[Mentorship], rng: random.Random) -> None:
    """How last year's pairs were made, with their compatibility at the time («which matching worked»)."""
    origins = ("welfare", "welfare", "stable", "curator", "welfare", "stable", "direct")
    for number, m in enumerate(pairs):
        m.origin = origins[number % len(origins)]
        criteria = {
            "needs": round(rng.uniform(0.3, 1.0), 2),
            "subject": float(rng.random() < 0.6),
            "interests": round(rng.uniform(0.0, 1.0), 2),
            "age": 1.0,
            "free_time": round(rng.uniform(0.5, 1.0), 2),
        }
        m.match_criteria = criteria
        m.match_score = round(rng.uniform(55, 95), 2)
    Mentorship.objects.bulk_update(pairs, ["origin", "match_score", "match_criteria"])


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
