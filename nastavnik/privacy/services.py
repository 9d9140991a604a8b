"""Writes about personal data: consents (prepare, sign, withdraw) and the access audit.

The purge lives in `purge.py` and the subject's export in `export.py`. Privacy is a shared service: it imports no
stage app. A withdrawal is announced with the `consent_withdrawn` signal and the stage apps take the person out of
their bases and pairs in their own receivers (`intake/receivers.py`, `mentorships/receivers.py`).
"""

import datetime as dt
from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import FieldError, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik import pagecache
from nastavnik.people.models import Guardianship, Person
from nastavnik.privacy import selectors, texts
from nastavnik.privacy.models import AccessLog, Consent
from nastavnik.privacy.signals import consent_withdrawn


def access_log_record(*, request: HttpRequest, person: Person, action: str) -> AccessLog | None:
    """Log a view of someone else's record; looking at one's own record is not an access to another's data."""
    own_person_id = getattr(getattr(request.user, "person", None), "pk", None)
    if own_person_id == person.pk:
        return None
    # A page kept rendered (nastavnik/pagecache.py) logs the view again each time it is shown.
    pagecache.note_effect(_log_again, person_ids=[person.pk], action=action)
    return AccessLog.objects.create(user=request.user, person=person, action=action, path=request.path[:400])


def access_log_record_many(*, request: HttpRequest, people: Iterable[Person], action: str) -> int:
    """Log one page showing several people's records (a group, a Mentor Match session) in a single insert."""
    own_person_id = getattr(getattr(request.user, "person", None), "pk", None)
    rows = [
        AccessLog(user=request.user, person=person, action=action, path=request.path[:400])
        for person in {p.pk: p for p in people}.values()
        if person.pk != own_person_id
    ]
    AccessLog.objects.bulk_create(rows)
    pagecache.note_effect(_log_again, person_ids=[row.person_id for row in rows], action=action)
    return len(rows)


def _log_again(*, request: HttpRequest, person_ids: list[int], action: str) -> None:
    """The same page's access log, written again when the page is served kept (pagecache.note_effect)."""
    path = request.path[:400]
    AccessLog.objects.bulk_create(
        AccessLog(user=request.user, person_id=pk, action=action, path=path) for pk in person_ids
    )


def access_log_record_console(*, operator: str, person_ids: Iterable[int], action: str, command: str) -> int:
    """Log a console command's read of people's records (an export), under the operator's name."""
    rows = (
        AccessLog(user=None, operator=operator[:150], person_id=pk, action=action, path=command[:400])
        for pk in person_ids
    )
    return len(AccessLog.objects.bulk_create(rows, batch_size=1000))


# --- consents --------------------------------------------------------------------------------------------------


@transaction.atomic
def consent_prepare(
    *,
    person: Person,
    purpose: str,
    given_by: Person,
    guardian_basis: str = "",
    data_categories: list[str] | None = None,
    operator: str | None = None,
    valid_until: dt.date | None = None,
    recorded_by,
    today: dt.date | None = None,
    publish_categories: list[str] | None = None,
) -> Consent:
    """An unsigned consent ready to print: in force only once `consent_sign` records the signature."""
    today = today or timezone.localdate()
    if purpose not in Consent.Purpose.values:
        raise ValidationError(_("Неизвестная цель обработки персональных данных"))
    if person.anonymised_at:
        raise ValidationError(_("Данные этого человека обезличены: согласие оформить нельзя"))
    guardian_basis = _representation_basis(person=person, given_by=given_by, guardian_basis=guardian_basis)
    if valid_until and valid_until < today:
        raise ValidationError(_("Срок действия согласия не может закончиться раньше сегодняшнего дня"))
    if selectors.consent_active(person=person, purpose=purpose, on=today):
        raise ValidationError(_("Согласие на эту цель уже действует"))
    operator = (operator or "").strip() or _default_operator(person)
    publish = _publish_categories(purpose, publish_categories)
    if publish:
        data_categories = [str(Consent.PublishCategory(code).label) for code in publish]
    # An unsigned paper has no force: a new draft for the same purpose replaces the old one.
    Consent.objects.filter(person=person, purpose=purpose, signed_at__isnull=True, withdrawn_at__isnull=True).delete()
    text = texts.purpose_text(purpose)
    return Consent.objects.create(
        person=person,
        purpose=purpose,
        data_categories=list(data_categories) if data_categories else [str(c) for c in text.categories],
        actions=str(text.actions),
        operator=operator,
        given_by=given_by,
        guardian_basis=guardian_basis,
        valid_from=today,
        valid_until=valid_until,
        recorded_by=recorded_by,
        publish_categories=publish,
    )


