"""The mentee base (requests) and the mentor base (candidates): the first stages of the cycle."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nastavnik.intake.vocabulary import category_label, validate_categories

# Statuses of a request that still wait for (or work with) a mentor: what the selection criteria are drawn from.
OPEN_REQUEST_STATUSES = ("new", "analysed", "in_base", "searching")


class MenteeRequest(models.Model):
    """A request (запрос) of a would-be mentee: the difficulty or need mentoring should resolve."""

    class Status(models.TextChoices):
        NEW = "new", _("Новый")
        ANALYSED = "analysed", _("Проанализирован")
        IN_BASE = "in_base", _("В базе наставляемых")
        MATCHED = "matched", _("Наставник подобран")
        SEARCHING = "searching", _("Поиск наставника продолжается")
        CLOSED = "closed", _("Закрыт")
        WITHDRAWN = "withdrawn", _("Отозван")

    class Source(models.TextChoices):
        SELF = "self", _("Сам наставляемый")
        CLASS_TEACHER = "class_teacher", _("Классный руководитель")
        DEPUTY = "deputy", _("Заместитель директора")
        PSYCHOLOGIST = "psychologist", _("Педагог-психолог")
        PARENT = "parent", _("Родитель")
        METHOD_HEAD = "method_head", _("Руководитель МО")
        OTHER = "other", _("Другое")

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="mentee_requests", verbose_name=_("Наставляемый")
    )
    organization = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="mentee_requests")
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentee_requests",
        verbose_name=_("Программа"),
    )
    categories = models.JSONField(_("Категории"), default=list)
    needs = models.TextField(_("Запрос (трудности, потребности)"))
    deficit_competencies = models.JSONField(_("Дефицитные компетенции"), default=list, blank=True)
    interests = models.JSONField(_("Интересы"), default=list, blank=True)
    free_time = models.JSONField(_("Свободное время"), default=list, blank=True)
    source = models.CharField(_("Источник"), max_length=20, choices=Source.choices, default=Source.SELF)
    curator_analysis = models.TextField(_("Анализ куратора"), blank=True)
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.NEW)
    needs_psychologist = models.BooleanField(_("Нужна поддержка психолога"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    analysed_at = models.DateTimeField(_("Проанализирован"), null=True, blank=True)
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Кто проанализировал"),
    )
    status_changed_at = models.DateTimeField(_("Статус изменён"), null=True, blank=True)

    class Meta:
        verbose_name = _("запрос наставляемого")
        verbose_name_plural = _("база наставляемых")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"

    def clean(self) -> None:
        super().clean()
        self.categories = validate_categories(self.categories)

    @property
    def category_labels(self) -> list[str]:
        return [category_label(c) for c in self.categories or []]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES


class MentorCandidate(models.Model):
    """A person in the mentor base, from questionnaire through interview to the approved registry."""

    class Category(models.TextChoices):
        PUPIL = "pupil", _("Обучающийся")
        STUDENT = "student", _("Студент")
        TEACHER = "teacher", _("Педагог")
        PARENT = "parent", _("Родитель")
        GRADUATE = "graduate", _("Выпускник")
        EMPLOYER = "employer", _("Сотрудник предприятия")
        ENTREPRENEUR = "entrepreneur", _("Предприниматель, общественный деятель")
        VETERAN = "veteran", _("Ветеран педагогического труда")

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Кандидат")
        INTERVIEWED = "interviewed", _("Прошёл собеседование")
        APPROVED = "approved", _("В реестре наставников")
        REJECTED = "rejected", _("Не отобран")
        WITHDRAWN = "withdrawn", _("Выбыл")

    class MentorType(models.TextChoices):
        CONSULTANT = "consultant", _("Консультант")
        SUBJECT = "subject", _("Предметник")

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="mentor_candidacies", verbose_name=_("Наставник")
    )
    organization = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="mentor_candidates")
    category = models.CharField(_("Категория"), max_length=20, choices=Category.choices)
    mentor_type = models.CharField(_("Тип наставника"), max_length=20, choices=MentorType.choices, blank=True)
    experience = models.TextField(_("Жизненный и профессиональный опыт"), blank=True)
    competencies = models.JSONField(_("Компетенции"), default=list, blank=True)
    interests = models.JSONField(_("Интересы и хобби"), default=list, blank=True)
    preferred_age_from = models.PositiveSmallIntegerField(_("Возраст наставляемых от"), null=True, blank=True)
    preferred_age_to = models.PositiveSmallIntegerField(_("Возраст наставляемых до"), null=True, blank=True)
    free_time = models.JSONField(_("Свободное время"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("Сколько наставляемых готов вести"), default=1)
    portfolio = models.TextField(_("Портфолио, достижения"), blank=True)
    motivation = models.TextField(_("Мотивация"), blank=True)
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.CANDIDATE)
    approved_on = models.DateField(_("Включён в реестр"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("Решение куратора, комментарий"), blank=True)

    class Meta:
        verbose_name = _("кандидат в наставники")
        verbose_name_plural = _("база наставников")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=30), name="mentor_capacity_range"),
            models.CheckConstraint(
                condition=Q(preferred_age_from__isnull=True)
                | Q(preferred_age_to__isnull=True)
                | Q(preferred_age_from__lte=models.F("preferred_age_to")),
                name="mentor_age_range_ordered",
            ),
            models.UniqueConstraint(fields=["person", "organization"], name="mentor_candidate_once_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"

    @property
    def is_external(self) -> bool:
        """Invited from outside (seed 003 §4.14): such a mentor works under a cooperation agreement.

        Parents, graduates, employers' staff, entrepreneurs and veterans are external unless they are on the
        organisation's own teaching staff (a veteran still teaching here, a parent who works here as a teacher).
        """
        if self.category not in EXTERNAL_CATEGORIES:
            return False
        person = self.person
        on_staff = person.category == "teacher" and person.organization_id == self.organization_id
        return not on_staff


EXTERNAL_CATEGORIES = frozenset(
    {
        MentorCandidate.Category.PARENT,
        MentorCandidate.Category.GRADUATE,
        MentorCandidate.Category.EMPLOYER,
        MentorCandidate.Category.ENTREPRENEUR,
        MentorCandidate.Category.VETERAN,
    }
)


class SelectionCriterion(models.Model):
    """What a mentor should bring, drawn from the needs of the mentee base (seed 000, «Отбор наставников»)."""

    class Source(models.TextChoices):
        CATEGORY = "category", _("Категория наставляемых")
        COMPETENCY = "competency", _("Дефицитная компетенция")
        MANUAL = "manual", _("Добавлен куратором")

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="selection_criteria", verbose_name=_("Организация")
    )
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="selection_criteria",
        verbose_name=_("Программа"),
    )
    text = models.CharField(_("Критерий"), max_length=300)
    derived_from = models.CharField(_("Источник"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_key = models.CharField(
        _("Категория или компетенция"), max_length=300, blank=True, help_text=_("Из чего выведен критерий")
    )
    weight = models.PositiveIntegerField(_("Число запросов"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("критерий отбора наставников")
        verbose_name_plural = _("критерии отбора наставников")
        ordering = ["-weight", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "derived_from", "source_key"],
                condition=Q(program__isnull=True),
                name="criterion_once_per_org",
            ),
            models.UniqueConstraint(
                fields=["program", "derived_from", "source_key"],
                condition=Q(program__isnull=False),
                name="criterion_once_per_program",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Interview(models.Model):
    """A selection interview: the candidate's psychological readiness to mentor (seed 000, stage 1).

    The filled «interview_record» questionnaire is linked to the interview as its survey subject.
    """

    class Outcome(models.TextChoices):
        RECOMMENDED = "recommended", _("Рекомендован")
        NOT_RECOMMENDED = "not_recommended", _("Не рекомендован")
        NEEDS_TRAINING = "needs_training", _("Рекомендован после обучения")

    candidate = models.ForeignKey(
        MentorCandidate, on_delete=models.CASCADE, related_name="interviews", verbose_name=_("Кандидат")
    )
    date = models.DateField(_("Дата собеседования"))
    interviewer = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews_held",
        verbose_name=_("Кто проводил"),
    )
    outcome = models.CharField(_("Итог"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("Заметки"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("собеседование")
        verbose_name_plural = _("собеседования")
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.candidate.person} {self.date:%d.%m.%Y} — {self.get_outcome_display()}"


class Agreement(models.Model):
    """A cooperation agreement (договор о сотрудничестве) with an external mentor, free of charge (seed 003 §4.14)."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="mentor_agreements", verbose_name=_("Организация")
    )
    candidate = models.ForeignKey(
        MentorCandidate, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("Наставник")
    )
    number = models.CharField(_("Номер"), max_length=40)
    date = models.DateField(_("Дата"))
    term_until = models.DateField(_("Действует до"))
    file = models.FileField(_("Файл"), upload_to="agreements/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("договор о сотрудничестве")
        verbose_name_plural = _("договоры о сотрудничестве")
        ordering = ["-date", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="agreement_number_unique_per_org"),
            models.CheckConstraint(condition=Q(term_until__gt=models.F("date")), name="agreement_term_ordered"),
        ]

    def __str__(self) -> str:
        return f"№ {self.number} от {self.date:%d.%m.%Y}"


