"""Pairs and groups (mentorships) and their meetings."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Mentorship(models.Model):
    """A pair or a group. The lead mentor and the first mentee are columns, so the database itself guarantees
    at least one of each and that nobody mentors themselves; further members of a group are MentorshipMember rows."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Предложена")
        CONFIRMED = "confirmed", _("Подтверждена после знакомства")
        APPROVED = "approved", _("Утверждена приказом")
        COMPLETED = "completed", _("Завершена")
        TERMINATED = "terminated", _("Прекращена досрочно")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="mentorships", verbose_name=_("Программа")
    )
    role_model = models.ForeignKey(
        "programs.RoleModel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ролевая модель"),
    )
    mentor = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="led_mentorships", verbose_name=_("Наставник")
    )
    mentee = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="first_mentee_in", verbose_name=_("Наставляемый")
    )
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    starts_on = models.DateField(_("Начало"))
    ends_on = models.DateField(_("Окончание"), null=True, blank=True)
    goal = models.TextField(_("Цель"), blank=True)
    end_reason = models.CharField(_("Причина завершения"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("наставническая пара / группа")
        verbose_name_plural = _("наставнические пары и группы")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="mentorship_nobody_mentors_self"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="mentorship_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"


class MentorshipMember(models.Model):
    """Further mentors or mentees of a group beyond the lead pair."""

    class Side(models.TextChoices):
        MENTOR = "mentor", _("Наставник")
        MENTEE = "mentee", _("Наставляемый")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="mentorship_memberships")
    side = models.CharField(_("Сторона"), max_length=10, choices=Side.choices)
    joined_on = models.DateField(_("С"), null=True, blank=True)

    class Meta:
        verbose_name = _("участник группы")
        verbose_name_plural = _("участники группы")
        # One row per person and group: nobody is on both sides of the same group.
        constraints = [models.UniqueConstraint(fields=["mentorship", "person"], name="member_once_per_mentorship")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_side_display()})"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ACQUAINTANCE = "acquaintance", _("Встреча-знакомство")
        TRIAL = "trial", _("Пробная рабочая встреча")
        PLANNING = "planning", _("Встреча-планирование")
        REGULAR = "regular", _("Регулярная встреча")
        FINAL = "final", _("Итоговая встреча")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Запланирована")
        HELD = "held", _("Проведена")
        MISSED = "missed", _("Не состоялась")
        CANCELLED = "cancelled", _("Отменена")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("Очно")
        ONLINE = "online", _("Онлайн")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("Вид встречи"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    format = models.CharField(_("Формат"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    scheduled_at = models.DateTimeField(_("Дата и время"))
    duration_minutes = models.PositiveSmallIntegerField(_("Длительность, мин"))
    place = models.CharField(_("Место / ссылка"), max_length=300, blank=True)
    topic = models.CharField(_("Тема"), max_length=300, blank=True)
    notes = models.TextField(_("Итоги встречи"), blank=True)
    curator_present = models.BooleanField(_("Присутствует куратор"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("встреча")
        verbose_name_plural = _("встречи")
        ordering = ["scheduled_at"]
        indexes = [models.Index(fields=["mentorship", "scheduled_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480), name="meeting_duration_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_at:%d.%m.%Y}"
