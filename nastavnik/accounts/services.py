"""Writes about accounts: a new organisation with its director, the municipal coordinator, e-mail invitations,
printed slips with one-time passwords, disabling.

Invitation links are Django's own password-reset tokens (`default_token_generator`, valid
`settings.PASSWORD_RESET_TIMEOUT`, seven days): the token dies as soon as the password is set. One-time passwords
are never stored: they exist only in the slip handed back to the caller.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from nastavnik.accounts import logins
from nastavnik.notifications import mail_send
from nastavnik.orgs.models import Membership, Municipality, Organization, Role
from nastavnik.people.models import Guardianship, Person, User
from nastavnik.people.services import account_disable_for_person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import consents_active

logger = logging.getLogger(__name__)

CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,29}$")


# --- names and input --------------------------------------------------------------------------------------------


def name_split(full_name: str) -> tuple[str, str, str]:
    """«Фамилия Имя Отчество» (the patronymic may be absent) → its three parts; ValidationError otherwise."""
    parts = full_name.split()
    if len(parts) not in (2, 3) or not all(re.fullmatch(r"[А-Яа-яЁё-]+", p) for p in parts):
        raise ValidationError(
            _("ФИО «%(name)s» не похоже на «Фамилия Имя Отчество» русскими буквами.") % {"name": full_name.strip()}
        )
    parts = [p[:1].upper() + p[1:] for p in parts]
    return parts[0], parts[1], parts[2] if len(parts) == 3 else ""


def _check_email(email: str, errors: list[str]) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        errors.append(_("Адрес e-mail «%(email)s» записан с ошибкой.") % {"email": email})
    return email


# --- organisations and the municipal coordinator ------------------------------------------------------------------


@dataclass
class NewAccount:
    person: Person
    user: User
    link: str


@transaction.atomic
def organization_create(
    *,
    code: str,
    name: str,
    short_name: str,
    kind: str,
    municipality: str | Municipality,
    director: str,
    email: str,
    created_by: User | None = None,
    send_invitation: bool = False,
) -> tuple[Organization, NewAccount]:
    """The organisation (and its municipality when new), its director's person, role and account.

    All or nothing: every problem with the input is collected into one ValidationError and nothing is written.
    Returns the organisation and the director's invitation link (also e-mailed with `send_invitation`).
    """
    errors: list[str] = []
    code = (code or "").strip()
    if not CODE_RE.match(code):
        errors.append(
            _("Краткий код «%(code)s»: только строчные латинские буквы, цифры, дефис и подчёркивание, 2–30 знаков.")
            % {"code": code}
        )
    elif Organization.objects.filter(code=code).exists():
        errors.append(_("Организация с кратким кодом «%(code)s» уже есть.") % {"code": code})
    if kind not in Organization.Kind.values:
        errors.append(
            _("Неизвестный тип «%(kind)s»; возможны: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(Organization.Kind.values)}
        )
    name, short_name = (name or "").strip(), (short_name or "").strip()
    if not name or not short_name:
        errors.append(_("Нужны и полное, и краткое название организации."))
    if isinstance(municipality, str) and not municipality.strip():
        errors.append(_("Не указан муниципалитет."))
    parts = _name_or_error(director, errors)
    email = _check_email(email, errors)
    if errors:
        raise ValidationError(errors)
    if isinstance(municipality, str):
        municipality, _created = Municipality.objects.get_or_create(name=municipality.strip())
    org = Organization.objects.create(municipality=municipality, kind=kind, code=code, name=name, short_name=short_name)
    person = Person.objects.create(
        last_name=parts[0],
        first_name=parts[1],
        middle_name=parts[2],
        category=Person.Category.TEACHER,
        organization=org,
        email=email,
    )
    Membership.objects.create(
        person=person, role=Role.DIRECTOR, organization=org, appointed_on=timezone.localdate(), created_by=created_by
    )
    account = _invitation_account(person=person, send=send_invitation)
    logger.info("Organisation %s created by %s", code, getattr(created_by, "username", "command line"))
    return org, account


@transaction.atomic
def municipal_coordinator_create(
    *, municipality: str, full_name: str, email: str, created_by: User | None = None, send_invitation: bool = False
) -> NewAccount:
    errors: list[str] = []
    if not (municipality or "").strip():
        errors.append(_("Не указан муниципалитет."))
    parts = _name_or_error(full_name, errors)
    email = _check_email(email, errors)
    if errors:
        raise ValidationError(errors)
    mun, _created = Municipality.objects.get_or_create(name=municipality.strip())
    person = Person.objects.create(
        last_name=parts[0], first_name=parts[1], middle_name=parts[2], category=Person.Category.EXTERNAL, email=email
    )
    Membership.objects.create(
        person=person,
        role=Role.MUNICIPAL_COORDINATOR,
        municipality=mun,
        appointed_on=timezone.localdate(),
        created_by=created_by,
    )
    return _invitation_account(person=person, send=send_invitation)


def _name_or_error(full_name: str, errors: list[str]) -> tuple[str, str, str]:
    try:
        return name_split(full_name or "")
    except ValidationError as exc:
        errors.extend(exc.messages)
        return "", "", ""


def _invitation_account(*, person: Person, send: bool) -> NewAccount:
    user = account_invite(person=person) if send else _account_open(person=person, password=None)
    return NewAccount(person=person, user=user, link=password_set_link(user=user))


# --- who may have an account ------------------------------------------------------------------------------------


def account_refusal(*, person: Person) -> str | None:
    """Why `person` may not get an account now (Russian, for the page), or None when they may."""
    if person.anonymised_at is not None:
        return _("Данные человека уничтожены: учётную запись выдать нельзя.")
    if person.is_minor:
        by_guardian = (
            consents_active()
            .filter(person=person, purpose=Consent.Purpose.PARTICIPATION)
            .exclude(given_by_id=person.pk)
            .exists()
        )
        if not by_guardian:
            return _(
                "Несовершеннолетнему учётная запись выдаётся только при действующем согласии законного "
                "представителя на участие в программе наставничества. Сначала оформите согласие."
            )
    elif (
        person.category in (Person.Category.PUPIL, Person.Category.STUDENT)
        and not consents_active().filter(person=person, purpose=Consent.Purpose.PARTICIPATION).exists()
    ):
        return _(
            "Нет действующего согласия на участие в программе наставничества: учётная запись не выдана. "
            "Сначала оформите согласие."
        )
    return None


def _require_allowed(person: Person) -> None:
    reason = account_refusal(person=person)
    if reason:
        raise ValidationError(reason, code="no_consent")


# --- opening an account -----------------------------------------------------------------------------------------


def login_for(*, person: Person, reserved: set[str] | None = None) -> str:
    """A new unique login from the person's name (see `logins.py`)."""
    reserved = reserved if reserved is not None else set()
    base = logins.login_base(person.last_name, person.first_name, person.middle_name)
    taken_in_db = set(User.objects.filter(username__istartswith=base).values_list("username", flat=True).iterator())
    taken = {name.lower() for name in taken_in_db} | reserved
    login = logins.login_unique(base, lambda candidate: candidate in taken)
    reserved.add(login)
    return login


