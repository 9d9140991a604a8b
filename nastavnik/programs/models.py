"""Forms and role models of mentoring, programmes, and roadmaps with their activities and control points."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nastavnik.locking import Versioned


class Stage(models.TextChoices):
    """The stages of the target model, in the order data flows (domain.md, «The cycle»)."""

    PREPARATION = "preparation", _("Подготовка условий")
    MENTEE_BASE = "mentee_base", _("Формирование базы наставляемых")
    MENTOR_BASE = "mentor_base", _("Формирование базы наставников")
    SELECTION_TRAINING = "selection_training", _("Отбор и обучение наставников")
    MATCHING = "matching", _("Формирование пар и групп")
    WORK = "work", _("Работа пар и групп")
    COMPLETION = "completion", _("Завершение программы")


class Kind(models.TextChoices):
    TRADITIONAL = "traditional", _("Традиционное («один на один»)")
    GROUP = "group", _("Групповое")
    VIRTUAL = "virtual", _("Виртуальное (дистанционное)")
    SHORT_TERM = "short_term", _("Краткосрочное (целеполагающее)")


class MentoringForm(models.Model):
    code = models.SlugField(_("Код"), max_length=40, unique=True)
    name = models.CharField(_("Название"), max_length=200)
    description = models.TextField(_("Описание"), blank=True)
    mentor_categories = models.JSONField(_("Кто наставник"), default=list)
    mentee_categories = models.JSONField(_("Кто наставляемый"), default=list)
    ordering = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("форма наставничества")
        verbose_name_plural = _("формы наставничества")
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        return self.name


# The role-model tags in Russian: pages show these, never the matching codes («adapted → unadapted»).
ROLE_TAG_LABELS = {
    "active_professional": _("активный профессионал"),
    "adapted": _("адаптированный обучающийся"),
    "at_risk": _("обучающийся группы риска"),
    "colleague": _("коллега"),
    "community_leader": _("лидер педагогического сообщества"),
    "conservative_teacher": _("педагог, не принимающий нововведения"),
    "constrained_teacher": _("педагог в трудной ситуации"),
    "digital_savvy": _("владеющий цифровыми технологиями"),
    "employer": _("представитель работодателя"),
    "experienced_teacher": _("опытный педагог"),
    "future_employee": _("будущий сотрудник"),
    "gifted": _("одарённый обучающийся"),
    "high_achiever": _("успевающий обучающийся"),
    "indifferent": _("равнодушный, не вовлечённый"),
    "innovator": _("педагог-новатор"),
    "interdisciplinary": _("специалист смежной области"),
    "leader": _("лидер"),
    "needs_digital_skills": _("нуждающийся в цифровых навыках"),
    "passive": _("пассивный обучающийся"),
    "peer": _("сверстник"),
    "professional": _("профессионал"),
    "project_author": _("автор проекта"),
    "project_curator": _("куратор проекта"),
    "social_support": _("нуждающийся в поддержке"),
    "special_needs": _("обучающийся с ОВЗ"),
    "special_needs_support": _("опыт работы с детьми с ОВЗ"),
    "struggling_teacher": _("педагог с трудностями в работе"),
    "subject_expert": _("эксперт в предмете"),
    "subject_novice": _("новичок в предмете"),
    "unadapted": _("неадаптированный обучающийся"),
    "underachiever": _("неуспевающий обучающийся"),
    "young_colleague": _("молодой коллега"),
    "young_specialist": _("молодой специалист"),
}


def role_tag_label(code: str) -> str:
    """Russian label of a role-model tag; an unknown code reads as «другое», never as the code itself."""
    if not code:
        return ""
    return str(ROLE_TAG_LABELS.get(code, _("другое")))


class RoleModel(models.Model):
    form = models.ForeignKey(MentoringForm, on_delete=models.CASCADE, related_name="role_models")
    code = models.SlugField(_("Код"), max_length=60)
    name = models.CharField(_("Название"), max_length=200)
    description = models.TextField(_("Описание"), blank=True)
    mentor_tag = models.SlugField(_("Метка наставника"), max_length=40, blank=True)
    mentee_tag = models.SlugField(_("Метка наставляемого"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("ролевая модель")
        verbose_name_plural = _("ролевые модели")
        ordering = ["form", "name"]
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="role_model_unique_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def mentor_tag_label(self) -> str:
        """The mentor's tag in Russian for pages (the code is for matching only)."""
        return role_tag_label(self.mentor_tag)

    @property
    def mentee_tag_label(self) -> str:
        return role_tag_label(self.mentee_tag)


