"""Demo data for the first stages: both bases in every status, interviews, agreements and a mentor school.

Called by `nastavnik demo` after the core demo is built (`populate(today=…)`). It reads what exists (organisations,
people, programmes) and only adds what is missing, so running it twice changes nothing. Everything is invented.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from nastavnik.intake import services, surveys_link
from nastavnik.intake.models import (
    Agreement,
    Attendance,
    Interview,
    MenteeRequest,
    MentorCandidate,
    Training,
    TrainingEnrolment,
    TrainingSession,
)
from nastavnik.intake.rules import attendance_sufficient
from nastavnik.intake.vocabulary import PupilCategory, TeacherCategory
from nastavnik.orgs.models import STAFF_ROLES, Membership, Organization, Role
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import persons_with_consent
from nastavnik.programs.models import Program

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
RS = MenteeRequest.Status
CS = MentorCandidate.Status

# What each kind of request typically says (invented), and the deficits the curator writes down.
PUPIL_REQUESTS = {
    PupilCategory.GIFTED: (
        "Хочет готовиться к олимпиаде по математике, нужен наставник постарше",
        ["олимпиадная математика"],
    ),
    PupilCategory.LOW_RESULTS: (
        "Низкие результаты по русскому языку, много пропусков",
        ["орфография", "учебная мотивация"],
    ),
    PupilCategory.DISABILITIES: (
        "Обучается по адаптированной программе, нужна поддержка в классе",
        ["адаптация в коллективе"],
    ),
    PupilCategory.HARD_SITUATION: ("Сложная семейная ситуация, снизилась мотивация к учёбе", ["учебная мотивация"]),
    PupilCategory.BEHAVIOUR: (
        "Конфликты с одноклассниками, замечания по дисциплине",
        ["навыки общения", "саморегуляция"],
    ),
    PupilCategory.DISENGAGED: (
        "Не участвует во внеурочной жизни класса, держится в стороне",
        ["навыки общения", "проектная деятельность"],
    ),
}
TEACHER_REQUESTS = {
    TeacherCategory.YOUNG_SPECIALIST: (
        "Трудно выстроить дисциплину на уроке и спланировать урок",
        ["управление классом", "планирование урока"],
    ),
    TeacherCategory.BURNOUT: ("Хроническая усталость, хочется поддержки опытного коллеги", ["тайм-менеджмент"]),
    TeacherCategory.NEW_AT_WORKPLACE: (
        "Недавно пришла в организацию, не знает требований к документации",
        ["учебно-методическая документация"],
    ),
    TeacherCategory.DIGITAL_SKILLS: (
        "Хочет освоить электронный журнал и цифровые сервисы",
        ["цифровые инструменты", "электронный журнал"],
    ),
}
# How a request reaches each status through the cycle's own transitions.
STATUS_PATHS = {
    RS.NEW: [],
    RS.ANALYSED: ["analyse"],
    RS.IN_BASE: ["analyse", RS.IN_BASE],
    RS.SEARCHING: ["analyse", RS.IN_BASE, RS.SEARCHING],
    RS.MATCHED: ["analyse", RS.IN_BASE, RS.MATCHED],
    RS.CLOSED: ["analyse", RS.CLOSED],
    RS.WITHDRAWN: [RS.WITHDRAWN],
}
SCHOOL_TOPICS = [
    "Основы и ценности наставнических отношений",
    "Особенности общения с подростками и коллегами",
    "Развивающий и инструментальный стили наставничества",
    "Принципы этичного и безопасного наставничества",
    "Ролевая игра: первая встреча с наставляемым",
]
SESSION_DAYS = [-28, -21, -14, -7, 7]  # weekly, the last one still ahead
EXTRA_NAMES = [  # invented, for organisations too small to show every status
    ("Листвина", "Дарья", "Андреевна"),
    ("Полевая", "Ирина", "Олеговна"),
    ("Рощина", "Марина", "Ильинична"),
    ("Ключева", "Софья", "Петровна"),
    ("Озёрова", "Ульяна", "Денисовна"),
    ("Луговой", "Артём", "Савельевич"),
    ("Боровая", "Нина", "Глебовна"),
    ("Ручейников", "Фёдор", "Ильич"),
]
GRADUATES = [
    ("Перелесова", "Алёна", "Витальевна"),
    ("Заречный", "Тимур", "Русланович"),
    ("Пригоркина", "Ева", "Львовна"),
]


@transaction.atomic
def populate(*, today: dt.date) -> None:
    for org in Organization.objects.order_by("pk"):
        if Person.objects.filter(organization=org).exists():
            _Org(org, today).run()


class _Org:
    def __init__(self, org: Organization, today: dt.date) -> None:
        self.org = org
        self.today = today
        roles = Membership.objects.filter(organization=org)
        self.staff_ids = set(roles.filter(role__in=STAFF_ROLES).values_list("person_id", flat=True))
        curator = roles.filter(role__in=[Role.CURATOR, Role.PSYCHOLOGIST]).select_related("person").first()
        self.interviewer = curator.person if curator else None
        self.user = self.interviewer.user if self.interviewer else None
        self.program = Program.objects.filter(organization=org).exclude(status=Program.Status.COMPLETED).first()

    def run(self) -> None:
        self.requests()
        self.more_categories()
        self.candidates()
        self.interviews()
        self.agreements()
        self.training()
        self.link_responses()
        services.criteria_derive(organization=self.org)

    # --- people -----------------------------------------------------------------------------------------------

    def consenting(self, *categories: str):
        return (
            Person.objects.filter(organization=self.org, category__in=categories, anonymised_at__isnull=True)
            .filter(pk__in=persons_with_consent(purpose=Consent.Purpose.PARTICIPATION, on=self.today).values("pk"))
            .exclude(pk__in=self.staff_ids)
            .order_by("pk")
        )

    def extra_teacher(self, *, experience: int) -> Person | None:
        """A new invented teacher with a consent, for a small organisation that has nobody left to show."""
        for last, first, middle in EXTRA_NAMES:
            if Person.objects.filter(organization=self.org, last_name=last, first_name=first).exists():
                continue
            person = Person.objects.create(
                organization=self.org,
                category=Person.Category.TEACHER,
                last_name=last,
                first_name=first,
                middle_name=middle,
                birth_date=self.today.replace(year=self.today.year - 34, day=1),
                subject="Воспитатель" if self.org.kind == Organization.Kind.KINDERGARTEN else "Технология",
                experience_years=experience,
            )
            for purpose in (Consent.Purpose.PARTICIPATION, Consent.Purpose.QUESTIONNAIRES):
                Consent.objects.create(
                    person=person,
                    purpose=purpose,
                    given_by=person,
                    operator=self.org.name,
                    data_categories=[
                        "фамилия, имя, отчество",
                        "место работы",
                        "сведения об участии в программе наставничества",
                    ],
                    valid_from=self.today - dt.timedelta(days=60),
                    signed_at=self.today - dt.timedelta(days=60),
                    form=Consent.Form.PAPER,
                )
            return person
        return None

    def link_responses(self) -> None:
        """Questionnaires the demo people filled belong to their records in the bases."""
        for kind in surveys_link.QUESTIONNAIRES:
            for row in surveys_link.waiting(organization=self.org, kind=kind, limit=200):
                if row["record"] is not None:
                    surveys_link.response_attach(response=row["response"], subject=row["record"])

    # --- the mentee base --------------------------------------------------------------------------------------

    def requests(self) -> None:
        have = set(MenteeRequest.objects.filter(organization=self.org).values_list("status", flat=True))
        missing = [s for s in RS.values if s not in have]
        taken = MenteeRequest.objects.filter(organization=self.org).values("person_id")
        pupils = list(self.consenting(Person.Category.PUPIL).exclude(pk__in=taken))
        teachers = list(
            self.consenting(Person.Category.TEACHER)
            .exclude(pk__in=taken)
            .exclude(mentor_candidacies__organization=self.org)
            .filter(Q(experience_years__lte=5) | Q(experience_years__isnull=True))
        )
        pupil_kinds, teacher_kinds = list(PUPIL_REQUESTS), list(TEACHER_REQUESTS)
        for i, status in enumerate(missing):
            use_pupil = pupils and (i % 2 == 0 or not teachers)
            person = pupils.pop(0) if use_pupil else (teachers.pop(0) if teachers else self.extra_teacher(experience=2))
            if person is None:
                return
            kinds = pupil_kinds if person.category == Person.Category.PUPIL else teacher_kinds
            texts = PUPIL_REQUESTS if person.category == Person.Category.PUPIL else TEACHER_REQUESTS
            category = kinds[i % len(kinds)]
            needs, deficits = texts[category]
            self.request(person, status, [str(category)], needs, deficits, source=_source(i))

    def more_categories(self) -> None:
        """Every category of seed 003 §4.6–4.7 in the base at least once, as far as the organisation has people."""
        present = {
            c
            for cats in MenteeRequest.objects.filter(organization=self.org).values_list("categories", flat=True)
            for c in cats
        }
        taken = MenteeRequest.objects.filter(organization=self.org).values("person_id")
        for category_kind, texts in [
            (Person.Category.PUPIL, PUPIL_REQUESTS),
            (Person.Category.TEACHER, TEACHER_REQUESTS),
        ]:
            people = (
                self.consenting(category_kind).exclude(pk__in=taken).exclude(mentor_candidacies__organization=self.org)
            )
            if category_kind == Person.Category.TEACHER:
                people = people.filter(Q(experience_years__lte=5) | Q(experience_years__isnull=True))
            people = list(people)
            for i, (category, (needs, deficits)) in enumerate(texts.items()):
                if category in present or not people:
                    continue
                status = RS.IN_BASE if i % 2 else RS.ANALYSED
                self.request(people.pop(0), status, [str(category)], needs, deficits, source=_source(i))

    def request(self, person: Person, status: str, categories, needs: str, deficits, *, source: str) -> None:
        try:
            req = services.request_create(
                person=person,
                organization=self.org,
                program=self.program,
                categories=categories,
                needs=needs,
                deficit_competencies=deficits,
                interests=["спорт", "рисование"],
                free_time=["вт 15:00–17:00", "чт 15:00–17:00"],
                source=source,
                created_by=self.user,
                response=surveys_link.free_response_of(organization=self.org, kind="mentee", person=person),
            )
            for step in STATUS_PATHS[status]:
                if step == "analyse":
                    services.request_analyse(
                        request=req,
                        analysis="Запрос подтверждён беседой с классным руководителем и наставляемым.",
                        needs_psychologist=categories[0] in ("hard_situation", "behaviour", "burnout"),
                        analysed_by=self.user,
                    )
                else:
                    services.request_status_set(request=req, status=step)
        except ValidationError:
            return  # a person the demo cannot take in (e.g. no consent on that day) is simply left out

    # --- the mentor base --------------------------------------------------------------------------------------

    def candidates(self) -> None:
        have = set(MentorCandidate.objects.filter(organization=self.org).values_list("status", flat=True))
        taken = MentorCandidate.objects.filter(organization=self.org).values("person_id")
        requested = MenteeRequest.objects.filter(organization=self.org).values("person_id")
        people = list(
            self.consenting(Person.Category.TEACHER)
            .exclude(pk__in=taken)
            .exclude(pk__in=requested)
            .filter(experience_years__gte=6)
        )
        for status in [s for s in CS.values if s not in have]:
            person = people.pop(0) if people else self.extra_teacher(experience=15)
            if person is None:
                return
            try:
                candidate = services.candidate_create(
                    person=person,
                    organization=self.org,
                    category=MentorCandidate.Category.TEACHER,
                    mentor_type=MentorCandidate.MentorType.CONSULTANT,
                    experience="Руководит методическим объединением",
                    competencies=["методика урока", "управление классом"],
                    interests=["туризм"],
                    free_time=["ср 14:00–16:00"],
                    preferred_age_from=22,
                    preferred_age_to=40,
                    capacity=2,
                    motivation="Хочу передать опыт молодым коллегам",
                    created_by=self.user,
                    response=surveys_link.free_response_of(organization=self.org, kind="mentor", person=person),
                )
            except ValidationError:
                continue
            notes = {
                CS.REJECTED: "Нет возможности встречаться регулярно",
                CS.WITHDRAWN: "Выбыл по собственному желанию",
            }
            MentorCandidate.objects.filter(pk=candidate.pk).update(status=status, decision_note=notes.get(status, ""))
        if not MentorCandidate.objects.filter(organization=self.org, person__organization__isnull=True).exists():
            self.external_candidate()

    def external_candidate(self) -> None:
        """An invited graduate with no organisation of their own: needs a cooperation agreement."""
        last, first, middle = GRADUATES[self.org.pk % len(GRADUATES)]
        person = Person.objects.create(
            organization=None,
            category=Person.Category.GRADUATE,
            last_name=last,
            first_name=first,
            middle_name=middle,
            birth_date=self.today.replace(year=self.today.year - 24, day=1),
            workplace="Выпускник, методист центра детского творчества",
        )
        Consent.objects.create(
            person=person,
            purpose=Consent.Purpose.PARTICIPATION,
            given_by=person,
            operator=self.org.name,
            data_categories=["фамилия, имя, отчество", "место работы", "контактные данные"],
            valid_from=self.today - dt.timedelta(days=30),
            signed_at=self.today - dt.timedelta(days=30),
            form=Consent.Form.PAPER,
        )
        MentorCandidate.objects.create(
            person=person,
            organization=self.org,
            category=MentorCandidate.Category.GRADUATE,
            mentor_type=MentorCandidate.MentorType.CONSULTANT,
            capacity=3,
            status=CS.INTERVIEWED,
            competencies=["творческие проекты", "профориентация"],
            interests=["театр"],
        )

    def interviews(self) -> None:
        outcome = {
            CS.INTERVIEWED: Interview.Outcome.NEEDS_TRAINING,
            CS.APPROVED: Interview.Outcome.RECOMMENDED,
            CS.REJECTED: Interview.Outcome.NOT_RECOMMENDED,
        }
        pending = MentorCandidate.objects.filter(organization=self.org, status__in=outcome, interviews__isnull=True)
        for i, candidate in enumerate(pending.order_by("pk")):
            Interview.objects.create(
                candidate=candidate,
                date=self.today - dt.timedelta(days=25 - i % 10),
                interviewer=self.interviewer,
                outcome=outcome[candidate.status],
                notes="Мотивация осознанная; готов встречаться раз в две недели.",
                created_by=self.user,
            )

    def agreements(self) -> None:
        if Agreement.objects.filter(organization=self.org).exists():
            return
        externals = MentorCandidate.objects.filter(organization=self.org).exclude(
            status__in=[CS.REJECTED, CS.WITHDRAWN]
        )
        candidate = next((c for c in externals.select_related("person").order_by("pk") if c.is_external), None)
        if candidate is None:
            return
        try:
            services.agreement_issue(
                candidate=candidate,
                date=self.today - dt.timedelta(days=10),
                term_until=self.today + dt.timedelta(days=355),
                created_by=self.user,
            )
        except ValidationError:
            return  # no head of the organisation to sign: the agreement waits for the real one

    # --- the mentor school --------------------------------------------------------------------------------------

    def training(self) -> None:
        if Training.objects.filter(organization=self.org).exists():
            return
        training = Training.objects.create(
            organization=self.org,
            program=self.program,
            title="Школа наставника",
            description="\n".join(SCHOOL_TOPICS),
            starts_on=self.today - dt.timedelta(days=30),
            ends_on=self.today + dt.timedelta(days=30),
            created_by=self.user,
        )
        sessions = [
            TrainingSession.objects.create(
                training=training,
                number=n,
                topic=topic,
                hours=2,
                starts_at=dt.datetime.combine(self.today + dt.timedelta(days=days), dt.time(15, 0), tzinfo=TZ),
                responsible=self.interviewer.short_name if self.interviewer else "",
            )
            for n, (topic, days) in enumerate(zip(SCHOOL_TOPICS, SESSION_DAYS, strict=True), start=1)
        ]
        held = [s for s in sessions if s.starts_at.date() <= self.today]
        listeners = MentorCandidate.objects.filter(
            organization=self.org, status__in=[CS.INTERVIEWED, CS.APPROVED]
        ).order_by("pk")[:6]
        for i, candidate in enumerate(listeners):
            enrolment = TrainingEnrolment.objects.create(training=training, candidate=candidate)
            # The first listener attended everything, the others missed a session in turn, the third two of them.
            marks = [i == 0 or ((j + i) % 4 != 0 and not (i == 2 and j == 0)) for j in range(len(held))]
            Attendance.objects.bulk_create(
                Attendance(session=s, enrolment=enrolment, present=present)
                for s, present in zip(held, marks, strict=True)
            )
            if i == 0 and attendance_sufficient(attended=sum(marks), held=len(held)):
                enrolment.completed_on = self.today
                enrolment.certificate_number = f"ШН-{training.pk}-001"
                enrolment.save(update_fields=["completed_on", "certificate_number"])


def _source(i: int) -> str:
    order = [
        MenteeRequest.Source.SELF,
        MenteeRequest.Source.CLASS_TEACHER,
        MenteeRequest.Source.DEPUTY,
        MenteeRequest.Source.PSYCHOLOGIST,
        MenteeRequest.Source.PARENT,
    ]
    return order[i % len(order)]
