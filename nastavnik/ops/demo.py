"""The demo: an invented municipality with a school, a lyceum and a kindergarten at different stages of the cycle.

Everything here is invented. The builder is deterministic (seeded), so screenshots and manual checks are
repeatable. Later stages add their own demo data through `nastavnik.<app>.demo.populate(today=…)` hooks,
called at the end in the order of the cycle.
"""

from __future__ import annotations

import datetime as dt
import importlib
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.mentorships.models import Meeting, Mentorship, MentorshipMember
from nastavnik.ops.demo_people import NameBook
from nastavnik.orgs.models import Membership, Municipality, Organization, Role
from nastavnik.people.models import Guardianship, Person, User
from nastavnik.privacy.models import Consent
from nastavnik.programs.models import Activity, MentoringForm, Program, RoleModel, Stage
from nastavnik.programs.services import catalog_install, roadmap_approve, roadmap_create_from_template

DEMO_PASSWORD = "demo"  # the demo's published password, printed by `make run`
LOGIN_ROLES = [
    "director",
    "coordinator",
    "curator",
    "psychologist",
    "method_head",
    "mentor",
    "mentee",
    "guardian",
    "municipal",
]
# Apps that enrich the demo, in the order of the cycle; each may be absent while it is being built.
HOOK_APPS = [
    "orgs", "programs", "privacy", "surveys", "intake", "documents", "matching", "mentorships", "accounts",
    "monitoring", "recognition", "municipal",
]
SUBJECTS = ["Математика", "Русский язык и литература", "Физика", "История", "Английский язык", "Биология",
            "Химия", "Информатика", "География", "Начальные классы", "Физическая культура", "Музыка"]
TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


@dataclass
class Demo:
    today: dt.date
    names: NameBook = field(default_factory=NameBook)
    logins: dict[str, Person] = field(default_factory=dict)

    # --- people ---------------------------------------------------------------------------------------------

    def person(
        self,
        org: Organization | None,
        category: str,
        *,
        age: int,
        female: bool | None = None,
        surname: str | None = None,
        **extra,
    ) -> Person:
        name = self.names.name(female=female, surname=surname)
        return Person.objects.create(
            organization=org,
            category=category,
            last_name=name.last,
            first_name=name.first,
            middle_name=name.middle,
            birth_date=self.names.birth_date(age=age, today=self.today),
            **extra,
        )

    def teacher(self, org: Organization, *, experience: int, subject: str | None = None, **extra) -> Person:
        rng = self.names.rng
        return self.person(
            org,
            Person.Category.TEACHER,
            age=23 + experience + rng.randint(0, 3),
            subject=subject or rng.choice(SUBJECTS),
            experience_years=experience,
            email=f"t{rng.randint(1000, 9999)}@school.example",
            **extra,
        )

    def pupil(self, org: Organization, *, grade: int, letter: str = "А") -> Person:
        return self.person(org, Person.Category.PUPIL, age=grade + 6, school_class=f"{grade}{letter}")

    def parent_of(self, child: Person) -> Person:
        female = self.names.rng.random() < 0.7
        surname = child.last_name[:-1] if child.last_name.endswith("а") else child.last_name
        parent = self.person(
            child.organization,
            Person.Category.PARENT,
            age=40,
            female=female,
            surname=surname,
            phone=f"+7 (900) {self.names.rng.randint(100, 999)}-{self.names.rng.randint(10, 99)}-17",
        )
        Guardianship.objects.create(guardian=parent, child=child)
        return parent

    def role(self, person: Person, role: str, *, department: str = "") -> None:
        Membership.objects.create(
            person=person,
            role=role,
            organization=person.organization,
            department=department,
            appointed_on=self.today - dt.timedelta(days=400),
        )

    def login(self, username: str, person: Person) -> None:
        user = User.objects.create_user(
            username=username, password=DEMO_PASSWORD, first_name=person.first_name, last_name=person.last_name
        )
        person.user = user
        person.save(update_fields=["user"])
        self.logins[username] = person

    def consent(self, person: Person, *purposes: str) -> None:
        """Consents signed on paper; a minor's by the first guardian."""
        guardian = None
        if person.is_minor:
            link = person.guardians.select_related("guardian").first()
            if link is None:
                return  # no guardian known: no consent, and the pupil stays out of processing
            guardian = link.guardian
        operator = person.organization.name if person.organization else "Управление образования"
        for purpose in purposes or [Consent.Purpose.PARTICIPATION, Consent.Purpose.QUESTIONNAIRES]:
            Consent.objects.create(
                person=person,
                purpose=purpose,
                given_by=guardian or person,
                guardian_basis=Consent.GuardianBasis.PARENT if guardian else "",
                data_categories=[
                    "фамилия, имя, отчество",
                    "дата рождения",
                    "класс / место работы",
                    "контактные данные",
                    "сведения об участии в программе наставничества",
                ],
                actions="сбор, запись, систематизация, хранение, уточнение, использование, удаление, уничтожение",
                operator=operator,
                valid_from=self.today - dt.timedelta(days=90),
                valid_until=self.today + dt.timedelta(days=600),
                signed_at=self.today - dt.timedelta(days=90),
                form=Consent.Form.PAPER,
            )

    # --- meetings -------------------------------------------------------------------------------------------

    def meeting(
        self,
        pair: Mentorship,
        kind: str,
        days_from_today: int,
        *,
        status: str | None = None,
        topic: str = "",
        minutes: int | None = None,
        online: bool = False,
    ) -> Meeting:
        default_minutes = {"acquaintance": 40, "trial": 60, "planning": 90, "regular": 60, "final": 90}[kind]
        when = dt.datetime.combine(self.today + dt.timedelta(days=days_from_today), dt.time(15, 30), tzinfo=TZ)
        if status is None:
            status = Meeting.Status.HELD if days_from_today < 0 else Meeting.Status.PLANNED
        return Meeting.objects.create(
            mentorship=pair,
            kind=kind,
            status=status,
            scheduled_at=when,
            duration_minutes=minutes or default_minutes,
            topic=topic,
            format=Meeting.Format.ONLINE if online else Meeting.Format.IN_PERSON,
            place="ссылка на видеовстречу" if online else "кабинет 214",
            curator_present=kind in {"acquaintance", "final"},
        )


