"""Consents under 152-FZ, the access audit, and records of destroyed data."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik.appendonly import AppendOnlyManager, AppendOnlyMixin


class Consent(models.Model):
    """One consent of one person for one purpose, a separate document as the law requires."""

    class Purpose(models.TextChoices):
        PARTICIPATION = "participation", _("Участие в программе наставничества и персонифицированный учёт")
        QUESTIONNAIRES = "questionnaires", _("Анкетирование и мониторинг")
        PSYCH_DIAGNOSTICS = "psych_diagnostics", _("Психологическая диагностика")
        # 152-FZ art. 10.1: a separate consent to dissemination, per category (`publish_categories`).
        PUBLICATION = "publication", _("Распространение: публикация на странице «Наставничество»")

    class PublishCategory(models.TextChoices):
        """What a consent to dissemination lets the organisation publish (152-FZ art. 10.1, one tick each)."""

        NAME = "name", _("фамилия и имя")
        PHOTO = "photo", _("фотография")
        POSITION = "position", _("класс или должность")
        STORY = "story", _("история участия и достижения")

    class Form(models.TextChoices):
        PAPER = "paper", _("На бумаге")
        ELECTRONIC = "electronic", _("Электронно")

    class GuardianBasis(models.TextChoices):
        PARENT = "parent", _("Родитель")
        ADOPTIVE = "adoptive", _("Усыновитель")
        GUARDIAN = "guardian", _("Опекун")
        TRUSTEE = "trustee", _("Попечитель")

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="consents", verbose_name=_("Субъект данных")
    )
    purpose = models.CharField(_("Цель"), max_length=30, choices=Purpose.choices)
    data_categories = models.JSONField(_("Категории данных"), default=list)
    # Only for the dissemination consent: the codes of `PublishCategory` the subject allowed to publish.
    publish_categories = models.JSONField(_("Что разрешено публиковать"), default=list, blank=True)
    actions = models.TextField(_("Действия с данными"), blank=True)
    operator = models.CharField(_("Оператор"), max_length=400)
    given_by = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="consents_given",
        verbose_name=_("Кто дал согласие"),
        help_text=_("Сам человек или, для несовершеннолетнего, его законный представитель"),
    )
    guardian_basis = models.CharField(
        _("Основание представительства"), max_length=20, choices=GuardianBasis.choices, blank=True
    )
    valid_from = models.DateField(_("Действует с"), default=timezone.localdate)
    valid_until = models.DateField(_("Действует до"), null=True, blank=True)
    signed_at = models.DateField(_("Дата подписания"), null=True, blank=True)
    form = models.CharField(_("Форма"), max_length=20, choices=Form.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Кто зарегистрировал"),
    )
    signing_recorded_at = models.DateTimeField(_("Подписание отмечено"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("Отозвано"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Кто зарегистрировал отзыв"),
    )
    # Set by `nastavnik purge` once the data this consent covered was destroyed: the purge never runs twice.
    purged_at = models.DateTimeField(_("Данные уничтожены"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("согласие на обработку ПД")
        verbose_name_plural = _("согласия на обработку ПД")
        ordering = ["-created_at"]
        constraints = [
            # A minor's consent is given by somebody else, who must state on what basis.
            models.CheckConstraint(
                condition=Q(given_by=F("person")) | ~Q(guardian_basis=""),
                name="consent_by_other_needs_basis",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="consent_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_purpose_display()}"

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        if self.withdrawn_at or not self.signed_at:
            return False
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


class AccessLog(AppendOnlyMixin, models.Model):
    """Every view of another person's record, for the subject's and the operator's audit. Append-only: no code
    path changes or removes a row (and on PostgreSQL a trigger refuses it); people and accounts are anonymised,
    never deleted, so the references stay."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="access_log")
    action = models.CharField(max_length=40)
    path = models.CharField(max_length=400, blank=True)
    # Who ran a console command (`nastavnik export-roster --by`): reads without a login are logged too.
    operator = models.CharField(_("Оператор"), max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AppendOnlyManager()

    class Meta:
        verbose_name = _("просмотр персональных данных")
        verbose_name_plural = _("журнал доступа к персональным данным")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.user} → {self.person_id}"


class DestructionRecord(AppendOnlyMixin, models.Model):
    """The act of destroying personal data: kept after the data itself is gone (no FK on purpose). Append-only."""

    person_ref = models.CharField(_("Субъект (обезличенный номер)"), max_length=40)
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="destruction_records",
        verbose_name=_("Организация"),
    )
    organization_name = models.CharField(_("Организация"), max_length=400, blank=True)
    categories = models.JSONField(_("Категории данных"), default=list)
    reason = models.CharField(_("Основание"), max_length=400)
    performed_by = models.CharField(_("Кто уничтожил"), max_length=200)
    performed_at = models.DateTimeField(_("Когда"), default=timezone.now)

    objects = AppendOnlyManager()

    class Meta:
        verbose_name = _("акт уничтожения ПД")
        verbose_name_plural = _("акты уничтожения ПД")
        ordering = ["-performed_at"]

    def __str__(self) -> str:
        return f"{self.person_ref} {self.performed_at:%d.%m.%Y}"
