"""Benchmark of the roster import and export through the operator's command line.

Run with the project's interpreter, no arguments needed: ``.venv/bin/python bench/bench_roster.py [--rows 50000]``.

A roster of invented people (fixed seed; 70 % pupils with a class and a guardian link to a parent row in the same
file, parents, teachers with subject and Стаж, a few graduates, employers' staff and external people; dates of birth
as real Excel dates) is written with openpyxl in write-only mode. Then, each in a child process against a fresh
temporary SQLite database (migrated first, not timed):

* ``nastavnik import-roster FILE --org CODE --dry-run`` — reading and checking only;
* ``nastavnik import-roster FILE --org CODE`` — the real import, one transaction;
* ``nastavnik export-roster OUT --org CODE`` — everything back to XLSX.

Wall seconds include interpreter and Django start-up; «ЦП» is the child's own user + system CPU time (a steadier
figure than wall time when other work shares the machine); the peak memory is the child's own maximum resident set
(reaped with wait4: RUSAGE_CHILDREN would report the largest child so far). With ``BENCH_DATABASE_URL`` set
(e.g. ``postgres://postgres@127.0.0.1:5432/postgres``) the same runs go to a temporary PostgreSQL database created
next to it and dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SEED = 20250901
ROWS = 50_000
GOAL_SECONDS = 30.0
GOAL_MB = 500.0
ORG_CODE = "bench"
TODAY = dt.date.today()

HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Категория",
    "Класс",
    "Предмет",
    "Стаж",
    "E-mail",
    "Телефон",
    "Место работы, должность",
    "Законный представитель",
]
# Invented name parts only (never a name from the seeds).
ROOTS = [
    "Ромашк",
    "Лютик",
    "Василёк",
    "Колокольчик",
    "Клевер",
    "Осинник",
    "Ельник",
    "Папоротник",
    "Можжевельник",
    "Черёмух",
    "Калинник",
    "Брусник",
    "Морошк",
    "Вереск",
    "Ковыл",
    "Полын",
    "Пижм",
    "Тысячелистник",
    "Зверобо",
    "Чабрец",
    "Шалфе",
    "Мят",
    "Мелисс",
    "Душиц",
    "Тимьян",
    "Лаванд",
    "Ирис",
    "Пион",
    "Георгин",
    "Астр",
    "Флокс",
    "Гвоздик",
    "Мальв",
    "Люпин",
    "Дельфиниум",
    "Настурци",
    "Гортензи",
    "Сирен",
    "Жасмин",
    "Шиповник",
    "Боярышник",
    "Рябинник",
    "Облепих",
    "Смородин",
    "Крыжовник",
    "Малинник",
    "Ежевик",
    "Голубик",
    "Черник",
    "Клюквин",
    "Земляник",
]
MALE_NAMES = [
    "Аким",
    "Богдан",
    "Всеволод",
    "Гордей",
    "Демьян",
    "Елисей",
    "Ждан",
    "Зиновий",
    "Игнат",
    "Лука",
    "Мирон",
    "Назар",
    "Орест",
    "Прохор",
    "Ратмир",
]
FEMALE_NAMES = [
    "Агния",
    "Белла",
    "Ванда",
    "Гликерия",
    "Дарина",
    "Ефросиния",
    "Злата",
    "Ия",
    "Кира",
    "Лада",
    "Мила",
    "Нонна",
    "Олеся",
    "Римма",
    "Стефания",
]
PATRONYMIC_ROOTS = [
    "Аким",
    "Богдан",
    "Гордей",
    "Демьян",
    "Игнат",
    "Мирон",
    "Назар",
    "Прохор",
    "Ратмир",
    "Тихон",
    "Федот",
    "Харитон",
]
SUBJECTS = ["Математика", "Физика", "Химия", "Биология", "История", "Литература", "Информатика", "География", "Музыка"]
LETTERS = "АБВГД"


# --- the roster file ------------------------------------------------------------------------------------------


def _surname(rng: random.Random, female: bool) -> str:
    root = rng.choice(ROOTS)
    suffix = rng.choice(["ов", "ин", "ев"])
    return f"{root}{suffix}{'а' if female else ''}"


def _person(rng: random.Random, *, surname_root: str | None, age_from: int, age_to: int) -> tuple:
    female = rng.random() < 0.5
    last = surname_root + ("а" if female else "") if surname_root else _surname(rng, female)
    first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    middle = rng.choice(PATRONYMIC_ROOTS) + ("овна" if female else "ович")
    birth = TODAY - dt.timedelta(days=rng.randint(age_from * 365 + 1, age_to * 365 - 1))
    return last, first, middle, birth


def generate(path: Path, rows: int, seed: int = SEED) -> dict[str, int]:
    """Write the roster; every (ФИО, date of birth) is distinct, so the file is clean."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    seen: set[tuple] = set()
    counts: dict[str, int] = {}
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Люди")
    sheet.append(HEADERS)

    def unique(make) -> tuple:
        while True:
            person = make()
            if person not in seen:
                seen.add(person)
                return person

    def emit(category: str, person: tuple, *rest) -> None:
        sheet.append([*person, category, *rest])
        counts[category] = counts.get(category, 0) + 1

    written = 0
    while written < rows:
        kind = rng.random()
        if kind < 0.35 and rows - written >= 2:  # a parent and their child
            root = _surname(rng, False)
            parent = unique(lambda root=root: _person(rng, surname_root=root, age_from=28, age_to=55))
            emit("родитель", parent, None, None, None, None, _phone(rng), "ООО «Пример», специалист", None)
            child = unique(lambda root=root: _person(rng, surname_root=root, age_from=7, age_to=17))
            reference = f"{' '.join(parent[:3])}, {parent[3]:%d.%m.%Y}"
            grade = min(11, max(1, TODAY.year - child[3].year - 6))
            emit("обучающийся", child, f"{grade}{rng.choice(LETTERS)}", None, None, None, None, None, reference)
            written += 2
        elif kind < 0.75:
            child = unique(lambda: _person(rng, surname_root=None, age_from=7, age_to=17))
            grade = min(11, max(1, TODAY.year - child[3].year - 6))
            emit("обучающийся", child, f"{grade} {rng.choice(LETTERS).lower()}", None, None, None, None, None, None)
            written += 1
        elif kind < 0.93:
            teacher = unique(lambda: _person(rng, surname_root=None, age_from=23, age_to=65))
            email = f"t{written}@example.ru"
            emit("педагог", teacher, None, rng.choice(SUBJECTS), rng.randint(0, 40), email, _phone(rng), None, None)
            written += 1
        else:
            category = rng.choice(["выпускник", "сотрудник предприятия", "внешний"])
            other = unique(lambda: _person(rng, surname_root=None, age_from=19, age_to=60))
            emit(category, other, None, None, None, None, _phone(rng), "АО «Образец», инженер", None)
            written += 1
    workbook.save(path)
    return counts