# --- the organisations ----------------------------------------------------------------------------------------


def _organizations() -> tuple[Municipality, dict[str, Organization]]:
    mun = Municipality.objects.create(name="Северогорский городской округ", region="Северная область")
    specs = [
        (
            "school7",
            Organization.Kind.SCHOOL,
            "Муниципальное бюджетное общеобразовательное учреждение "
            "«Средняя общеобразовательная школа № 7» г. Северогорска",
            "СОШ № 7",
            "ул. Школьная, 7",
        ),
        (
            "lyceum3",
            Organization.Kind.LYCEUM,
            "Муниципальное автономное общеобразовательное учреждение «Лицей № 3 имени первооткрывателей Севера»",
            "Лицей № 3",
            "пр. Строителей, 15",
        ),
        (
            "ds12",
            Organization.Kind.KINDERGARTEN,
            "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 12 «Берёзка»",
            "Детский сад № 12",
            "ул. Лесная, 3",
        ),
    ]
    orgs = {}
    for code, kind, name, short, street in specs:
        orgs[code] = Organization.objects.create(
            municipality=mun,
            kind=kind,
            code=code,
            name=name,
            short_name=short,
            address=f"Северная область, г. Северогорск, {street}",
            email=f"{code}@edu.example",
            phone="+7 (812) 555-01-07",
        )
    return mun, orgs