def _publish_categories(purpose: str, codes: list[str] | None) -> list[str]:
    """A consent to dissemination names what may be published (152-FZ art. 10.1); other purposes name nothing."""
    codes = list(dict.fromkeys(codes or []))
    if purpose != Consent.Purpose.PUBLICATION:
        if codes:
            raise ValidationError(_("Что публиковать, указывают только в согласии на распространение"))
        return []
    if not codes:
        raise ValidationError(_("Отметьте, какие сведения разрешено публиковать"))
    if any(code not in Consent.PublishCategory.values for code in codes):
        raise ValidationError(_("Неизвестная категория сведений для публикации"))
    return [code for code in Consent.PublishCategory.values if code in codes]


def _representation_basis(*, person: Person, given_by: Person, guardian_basis: str) -> str:
    """A minor's consent comes from one of their legal representatives; an adult gives their own."""
    if not person.is_minor:
        if given_by.pk != person.pk:
            raise ValidationError(_("Совершеннолетний даёт согласие сам"))
        return ""
    link = Guardianship.objects.filter(child=person, guardian=given_by).first()
    if link is None:
        raise ValidationError(_("Согласие за несовершеннолетнего даёт его законный представитель"))
    basis = guardian_basis or link.basis
    if basis not in Consent.GuardianBasis.values:
        raise ValidationError(_("Укажите основание представительства"))
    return basis


def _default_operator(person: Person) -> str:
    org = person.organization
    if org is None:
        raise ValidationError(_("Укажите оператора: у человека не указана организация"))
    return ", ".join(part for part in (org.name, org.address) if part)


@transaction.atomic
def consent_sign(
    *, consent: Consent, signed_at: dt.date, form: str, recorded_by, now: dt.datetime | None = None
) -> Consent:
    """Record that the consent was signed: on which day, on paper or electronically, and who recorded it."""
    now = now or timezone.now()
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at:
        raise ValidationError(_("Согласие отозвано: отметить подписание нельзя"))
    if consent.signed_at:
        raise ValidationError(_("Подписание этого согласия уже отмечено"))
    if form not in Consent.Form.values:
        raise ValidationError(_("Укажите форму: на бумаге или электронно"))
    if signed_at > timezone.localtime(now).date():
        raise ValidationError(_("Дата подписания не может быть в будущем"))
    if consent.valid_until and signed_at > consent.valid_until:
        raise ValidationError(_("Дата подписания позже окончания срока действия согласия"))
    if consent.purpose == Consent.Purpose.PSYCH_DIAGNOSTICS and form != Consent.Form.PAPER:
        raise ValidationError(_("Согласие на психологическую диагностику даётся письменно, на бумаге"))
    consent.signed_at = signed_at
    consent.valid_from = signed_at  # a consent is in force from the day it is signed
    consent.form = form
    consent.recorded_by = recorded_by
    consent.signing_recorded_at = now
    consent.save(update_fields=["signed_at", "valid_from", "form", "recorded_by", "signing_recorded_at"])
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_by, when: dt.datetime | None = None) -> Consent:
    """Withdraw a consent and stop the processing it covered, all in one transaction.

    Withdrawing the participation consent (or the last consent in force) takes the person out of the bases and
    pairs at once; the data itself is destroyed later by `nastavnik purge`, after the legal period.
    """
    when = when or timezone.now()
    consent = Consent.objects.select_for_update().select_related("person").get(pk=consent.pk)
    if consent.withdrawn_at:
        raise ValidationError(_("Согласие уже отозвано"))
    consent.withdrawn_at = when
    consent.withdrawn_by = withdrawn_by
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    on = timezone.localtime(when).date()
    others_in_force = selectors.consents_active(on=on).filter(person_id=consent.person_id).exclude(pk=consent.pk)
    stop = consent.purpose == Consent.Purpose.PARTICIPATION or not others_in_force.exists()
    if stop or consent.purpose in {Consent.Purpose.QUESTIONNAIRES, Consent.Purpose.PSYCH_DIAGNOSTICS}:
        _survey_invitations_revoke(person=consent.person, when=when)
    consent_withdrawn.send(sender=Consent, consent=consent, person=consent.person, when=when, stop_processing=stop)
    return consent


def _survey_invitations_revoke(*, person: Person, when: dt.datetime) -> int:
    """Unused questionnaire links about the person stop working now (they expire at the moment of withdrawal).

    Tolerant of the surveys app lacking invitations: privacy does not import it.
    """
    try:
        invitation = apps.get_model("surveys", "Invitation")
    except LookupError:
        return 0
    about_person = Q(about=person) | Q(person=person, about__isnull=True)
    try:
        pending = invitation.objects.filter(about_person, used_at__isnull=True, expires_at__gt=when)
        return pending.update(expires_at=when)
    except FieldError:
        return 0
