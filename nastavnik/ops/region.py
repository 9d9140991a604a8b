"""An invented region to measure against: `nastavnik demo --scale region` (1,000 organisations) or `--scale N`.

Per organisation, on average: about 200 people, 60 pairs and 500 meetings with diaries, consents, requests, mentor
candidates, a programme with its roadmap and orders — in the proportions of the hand-made demo. Everything is written
with bulk inserts in batches, deterministic for a seed, and the same on SQLite and PostgreSQL. The region has its own
staff logins (`region_director`, `region_curator`, … with the demo password) in its first organisation, so benchmarks
can log in as each role.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connection, models, transaction
from django.utils import timezone

from nastavnik.documents.models import Order
from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.mentorships.models import Meeting, Mentorship, Reflection
from nastavnik.mentorships.services import reflection_version
from nastavnik.ops.demo_people import FATHERS, FEMALE_NAMES, MALE_NAMES, PATRONYMICS, SURNAMES
from nastavnik.orgs.models import Membership, Municipality, Organization, Role
from nastavnik.people.models import Guardianship, Person, User
from nastavnik.privacy.models import Consent
from nastavnik.programs.models import Activity, MentoringForm, Program, Roadmap, Stage
from nastavnik.programs.services import catalog_install
from nastavnik.surveys.demo import PUPIL, TEACHER, invented_answer
from nastavnik.surveys.models import Answer, Response

REGION_ORGANIZATIONS = 1000
ORGS_PER_MUNICIPALITY = 25
BATCH = 5000
TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
STAFF_LOGINS = {
    "region_director": Role.DIRECTOR, "region_coordinator": Role.COORDINATOR, "region_curator": Role.CURATOR,
    "region_psychologist": Role.PSYCHOLOGIST, "region_method_head": Role.METHOD_HEAD,
}
PARTICIPANT_LOGINS = ["region_mentor", "region_mentee", "region_municipal"]
# kind → (share of organisations, teachers, pupils, pairs); the averages come to ~200 people and ~60 pairs.
KINDS = [
    (Organization.Kind.SCHOOL, 0.55, 45, 210, 80),
    (Organization.Kind.LYCEUM, 0.06, 50, 260, 95),
    (Organization.Kind.GYMNASIUM, 0.06, 50, 240, 90),
    (Organization.Kind.KINDERGARTEN, 0.25, 25, 0, 12),
    (Organization.Kind.COLLEGE, 0.05, 60, 250, 70),
    (Organization.Kind.ADDITIONAL, 0.03, 20, 90, 25),
]
MEETING_PLAN = [  # kind, minutes; then regular meetings every two weeks
    (Meeting.Kind.ACQUAINTANCE, 40), (Meeting.Kind.TRIAL, 60), (Meeting.Kind.PLANNING, 90),
]


@dataclass
class Region:
    today: dt.date
    rng: random.Random
    counts: dict[str, int] = field(default_factory=dict)

    def name(self) -> tuple[str, str, str]:
        female = self.rng.random() < 0.55
        base = self.rng.choice(SURNAMES)
        first = self.rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        return (base + "а" if female else base), first, PATRONYMICS[(self.rng.choice(FATHERS), female)]

    def insert(self, model: type[models.Model], rows: list[models.Model]) -> list[models.Model]:
        fast_insert(model, rows)
        name = str(model._meta.verbose_name_plural)
        self.counts[name] = self.counts.get(name, 0) + len(rows)
        return rows


# --- inserting many rows fast --------------------------------------------------------------------------------------
# Profiled at --scale 20, three quarters of the time went to `bulk_create` compiling its multi-row INSERTs (a
# placeholder and a `get_db_prep_save` call per value, the SQL text rebuilt per batch), not to the database. The
# invented rows are plain values, so one single-row INSERT run with `executemany`, keys taken in advance and only
# dates, times and JSON converted, does the same for a fraction of the cost (bulk_create's signals are not sent
# either way).

# Values of these fields go to the driver as they are; the rest (dates, JSON, files, decimals) are converted.
_PLAIN = (models.IntegerField, models.BooleanField, models.CharField, models.TextField, models.ForeignKey)


def fast_insert(model: type[models.Model], rows: list[models.Model]) -> None:
    """INSERT `rows` (unsaved instances whose foreign keys are already set) with new primary keys given to them."""
    if not rows:
        return
    meta = model._meta
    fields = list(meta.concrete_fields)
    now = timezone.now()
    for obj, pk in zip(rows, _new_ids(model, len(rows)), strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, DEFAULT_DB_ALIAS
    stamped = [f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    for attname in stamped:
        for obj in rows:
            if getattr(obj, attname) is None:
                setattr(obj, attname, now)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    columns = [(f.attname, None if isinstance(f, _PLAIN) else _converter(f)) for f in fields]
    values = [
        tuple(getattr(obj, name) if convert is None else convert(getattr(obj, name)) for name, convert in columns)
        for obj in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            cursor.executemany(sql, values[start:start + BATCH])


def _converter(field: models.Field):
    """The database's own adapter for the field's values, without the ORM's per-value checks (the values are ours)."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        if connection.vendor == "sqlite" and settings.USE_TZ:
            # What the SQLite backend's adapter does (naive in the connection's zone, as text), minus its checks:
            # a quarter of the remaining time went there.
            zone = connection.timezone
            return lambda v: None if v is None else str(v.astimezone(zone).replace(tzinfo=None))
        return lambda v: None if v is None else ops.adapt_datetimefield_value(v)
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else ops.adapt_datefield_value(v)
    if isinstance(field, models.JSONField):
        return lambda v: None if v is None else ops.adapt_json_value(v, field.encoder)
    return lambda v: field.get_db_prep_save(v, connection)


