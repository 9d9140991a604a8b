"""Benchmark of the municipal contour over 1,000 organisations on PostgreSQL.

Run with the project's interpreter and no arguments: ``.venv/bin/python bench/bench_municipal.py``.
It (re)creates its own PostgreSQL database (``BENCH_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/nastavnik_bench_municipal``; without PostgreSQL it says so and uses a
temporary SQLite file), migrates, and generates a region-sized municipality in bulk: 1,000 organisations of every
kind, ~90,000 people, ~22,000 pairs, ~20,000 meetings, roadmaps with activities and headcounts. Then it times:

* ``dashboard`` — the municipal coordinator's overview page (roadmaps and coverage, all 1,000 organisations
  computed, one page of them rendered), through the Django test client; goal < 300 ms (median of 5), with the
  overview kept in the cache (``MUNICIPAL_CACHE_SECONDS``) as in production; ``dash. cold`` — the same page
  with the cache cleared before each request (computed from the database every time);
* ``indicators`` — the second tab (forms, mentors by category, quarters, per-organisation health);
* ``export`` — the whole statistics workbook (six sheets) as XLSX bytes; goal < 10 s.

``--keep`` (or ``BENCH_KEEP=1``) keeps the database between runs: the first run generates the region as usual and
later runs reuse it (migrating it forward, regenerating only if the bench municipality is missing), so a profile
or an index change can be measured again in seconds rather than minutes.
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
N_ORGS = 1000
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nastavnik_bench_municipal"


MUNICIPALITY_NAME = "Условная область, все округа"
KEEP = "--keep" in sys.argv or os.environ.get("BENCH_KEEP") == "1"


def _postgres_ready(url: str) -> bool:
    try:
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not (KEEP and exists):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception as error:
        print(f"PostgreSQL недоступен ({error}); замеры на SQLite")
        return False


def setup_django(workdir: Path) -> str:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    engine = "postgresql" if _postgres_ready(url) else "sqlite"
    sqlite = (ROOT / "var" / "bench_municipal.sqlite3") if KEEP else (workdir / "bench.sqlite3")
    sqlite.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = url if engine == "postgresql" else f"sqlite:///{sqlite}"
    os.environ["DEBUG"] = "1"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["NASTAVNIK_VAR_DIR"] = str(workdir / "var")
    os.environ["DJANGO_SETTINGS_MODULE"] = "nastavnik.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return engine


def generate(today: dt.date):
    """A whole region's worth of organisations, in bulk and deterministic."""
    from nastavnik.mentorships.models import Meeting, Mentorship
    from nastavnik.municipal.models import Headcount
    from nastavnik.municipal.selectors import school_year_of
    from nastavnik.orgs.models import Membership, Municipality, Organization, Role
    from nastavnik.people.models import Person, User
    from nastavnik.programs.models import Activity, MentoringForm, Program, Roadmap
    from nastavnik.programs.services import catalog_install

    rng = random.Random(5)
    catalog_install()
    forms = {f.code: f for f in MentoringForm.objects.all()}
    municipality = Municipality.objects.create(name=MUNICIPALITY_NAME, region="Условная область")
    kinds = [k for k, _ in Organization.Kind.choices]
    orgs = Organization.objects.bulk_create(
        Organization(municipality=municipality, kind=kinds[i % len(kinds)], code=f"o{i}", name=f"Организация № {i}",
                     short_name=f"Организация № {i:04d}")
        for i in range(N_ORGS)
    )
    year = school_year_of(today)
    start = dt.date(year, 9, 1)
    people, plan = [], []
    for org in orgs:
        small = org.kind == Organization.Kind.KINDERGARTEN
        teachers = rng.randint(4, 12) if small else rng.randint(20, 40)
        pupils = 0 if small else rng.randint(30, 90)
        plan.append((org, teachers, pupils))
        people += [Person(organization=org, category=Person.Category.TEACHER, last_name="Условный", first_name="Т")
                   for _ in range(teachers)]
        people += [Person(organization=org, category=Person.Category.PUPIL, last_name="Условный", first_name="У")
                   for _ in range(pupils)]
    people = Person.objects.bulk_create(people, batch_size=5000)
    by_org: dict[int, list[Person]] = {}
    for p in people:
        by_org.setdefault(p.organization_id, []).append(p)
    programs = Program.objects.bulk_create(
        [Program(organization=org, form=forms["teacher_teacher"], title="Учитель – учитель", starts_on=start,
                 ends_on=start.replace(year=year + 1), status="active", stage="work") for org in orgs]
        + [Program(organization=org, form=forms["pupil_pupil"], title="Ученик – ученик", starts_on=start,
                   ends_on=start.replace(year=year + 1), status="active", stage="work")
           for org, _t, pupils in plan if pupils]
    )
    program_of = {(p.organization_id, p.form_id): p for p in programs}
    pairs = []
    for org, _teachers, _pupils in plan:
        staff = [p for p in by_org[org.pk] if p.category == Person.Category.TEACHER]
        kids = [p for p in by_org[org.pk] if p.category == Person.Category.PUPIL]
        for group, form in ((staff, "teacher_teacher"), (kids, "pupil_pupil")):
            n = int(len(group) * rng.uniform(0.2, 0.9)) // 2
            for i in range(n):
                ended = rng.random() < 0.1
                pairs.append(Mentorship(
                    program=program_of[(org.pk, forms[form].pk)], mentor=group[2 * i], mentee=group[2 * i + 1],
                    starts_on=start + dt.timedelta(days=rng.randint(0, 60)),
                    status="terminated" if ended else "approved",
                    ends_on=start + dt.timedelta(days=80) if ended else None,
                ))
    pairs = Mentorship.objects.bulk_create(pairs, batch_size=5000)
    tz = dt.UTC
    Meeting.objects.bulk_create(
        [Meeting(mentorship=m, kind="regular", status="held", duration_minutes=60,
                 scheduled_at=dt.datetime.combine(start + dt.timedelta(days=rng.randint(10, 90)), dt.time(12), tz))
         for m in pairs[: 20000]],
        batch_size=5000,
    )
    roadmaps = Roadmap.objects.bulk_create(
        Roadmap(organization=org, title="Дорожная карта", starts_on=start, ends_on=start.replace(year=year + 2),
                status="approved" if i % 7 else "draft", approved_on=start if i % 7 else None)
        for i, org in enumerate(orgs) if i % 13
    )
    activities = []
    for r in roadmaps:
        for k in range(20):
            ends = start + dt.timedelta(days=20 * k)
            done = ends < today and rng.random() < 0.85
            activities.append(Activity(roadmap=r, stage="preparation", title=f"Мероприятие {k}", starts_on=start,
                                       ends_on=ends, status="done" if done else "planned",
                                       done_on=ends if done else None, position=k))
    Activity.objects.bulk_create(activities, batch_size=5000)
    Headcount.objects.bulk_create(
        Headcount(organization=org, school_year=year, pupils=pupils * 3, teachers=teachers + 5)
        for org, teachers, pupils in plan[::2]
    )
    coordinator = Person.objects.create(category=Person.Category.EXTERNAL, last_name="Координатор", first_name="М")
    coordinator.user = User.objects.create_user(username="municipal_bench", password="x")
    coordinator.save(update_fields=["user"])
    Membership.objects.create(person=coordinator, role=Role.MUNICIPAL_COORDINATOR, municipality=municipality)
    return municipality, coordinator.user, len(people), len(pairs)