def _program(
    org: Organization,
    form_code: str,
    title: str,
    *,
    stage: str,
    starts: dt.date,
    ends: dt.date,
    status: str = Program.Status.ACTIVE,
    interval: int = 14,
    curators=(),
) -> Program:
    form = MentoringForm.objects.get(code=form_code)
    program = Program.objects.create(
        organization=org,
        form=form,
        title=title,
        starts_on=starts,
        ends_on=ends,
        status=status,
        stage=stage,
        meeting_interval_days=interval,
        description="Программа реализуется в рамках целевой модели наставничества организации.",
    )
    program.role_models.set(RoleModel.objects.filter(form=form)[:3])
    program.curators.set(curators)
    return program


def _roadmap(program: Program, template_code: str, starts: dt.date, *, today: dt.date, behind: int = 2) -> None:
    """An approved roadmap where what is past is done, except the last `behind` activities, and the rest runs."""
    roadmap = roadmap_create_from_template(
        organization=program.organization, template_code=template_code, starts_on=starts, program=program
    )
    roadmap_approve(roadmap=roadmap, approved_on=starts)
    past = list(roadmap.activities.filter(ends_on__lt=today).order_by("ends_on", "position"))
    for activity in past[: max(len(past) - behind, 0)]:
        activity.status, activity.done_on = Activity.Status.DONE, activity.ends_on
        activity.save(update_fields=["status", "done_on"])
    roadmap.activities.filter(starts_on__lte=today, ends_on__gte=today).update(status=Activity.Status.IN_PROGRESS)


# --- school No 7: «ученик – ученик» at work, «учитель – учитель» at work, last year's cycle completed ---------


def _school(demo: Demo, org: Organization) -> None:
    director = demo.teacher(org, experience=25, subject="История", workplace="Директор")
    coordinator = demo.teacher(org, experience=18, subject="Математика", workplace="Заместитель директора по УВР")
    curator = demo.teacher(org, experience=12, subject="Русский язык и литература")
    psychologist = demo.teacher(org, experience=9, subject="Педагог-психолог")
    method_head = demo.teacher(org, experience=20, subject="Математика")
    for person, role, username in [
        (director, Role.DIRECTOR, "director"),
        (coordinator, Role.COORDINATOR, "coordinator"),
        (curator, Role.CURATOR, "curator"),
        (psychologist, Role.PSYCHOLOGIST, "psychologist"),
    ]:
        demo.role(person, role)
        demo.login(username, person)
    demo.role(method_head, Role.METHOD_HEAD, department="МО учителей математики и информатики")
    demo.login("method_head", method_head)

    experienced = [demo.teacher(org, experience=demo.names.rng.randint(10, 30)) for _ in range(6)]
    young = [demo.teacher(org, experience=demo.names.rng.randint(0, 3)) for _ in range(5)]
    mentor_teacher = experienced[0]
    mentor_teacher.subject = "Математика"
    mentor_teacher.save(update_fields=["subject"])
    demo.login("mentor", mentor_teacher)

    seniors = [demo.pupil(org, grade=g, letter=letter) for g, letter in [(10, "А"), (10, "Б"), (11, "А")] * 3]
    juniors = [demo.pupil(org, grade=g, letter=letter) for g in (5, 6, 7, 8) for letter in ("А", "Б", "В")]
    juniors += [demo.pupil(org, grade=9, letter="А") for _ in range(6)]
    for child in seniors + juniors[:16]:
        demo.parent_of(child)
    mentee_pupil = juniors[6]  # a pupil of 7А
    demo.login("mentee", mentee_pupil)
    demo.login("guardian", mentee_pupil.guardians.first().guardian)

    for person in [director, coordinator, curator, psychologist, method_head, *experienced, *young]:
        demo.consent(person)
    for pupil in seniors + juniors:
        demo.consent(pupil)
    demo.consent(juniors[0], Consent.Purpose.PSYCH_DIAGNOSTICS)

    year_start = _school_year_start(demo.today)
    pupils = _program(
        org,
        "pupil_pupil",
        "Программа наставничества «Ученик – ученик»",
        stage=Stage.WORK,
        starts=year_start,
        ends=year_start.replace(year=year_start.year + 1, month=5, day=31),
        curators=[curator],
    )
    teachers = _program(
        org,
        "teacher_teacher",
        "Программа наставничества «Учитель – учитель»",
        stage=Stage.WORK,
        starts=year_start.replace(year=year_start.year - 1),
        ends=year_start.replace(year=year_start.year + 2, month=5, day=31),
        curators=[curator],
    )
    _roadmap(teachers, "school_plan", year_start.replace(year=year_start.year - 1), today=demo.today)
    last_year = _program(
        org,
        "pupil_pupil",
        "«Ученик – ученик» (прошлый учебный год)",
        stage=Stage.COMPLETION,
        status=Program.Status.COMPLETED,
        starts=year_start.replace(year=year_start.year - 1),
        ends=year_start.replace(year=year_start.year, month=5, day=31),
        curators=[curator],
    )

    for i, mentee in enumerate(juniors[:9]):
        _pupil_pair(demo, pupils, seniors[i], mentee, i)
    group = _pair(demo, pupils, seniors[0], juniors[9], "Подготовка к олимпиаде по математике", weeks=9)
    for extra in juniors[10:12]:
        MentorshipMember.objects.create(
            mentorship=group, person=extra, side=MentorshipMember.Side.MENTEE, joined_on=group.starts_on
        )
    demo.meeting(group, "regular", 3, topic="Разбор олимпиадных задач")

    for i, mentee in enumerate(young[:4]):
        mentor = mentor_teacher if i < 2 else experienced[i]
        pair = _pair(demo, teachers, mentor, mentee, "Адаптация молодого специалиста, методика урока", weeks=10)
        demo.meeting(pair, "regular", 2 + i, topic="Анализ открытого урока")
    old = _pair(demo, last_year, seniors[3], juniors[13], "Повышение успеваемости по русскому языку", weeks=30)
    old.status, old.ends_on = Mentorship.Status.COMPLETED, last_year.ends_on
    old.save(update_fields=["status", "ends_on"])
    demo.meeting(old, "final", -(demo.today - last_year.ends_on).days - 3)

    _bases(org, mentees=juniors[12:] + young[4:], mentors=experienced[3:] + seniors[6:], today=demo.today)