class Training(models.Model):
    """The mentor school («Школа наставников»): a programme of sessions for the selected mentors."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="trainings", verbose_name=_("Организация")
    )
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("Программа наставничества"),
    )
    title = models.CharField(_("Название"), max_length=300)
    description = models.TextField(_("Программа обучения, темы"), blank=True)
    starts_on = models.DateField(_("Начало"))
    ends_on = models.DateField(_("Окончание"))
    order = models.ForeignKey(
        "documents.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("Приказ об организации"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("обучение наставников")
        verbose_name_plural = _("школа наставников")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="training_period_ordered")
        ]

    def __str__(self) -> str:
        return self.title


class TrainingSession(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("№ занятия"))
    starts_at = models.DateTimeField(_("Дата и время"))
    topic = models.CharField(_("Тема"), max_length=300)
    hours = models.DecimalField(_("Часов"), max_digits=4, decimal_places=1, default=2)
    responsible = models.CharField(_("Ведущий"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("занятие школы наставников")
        verbose_name_plural = _("занятия школы наставников")
        ordering = ["training", "number"]
        constraints = [
            models.UniqueConstraint(fields=["training", "number"], name="training_session_number_unique"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_session_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.topic}"


class TrainingEnrolment(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="enrolments")
    candidate = models.ForeignKey(
        MentorCandidate, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("Наставник")
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    completed_on = models.DateField(_("Обучение завершено"), null=True, blank=True)
    certificate_number = models.CharField(_("Номер сертификата"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("слушатель школы наставников")
        verbose_name_plural = _("слушатели школы наставников")
        ordering = ["training", "candidate__person__last_name", "candidate__person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["training", "candidate"], name="enrolment_once_per_training"),
            models.UniqueConstraint(
                fields=["training", "certificate_number"],
                condition=~Q(certificate_number=""),
                name="certificate_number_unique_per_training",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate.person} — {self.training}"


class Attendance(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(TrainingEnrolment, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("Присутствовал"), default=False)

    class Meta:
        verbose_name = _("посещение занятия")
        verbose_name_plural = _("посещаемость")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once_per_session")]

    def __str__(self) -> str:
        return f"{self.enrolment.candidate.person} — {self.session}: {'+' if self.present else '—'}"