def _account_open(*, person: Person, password: str | None, reserved: set[str] | None = None) -> User:
    """The person's account, created when missing, switched on, with `password` (None: none usable yet);
    either way the person must set their own at first sign-in."""
    user = person.user
    if user is None:
        user = User(username=login_for(person=person, reserved=reserved))
    user.is_active = True
    user.password_change_required = True
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    _guardian_role(person)
    return user


def _guardian_role(person: Person) -> None:
    """A parent's login shows their children: the guardian role in each child's organisation."""
    org_ids = set(
        Guardianship.objects.filter(guardian=person, child__organization__isnull=False).values_list(
            "child__organization_id", flat=True
        )
    )
    Membership.objects.bulk_create(
        [Membership(person=person, role=Role.GUARDIAN, organization_id=org_id) for org_id in sorted(org_ids)],
        ignore_conflicts=True,
    )


@transaction.atomic
def account_invite(*, person: Person, issued_by: User | None = None) -> User:
    """An account with no password yet and an e-mail with a one-time link (7 days) to set one."""
    _require_allowed(person)
    if not person.email:
        raise ValidationError(_("У человека нет адреса e-mail: распечатайте листок с паролем."))
    user = _account_open(person=person, password=None)
    from nastavnik.accounts.tasks import send_invitation

    send_invitation.enqueue(person.pk)
    logger.info("Invitation for person %s by %s", person.pk, getattr(issued_by, "username", "command line"))
    return user