def _school_year_start(today: dt.date) -> dt.date:
    return dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def _pair(
    demo: Demo,
    program: Program,
    mentor: Person,
    mentee: Person,
    goal: str,
    *,
    weeks: int,
    status: str = Mentorship.Status.APPROVED,
) -> Mentorship:
    """A pair that started `weeks` ago and went through acquaintance, trial and planning meetings."""
    start = demo.today - dt.timedelta(weeks=weeks)
    pair = Mentorship.objects.create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        status=status,
        starts_on=start,
        goal=goal,
        role_model=program.role_models.first(),
    )
    offset = -(demo.today - start).days
    for kind, gap in [("acquaintance", 0), ("trial", 7), ("planning", 14)]:
        if offset + gap < 0:
            demo.meeting(pair, kind, offset + gap)
    # Regular meetings at the programme's interval, the latest a few days ago, counted back from today.
    day = -demo.names.rng.randint(2, 6)
    while day > offset + 21:
        demo.meeting(pair, "regular", day, topic="Работа по плану")
        day -= program.meeting_interval_days
    return pair


def _pupil_pair(demo: Demo, program: Program, mentor: Person, mentee: Person, i: int) -> None:
    goals = [
        "Повышение успеваемости по математике",
        "Адаптация в новом классе",
        "Подготовка проекта",
        "Развитие навыков публичного выступления",
        "Подготовка к ОГЭ по русскому языку",
    ]
    if i == 7:  # matched this week: only the acquaintance is planned
        pair = Mentorship.objects.create(
            program=program,
            mentor=mentor,
            mentee=mentee,
            starts_on=demo.today,
            goal=goals[i % 5],
            status=Mentorship.Status.PROPOSED,
        )
        demo.meeting(pair, "acquaintance", 2)
        return
    if i == 8:  # the pair that needs the curator: nothing for five weeks
        pair = _pair(demo, program, mentor, mentee, goals[i % 5], weeks=12)
        pair.meetings.filter(scheduled_at__date__gt=demo.today - dt.timedelta(days=35)).delete()
        return
    pair = _pair(demo, program, mentor, mentee, goals[i % 5], weeks=6 + i)
    demo.meeting(pair, "regular", 1 + i % 6, topic="Работа по плану", online=i % 3 == 0)


