"""Main pages of every role profiled in-process (Django test client, DEBUG off): queries and milliseconds per page.

    DATABASE_URL=sqlite:///var/demo.sqlite3 .venv/bin/python bench/profile_pages.py [--prefix region_] [--profile LABEL]

Prints, for each page, its number of database queries and the median CPU time of a few requests, beside the anonymous
login page's time measured in the same run (the floor). `--profile LABEL` prints a cProfile of that page instead.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "profile-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("AXES_ENABLED", "0")
if os.environ.get("PROFILE_CPROFILE"):
    sys.modules["pyinstrument"] = None  # type: ignore[assignment]
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("OTP_REQUIRED_ROLES", "")
# The render is what is profiled, not a kept page (nastavnik/pagecache.py).
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from nastavnik.matching.models import MatchSession  # noqa: E402
from nastavnik.mentorships.models import Mentorship  # noqa: E402
from nastavnik.orgs.models import Membership  # noqa: E402
from nastavnik.people.models import User  # noqa: E402
from nastavnik.programs.models import Roadmap  # noqa: E402


def pages(prefix: str) -> list[tuple[str, str, str]]:
    """(login, label, URL) of every role's main pages, inside the curator's organisation."""
    curator = User.objects.get(username=prefix + "curator")
    org = Membership.objects.filter(person__user=curator, role="curator").first().organization
    pair = Mentorship.objects.filter(program__organization=org).order_by("-pk").first()
    program = pair.program
    roadmap = Roadmap.objects.filter(organization=org).first()
    session = MatchSession.objects.filter(program__organization=org).first()
    mentor_user = User.objects.get(username=prefix + "mentor")
    my_pair = Mentorship.objects.filter(mentor__user=mentor_user).first()
    rows = [
        ("curator", "home", "/"),
        ("curator", "people", reverse("people") + f"?org={org.code}"),
        ("curator", "mentorships", reverse("mentorships")),
        ("curator", "attention", reverse("mentorship_attention") + f"?org={org.code}"),
        ("curator", "pair", reverse("mentorship", args=[pair.pk])),
        ("curator", "programs", reverse("programs")),
        ("curator", "program", reverse("program", args=[program.pk])),
        ("curator", "roadmap", reverse("roadmap", args=[roadmap.pk]) if roadmap else ""),
        ("curator", "intake", reverse("intake_overview", args=[org.code])),
        ("curator", "mentees", reverse("intake_mentees", args=[org.code])),
        ("curator", "mentors", reverse("intake_mentors", args=[org.code])),
        ("curator", "matching", reverse("matching_sessions", args=[org.code])),
        ("curator", "match_session", reverse("matching_session", args=[session.pk]) if session else ""),
        ("curator", "match_participants", reverse("matching_participants", args=[session.pk]) if session else ""),
        ("curator", "match_proposals", reverse("matching_proposals", args=[session.pk]) if session else ""),
        ("curator", "monitoring", reverse("monitoring")),
        ("curator", "mon_attention", reverse("monitoring_attention")),
        ("curator", "mon_program", reverse("monitoring_program", args=[program.pk])),
        ("curator", "mon_pair", reverse("monitoring_pair", args=[pair.pk])),
        ("director", "home", "/"),
        ("director", "people", reverse("people") + f"?org={org.code}"),
        ("director", "mentorships", reverse("mentorships")),
        ("coordinator", "home", "/"),
        ("mentor", "home", "/"),
        ("mentor", "pair", reverse("mentorship", args=[my_pair.pk]) if my_pair else ""),
        ("mentor", "calendar", reverse("my_calendar")),
        ("mentee", "home", "/"),
    ]
    return [(prefix + login, f"{login}:{label}", url) for login, label, url in rows if url]


def timed(client: Client, url: str, repeat: int) -> tuple[float, int, int]:
    client.get(url)  # warm caches as a server's worker is
    sqls: list[str] = []

    def count(execute, sql, params, many, context):
        sqls.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status = client.get(url).status_code
    times = []
    for _ in range(repeat):
        # CPU time of this process (SQLite runs in it): the machine is shared, wall-clock time is noise.
        started = time.process_time()
        client.get(url)
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times), len(sqls), status


def scans(login: str, url: str) -> list[str]:
    """The tables that the page's SELECTs read whole (SQLite's EXPLAIN QUERY PLAN says SCAN)."""
    client = Client()
    client.force_login(User.objects.get(username=login))
    captured: list[tuple[str, tuple]] = []
    with connection.execute_wrapper(lambda ex, sql, p, m, c: captured.append((sql, p)) or ex(sql, p, m, c)):
        client.get(url)
    found = []
    for sql, params in captured:
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            found += [row[-1].split()[1] for row in cursor.fetchall() if row[-1].startswith("SCAN ")]
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", default="")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", default="")
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--plans", action="store_true", help="SQLite: the tables each page's queries scan whole")
    args = parser.parse_args()
    rows = pages(args.prefix)
    if args.profile:
        login, label, url = next(r for r in rows if r[1] == args.profile)
        client = Client()
        client.force_login(User.objects.get(username=login))
        client.get(url)
        if args.sql:
            timings: list[tuple[float, str]] = []

            def timed_sql(execute, sql, params, many, context):
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    timings.append(((time.perf_counter() - started) * 1000, sql))

            started = time.perf_counter()
            with connection.execute_wrapper(timed_sql):
                client.get(url)
            total = (time.perf_counter() - started) * 1000
            for ms, sql in timings:
                print(f"{ms:7.1f}  {sql[:int(os.environ.get("SQL_WIDTH", "300"))]}")
            print(f"{sum(t for t, _ in timings):7.1f} ms in {len(timings)} queries of {total:.1f} ms")
            return
        try:
            from pyinstrument import Profiler
        except ImportError:  # not a dependency of the project: cProfile then
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for _ in range(args.repeat):
                client.get(url)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(60)
            return
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.repeat):
            client.get(url)
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False, show_all=False))
        return
    if args.plans:
        for login, label, url in rows:
            print(f"{label:<26} {', '.join(scans(login, url)) or '-'}")
        return
    login_ms, _, _ = timed(Client(), reverse("login"), args.repeat * 3)
    print(f"{'login':<26} {'':>5} {login_ms:8.1f} ms")
    for login, label, url in rows:
        if args.only and args.only not in label:
            continue
        client = Client()
        client.force_login(User.objects.get(username=login))
        ms, queries, status = timed(client, url, args.repeat)
        print(f"{label:<26} {queries:5d} {ms:8.1f} ms  x{ms / login_ms:5.1f}  {status}  {url}")


if __name__ == "__main__":
    main()
