"""Personal API tokens: the token is shown once; only its SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.api.models import ApiToken

PREFIX = "nst_"
MAX_ACTIVE = 10


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str, may_write: bool) -> tuple[ApiToken, str]:
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Укажите, для чего токен (например, «региональная система»)."))
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise ValidationError(_("Действующих токенов уже %(n)d: отзовите ненужный.") % {"n": MAX_ACTIVE})
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=raw[:12], digest=digest(raw), may_write=may_write
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_find(raw: str) -> ApiToken | None:
    if not raw or not raw.startswith(PREFIX):
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