def _bases(org: Organization, *, mentees: list[Person], mentors: list[Person], today: dt.date) -> None:
    statuses = [
        MenteeRequest.Status.NEW,
        MenteeRequest.Status.ANALYSED,
        MenteeRequest.Status.IN_BASE,
        MenteeRequest.Status.SEARCHING,
    ]
    for i, person in enumerate(mentees):
        teacher = person.category == Person.Category.TEACHER
        MenteeRequest.objects.create(
            person=person,
            organization=org,
            status=statuses[i % len(statuses)],
            categories=["young_specialist"] if teacher else ["low_results"],
            needs="Трудности с дисциплиной на уроках" if teacher else "Трудности с математикой, низкая мотивация",
            deficit_competencies=["управление классом"] if teacher else ["решение текстовых задач"],
            interests=["спорт", "чтение"],
            free_time=["вт 15-17", "чт 15-17"],
            source=MenteeRequest.Source.SELF if teacher else MenteeRequest.Source.CLASS_TEACHER,
            needs_psychologist=i % 4 == 3,
        )
    for i, person in enumerate(mentors):
        pupil = person.category == Person.Category.PUPIL
        MentorCandidate.objects.create(
            person=person,
            organization=org,
            category=MentorCandidate.Category.PUPIL if pupil else MentorCandidate.Category.TEACHER,
            mentor_type=MentorCandidate.MentorType.SUBJECT,
            capacity=1 if pupil else 2,
            competencies=["олимпиадная математика"] if pupil else ["методика урока", "работа с родителями"],
            interests=["шахматы"],
            free_time=["вт 15-17"],
            status=[
                MentorCandidate.Status.CANDIDATE,
                MentorCandidate.Status.INTERVIEWED,
                MentorCandidate.Status.APPROVED,
            ][i % 3],
            approved_on=today - dt.timedelta(days=20) if i % 3 == 2 else None,
            motivation="Хочу помочь младшим и сам научиться объяснять" if pupil else "Передать опыт молодым коллегам",
        )


# --- lyceum No 3: the seed-001 roadmap, mentor base being formed -----------------------------------------------


def _lyceum(demo: Demo, org: Organization) -> None:
    staff = [demo.teacher(org, experience=e) for e in (28, 19, 14)]
    for person, role in zip(staff, [Role.DIRECTOR, Role.COORDINATOR, Role.CURATOR], strict=True):
        demo.role(person, role)
    heads = [demo.teacher(org, experience=22, subject="Физика"), demo.teacher(org, experience=17, subject="Химия")]
    for head in heads:
        demo.role(head, Role.METHOD_HEAD, department=f"Кафедра: {head.subject.lower()}")
    teachers = [demo.teacher(org, experience=e) for e in (1, 2, 0, 3, 25, 16, 11, 8, 30, 5)]
    for person in staff + heads + teachers:
        demo.consent(person)
    start = _school_year_start(demo.today)
    program = _program(
        org,
        "teacher_teacher",
        "Наставничество педагогических работников лицея",
        stage=Stage.SELECTION_TRAINING,
        starts=start,
        ends=start.replace(year=start.year + 3, month=8, day=31),
        interval=7,
        curators=[staff[2]],
    )
    _roadmap(program, "lyceum_2023", start, today=demo.today, behind=1)
    _bases(org, mentees=teachers[:4], mentors=teachers[4:] + heads, today=demo.today)


# --- kindergarten No 12: «педагог – педагог», pairs just proposed after Mentor Match ----------------------------


