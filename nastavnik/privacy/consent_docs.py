"""The consent as a document to sign: DOCX from `docx/consent.docx`, PDF from that very DOCX."""

from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.documents.rendering import docx_to_pdf, render_docx
from nastavnik.documents.ru import count_ru, date_long, date_short
from nastavnik.privacy import texts
from nastavnik.privacy.models import Consent

TEMPLATE = Path(__file__).resolve().parent / "docx" / "consent.docx"
BLANK_DATE = "«___» ____________ 20___ г."


def consent_docx(*, consent: Consent) -> bytes:
    return render_docx(template=TEMPLATE, context=consent_context(consent))


def consent_pdf(*, consent: Consent) -> bytes:
    """Raises documents.rendering.PdfError (with a Russian message) when LibreOffice cannot make the PDF."""
    return docx_to_pdf(docx=consent_docx(consent=consent))


def consent_filename(consent: Consent, extension: str) -> str:
    return f"soglasie-{consent.pk}-{consent.purpose}.{extension}"


def consent_context(consent: Consent) -> dict:
    person, giver = consent.person, consent.given_by
    org = person.organization
    by_representative = giver.pk != person.pk
    signed = date_long(consent.signed_at) if consent.signed_at else BLANK_DATE
    return {
        "heading": str(texts.purpose_text(consent.purpose).heading),
        "place": org.municipality.name if org else "",
        "date_long": signed,
        "signed_date": signed,
        "subject": {
            "name": person.full_name,
            "birth_date": date_short(person.birth_date) if person.birth_date else "__.__.______",
            "class_text": _(", обучающегося(ейся) %(c)s класса") % {"c": person.school_class}
            if person.school_class
            else "",
        },
        "representative": {"name": giver.full_name, "basis": consent.get_guardian_basis_display().lower()}
        if by_representative
        else None,
        "operator": consent.operator,
        "whose_data": _("персональных данных представляемого") if by_representative else _("моих персональных данных"),
        "purpose": str(texts.purpose_text(consent.purpose).purpose),
        "categories": list(consent.data_categories),
        "actions": consent.actions.rstrip("."),
        "term": _term(consent),
        "withdrawal": _withdrawal(),
        "signer": giver.short_name,
        "recorded": _recorded(consent),
    }


def _term(consent: Consent) -> str:
    start = date_long(consent.signed_at) if consent.signed_at else _("со дня подписания")
    if consent.signed_at:
        start = _("с %(d)s") % {"d": start}
    if consent.valid_until:
        end = date_long(consent.valid_until)
        return _("%(start)s по %(end)s или до отзыва согласия") % {"start": start, "end": end}
    return _("%(start)s до окончания участия в программе наставничества или до отзыва согласия") % {"start": start}


def _withdrawal() -> str:
    days = settings.PURGE_AFTER_DAYS
    return _(
        "согласие может быть отозвано в любое время письменным заявлением, поданным оператору лично или "
        "направленным по адресу оператора. После отзыва оператор сразу прекращает обработку персональных данных "
        "и уничтожает или обезличивает их в срок, не превышающий %(days)s с даты поступления отзыва, если иное "
        "не предусмотрено федеральным законом."
    ) % {"days": count_ru(days, "дня", "дней", "дней")}


def _recorded(consent: Consent) -> str:
    if not consent.signed_at:
        return ""
    recorder = getattr(consent.recorded_by, "person", None) if consent.recorded_by else None
    when = timezone.localtime(consent.signing_recorded_at) if consent.signing_recorded_at else None
    return _("Подписание отмечено%(when)s: %(form)s%(who)s.") % {
        "when": f" {date_short(when)}" if when else "",
        "form": consent.get_form_display().lower(),
        "who": f", {recorder.short_name}" if recorder else "",
    }