def _kept():
    """The municipality a previous `--keep` run generated, or None."""
    from nastavnik.mentorships.models import Mentorship
    from nastavnik.orgs.models import Municipality
    from nastavnik.people.models import Person, User

    municipality = Municipality.objects.filter(name=MUNICIPALITY_NAME).first()
    user = User.objects.filter(username="municipal_bench").first()
    if municipality is None or user is None:
        return None
    people = Person.objects.filter(organization__municipality=municipality).count()
    pairs = Mentorship.objects.filter(program__organization__municipality=municipality).count()
    return municipality, user, people, pairs


def _queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def _median_ms(fn, runs: int = 5) -> float:
    fn()  # warm-up: templates, query plans
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        engine = setup_django(Path(tmp))
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from nastavnik.municipal import exports
        from nastavnik.municipal.selectors import school_year_of

        today = timezone.localdate()
        t = time.perf_counter()
        kept = _kept() if KEEP else None
        municipality, user, n_people, n_pairs = kept or generate(today)
        if engine == "postgresql":
            # Fresh statistics, as autovacuum keeps them in production: bulk-loaded tables are otherwise planned
            # as if empty.
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        how = "база сохранена с прошлого запуска" if kept else f"генерация {time.perf_counter() - t:.1f} с"
        print(f"База: {engine}; {N_ORGS} организаций, {n_people} человек, {n_pairs} пар ({how})")
        client = Client()
        client.force_login(user)
        url = reverse("municipal_overview", args=[municipality.pk])

        def page(u):
            response = client.get(u)
            assert response.status_code == 200, response.status_code

        from django.core.cache import cache

        def cold():
            cache.clear()
            page(url)

        indicators_url = reverse("municipal_indicators", args=[municipality.pk])
        dashboard_cold = _median_ms(cold, runs=3)
        dashboard = _median_ms(lambda: page(url))
        indicators = _median_ms(lambda: page(indicators_url))
        t = time.perf_counter()
        size = len(exports.workbook_bytes(municipality=municipality, year=school_year_of(today)))
        export = time.perf_counter() - t
        # Query counts: steadier than times on a shared machine (each one a request or an export of its own).
        queries = {
            "dashboard": _queries(lambda: page(url)),
            "cold": _queries(cold),
            "indicators": _queries(lambda: page(indicators_url)),
            "export": _queries(lambda: exports.workbook_bytes(municipality=municipality, year=school_year_of(today))),
        }
        print(f"{'замер':<12}{'результат':>14}{'цель':>12}{'запросов':>10}")
        print(f"{'dashboard':<12}{dashboard:>11.0f} мс{'< 300 мс':>12}{queries['dashboard']:>10}   (сводка из кэша)")
        print(f"{'dash. cold':<12}{dashboard_cold:>11.0f} мс{'—':>12}{queries['cold']:>10}   (сводка считается заново)")
        print(f"{'indicators':<12}{indicators:>11.0f} мс{'—':>12}{queries['indicators']:>10}")
        print(f"{'export':<12}{export:>12.2f} с{'< 10 с':>12}{queries['export']:>10}   ({size // 1024} КБ)")
        ok = dashboard < 300 and export < 10
        print("Цели достигнуты" if ok else "Цели НЕ достигнуты")
        if engine == "postgresql":
            from django.db import connections

            connections.close_all()
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
