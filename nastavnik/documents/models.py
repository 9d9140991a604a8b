"""The register of orders (приказы) and other generated documents."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Orders issued here keep their own register, numbered per organisation and calendar year. The suffix («12-н»,
# «н» for наставничество) keeps these numbers apart from the organisation's main register of orders on its core
# activity («12-од»), as records management does for separate registers; the number itself is a plain integer.
ORDER_NUMBER_SUFFIX = "н"


class Order(models.Model):
    class Kind(models.TextChoices):
        INTRODUCE_MODEL = "introduce_model", _("О внедрении целевой модели наставничества")
        APPOINT_COORDINATOR = "appoint_coordinator", _("О назначении координатора и кураторов")
        APPROVE_REGULATION = "approve_regulation", _("Об утверждении положения о наставничестве и дорожной карты")
        APPROVE_MENTOR_REGISTRY = "approve_mentor_registry", _("Об утверждении реестра наставников")
        MENTOR_SCHOOL = "mentor_school", _("Об организации «Школы наставников»")
        APPROVE_PAIRS = "approve_pairs", _("Об утверждении наставников и наставнических пар/групп")
        FINAL_EVENT = "final_event", _("О проведении итогового мероприятия")
        REWARD = "reward", _("О поощрении участников")
        OTHER = "other", _("Иной приказ")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Проект: ждёт подписи")
        RETURNED = "returned", _("Возвращён на доработку")
        SIGNED = "signed", _("Подписан")

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField(_("Вид"), max_length=40, choices=Kind.choices)
    # A draft has no number and no date: both are given when the director signs it (seed 003 §4.1: an order of the
    # director). Only a signed order is issued and takes effect.
    status = models.CharField(_("Состояние"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    number = models.PositiveIntegerField(_("Номер"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("Год"), null=True, blank=True)
    date = models.DateField(_("Дата"), null=True, blank=True)
    proposed_date = models.DateField(_("Предлагаемая дата"), null=True, blank=True)
    subject = models.CharField(_("Заголовок"), max_length=400)
    program = models.ForeignKey(
        "programs.Program", on_delete=models.SET_NULL, null=True, blank=True, related_name="orders"
    )
    payload = models.JSONField(_("Содержание"), default=dict, blank=True)
    file = models.FileField(_("Файл DOCX"), upload_to="orders/%Y/", blank=True)
    signed_by = models.CharField(_("Подписал"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(_("Подписан"), null=True, blank=True)
    signed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    director_comment = models.TextField(_("Комментарий руководителя"), blank=True)

    class Meta:
        verbose_name = _("приказ")
        verbose_name_plural = _("реестр приказов")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "number"], name="order_number_unique_per_year"),
            models.CheckConstraint(condition=Q(number__gte=1), name="order_number_positive"),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(number__isnull=False, year__isnull=False, date__isnull=False),
                name="order_signed_has_number",
            ),
        ]

    def __str__(self) -> str:
        if not self.is_signed:
            return f"Проект приказа «{self.subject}»"
        return f"№ {self.display_number} от {self.date:%d.%m.%Y} «{self.subject}»"

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def display_number(self) -> str:
        """«12-н»: how the number is written in the document and the register (after «№ »); blank for a draft."""
        return f"{self.number}-{ORDER_NUMBER_SUFFIX}" if self.number else ""
