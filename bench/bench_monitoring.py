"""Benchmark of the monitoring page: a programme with 1,000 pairs and their entry/exit measurements.

Run with the project's interpreter and no arguments: ``.venv/bin/python bench/bench_monitoring.py``.
It makes its own temporary SQLite database (never var/), migrates, invents a school with a programme of N pairs
(meetings, diaries, entry and exit values of three instruments, quarterly marks) and times the curator's
monitoring page of the programme (dynamics with the Wilcoxon test, pair health, the first page of pairs), and
counts its database queries for 100 and for 1,000 pairs: the goal is under a second and the same number of queries.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 1.0


def setup_django(workdir: Path) -> None:
    os.environ["DEBUG"] = "1"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["NASTAVNIK_VAR_DIR"] = str(workdir / "var")
    os.environ["DJANGO_SETTINGS_MODULE"] = "nastavnik.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def invent(code: str, pairs: int):
    from django.utils import timezone

    from nastavnik.mentorships.models import Meeting, Mentorship
    from nastavnik.monitoring.models import Grade, Measurement
    from nastavnik.orgs.models import Membership, Municipality, Organization, Role
    from nastavnik.people.models import Person, User
    from nastavnik.programs.models import MentoringForm, Program

    rng = random.Random(5)
    today = timezone.localdate()
    municipality, _ = Municipality.objects.get_or_create(name="Городской округ Условный", region="Условная область")
    org = Organization.objects.create(
        municipality=municipality, kind=Organization.Kind.SCHOOL, code=code, name=f"Школа {code}", short_name=code
    )
    form = MentoringForm.objects.filter(code="pupil_pupil").first() or MentoringForm.objects.first()
    program = Program.objects.create(
        organization=org,
        form=form,
        title="Программа «Ученик – ученик»",
        starts_on=today - dt.timedelta(days=200),
        ends_on=today + dt.timedelta(days=100),
        status=Program.Status.ACTIVE,
    )
    user = User.objects.create_user(username=f"curator_{code}", password="bench")
    curator = Person.objects.create(
        last_name="Кураторова", first_name="Анна", category=Person.Category.TEACHER, organization=org, user=user
    )
    Membership.objects.create(person=curator, role=Role.CURATOR, organization=org)
    people = Person.objects.bulk_create(
        Person(
            last_name=f"Условный{i}",
            first_name="Ученик",
            category=Person.Category.PUPIL,
            organization=org,
            school_class="7А",
        )
        for i in range(pairs * 2)
    )
    mentorships = Mentorship.objects.bulk_create(
        Mentorship(
            program=program,
            mentor=people[2 * i],
            mentee=people[2 * i + 1],
            status=Mentorship.Status.APPROVED,
            starts_on=today - dt.timedelta(days=rng.randint(2, 150)),
        )
        for i in range(pairs)
    )
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=m,
            kind=Meeting.Kind.REGULAR,
            status=Meeting.Status.HELD,
            duration_minutes=60,
            scheduled_at=timezone.now() - dt.timedelta(days=rng.randint(1, 40)),
        )
        for m in mentorships
        for _ in range(3)
    )
    rows = []
    for m in mentorships:
        for measure in ("involvement", "soft_skills", "motivation"):
            entry = rng.uniform(2, 4)
            rows += [
                Measurement(
                    program=program,
                    person=m.mentee,
                    mentorship=m,
                    measure=measure,
                    side="mentee",
                    wave="entry",
                    value=entry,
                    source="manual",
                ),
                Measurement(
                    program=program,
                    person=m.mentee,
                    mentorship=m,
                    measure=measure,
                    side="mentee",
                    wave="exit",
                    value=min(5, entry + rng.gauss(0.2, 0.4)),
                    source="manual",
                ),
            ]
    Measurement.objects.bulk_create(rows)
    Grade.objects.bulk_create(
        Grade(
            organization=org,
            person=m.mentee,
            subject=subject,
            school_year=program.starts_on.year - (0 if program.starts_on.month >= 9 else 1),
            quarter=quarter,
            mark=f"{rng.uniform(3, 5):.2f}",
        )
        for m in mentorships
        for subject in ("Математика", "Русский язык")
        for quarter in (1, 3)
    )
    return program, user


def measure(program, user) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    url = reverse("monitoring_program", args=[program.pk])
    client.get(url)  # warm-up: templates, translations, SciPy import
    times = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return times, len(queries), len(response.content)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench_monitoring_") as tmp:
        setup_django(Path(tmp))
        from django.test.utils import setup_test_environment

        setup_test_environment()
        print(f"{'pairs':>6} {'median, s':>10} {'max, s':>8} {'queries':>8} {'page, KB':>9}")
        results = {}
        for pairs in (100, 1000):
            program, user = invent(f"b{pairs}", pairs)
            times, queries, size = measure(program, user)
            results[pairs] = (statistics.median(times), queries)
            print(f"{pairs:>6} {statistics.median(times):>10.3f} {max(times):>8.3f} {queries:>8} {size / 1024:>9.0f}")
        ok_time = results[1000][0] < GOAL_SECONDS
        ok_queries = results[100][1] == results[1000][1]
        print(
            f"Цель: страница мониторинга программы с 1000 пар < {GOAL_SECONDS:.0f} с — {'да' if ok_time else 'НЕТ'}; "
            f"число запросов не растёт с числом пар — {'да' if ok_queries else 'НЕТ'}"
        )
        return 0 if ok_time and ok_queries else 1


if __name__ == "__main__":
    sys.exit(main())
