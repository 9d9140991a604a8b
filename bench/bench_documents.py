"""Benchmark of the documents service: issuing and rendering 100 orders (DOCX), and PDF for 10.

Run with the project's interpreter and no arguments: ``.venv/bin/python bench/bench_documents.py``.
It makes its own temporary SQLite database and media directory (never var/), migrates, invents an organisation
with staff and approved mentors, then times:

* ``issue``  — ``order_issue`` end to end for 100 orders of the five templated kinds plus the generic one:
  payload check, numbering, DOCX rendering, filing the file;
* ``render`` — ``order_render`` again from the stored snapshot for the same 100 orders (files removed first);
* ``pdf``    — ``order_pdf`` for 10 orders through LibreOffice, if it is installed (printed separately).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N_ORDERS = 100
N_PDF = 10


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


def invent_organisation():
    from nastavnik.intake.models import MentorCandidate
    from nastavnik.orgs.models import Membership, Municipality, Organization, Role
    from nastavnik.people.models import Person

    municipality = Municipality.objects.create(name="Городской округ Условный", region="Условная область")
    org = Organization.objects.create(
        municipality=municipality,
        kind=Organization.Kind.SCHOOL,
        code="bench1",
        name="Муниципальное общеобразовательное учреждение «Условная школа № 1»",
        short_name="Условная школа № 1",
    )
    surnames = ["Акацина", "Буков", "Вишнёва", "Грабов", "Дёренова", "Ежевикин", "Жимолостина", "Ивушкин"]
    people = [
        Person.objects.create(
            last_name=s,
            first_name="Имя",
            middle_name="Отчество",
            category=Person.Category.TEACHER,
            organization=org,
            subject="Математика",
        )
        for s in surnames
    ]
    for person, role in zip(people, [Role.DIRECTOR, Role.COORDINATOR, Role.CURATOR, Role.CURATOR], strict=False):
        Membership.objects.create(person=person, role=role, organization=org)
    candidates = [
        MentorCandidate.objects.create(
            person=p, organization=org, category="teacher", status="approved", competencies=["наставничество"]
        )
        for p in people[2:]
    ]
    return org, people, candidates


def payloads(people, candidates) -> list[tuple[str, dict]]:
    start = dt.date(2026, 9, 1)
    return [
        (
            "introduce_model",
            {
                "starts_on": start,
                "ends_on": dt.date(2027, 5, 31),
                "responsible": [{"person_id": p.pk, "duties": "вести базу\nготовить отчёт"} for p in people[1:4]],
                "monitoring": [{"what": "входной мониторинг", "date": dt.date(2026, 10, 1)}],
                "results": ["рост числа закрепившихся в профессии молодых педагогов"],
            },
        ),
        ("appoint_coordinator", {"coordinator_id": people[1].pk, "curators": [p.pk for p in people[2:4]]}),
        ("approve_mentor_registry", {"candidate_ids": [c.pk for c in candidates]}),
        (
            "mentor_school",
            {
                "starts_on": start,
                "ends_on": dt.date(2026, 10, 31),
                "responsible_id": people[2].pk,
                "topics": ["Тема 1", "Тема 2", "Тема 3"],
                "schedule": [
                    {"date": start + dt.timedelta(weeks=i), "time": "15:00–16:30", "topic": f"Тема {i + 1}"}
                    for i in range(4)
                ],
            },
        ),
        (
            "approve_pairs",
            {
                "starts_on": start,
                "ends_on": dt.date(2027, 5, 31),
                "pairs": [
                    {
                        "mentor_ids": [people[i].pk],
                        "mentee_ids": [people[i + 1].pk],
                        "form": "Учитель – учитель",
                        "role_model": "Опытный педагог – молодой специалист",
                    }
                    for i in range(4, 7)
                ],
            },
        ),
        ("other", {"items": ["Провести итоговое мероприятие.", "Подготовить отчёт."]}),
    ]


def timed(label: str, count: int, func) -> float:
    began = time.perf_counter()
    func()
    seconds = time.perf_counter() - began
    print(f"{label:<34} {count:>4} docs  {seconds:8.2f} s  {seconds / count * 1000:8.1f} ms/doc")
    return seconds


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-docs-") as tmp:
        setup_django(Path(tmp))
        from nastavnik.documents.models import Order
        from nastavnik.documents.rendering import pdf_available
        from nastavnik.documents.services import order_issue, order_pdf, order_render

        org, people, candidates = invent_organisation()
        kinds = payloads(people, candidates)
        orders: list[Order] = []

        def issue_all() -> None:
            for i in range(N_ORDERS):
                kind, payload = kinds[i % len(kinds)]
                date = dt.date(2026, 1, 1) + dt.timedelta(days=i * 3)
                orders.append(order_issue(organization=org, kind=kind, date=date, subject="", payload=payload))

        def render_all() -> None:
            for order in orders:
                order.file = None  # render again from the snapshot, not the filed copy
                order_render(order=order)

        print(f"Documents benchmark: {N_ORDERS} orders, {len(kinds)} kinds, SQLite in {tmp}")
        timed("issue (check+number+DOCX+file)", N_ORDERS, issue_all)
        timed("render DOCX from snapshot", N_ORDERS, render_all)
        if pdf_available():
            fresh = list(Order.objects.order_by("pk")[:N_PDF])
            timed("PDF via LibreOffice", N_PDF, lambda: [order_pdf(order=o) for o in fresh])
        else:
            print("PDF via LibreOffice: skipped — soffice not installed (apt-get install libreoffice-writer-nogui)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
