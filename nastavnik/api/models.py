"""Personal API tokens: created and revoked by their owner, stored only as a hash."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("Назначение"), max_length=100)
    prefix = models.CharField(_("Начало токена"), max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole token; the token is shown once
    may_write = models.BooleanField(_("Разрешена запись"), default=False)
    created_at = models.DateTimeField(_("Создан"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("Последнее использование"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Отозван"), null=True, blank=True)

    class Meta:
        verbose_name = _("токен API")
        verbose_name_plural = _("токены API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
