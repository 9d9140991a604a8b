"""The questionnaire engine: templates with versions, their questions, and the answers people give.

A `Survey` is a questionnaire template (shipped in the catalogue when `organization` is empty, or built by an
organisation's curator). Its content lives in numbered `SurveyVersion`s; a version that has responses is frozen, so
editing a template never rewrites past answers: the edit goes to a new version and old answers stay tied to the old one.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuestionType(models.TextChoices):
    SHORT_TEXT = "short_text", _("Короткий текст")
    LONG_TEXT = "long_text", _("Развёрнутый ответ")
    SINGLE_CHOICE = "single_choice", _("Один вариант из списка")
    MULTIPLE_CHOICE = "multiple_choice", _("Несколько вариантов из списка")
    SCALE = "scale", _("Шкала (например, от 1 до 10)")
    LIKERT = "likert", _("Степень согласия")
    NUMBER = "number", _("Число")
    DATE = "date", _("Дата")
    YES_NO = "yes_no", _("Да / нет")


class Survey(models.Model):
    class Purpose(models.TextChoices):
        MENTEE_REQUEST = "mentee_request", _("Запрос наставляемого")
        MENTOR_CANDIDATE = "mentor_candidate", _("Анкета кандидата в наставники")
        INTERVIEW = "interview", _("Собеседование с кандидатом в наставники")
        TRAINING_NEEDS = "training_needs", _("Потребности в обучении наставников")
        REFLECTION = "reflection", _("Рефлексия после встречи")
        FINAL = "final", _("Итоговая анкета")
        MATCH_CARD = "match_card", _("Карточка Mentor Match")
        MONITORING = "monitoring", _("Мониторинг")
        CUSTOM = "custom", _("Другая анкета")

    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("Организация"),
        help_text=_("Пусто — анкета из общего каталога"),
    )
    code = models.SlugField(_("Код"), max_length=60)
    title = models.CharField(_("Название"), max_length=300)
    description = models.TextField(_("Пояснение для респондента"), blank=True)
    purpose = models.CharField(_("Назначение"), max_length=30, choices=Purpose.choices, default=Purpose.CUSTOM)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("анкета")
        verbose_name_plural = _("анкеты")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], condition=Q(organization__isnull=False), name="survey_code_per_org"
            ),
            models.UniqueConstraint(
                fields=["code"], condition=Q(organization__isnull=True), name="survey_code_catalog"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_catalog(self) -> bool:
        return self.organization_id is None

    @property
    def fills_alone(self) -> bool:
        """Whether a person fills it about themselves, so a bare personal link makes sense. The others are filled
        in a context another app provides: an interview record by staff, a diary after a meeting, a Mentor Match card.
        """
        return self.purpose not in {self.Purpose.INTERVIEW, self.Purpose.REFLECTION, self.Purpose.MATCH_CARD}


class SurveyVersion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions", verbose_name=_("Анкета"))
    number = models.PositiveIntegerField(_("Номер версии"))
    published_at = models.DateTimeField(_("Опубликована"), null=True, blank=True, help_text=_("Пусто — черновик"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("версия анкеты")
        verbose_name_plural = _("версии анкет")
        ordering = ["survey", "-number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="survey_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.survey} (v{self.number})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_frozen(self) -> bool:
        """A version with answers never changes: editing it would rewrite what people said."""
        return self.responses.exists()


class Section(models.Model):
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("Раздел"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("Порядок"), default=0)

    class Meta:
        verbose_name = _("раздел анкеты")
        verbose_name_plural = _("разделы анкет")
        ordering = ["version", "position", "pk"]

    def __str__(self) -> str:
        return self.title or str(_("Без названия"))


class Question(models.Model):
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("Раздел"))
    code = models.SlugField(_("Код"), max_length=60)
    text = models.CharField(_("Вопрос"), max_length=500)
    help = models.CharField(_("Подсказка"), max_length=500, blank=True)
    type = models.CharField(_("Тип ответа"), max_length=20, choices=QuestionType.choices)
    required = models.BooleanField(_("Обязательный"), default=True)
    # Choices for single/multiple choice and Likert: a list of strings, in display order.
    options = models.JSONField(_("Варианты ответа"), default=list, blank=True)
    # The range of a scale, or optional bounds of a number.
    min_value = models.IntegerField(_("Минимум"), null=True, blank=True)
    max_value = models.IntegerField(_("Максимум"), null=True, blank=True)
    # Captions of the ends of a scale: ["совсем нет", "полностью"].
    labels = models.JSONField(_("Подписи шкалы"), default=list, blank=True)
    position = models.PositiveIntegerField(_("Порядок"), default=0)

    class Meta:
        verbose_name = _("вопрос")
        verbose_name_plural = _("вопросы")
        ordering = ["version", "section__position", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="question_code_per_version")]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One filled questionnaire: answers of one respondent to one version, possibly about somebody else."""

    version = models.ForeignKey(
        SurveyVersion, on_delete=models.PROTECT, related_name="responses", verbose_name=_("Версия анкеты")
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("Организация"),
    )
    respondent = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses_given",
        verbose_name=_("Кто заполнил"),
    )
    # Whose personal data the answers are; the data goes when the person goes.
    about = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_responses_about",
        verbose_name=_("О ком"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("Заполнено"), default=timezone.now)

    class Meta:
        verbose_name = _("заполненная анкета")
        verbose_name_plural = _("заполненные анкеты")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["organization", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.version.survey} — {self.about or self.respondent or '—'}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(_("Ответ"))

    class Meta:
        verbose_name = _("ответ")
        verbose_name_plural = _("ответы")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question")]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.value}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A personal one-time link to fill one questionnaire without an account."""

    version = models.ForeignKey(
        SurveyVersion, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("Версия анкеты")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="survey_invitations", verbose_name=_("Кому")
    )
    # Whose data the answers will be when somebody fills about another (a parent about a child); empty = the person.
    about = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("О ком")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    expires_at = models.DateTimeField(_("Действует до"))
    used_at = models.DateTimeField(_("Использована"), null=True, blank=True)
    response = models.OneToOneField(
        Response, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("приглашение заполнить анкету")
        verbose_name_plural = _("приглашения заполнить анкеты")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.version} → {self.person}"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return not self.is_used and not self.is_expired

    @property
    def about_person(self):
        return self.about or self.person
