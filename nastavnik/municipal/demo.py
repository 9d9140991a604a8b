"""Demo for the municipal contour: the demo municipality gains five organisations of different kinds and sizes —
one without a roadmap, one behind on its control points, a small kindergarten where suppression shows — with
headcounts for the school year and a remark of the municipal coordinator. Everything invented."""

from __future__ import annotations

import datetime as dt

from nastavnik.mentorships.models import Mentorship
from nastavnik.municipal import services
from nastavnik.municipal.selectors import school_year_bounds, school_year_of
from nastavnik.ops.demo_people import NameBook
from nastavnik.orgs.models import Membership, Municipality, Organization, Role
from nastavnik.people.models import Person
from nastavnik.programs.models import Activity, MentoringForm, Program, Roadmap
from nastavnik.programs.services import roadmap_approve, roadmap_create_from_template

# code, kind, full name, short name, (pupils, teachers) headcount or None, pupils in pairs, teachers in pairs,
# roadmap: "approved" / "behind" / "draft" / None
ORGANIZATIONS = [
    ("school21", Organization.Kind.SCHOOL, "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
     "общеобразовательная школа № 21»", "СОШ № 21", (640, 52), 120, 38, "behind"),
    ("gym1", Organization.Kind.GYMNASIUM, "Муниципальное автономное общеобразовательное учреждение «Гимназия № 1»",
     "Гимназия № 1", (820, 64), 300, 46, "approved"),
    ("college2", Organization.Kind.COLLEGE, "Государственное профессиональное образовательное учреждение "
     "«Северогорский политехнический колледж»", "Политехнический колледж", (410, 35), 36, 12, None),
    ("ds5", Organization.Kind.KINDERGARTEN, "Муниципальное бюджетное дошкольное образовательное учреждение "
     "«Детский сад № 5 «Солнышко»", "Детский сад № 5", (0, 8), 0, 4, "approved"),
    ("cdo", Organization.Kind.ADDITIONAL, "Муниципальное учреждение дополнительного образования «Центр детского "
     "творчества «Поиск»", "ЦДТ «Поиск»", None, 14, 6, "draft"),
]
REMARK = ("В дорожной карте просрочены мероприятия этапа «Формирование базы наставников». Просим уточнить сроки "
          "и прислать исправленную карту до конца месяца.")


def populate(*, today: dt.date) -> None:
    municipality = Municipality.objects.order_by("pk").first()
    if municipality is None:
        return
    names = NameBook(seed=13)
    year = school_year_of(today)
    year_start, _end = school_year_bounds(year)
    for code, kind, name, short, headcount, pupils, teachers, roadmap in ORGANIZATIONS:
        org = Organization.objects.create(
            municipality=municipality, kind=kind, code=code, name=name, short_name=short,
            address="Северная область, г. Северогорск", email=f"{code}@edu.example",
        )
        if headcount:
            services.headcount_set(organization=org, school_year=year, pupils=headcount[0], teachers=headcount[1])
        _pairs(org, names, today=today, year_start=year_start, pupils=pupils, teachers=teachers)
        if roadmap:
            _roadmap(org, roadmap, today=today, year_start=year_start)
    behind = Roadmap.objects.filter(organization__code="school21").first()
    coordinator = Membership.objects.filter(role=Role.MUNICIPAL_COORDINATOR, municipality=municipality).first()
    if behind:
        services.roadmap_remark_create(roadmap=behind, text=REMARK, asks_correction=True,
                                       author_id=coordinator.person_id if coordinator else None)


def _people(org: Organization, names: NameBook, category: str, n: int, *, today: dt.date) -> list[Person]:
    age = 35 if category == Person.Category.TEACHER else 14
    people = []
    for _ in range(n):
        name = names.name()
        people.append(Person(organization=org, category=category, last_name=name.last, first_name=name.first,
                             middle_name=name.middle, birth_date=names.birth_date(age=age, today=today)))
    return Person.objects.bulk_create(people)


def _pairs(org, names, *, today, year_start, pupils: int, teachers: int) -> None:
    """Pairs in force since the start of the school year: one mentor for two mentees among pupils, one to one
    among teachers (so `teachers` people take part in teachers' pairs)."""
    starts = year_start + dt.timedelta(days=20)
    rows = []
    if teachers:
        form = MentoringForm.objects.get(code="teacher_teacher")
        program = Program.objects.create(organization=org, form=form, title=f"Наставничество «{form.name}»",
                                         starts_on=year_start, ends_on=year_start.replace(year=year_start.year + 1),
                                         status=Program.Status.ACTIVE, stage="work")
        people = _people(org, names, Person.Category.TEACHER, teachers, today=today)
        half = len(people) // 2
        rows += [Mentorship(program=program, mentor=a, mentee=b, starts_on=starts, status=Mentorship.Status.APPROVED)
                 for a, b in zip(people[:half], people[half:], strict=False)]
    if pupils:
        form = MentoringForm.objects.get(code="pupil_pupil")
        program = Program.objects.create(organization=org, form=form, title=f"Наставничество «{form.name}»",
                                         starts_on=year_start, ends_on=year_start.replace(year=year_start.year + 1),
                                         status=Program.Status.ACTIVE, stage="work")
        people = _people(org, names, Person.Category.PUPIL, pupils, today=today)
        half = len(people) // 2
        rows += [Mentorship(program=program, mentor=a, mentee=b, starts_on=starts, status=Mentorship.Status.APPROVED)
                 for a, b in zip(people[:half], people[half:], strict=False)]
        # A few pairs ended early in the autumn: the premature-closure rate has something to show.
        for pair in rows[-3:]:
            pair.status, pair.ends_on = Mentorship.Status.TERMINATED, starts + dt.timedelta(days=40)
            pair.end_reason = "Переезд наставляемого"
    Mentorship.objects.bulk_create(rows)


def _roadmap(org: Organization, state: str, *, today: dt.date, year_start: dt.date) -> None:
    template = "school_plan"
    roadmap = roadmap_create_from_template(organization=org, template_code=template, starts_on=year_start)
    if state == "draft":
        return
    roadmap_approve(roadmap=roadmap, approved_on=year_start + dt.timedelta(days=5))
    past = list(roadmap.activities.filter(ends_on__lt=today).order_by("ends_on", "position"))
    behind = 4 if state == "behind" else 0
    for activity in past[: max(len(past) - behind, 0)]:
        activity.status, activity.done_on = Activity.Status.DONE, activity.ends_on
        activity.save(update_fields=["status", "done_on"])