class Program(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Черновик")
        ACTIVE = "active", _("Реализуется")
        COMPLETED = "completed", _("Завершена")

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="programs", verbose_name=_("Организация")
    )
    form = models.ForeignKey(MentoringForm, on_delete=models.PROTECT, related_name="programs", verbose_name=_("Форма"))
    role_models = models.ManyToManyField(
        RoleModel, blank=True, related_name="programs", verbose_name=_("Ролевые модели")
    )
    title = models.CharField(_("Название"), max_length=300)
    description = models.TextField(_("Цели и задачи"), blank=True)
    kind = models.CharField(_("Вид наставничества"), max_length=20, choices=Kind.choices, default=Kind.TRADITIONAL)
    starts_on = models.DateField(_("Начало"))
    ends_on = models.DateField(_("Окончание"))
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    stage = models.CharField(_("Этап цикла"), max_length=30, choices=Stage.choices, default=Stage.PREPARATION)
    meeting_interval_days = models.PositiveSmallIntegerField(
        _("Встречи не реже, чем раз в (дней)"),
        default=14,
        help_text=_("По умолчанию — раз в две недели; дорожная карта лицея требует еженедельных встреч"),
    )
    # cycle: seed 000 «не менее 3 месяцев», seed 004 «от 3 месяцев до 1 года»; closing a pair earlier is premature.
    min_duration_months = models.PositiveSmallIntegerField(
        _("Наименьший срок работы пары (месяцев)"),
        default=3,
        help_text=_("Завершение пары раньше этого срока — досрочное прекращение с указанием причины"),
    )
    allow_other_organizations = models.BooleanField(_("Пары с участниками других организаций"), default=False)
    matching_weights = models.JSONField(_("Веса критериев подбора"), default=dict, blank=True)
    curators = models.ManyToManyField(
        "people.Person", blank=True, related_name="curated_programs", verbose_name=_("Кураторы")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("программа наставничества")
        verbose_name_plural = _("программы наставничества")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="program_period_ordered"),
            models.CheckConstraint(condition=Q(meeting_interval_days__gte=1), name="program_interval_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class Roadmap(Versioned):
    """The roadmap (дорожная карта) of introducing the target model: at organisation level, or one programme's."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Проект")
        APPROVED = "approved", _("Утверждена")

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="roadmaps", verbose_name=_("Организация")
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="roadmaps", verbose_name=_("Программа")
    )
    title = models.CharField(_("Название"), max_length=300)
    template_code = models.SlugField(_("Шаблон"), max_length=60, blank=True)
    starts_on = models.DateField(_("Начало"))
    ends_on = models.DateField(_("Окончание"))
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField(_("Утверждена"), null=True, blank=True)

    class Meta:
        verbose_name = _("дорожная карта")
        verbose_name_plural = _("дорожные карты")
        ordering = ["-starts_on"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="roadmap_period_ordered")]

    def __str__(self) -> str:
        return self.title


class Activity(Versioned):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Запланировано")
        IN_PROGRESS = "in_progress", _("Выполняется")
        DONE = "done", _("Выполнено")
        CANCELLED = "cancelled", _("Отменено")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="activities")
    number = models.CharField(_("№"), max_length=10, blank=True)
    stage = models.CharField(_("Этап"), max_length=30, choices=Stage.choices)
    stage_title = models.CharField(_("Название этапа в документе"), max_length=300, blank=True)
    title = models.TextField(_("Мероприятие"))
    starts_on = models.DateField(_("Начало"))
    ends_on = models.DateField(_("Срок"))
    period_text = models.CharField(_("Сроки (как в документе)"), max_length=200, blank=True)
    responsible_roles = models.JSONField(_("Ответственные (роли)"), default=list)
    responsible_text = models.CharField(_("Ответственные (как в документе)"), max_length=400, blank=True)
    responsible = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ответственный"),
    )
    expected_result = models.TextField(_("Ожидаемый результат"), blank=True)
    control_point = models.TextField(_("Контрольная точка"), blank=True)
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(_("Выполнено"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("мероприятие дорожной карты")
        verbose_name_plural = _("мероприятия дорожной карты")
        ordering = ["roadmap", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="activity_period_ordered"),
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False) | ~Q(status="done"), name="activity_done_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def outside_program(self) -> bool:
        """Runs outside its programme's period: shown flagged, never moved silently."""
        program = self.roadmap.program
        return program is not None and (self.starts_on < program.starts_on or self.ends_on > program.ends_on)

class RoadmapRemark(models.Model):
    """A remark of the municipal coordinator on an organisation's roadmap (seed 004 §6.3: the municipality checks
    the roadmaps). Written by the municipal contour, read on the school's home page, settled by the school."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="remarks")
    text = models.TextField(_("Замечание"))
    asks_correction = models.BooleanField(_("Просьба исправить дорожную карту"), default=False)
    author = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Автор")
    )
    created_at = models.DateTimeField(_("Дата"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("Отмечено исправленным"), null=True, blank=True)

    class Meta:
        verbose_name = _("замечание к дорожной карте")
        verbose_name_plural = _("замечания к дорожным картам")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:80]
