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
        APPROVE_REGULATION = "approve_regulation", _("Об утверждении положения и дорожной карты")
        APPROVE_MENTOR_REGISTRY = "approve_mentor_registry", _("Об утверждении реестра наставников")
        MENTOR_SCHOOL = "mentor_school", _("Об организации «Школы наставников»")
        APPROVE_PAIRS = "approve_pairs", _("Об утверждении наставников и наставнических пар/групп")
        FINAL_EVENT = "final_event", _("О проведении итогового мероприятия")
        REWARD = "reward", _("О поощрении участников")
        OTHER = "other", _("Иной приказ")

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField(_("Вид"), max_length=40, choices=Kind.choices)
    number = models.PositiveIntegerField(_("Номер"))
    year = models.PositiveSmallIntegerField(_("Год"))
    date = models.DateField(_("Дата"))
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

    class Meta:
        verbose_name = _("приказ")
        verbose_name_plural = _("реестр приказов")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "number"], name="order_number_unique_per_year"),
            models.CheckConstraint(condition=Q(number__gte=1), name="order_number_positive"),
        ]

    def __str__(self) -> str:
        return f"№ {self.display_number} от {self.date:%d.%m.%Y} «{self.subject}»"

    @property
    def display_number(self) -> str:
        """«12-н»: how the number is written in the document and the register (after «№ »)."""
        return f"{self.number}-{ORDER_NUMBER_SUFFIX}"