def _kindergarten(demo: Demo, org: Organization) -> None:
    head = demo.teacher(org, experience=24, subject="Заведующий", female=True)
    curator = demo.teacher(org, experience=15, subject="Старший воспитатель", female=True)
    demo.role(head, Role.DIRECTOR)
    demo.role(curator, Role.CURATOR)
    educators = [demo.teacher(org, experience=e, subject="Воспитатель", female=True) for e in (21, 14, 9, 1, 0, 2)]
    for person in [head, curator, *educators]:
        demo.consent(person)
    start = _school_year_start(demo.today)
    program = _program(
        org,
        "pedagogue_pedagogue",
        "Программа наставничества «Педагог – педагог»",
        stage=Stage.MATCHING,
        starts=start,
        ends=start.replace(year=start.year + 1, month=5, day=31),
        curators=[curator],
    )
    for mentor, mentee in zip(educators[:3], educators[3:], strict=True):
        Mentorship.objects.create(
            program=program,
            mentor=mentor,
            mentee=mentee,
            starts_on=demo.today,
            status=Mentorship.Status.PROPOSED,
            goal="Адаптация молодого воспитателя",
        )
    _bases(org, mentees=educators[3:], mentors=educators[:3], today=demo.today)


def _municipal(demo: Demo, mun: Municipality) -> None:
    person = demo.person(None, Person.Category.EXTERNAL, age=45, workplace="Управление образования, методист")
    Membership.objects.create(person=person, role=Role.MUNICIPAL_COORDINATOR, municipality=mun)
    demo.consent(person)
    demo.login("municipal", person)


def _external_mentors(demo: Demo, org: Organization) -> None:
    """A graduate and an employer's engineer in the school's mentor base (no organisation of their own)."""
    for category, workplace, cand in [
        (Person.Category.GRADUATE, "Студент технического университета", MentorCandidate.Category.GRADUATE),
        (Person.Category.EMPLOYER, "Инженер завода «Северогорскмаш»", MentorCandidate.Category.EMPLOYER),
    ]:
        person = demo.person(None, category, age=20 if cand == "graduate" else 38, workplace=workplace)
        demo.consent(person)
        MentorCandidate.objects.create(
            person=person,
            organization=org,
            category=cand,
            mentor_type=MentorCandidate.MentorType.CONSULTANT,
            capacity=3,
            competencies=["профориентация", "инженерное дело"],
            status="interviewed",
        )


def _participant_roles() -> None:
    """Mentors, mentees and their guardians hold those roles in the organisation they belong to."""
    wanted: set[tuple[int, str, int]] = set()
    for pair in Mentorship.objects.select_related("mentor", "mentee").prefetch_related("members__person"):
        sides = [(pair.mentor, Role.MENTOR), (pair.mentee, Role.MENTEE)]
        sides += [(m.person, Role.MENTOR if m.side == "mentor" else Role.MENTEE) for m in pair.members.all()]
        for person, role in sides:
            if person.organization_id:
                wanted.add((person.pk, role, person.organization_id))
            if role == Role.MENTEE:
                for link in person.guardians.select_related("guardian"):
                    wanted.add((link.guardian_id, Role.GUARDIAN, person.organization_id))
    Membership.objects.bulk_create(
        [Membership(person_id=p, role=r, organization_id=o) for p, r, o in sorted(wanted)], ignore_conflicts=True
    )


@transaction.atomic
def demo_build(*, today: dt.date) -> dict[str, Person]:
    """Build the whole demo in one transaction; returns the demo logins."""
    demo = Demo(today=today)
    catalog_install()  # normally there since migrate; the demo must stand on its own
    mun, orgs = _organizations()
    _school(demo, orgs["school7"])
    _external_mentors(demo, orgs["school7"])
    _lyceum(demo, orgs["lyceum3"])
    _kindergarten(demo, orgs["ds12"])
    _municipal(demo, mun)
    _participant_roles()
    for app in HOOK_APPS:
        try:
            hook = importlib.import_module(f"nastavnik.{app}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"nastavnik.{app}.demo":
                raise  # a broken hook must fail loudly, not vanish
            continue
        hook.populate(today=today)
    return demo.logins