def _new_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` primary keys nobody else will take: PostgreSQL's sequence hands them out; on SQLite, past the highest
    used (AUTOINCREMENT's counter included), the database being locked for writing by this transaction."""
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, n])
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)}")  # names from the model
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        return list(range(start, start + n))


def region_build(*, organizations: int = REGION_ORGANIZATIONS, seed: int = 1, today: dt.date,
                 progress=None) -> dict[str, int]:
    """Build the region (on top of whatever is there, in one transaction per municipality); returns row counts."""
    catalog_install()
    region = Region(today=today, rng=random.Random(seed))
    forms = {f.code: f for f in MentoringForm.objects.all()}
    diaries = {kind: _diary_questions(kind) for kind in Meeting.Kind.values}
    municipalities = max(1, -(-organizations // ORGS_PER_MUNICIPALITY))
    made = 0
    for m in range(municipalities):
        size = min(ORGS_PER_MUNICIPALITY, organizations - made)
        with transaction.atomic():
            mun, _created = Municipality.objects.get_or_create(
                name=f"Муниципальный округ № {seed}-{m + 1}", defaults={"region": "Северная область (регион)"}
            )
            orgs = _organizations(region, mun, start=made, size=size, seed=seed)
            for org in orgs:
                _organization_contents(region, org, forms, diaries)
            if m == 0:
                _logins(region, mun, orgs[0])
        made += size
        if progress:
            progress(made, organizations)
    if connection.vendor == "postgresql":
        # Fresh planner statistics after a bulk load (autovacuum would take its time): without them PostgreSQL plans
        # the region's queries as if the tables were as small as the demo's.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return region.counts


def _organizations(region: Region, mun: Municipality, *, start: int, size: int, seed: int) -> list[Organization]:
    weights = [k[1] for k in KINDS]
    rows = []
    for i in range(start, start + size):
        kind = region.rng.choices([k[0] for k in KINDS], weights)[0]
        label = Organization.Kind(kind).label
        rows.append(Organization(
            municipality=mun, kind=kind, code=f"r{seed}o{i + 1}", name=f"{label} № {i + 1} (регион)",
            short_name=f"ОО № {i + 1}", email=f"r{seed}o{i + 1}@edu.example",
        ))
    return region.insert(Organization, rows)


def _sizes(kind: str) -> tuple[int, int, int]:
    for code, _share, teachers, pupils, pairs in KINDS:
        if code == kind:
            return teachers, pupils, pairs
    raise ValueError(kind)


def _organization_contents(region: Region, org: Organization, forms: dict, diaries: dict) -> None:
    rng, today = region.rng, region.today
    teachers_n, pupils_n, pairs_n = _sizes(org.kind)
    teachers_n, pupils_n = _jitter(rng, teachers_n), _jitter(rng, pupils_n)
    teachers = region.insert(Person, [_person(region, org, Person.Category.TEACHER, 25, 60) for _ in range(teachers_n)])
    pupils = region.insert(Person, [_person(region, org, Person.Category.PUPIL, 7, 17) for _ in range(pupils_n)])
    # Two pupils in three have a guardian on file; the rest have no consent and stay out of the programme.
    wards = [p for i, p in enumerate(pupils) if i % 3 != 2]
    parents = region.insert(Person, [_person(region, org, Person.Category.PARENT, 30, 50) for _ in wards])
    region.insert(Guardianship, [Guardianship(guardian_id=p.pk, child_id=c.pk)
                                 for p, c in zip(parents, wards, strict=True)])
    staff = list(zip(teachers[:5], [Role.DIRECTOR, Role.COORDINATOR, Role.CURATOR, Role.PSYCHOLOGIST,
                                    Role.METHOD_HEAD], strict=True))
    region.insert(Membership, [Membership(person_id=p.pk, role=r, organization_id=org.pk, appointed_on=today)
                               for p, r in staff])
    region.insert(Consent, list(_consents(region, org, teachers, wards, parents)))

    pupil_form = org.kind != Organization.Kind.KINDERGARTEN and len(wards) > 1
    form = forms["pupil_pupil" if pupil_form else "teacher_teacher"]
    program = Program.objects.create(
        organization=org, form=form, title=f"Программа наставничества «{form.name}»", status=Program.Status.ACTIVE,
        stage=Stage.WORK,
        starts_on=today.replace(month=9, day=1) if today.month >= 9 else today.replace(year=today.year - 1, month=9,
                                                                                        day=1),
        ends_on=dt.date(today.year + 1, 5, 31),
    )
    _roadmap(region, org, program)
    pairs_n = _jitter(rng, pairs_n)
    mentors = (wards[len(wards) // 2:] if pupil_form else teachers[5:]) or teachers
    mentees = (wards[: len(wards) // 2] if pupil_form else teachers[5:]) or teachers
    pairs = _pairs(region, program, mentors, mentees, pairs_n)
    region.insert(MentorCandidate, [
        MentorCandidate(person_id=pid, organization=org, category=_candidate_category(pupil_form),
                        status=MentorCandidate.Status.APPROVED, capacity=2, approved_on=program.starts_on)
        for pid in sorted({p.mentor_id for p in pairs})
    ])
    region.insert(MenteeRequest, [
        MenteeRequest(person_id=p.mentee_id, organization=org, program=program, needs="Трудности в учёбе и общении",
                      status=MenteeRequest.Status.MATCHED, categories=["low_results"])
        for p in pairs
    ])
    _meetings_and_diaries(region, org, pairs, diaries)
    region.insert(Order, [
        Order(organization=org, kind=kind, number=n + 1, year=today.year, date=program.starts_on,
              subject=str(Order.Kind(kind).label), program=program, signed_by="Директор")
        for n, kind in enumerate([Order.Kind.INTRODUCE_MODEL, Order.Kind.APPOINT_COORDINATOR,
                                  Order.Kind.APPROVE_MENTOR_REGISTRY, Order.Kind.APPROVE_PAIRS])
    ])


def _jitter(rng: random.Random, n: int) -> int:
    return max(0, round(n * rng.uniform(0.6, 1.4)))


def _person(region: Region, org: Organization, category: str, age_from: int, age_to: int) -> Person:
    last, first, middle = region.name()
    age = region.rng.randint(age_from, age_to)
    birth = region.today.replace(year=region.today.year - age) - dt.timedelta(days=region.rng.randint(1, 360))
    grade = max(1, min(11, age - 6))
    return Person(
        organization_id=org.pk, category=category, last_name=last, first_name=first, middle_name=middle,
        birth_date=birth,
        school_class=f"{grade}{region.rng.choice('АБВ')}" if category == Person.Category.PUPIL else "",
        experience_years=max(0, age - 24) if category == Person.Category.TEACHER else None,
    )


def _consents(region: Region, org: Organization, teachers, pupils, parents) -> Iterable[Consent]:
    guardian_of = dict(zip((c.pk for c in pupils), parents, strict=True))
    purposes = [Consent.Purpose.PARTICIPATION, Consent.Purpose.QUESTIONNAIRES]
    since = region.today - dt.timedelta(days=120)
    for person in [*teachers, *pupils]:
        guardian = guardian_of.get(person.pk)
        for purpose in purposes:
            yield Consent(person_id=person.pk, purpose=purpose, operator=org.name,
                          given_by_id=(guardian or person).pk,
                          guardian_basis=Consent.GuardianBasis.PARENT if guardian else "", valid_from=since,
                          signed_at=since, form=Consent.Form.PAPER)


def _roadmap(region: Region, org: Organization, program: Program) -> None:
    roadmap = Roadmap.objects.create(organization=org, program=program, title="Дорожная карта внедрения",
                                     starts_on=program.starts_on, ends_on=program.ends_on,
                                     status=Roadmap.Status.APPROVED, approved_on=program.starts_on)
    stages = list(Stage.values)
    rows = []
    for n in range(12):
        ends = program.starts_on + dt.timedelta(days=30 * n + 20)
        done = ends < region.today and region.rng.random() < 0.85
        rows.append(Activity(roadmap=roadmap, number=str(n + 1), stage=stages[min(n // 2, len(stages) - 1)],
                             title=f"Мероприятие {n + 1} дорожной карты", starts_on=ends - dt.timedelta(days=20),
                             ends_on=ends, status=Activity.Status.DONE if done else Activity.Status.PLANNED,
                             done_on=ends if done else None, position=n))
    region.insert(Activity, rows)


def _candidate_category(pupil_form: bool) -> str:
    return MentorCandidate.Category.PUPIL if pupil_form else MentorCandidate.Category.TEACHER


def _pairs(region: Region, program: Program, mentors: list, mentees: list, n: int) -> list[Mentorship]:
    rng, rows, used = region.rng, [], set()
    statuses = [Mentorship.Status.APPROVED] * 70 + [Mentorship.Status.COMPLETED] * 18 + \
        [Mentorship.Status.TERMINATED] * 5 + [Mentorship.Status.PROPOSED] * 4 + [Mentorship.Status.CONFIRMED] * 3
    for i in range(min(n, len(mentees))):
        mentee = mentees[i]
        mentor = mentors[(i // 2) % len(mentors)]  # most mentors lead two mentees
        if mentor.pk == mentee.pk or (mentor.pk, mentee.pk) in used:
            continue
        used.add((mentor.pk, mentee.pk))
        status = rng.choice(statuses)
        starts = program.starts_on + dt.timedelta(days=rng.randint(20, 60))
        ended = status in (Mentorship.Status.COMPLETED, Mentorship.Status.TERMINATED)
        rows.append(Mentorship(program_id=program.pk, mentor_id=mentor.pk, mentee_id=mentee.pk, status=status,
                               starts_on=starts,
                               ends_on=min(region.today, starts + dt.timedelta(days=150)) if ended else None,
                               goal="Повысить успеваемость и уверенность", end_reason="" if not ended else "План"))
    return region.insert(Mentorship, rows)


def _meetings_and_diaries(region: Region, org: Organization, pairs: list[Mentorship], diaries: dict) -> None:
    rng, today = region.rng, region.today
    meetings: list[Meeting] = []
    for pair in pairs:
        if pair.status == Mentorship.Status.PROPOSED:
            continue
        when = dt.datetime.combine(pair.starts_on, dt.time(15, 0), tzinfo=TZ)
        plan = [*MEETING_PLAN, *[(Meeting.Kind.REGULAR, 60)] * rng.randint(3, 9)]
        if pair.status == Mentorship.Status.COMPLETED:
            plan.append((Meeting.Kind.FINAL, 90))
        for kind, minutes in plan:
            past = when.date() < today
            status = (Meeting.Status.HELD if rng.random() < 0.9 else Meeting.Status.MISSED) if past else \
                Meeting.Status.PLANNED
            meetings.append(Meeting(mentorship_id=pair.pk, kind=kind, status=status, scheduled_at=when,
                                    topic="Встреча пары",
                                    duration_minutes=minutes, curator_present=kind == Meeting.Kind.ACQUAINTANCE))
            when += dt.timedelta(days=rng.choice([7, 10, 14, 14, 16]))
    meetings = region.insert(Meeting, meetings)
    by_pair = {p.pk: p for p in pairs}
    held = [m for m in meetings if m.status == Meeting.Status.HELD]
    authors: list[tuple[Meeting, int, str]] = []
    for meeting in held:
        pair = by_pair[meeting.mentorship_id]
        if rng.random() < 0.85:
            authors.append((meeting, pair.mentee_id, "mentee"))
        if rng.random() < 0.8:
            authors.append((meeting, pair.mentor_id, "mentor"))
    meeting_type = ContentType.objects.get_for_model(Meeting)
    responses = region.insert(Response, [
        Response(version_id=diaries[m.kind][0], organization_id=org.pk, respondent_id=person_id,
                 content_type_id=meeting_type.pk, object_id=m.pk,
                 submitted_at=m.scheduled_at + dt.timedelta(hours=rng.randint(2, 60)))
        for m, person_id, _side in authors
    ])
    who = TEACHER if org.kind == Organization.Kind.KINDERGARTEN else PUPIL
    answers = []
    for (meeting, _person, _side), response in zip(authors, responses, strict=True):
        for question in diaries[meeting.kind][1]:
            value = invented_answer(question, who, rng, today)
            if value not in ("", None):
                answers.append(Answer(response_id=response.pk, question_id=question.pk, value=value))
    region.insert(Answer, answers)
    region.insert(Reflection, [
        Reflection(meeting_id=m.pk, person_id=person_id, side=side, response_id=r.pk)
        for (m, person_id, side), r in zip(authors, responses, strict=True)
    ])


def _diary_questions(kind: str) -> tuple[int, list]:
    """The kind's diary version and its questions (answers are made like the hand-made demo's)."""
    version = reflection_version(kind=kind)
    return version.pk, list(version.questions.all())


def _logins(region: Region, mun: Municipality, org: Organization) -> None:
    """Staff of the first organisation, one of its pairs and the municipal coordinator can log in."""
    members = {m.role: m.person_id for m in Membership.objects.filter(organization=org)}
    pair = Mentorship.objects.filter(program__organization=org, status=Mentorship.Status.APPROVED).first()
    people = {name: members.get(role) for name, role in STAFF_LOGINS.items()}
    if pair:
        people |= {"region_mentor": pair.mentor_id, "region_mentee": pair.mentee_id}
    last, first, middle = region.name()
    coordinator = Person.objects.create(category=Person.Category.EXTERNAL, last_name=last, first_name=first,
                                        middle_name=middle, workplace="Управление образования")
    Membership.objects.create(person=coordinator, role=Role.MUNICIPAL_COORDINATOR, municipality=mun)
    people["region_municipal"] = coordinator.pk
    password = ""
    for username, person_id in people.items():
        if person_id is None or User.objects.filter(username=username).exists():
            continue
        password = password or make_password("demo")  # one slow hash for all, and none if they all exist
        user = User.objects.create(username=username, password=password)
        Person.objects.filter(pk=person_id).update(user=user)
