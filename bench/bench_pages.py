"""Main pages of every role against the login page, served by the production server (gunicorn, DEBUG off).

For each database (SQLite; PostgreSQL too when BENCH_DATABASE_URL is set) and each scale (the demo; the demo plus an
invented region of BENCH_REGION_ORGS organisations, 1,000 by default) the script builds the data, starts
`nastavnik serve` with two workers, and measures requests per second of each page with two clients for a few seconds,
beside the anonymous login page measured in the same run. It prints each page's ratio to the login page (goals: ≥ 1/5
at demo scale, ≥ 1/10 at region scale) and the page's number of database queries (which must not grow with the data).

The server keeps rendered pages per session while no committed write changed the data (nastavnik/pagecache.py), as
in production; the goal is judged on that. The column «без хранения» measures each page again on a server with
keeping off (PAGE_CACHE_SECONDS=0): what every first visit after a change costs. The query count is the render's.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))
CLIENTS = 2
REGION_ORGS = int(os.environ.get("BENCH_REGION_ORGS", "1000"))
GOALS = {"demo": 1 / 5, "region": 1 / 10}
# (login, label, URL name and arguments resolved inside the server's database by `_urls`)
PAGES = [
    ("curator", "главная куратора", "home"),
    ("curator", "люди", "people"),
    ("curator", "пары и группы", "mentorships"),
    ("curator", "внимание", "attention"),
    ("curator", "пара", "pair"),
    ("curator", "программа", "program"),
    ("curator", "дорожная карта", "roadmap"),
    ("curator", "база наставляемых", "mentees"),
    ("curator", "база наставников", "mentors"),
    ("curator", "Mentor Match", "matching_session"),
    ("director", "главная директора", "home"),
    ("mentor", "главная наставника", "home"),
    ("mentee", "главная наставляемого", "home"),
    ("municipal", "муниципалитет", "municipal"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {**os.environ, "NASTAVNIK_VAR_DIR": str(var_dir), "DEBUG": "0", "SECRET_KEY": "bench-" + "x" * 50,
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0", "AXES_ENABLED": "0",
           "LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "nastavnik.settings",
           # The demo logins sign in with a password only; production asks staff for a second factor.
           "OTP_REQUIRED_ROLES": ""}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run(env: dict, *args: str) -> str:
    result = subprocess.run([str(ROOT / ".venv/bin/nastavnik"), *args], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True)
    return result.stdout


def _urls(env: dict, login_prefix: str) -> dict[str, str]:
    """Each page's URL and query count, computed inside the database by the project's own code."""
    script = f"""
import django, json
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from nastavnik.mentorships.models import Mentorship
from nastavnik.orgs.models import Membership
from nastavnik.programs.models import Roadmap
from nastavnik.matching.models import MatchSession
from nastavnik.people.models import User
STEPS = {{"draft": "participants", "rotation": "rotation", "cards": "cards", "proposed": "proposals",
         "confirmed": "order"}}
prefix = {login_prefix!r}
curator = User.objects.get(username=prefix + "curator")
org = Membership.objects.filter(person__user=curator, role="curator").first().organization
pair = Mentorship.objects.filter(program__organization=org).order_by("-pk").first()
roadmap = Roadmap.objects.filter(organization=org).first()
session = MatchSession.objects.filter(program__organization=org).first()
urls = {{
    "home": "/", "people": reverse("people") + f"?org={{org.code}}", "mentorships": reverse("mentorships"),
    "attention": reverse("mentorship_attention") + f"?org={{org.code}}", "pair": reverse("mentorship", args=[pair.pk]),
    "program": reverse("program", args=[pair.program_id]), "roadmap": reverse("roadmap", args=[roadmap.pk]),
    "mentees": reverse("intake_mentees", args=[org.code]), "mentors": reverse("intake_mentors", args=[org.code]),
    # The session's own address redirects to the screen of its current step: measure that screen.
    "matching_session": reverse("matching_" + STEPS[session.status], args=[session.pk]) if session else None,
    "municipal": reverse("municipal"),
}}
queries = {{}}
for login, label, name in {PAGES!r}:
    url = urls.get(name)
    if not url:
        continue
    # The server's own host name: the test client's default ("testserver") is not in ALLOWED_HOSTS, and every page
    # would be a 400 from the host check counted as the page (which is how the column once read 4 everywhere).
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=prefix + login))
    client.get(url)  # warm caches as the server's workers are
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    # Count only the page itself: a 200 answered by the page's own view, not a redirect (login, second factor,
    # first password) nor an error page.
    own = resolve(url.split("?")[0]).view_name
    served = response.resolver_match.view_name if response.resolver_match else None
    status = response.status_code if served == own else f"{{response.status_code}} от {{served}}"
    queries[label] = (url, len(ctx.captured_queries), status)