@dataclass
class Slip:
    person: Person
    login: str
    password: str


@dataclass
class IssueResult:
    slips: list[Slip] = field(default_factory=list)
    invited: list[Person] = field(default_factory=list)
    refused: list[tuple[Person, str]] = field(default_factory=list)
    skipped: list[Person] = field(default_factory=list)


@transaction.atomic
def account_issue_slips(*, people: Iterable[Person], issued_by: User | None = None) -> list[Slip]:
    """New one-time passwords for `people` (accounts created where missing); all or nothing."""
    people = list(people)
    for person in people:
        _require_allowed(person)
    reserved: set[str] = set()
    slips = []
    for person in people:
        password = logins.one_time_password()
        user = _account_open(person=person, password=password, reserved=reserved)
        slips.append(Slip(person=person, login=user.username, password=password))
    logger.info("%d slips issued by %s", len(slips), getattr(issued_by, "username", "command line"))
    return slips


@transaction.atomic
def accounts_issue_bulk(*, people: Iterable[Person], issued_by: User | None = None) -> IssueResult:
    """For a class or a selection: an invitation to those with e-mail, a slip to the others.

    People who already have an account are left alone (a new slip is issued from the person page), and those who
    may not have one are listed with the reason; everyone else gets theirs.
    """
    result = IssueResult()
    without_email: list[Person] = []
    for person in people:
        if person.user_id is not None:
            result.skipped.append(person)
        elif reason := account_refusal(person=person):
            result.refused.append((person, reason))
        elif person.email:
            account_invite(person=person, issued_by=issued_by)
            result.invited.append(person)
        else:
            without_email.append(person)
    result.slips = account_issue_slips(people=without_email, issued_by=issued_by)
    return result


def account_disable(*, person: Person, disabled_by: User | None = None) -> bool:
    done = account_disable_for_person(person=person)
    if done:
        logger.info("Account of person %s disabled by %s", person.pk, getattr(disabled_by, "username", "?"))
    return done


# --- links and mail ---------------------------------------------------------------------------------------------


def password_set_link(*, user: User) -> str:
    """The one-time link (Django's password-reset token) where the user sets a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def invitation_mail_send(*, person_id: int) -> bool:
    """The invitation e-mail (run by the task queue); False when there is nobody or nowhere to send it to."""
    person = Person.objects.select_related("user", "organization").filter(pk=person_id).first()
    if person is None or person.user is None or not person.email or person.anonymised_at is not None:
        return False
    user = person.user
    if not user.is_active or user.has_usable_password():
        return False  # disabled since, or the password was already set: the link would not work anyway
    where = person.organization.short_name if person.organization else _("муниципальный уровень")
    body = _(
        "Здравствуйте, %(name)s!\n\nДля вас создана учётная запись в системе «Наставник» (%(where)s).\n"
        "Логин: %(login)s\n\nЗадайте пароль по ссылке (она одноразовая и действует 7 дней):\n%(link)s\n\n"
        "Потом входите здесь: %(login_url)s\n\nЕсли письмо пришло вам по ошибке, просто удалите его."
    ) % {
        "name": " ".join(p for p in (person.first_name, person.middle_name) if p),
        "where": where,
        "login": user.username,
        "link": password_set_link(user=user),
        "login_url": settings.SITE_URL + reverse("login"),
    }
    mail_send(to=person.email, subject=_("Приглашение в систему «Наставник»"), body=body)
    return True


# --- two-factor sign-in ------------------------------------------------------------------------------------------

RECOVERY_CODES = 10


def otp_device_pending(*, user: User):
    """The user's authenticator being set up (unconfirmed TOTP device), created on first call."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=_("Приложение-аутентификатор"), confirmed=False)


@transaction.atomic
def otp_confirm(*, user: User, token: str):
    """Confirm the pending authenticator with its first code; returns (device, recovery codes) or None.

    Recovery codes (django-otp static tokens) are shown once; each works once.
    """
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device = otp_device_pending(user=user)
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save()
    static, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": _("Коды восстановления")})
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    logger.info("Two-factor sign-in set up for user %s", user.pk)
    return device, codes
