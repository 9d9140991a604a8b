"""Memory and time of reading crafted and large roster uploads (issue: a 1.9 MB workbook took 3.6 GB and 80 s).

Run: ``.venv/bin/python bench/bench_roster_limits.py``. Each file is read by `parse_roster` in a child process of
its own; the table shows the child's peak resident memory (reaped with wait4), the wall time and the outcome. Goal:
every upload up to the 20 MB limit stays under 300 MB and a crafted one is refused in seconds.

The files: the crafted workbooks of the security review (20 million shared strings; 20 million styles), an ODS
whose one row is repeated a million times a thousand cells wide, and two honest large rosters near the upload
limit (an XLSX of 50 000 people and a CSV of 20 MB).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.people.crafted import crafted_ods, crafted_xlsx  # noqa: E402 — the same builders as the tests

GOAL_MB = 300
UPLOAD_LIMIT = 20 * 1024 * 1024
CHILD = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")
os.environ.setdefault("DEBUG", "1")
import django
django.setup()
from nastavnik.people.roster import RosterFileError, parse_roster
import time
started = time.perf_counter()
try:
    parsed = parse_roster(sys.argv[1])
    outcome = f"прочитано строк: {len(parsed.rows)}, ошибок: {len(parsed.errors)}"
except RosterFileError as error:
    outcome = "отказ: " + error.message[:48] + "…"
print(f"{time.perf_counter() - started:.1f}с чтения; {outcome}")
"""


def _letters(number: int) -> str:
    """A unique invented surname part for each row: letters only, as a name must be."""
    alphabet = "абвгдежзиклмнопрстуфхцчшэюя"
    out = ""
    while True:
        number, digit = divmod(number, len(alphabet))
        out += alphabet[digit]
        if not number:
            return out


def honest_xlsx(path: Path, rows: int) -> None:
    import openpyxl

    rng = random.Random(7)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Люди")
    sheet.append(["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Класс", "E-mail", "Телефон"])
    for i in range(rows):
        born = dt.date(2009, 1, 1) + dt.timedelta(days=rng.randrange(3000))
        sheet.append(
            [f"Ромашкин-{_letters(i)}", "Степан", "Ильич", born, "обучающийся", f"{rng.randrange(1, 12)}А", "", ""]
        )
    book.save(path)


def honest_csv(path: Path, size: int) -> None:
    rng = random.Random(8)
    with path.open("w", encoding="cp1251", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(
            ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Класс", "Место работы, должность"]
        )
        i = 0
        while fh.tell() < size - 200:
            born = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(12000))
            writer.writerow([f"Лютиков-{_letters(i)}", "Степан", "Аркадьевич", f"{born:%d.%m.%Y}", "родитель", "",
                             "ООО «Пример», инженер-конструктор второй категории"])  # fmt: skip
            i += 1
            if i >= 199_000:
                break


def measure(path: Path) -> tuple[float, float, str]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    _pid, _status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read().strip().splitlines()
    return usage.ru_maxrss / 1024, time.perf_counter() - started, (output[-1] if output else "")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {
            "20 млн общих строк (XLSX)": folder / "strings.xlsx",
            "20 млн стилей (XLSX)": folder / "styles.xlsx",
            "ODS: строка × 1 000 000 × 1000": folder / "bomb.ods",
            "честный XLSX, 50 000 человек": folder / "honest.xlsx",
            "честный CSV, 20 МБ (cp1251)": folder / "honest.csv",
        }
        crafted_xlsx(files["20 млн общих строк (XLSX)"], shared_strings=20_000_000)
        crafted_xlsx(files["20 млн стилей (XLSX)"], styles=20_000_000)
        crafted_ods(files["ODS: строка × 1 000 000 × 1000"], rows=1_000_000, columns=1000)
        honest_xlsx(files["честный XLSX, 50 000 человек"], 50_000)
        honest_csv(files["честный CSV, 20 МБ (cp1251)"], UPLOAD_LIMIT)
        print(f"{'файл':<34} {'размер':>9} {'пик памяти':>11} {'всего':>7}  итог")
        worst = 0.0
        for title, path in files.items():
            size = path.stat().st_size
            peak, seconds, outcome = measure(path)
            worst = max(worst, peak)
            print(f"{title:<34} {size / 1e6:>7.1f}МБ {peak:>9.0f}МБ {seconds:>6.1f}с  {outcome}")
        print(f"Наибольший пик: {worst:.0f} МБ (цель — не больше {GOAL_MB} МБ).")
        return 0 if worst <= GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
