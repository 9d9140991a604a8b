"""The security-event log: who did what, when and from where. Append-only, like the access log."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik.appendonly import AppendOnlyModel


class SecurityEvent(AppendOnlyModel):
    class Kind(models.TextChoices):
        LOGIN = "login", _("Вход")
        LOGIN_FAILED = "login_failed", _("Неудачная попытка входа")
        LOGIN_SLOWED = "login_slowed", _("Вход задержан после неудачных попыток")
        LOCKOUT = "lockout", _("Блокировка входа")
        LOGOUT = "logout", _("Выход")
        REFUSED = "refused", _("Отказ в доступе")
        EXPORT = "export", _("Выгрузка данных")
        ROLE_GRANTED = "role_granted", _("Назначена роль")
        ROLE_REVOKED = "role_revoked", _("Снята роль")
        ACCOUNT_CREATED = "account_created", _("Создана учётная запись")
        ACCOUNT_CHANGED = "account_changed", _("Изменена учётная запись")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Отзыв согласия")

    kind = models.CharField(_("Событие"), max_length=30, choices=Kind.choices, db_index=True)
    at = models.DateTimeField(_("Когда"), default=timezone.now, db_index=True)
    # Plain numbers and text, no foreign keys: the log outlives the accounts and organisations it names.
    user_id = models.BigIntegerField(_("Учётная запись"), null=True, blank=True)
    username = models.CharField(_("Имя пользователя"), max_length=150, blank=True, db_index=True)
    actor_name = models.CharField(_("Кто"), max_length=300, blank=True)
    organization_id = models.BigIntegerField(_("Организация"), null=True, blank=True, db_index=True)
    ip = models.CharField(_("Адрес"), max_length=45, blank=True)
    path = models.CharField(_("Страница"), max_length=400, blank=True)
    detail = models.CharField(_("Подробности"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("событие безопасности")
        verbose_name_plural = _("журнал событий безопасности")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organization_id", "-at"], name="security_event_org_at")]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.kind} {self.username}"