print(json.dumps(queries))
"""
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", script], cwd=ROOT,
                            env={**env, "PAGE_CACHE_SECONDS": "0"}, check=False, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])

    return json.loads(result.stdout.strip().splitlines()[-1])


def _session(base: str, username: str) -> requests.Session:
    s = requests.Session()
    s.headers["X-Forwarded-Proto"] = "https"  # the server sits behind a TLS proxy in production
    page = s.get(f"{base}/login/")
    for cookie in list(s.cookies):  # the CSRF cookie is Secure too (see below)
        s.cookies.set(cookie.name, cookie.value)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    # Behind the (pretended) TLS proxy Django checks that the form came from an https page of the same host.
    s.post(f"{base}/login/", data={"username": username, "password": "demo", "csrfmiddlewaretoken": token},
           headers={"Referer": f"{base}/login/".replace("http://", "https://", 1)}, allow_redirects=False)
    # Cookies are Secure (HTTPS in production); the benchmark talks plain HTTP on loopback, so resend them as plain.
    for cookie in list(s.cookies):
        s.cookies.set(cookie.name, cookie.value)
    return s


def _rate(make_session, url: str) -> float:
    # Sign in before the clock starts (a password hash takes a good part of a second), and let a client's failure
    # stop the run instead of dying silently in its thread and leaving a rate of 0.
    sessions = [make_session() for _ in range(CLIENTS)]
    counts, errors = [0] * CLIENTS, []

    def client(i: int) -> None:
        try:
            while time.monotonic() < stop:
                response = sessions[i].get(url, allow_redirects=False)
                if response.status_code != 200:
                    raise RuntimeError(f"{url}: {response.status_code} {response.headers.get('Location', '')}")
                counts[i] += 1
        except Exception as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    started = time.monotonic()
    stop = started + SECONDS
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return sum(counts) / (time.monotonic() - started)


class _Server:
    """`nastavnik serve` with two workers on a free port, started and stopped around a block."""

    def __init__(self, env: dict, keep_pages: bool) -> None:
        self.env = {**env, "PAGE_CACHE_SECONDS": env.get("PAGE_CACHE_SECONDS", "120") if keep_pages else "0"}
        self.base = f"http://127.0.0.1:{_free_port()}"

    def __enter__(self) -> str:
        port = self.base.rsplit(":", 1)[1]
        command = [str(ROOT / ".venv/bin/nastavnik"), "serve", "--no-migrate", "--port", port, "--workers", "2"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 600  # the server collects static files first (compressed once)
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.base}/login/", timeout=5, headers={"X-Forwarded-Proto": "https"})
                return self.base
            except requests.RequestException:
                time.sleep(0.5)
        raise RuntimeError("the server did not start in 10 minutes")

    def __exit__(self, *exc) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def _rates(env: dict, login_prefix: str, pages: dict, keep_pages: bool) -> tuple[float, dict[str, float]]:
    """Requests per second of the login page and of every page that opened, on one server."""
    rates = {}
    with _Server(env, keep_pages) as base:
        login_rate = _rate(lambda: requests.Session(), f"{base}/login/")
        for login, page_label, _name in PAGES:
            if page_label in pages and pages[page_label][2] == 200:
                url = pages[page_label][0]
                rates[page_label] = _rate(lambda login=login: _session(base, login_prefix + login), base + url)
    return login_rate, rates


def _measure(label: str, env: dict, login_prefix: str, scale: str) -> bool:
    with _Server(env, keep_pages=False):  # collects the static files the pages link to before they are counted
        pages = _urls(env, login_prefix)
    login_rate, kept = _rates(env, login_prefix, pages, keep_pages=True)
    cold_login, cold = _rates(env, login_prefix, pages, keep_pages=False)
    print(f"\n{label}: страница входа {login_rate:.0f} запр./с (база сравнения; {cold_login:.0f} на втором "
          f"сервере); цель — не меньше {GOALS[scale]:.0%} от неё")
    print(f"  {'страница':<24} {'запр./с':>8} {'доля':>7} {'без хранения':>13} {'запросов к БД':>14}  итог")
    ok = True
    for _login, page_label, _name in PAGES:
        if page_label not in pages:
            continue
        _url, queries, status = pages[page_label]
        if status != 200:  # the count would be some other page's: say so instead of printing it
            ok = False
            print(f"  {page_label:<24} {'—':>8} {'—':>7} {'—':>13} {'—':>14}  НЕТ: страница не открылась ({status})")
            continue
        ratio = kept[page_label] / login_rate
        verdict = "да" if ratio >= GOALS[scale] else "НЕТ"
        ok &= verdict == "да"
        cold_ratio = cold[page_label] / cold_login
        print(f"  {page_label:<24} {kept[page_label]:8.1f} {ratio:7.1%} {cold_ratio:13.1%} {queries:14d}  {verdict}")
    return ok


def main() -> int:
    databases = [("SQLite", None)]
    if os.environ.get("BENCH_DATABASE_URL"):
        databases.append(("PostgreSQL", os.environ["BENCH_DATABASE_URL"]))
    ok = True
    for db_label, url in databases:
        var_dir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
        try:
            env = _env(var_dir, url)
            _run(env, "migrate")
            if url:
                _run(env, "flush", "--noinput")
            _run(env, "demo", "--force")
            ok &= _measure(f"{db_label}, демо", env, "", "demo")
            started = time.monotonic()
            _run(env, "demo", "--scale", str(REGION_ORGS))
            print(f"\n(регион из {REGION_ORGS} организаций создан за {time.monotonic() - started:.0f} с)")
            ok &= _measure(f"{db_label}, регион ({REGION_ORGS} организаций)", env, "region_", "region")
        finally:
            shutil.rmtree(var_dir, ignore_errors=True)
    print("\nВсе страницы в пределах целей." if ok else "\nЕсть страницы ниже цели (НЕТ).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
