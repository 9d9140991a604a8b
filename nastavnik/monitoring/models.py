"""Monitoring (seed 000 «Мониторинг программы наставничества», seed 002 §3): what is measured when, the
measurements themselves and the pupils' marks per quarter."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Wave(models.TextChoices):
    ENTRY = "entry", _("Входной срез")
    INTERMEDIATE = "intermediate", _("Промежуточный срез")
    EXIT = "exit", _("Итоговый срез")


class Side(models.TextChoices):
    MENTEE = "mentee", _("Наставляемые")
    MENTOR = "mentor", _("Наставники")


class PlanItem(models.Model):
    """One line of a programme's measurement plan: this instrument, for this side, at this wave."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="measurement_plan", verbose_name=_("Программа")
    )
    instrument = models.CharField(_("Методика"), max_length=50)
    side = models.CharField(_("Для кого"), max_length=10, choices=Side.choices)
    wave = models.CharField(_("Срез"), max_length=20, choices=Wave.choices)

    class Meta:
        verbose_name = _("строка плана измерений")
        verbose_name_plural = _("план измерений")
        constraints = [
            models.UniqueConstraint(fields=["program", "instrument", "side", "wave"], name="plan_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.side} {self.wave}"


class MeasurementRequest(models.Model):
    """A personal invitation sent for a plan's instrument: the survey link's subject, so the answers come back here."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    instrument = models.CharField(max_length=50)
    side = models.CharField(max_length=10, choices=Side.choices)
    wave = models.CharField(max_length=20, choices=Wave.choices)
    invitation = models.OneToOneField(
        "surveys.Invitation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Without the consents the invitation is not sent: the reason stays here for the curator, and a later attempt
    # (after the consent is given) sends it and clears the reason.
    refusal = models.CharField(_("Почему не отправлено"), max_length=300, blank=True)
    automatic = models.BooleanField(_("Отправлено автоматически"), default=False)
    reminded_at = models.DateTimeField(_("Напоминание отправлено"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person", "instrument", "wave"], name="measurement_request_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.wave} #{self.person_id}"


class Measurement(models.Model):
    """One value of one measure for one person at one wave of a programme."""

    class Source(models.TextChoices):
        SURVEY = "survey", _("Анкета")
        MANUAL = "manual", _("Введено вручную")
        GRADES = "grades", _("Оценки за четверть")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="measurements", verbose_name=_("Программа")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="measurements", verbose_name=_("Участник")
    )
    mentorship = models.ForeignKey(
        "mentorships.Mentorship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("Пара"),
    )
    measure = models.CharField(_("Показатель"), max_length=50)
    side = models.CharField(_("Сторона"), max_length=10, choices=Side.choices)
    wave = models.CharField(_("Срез"), max_length=20, choices=Wave.choices)
    value = models.FloatField(_("Значение"))
    source = models.CharField(_("Источник"), max_length=10, choices=Source.choices)
    response = models.ForeignKey("surveys.Response", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("Записано"), auto_now=True)

    class Meta:
        verbose_name = _("измерение")
        verbose_name_plural = _("измерения")
        constraints = [
            models.UniqueConstraint(fields=["program", "person", "measure", "wave"], name="measurement_once"),
        ]
        indexes = [models.Index(fields=["program", "measure", "wave"])]

    def __str__(self) -> str:
        return f"{self.measure} {self.wave}: {self.value}"


class Grade(models.Model):
    """A pupil's average mark in one subject for one quarter (seed 000: «успеваемость»), entered by the curator
    or imported from the school system's XLSX."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="grades", verbose_name=_("Обучающийся")
    )
    subject = models.CharField(_("Предмет"), max_length=100)
    school_year = models.PositiveSmallIntegerField(_("Учебный год (год начала)"))
    quarter = models.PositiveSmallIntegerField(_("Четверть"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    mark = models.DecimalField(
        _("Средняя отметка"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("отметка за четверть")
        verbose_name_plural = _("отметки за четверть")
        ordering = ["school_year", "quarter", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "subject", "school_year", "quarter"], name="grade_once_per_quarter"
            ),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="grade_quarter_1_4"),
            models.CheckConstraint(condition=Q(mark__gte=1, mark__lte=5), name="grade_mark_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.school_year}/{self.quarter}: {self.mark}"


class IndicatorEntry(models.Model):
    """A value of a programme indicator entered by hand (seed 002 §3: «на дату начала действия программы» and «на
    дату подведения итогов»), with who entered it and when; computed indicators are not stored."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="indicator_entries", verbose_name=_("Программа")
    )
    code = models.SlugField(_("Показатель"), max_length=50)
    on = models.DateField(_("На дату"))
    value = models.DecimalField(_("Значение"), max_digits=10, decimal_places=2)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("Введено"), auto_now=True)

    class Meta:
        verbose_name = _("значение показателя")
        verbose_name_plural = _("значения показателей")
        constraints = [models.UniqueConstraint(fields=["program", "code", "on"], name="indicator_entry_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.on}: {self.value}"


class SwotAnalysis(models.Model):
    """A SWOT table of a programme as the curator approved it (seed 000, stage 1). Every approval is a new row,
    so the history stays: the latest row is the programme's current SWOT."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="swot_analyses", verbose_name=_("Программа")
    )
    strengths = models.JSONField(_("Сильные стороны"), default=list)
    weaknesses = models.JSONField(_("Слабые стороны"), default=list)
    opportunities = models.JSONField(_("Возможности"), default=list)
    threats = models.JSONField(_("Угрозы"), default=list)
    # The figures the system proposed from (item means and counts, programme facts) at the time of approval.
    basis = models.JSONField(_("Данные, на которых основано предложение"), default=dict, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by_name = models.CharField(_("Утвердил"), max_length=200)  # kept when the account goes
    approved_at = models.DateTimeField(_("Утверждён"), db_index=True)

    class Meta:
        verbose_name = _("SWOT-анализ")
        verbose_name_plural = _("SWOT-анализы")
        ordering = ["-approved_at", "-pk"]

    def __str__(self) -> str:
        return f"SWOT {self.program_id} {self.approved_at:%Y-%m-%d}"
