"""The mentee base (requests) and the mentor base (candidates): the first stages of the cycle."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("запрос наставляемого")
        verbose_name_plural = _("база наставляемых")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"


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
        return self.category in {self.Category.EMPLOYER, self.Category.ENTREPRENEUR, self.Category.GRADUATE}
