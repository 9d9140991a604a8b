"""Security events from Django's and django-axes' signals, the consent withdrawal and role changes."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from nastavnik.orgs.models import Membership
from nastavnik.people.models import User
from nastavnik.privacy.signals import consent_withdrawn
from nastavnik.security.models import SecurityEvent
from nastavnik.security.services import security_event_record

K = SecurityEvent.Kind


@receiver(user_logged_in, dispatch_uid="security_login")
def _login(sender, request, user, **kwargs) -> None:
    security_event_record(kind=K.LOGIN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="security_logout")
def _logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        security_event_record(kind=K.LOGOUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="security_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str((credentials or {}).get("username", ""))
    known = User.objects.filter(username=username).select_related("person").first()
    org_id = getattr(getattr(known, "person", None), "organization_id", None) if known else None
    security_event_record(
        kind=K.LOGIN_FAILED, request=request, user=None, username=username, organization_id=org_id
    )


@receiver(user_locked_out, dispatch_uid="security_lockout")
def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    known = User.objects.filter(username=username).select_related("person").first()
    org_id = getattr(getattr(known, "person", None), "organization_id", None) if known else None
    security_event_record(kind=K.LOCKOUT, request=request, user=None, username=username or "",
                          organization_id=org_id)


@receiver(post_save, sender=Membership, dispatch_uid="security_role_granted")
def _role_granted(sender, instance: Membership, created: bool, **kwargs) -> None:
    if created:
        security_event_record(
            kind=K.ROLE_GRANTED, user=None, organization_id=instance.organization_id,
            detail=f"{instance.person}: {instance.get_role_display()}",
        )


@receiver(post_delete, sender=Membership, dispatch_uid="security_role_revoked")
def _role_revoked(sender, instance: Membership, **kwargs) -> None:
    security_event_record(
        kind=K.ROLE_REVOKED, user=None, organization_id=instance.organization_id,
        detail=f"{instance.person}: {instance.get_role_display()}",
    )


@receiver(post_save, sender=User, dispatch_uid="security_account")
def _account(sender, instance: User, created: bool, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # every login touches last_login: that is the login event, not an account change
    person = getattr(instance, "person", None) if not created else None
    security_event_record(
        kind=K.ACCOUNT_CREATED if created else K.ACCOUNT_CHANGED,
        user=None,
        username=instance.get_username(),
        organization_id=getattr(person, "organization_id", None),
        detail="" if instance.is_active else "отключена",
    )


@receiver(consent_withdrawn, dispatch_uid="security_consent_withdrawn")
def _consent_withdrawn(sender, **kwargs) -> None:
    consent = kwargs.get("consent")
    person = kwargs.get("person") or getattr(consent, "person", None)
    security_event_record(
        kind=K.CONSENT_WITHDRAWN, user=None, organization_id=getattr(person, "organization_id", None),
        detail=f"{person}: {consent.get_purpose_display()}" if consent is not None else str(person),
    )