def _phone(rng: random.Random) -> str:
    return f"8 9{rng.randint(0, 99):02d} {rng.randint(0, 999):03d}-{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}"


# --- child processes ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    title: str
    seconds: float
    cpu_seconds: float
    peak_mb: float
    code: int
    out: str


def run_child(title: str, args: list[str], env: dict[str, str]) -> Run:
    """Run one child and reap it with wait4, so the peak memory reported is that child's own."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, text=True, env=env, cwd=ROOT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        text = out.read().strip()
        if proc.returncode != 0:
            text = f"{text}\n{err.read()[-2000:]}".strip()
        return Run(title, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, text)


def _nastavnik() -> list[str]:
    script = Path(sys.executable).parent / "nastavnik"
    return [str(script)] if script.exists() else [sys.executable, "-m", "nastavnik.cli"]


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


CREATE_ORG = f"""
from nastavnik.orgs.models import Municipality, Organization
mun = Municipality.objects.create(name="Городской округ Замерный")
Organization.objects.create(municipality=mun, kind="school", code="{ORG_CODE}",
    name="Муниципальное общеобразовательное учреждение «Замерная школа»", short_name="Замерная школа")
"""
COUNT_PEOPLE = f"""
from nastavnik.people.models import Guardianship, Person
print(Person.objects.filter(organization__code="{ORG_CODE}").count(), Guardianship.objects.count())
"""


def bench_database(title: str, database_url: str, roster: Path, workdir: Path) -> list[Run]:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1", "NASTAVNIK_VAR_DIR": str(workdir / "var")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    print(f"\n{title}: миграции…", flush=True)
    _manage(env, "migrate", "--noinput", "--skip-checks", "-v", "0")
    _manage(env, "shell", "-c", CREATE_ORG)
    cli = _nastavnik()
    runs = [
        run_child("проверка (--dry-run)", [*cli, "import-roster", str(roster), "--org", ORG_CODE, "--dry-run"], env),
        run_child("импорт", [*cli, "import-roster", str(roster), "--org", ORG_CODE], env),
    ]
    people, links = _manage(env, "shell", "-c", COUNT_PEOPLE).strip().splitlines()[-1].split()
    out = workdir / f"export-{title.split()[0].lower()}.xlsx"
    runs.append(run_child("выгрузка в XLSX", [*cli, "export-roster", str(out), "--org", ORG_CODE], env))
    print_table(title, runs)
    print(f"  в базе: людей {people}, связей с представителями {links}")
    print_goals(runs)
    return runs


def print_table(title: str, runs: list[Run]) -> None:
    header = f"  {'шаг':<24}{'секунд':>9}{'ЦП, с':>8}{'пик, МБ':>10}{'код':>6}  вывод"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for run in runs:
        first_line = run.out.splitlines()[0] if run.out else ""
        print(
            f"  {run.title:<24}{run.seconds:>9.2f}{run.cpu_seconds:>8.2f}{run.peak_mb:>10.0f}{run.code:>6}  "
            f"{first_line[:80]}"
        )
        if run.code != 0:
            print("    " + run.out.replace("\n", "\n    ")[:2000])


def print_goals(runs: list[Run]) -> None:
    run = next(r for r in runs if r.title == "импорт")
    ok = run.code == 0 and run.seconds <= GOAL_SECONDS and run.peak_mb <= GOAL_MB
    verdict = "выполнено" if ok else "НЕ выполнено"
    print(
        f"  цель импорта: ≤ {GOAL_SECONDS:.0f} с и ≤ {GOAL_MB:.0f} МБ — "
        f"{run.seconds:.1f} с, {run.peak_mb:.0f} МБ — {verdict}"
    )


# --- PostgreSQL -------------------------------------------------------------------------------------------------


def bench_postgres(base_url: str, roster: Path, workdir: Path) -> None:
    import psycopg

    name = f"bench_roster_{os.getpid()}"
    parts = urlsplit(base_url)
    admin = urlunsplit(parts._replace(scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        bench_database("PostgreSQL", urlunsplit(parts._replace(path=f"/{name}")), roster, workdir)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser(description="Замер импорта и выгрузки списков людей")
    parser.add_argument("--rows", type=int, default=ROWS, help=f"строк в файле (по умолчанию {ROWS})")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, процессоров: {os.cpu_count()}, seed {SEED}")
    with tempfile.TemporaryDirectory(prefix="bench-roster-") as tmp:
        workdir = Path(tmp)
        roster = workdir / "roster.xlsx"
        start = time.perf_counter()
        counts = generate(roster, args.rows)
        size_mb = roster.stat().st_size / 1024**2
        made = ", ".join(f"{k} {v}" for k, v in counts.items())
        print(f"Файл: {args.rows} строк ({made}), {size_mb:.1f} МБ, создан за {time.perf_counter() - start:.1f} с")
        print(f"Пик памяти самого замера: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} МБ")
        bench_database("SQLite (временная база)", f"sqlite:///{workdir / 'bench.sqlite3'}", roster, workdir)
        if os.environ.get("BENCH_DATABASE_URL"):
            bench_postgres(os.environ["BENCH_DATABASE_URL"], roster, workdir)
        else:
            print(
                "\nPostgreSQL: пропущено (задайте BENCH_DATABASE_URL, например postgres://postgres@127.0.0.1:5432/postgres)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
