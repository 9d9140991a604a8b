"""Municipalities, educational organisations and the roles people hold in them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    name = models.CharField(_("Название"), max_length=200, unique=True)
    region = models.CharField(_("Субъект РФ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("муниципалитет")
        verbose_name_plural = _("муниципалитеты")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("Общеобразовательная школа")
        LYCEUM = "lyceum", _("Лицей")
        GYMNASIUM = "gymnasium", _("Гимназия")
        KINDERGARTEN = "kindergarten", _("Детский сад (ДОУ)")
        COLLEGE = "college", _("Колледж (СПО)")
        ADDITIONAL = "additional", _("Организация дополнительного образования")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("Муниципалитет")
    )
    kind = models.CharField(_("Тип"), max_length=20, choices=Kind.choices)
    code = models.SlugField(
        _("Краткий код"), max_length=30, unique=True, help_text=_("Латиница и цифры, например «school7»")
    )
    name = models.CharField(_("Полное название"), max_length=400)
    short_name = models.CharField(_("Краткое название"), max_length=120)
    address = models.CharField(_("Адрес"), max_length=300, blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    phone = models.CharField(_("Телефон"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("образовательная организация")
        verbose_name_plural = _("образовательные организации")
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def serves_pupils(self) -> bool:
        return self.kind != self.Kind.KINDERGARTEN


class Role(models.TextChoices):
    DIRECTOR = "director", _("Руководитель организации")
    COORDINATOR = "coordinator", _("Координатор")
    CURATOR = "curator", _("Куратор")
    PSYCHOLOGIST = "psychologist", _("Педагог-психолог")
    METHOD_HEAD = "method_head", _("Руководитель МО")
    MENTOR = "mentor", _("Наставник")
    MENTEE = "mentee", _("Наставляемый")
    GUARDIAN = "guardian", _("Родитель (законный представитель)")
    MUNICIPAL_COORDINATOR = "municipal_coordinator", _("Муниципальный координатор")


# Roles that run the target model inside one organisation and see its people.
STAFF_ROLES = frozenset({Role.DIRECTOR, Role.COORDINATOR, Role.CURATOR, Role.PSYCHOLOGIST, Role.METHOD_HEAD})


class Membership(models.Model):
    """A role a person holds in one organisation (or, for the municipal coordinator, in a municipality)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Человек")
    )
    role = models.CharField(_("Роль"), max_length=30, choices=Role.choices)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("Организация"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("Муниципалитет"),
    )
    department = models.CharField(_("Методическое объединение / кафедра"), max_length=200, blank=True)
    # The job the person holds, as orders name it: «заместитель директора по УВР», «педагог-психолог».
    position = models.CharField(_("Должность"), max_length=200, blank=True)
    appointed_on = models.DateField(_("Назначен"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("роль в организации")
        verbose_name_plural = _("роли в организациях")
        constraints = [
            # The municipal coordinator belongs to a municipality; every other role to one organisation.
            models.CheckConstraint(
                condition=(
                    Q(role="municipal_coordinator", municipality__isnull=False, organization__isnull=True)
                    | (~Q(role="municipal_coordinator") & Q(organization__isnull=False, municipality__isnull=True))
                ),
                name="membership_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "organization"],
                condition=Q(organization__isnull=False),
                name="membership_unique_org_role",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="membership_unique_municipal_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"


# Roles the head appoints and removes on the organisation page (seed 003 §4.2–4.3, seed 004 §6).
APPOINTED_ROLES = (Role.COORDINATOR, Role.CURATOR, Role.PSYCHOLOGIST, Role.METHOD_HEAD)


class Appointment(models.Model):
    """One appointment to a target-model role, with its dates: the history stays when the role ends.

    The role itself (what the policy reads) is the Membership row; it exists while an appointment is current.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("Организация")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="appointments", verbose_name=_("Человек")
    )
    role = models.CharField(_("Роль"), max_length=30, choices=Role.choices)
    position = models.CharField(_("Должность"), max_length=200, blank=True)
    area = models.CharField(_("Направление, форма наставничества"), max_length=200, blank=True)
    starts_on = models.DateField(_("Начало"))
    ends_on = models.DateField(_("Окончание"), null=True, blank=True)
    ended_reason = models.CharField(_("Основание окончания"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("назначение")
        verbose_name_plural = _("назначения")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="appointment_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["organization", "person", "role"],
                condition=Q(ends_on__isnull=True),
                name="appointment_one_open_per_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"

    def is_current(self, on) -> bool:
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)
