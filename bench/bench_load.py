"""Load: 50 logged-in users of mixed roles for a few minutes against gunicorn (2 workers, DEBUG off), with locust.

On PostgreSQL when BENCH_DATABASE_URL is set (the setting the goal is for), else on SQLite. Prints p50/p95/p99 of all
requests and per page, and the number of errors. Goal: p95 ≤ 300 ms with no errors on this 2-core machine.
BENCH_LOAD_SECONDS sets the length (180 by default).
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import _env, _free_port, _run

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "180"))
USERS = 50
GOAL_P95_MS = 300


def main() -> int:
    url = os.environ.get("BENCH_DATABASE_URL")
    var_dir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    env = _env(var_dir, url)
    _run(env, "migrate")
    if url:
        _run(env, "flush", "--noinput")
    _run(env, "demo", "--force")
    port = _free_port()
    command = [str(ROOT / ".venv/bin/nastavnik"), "serve", "--no-migrate", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                requests.get(f"http://127.0.0.1:{port}/login/", timeout=5, headers={"X-Forwarded-Proto": "https"})
                break
            except requests.RequestException:
                time.sleep(0.5)
        prefix = var_dir / "locust"
        subprocess.run(
            [str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "bench/locustfile.py"), "--headless", "-u", str(USERS),
             # People arrive over 25 s (two sign-ins a second, each an Argon2 hash), and the figures are of the 50
             # signed-in users at work: the statistics restart once all of them are in.
             "-r", "2", "--reset-stats", "-t", f"{SECONDS}s", "--host", f"http://127.0.0.1:{port}",
             "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        return _report(prefix, "PostgreSQL" if url else "SQLite")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)


def _report(prefix: Path, database: str) -> int:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(f"{USERS} пользователей, {SECONDS} с, {database}, gunicorn с 2 процессами")
    print(f"  {'страница':<32} {'запросов':>8} {'ошибок':>7} {'p50, мс':>8} {'p95, мс':>8} {'p99, мс':>8}")
    for row in rows:
        print(f"  {row['Name'][:32]:<32} {row['Request Count']:>8} {row['Failure Count']:>7} {row['50%']:>8} "
              f"{row['95%']:>8} {row['99%']:>8}")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    p95, errors = float(total["95%"]), int(total["Failure Count"])
    ok = p95 <= GOAL_P95_MS and errors == 0
    print(f"Итог: p95 {p95:.0f} мс (цель ≤ {GOAL_P95_MS}), ошибок {errors} (цель 0) — {'да' if ok else 'НЕТ'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
