"""Issuing orders into the register, rendering them to DOCX/PDF, and the agreement with an external mentor."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.documents import builders, effects, wording
from nastavnik.documents.models import Order
from nastavnik.documents.rendering import docx_to_pdf, render_docx
from nastavnik.documents.ru import as_date, date_long, date_short, date_words, initials_before
from nastavnik.orgs.models import Appointment, Membership, Organization, Role
from nastavnik.people.models import Person

NUMBER_ATTEMPTS = 5


def order_number_next(*, organization: Organization, year: int) -> int:
    """The next free number in the organisation's register for that year (numbering restarts every year)."""
    last = Order.objects.filter(organization=organization, year=year).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def order_issue(
    *,
    organization: Organization,
    kind: str,
    date: dt.date,
    subject: str = "",
    payload: dict[str, Any],
    program=None,
    signed_by: Person | None = None,
    created_by=None,
) -> Order:
    """Prepare an order and sign it at once: for the head's own orders and for data loaded by operators (demo).

    Everyone else prepares a draft (`order_prepare`) that the head signs (`order_sign`).
    """
    with _sqlite_writer(), transaction.atomic():
        order = order_prepare(
            organization=organization,
            kind=kind,
            date=date,
            subject=subject,
            payload=payload,
            program=program,
            signed_by=signed_by,
            created_by=created_by,
        )
        return order_sign(order=order, signed_by=signed_by, signed_by_user=created_by, date=date)


def order_prepare(
    *,
    organization: Organization,
    kind: str,
    date: dt.date | None = None,
    subject: str = "",
    payload: dict[str, Any],
    program=None,
    signed_by: Person | None = None,
    created_by=None,
) -> Order:
    """Check the payload and file a draft (no number, no date, no effect) that waits for the head's signature.

    `payload` by kind (dates as `date` or ISO strings; lists of lines as lists or multi-line text; optional in all
    kinds: `grounds` — the preamble, default typical wording; `place`; `control` — default «оставляю за собой»;
    `acquainted_ids` — who signs «С приказом ознакомлены», default the people the order names; `links` — ids the
    effect of the signed order needs, e.g. the pairs it approves, kept as given):

    * introduce_model: starts_on, ends_on, responsible=[{person_id, duties, position?}],
      monitoring=[{what, date}], results;
    * appoint_coordinator: coordinator_id, curators=[person_id | {person_id, area?}], coordinator_duties?,
      curator_duties? (when signed: makes the coordinator/curator roles; adds curators to `program` if given);
    * approve_mentor_registry: candidate_ids (intake.MentorCandidate, status «approved», this organisation);
    * mentor_school: starts_on, ends_on, responsible_id, responsible_position?, topics,
      schedule=[{date, time "15:00" or "15:00–16:30", topic, responsible?}];
    * approve_pairs: starts_on, ends_on, plan_due?, program_title?,
      pairs=[{mentor_ids, mentee_ids, form?, role_model?}] (people of other organisations allowed);
    * approve_regulation: roadmap_title?, sections? (the Положение, default generated for the organisation);
    * any other kind (final event, reward, other): items, appendix_title?, appendix_rows?.

    `date` is only the date the preparer proposes; the order's own date is the day it is signed.
    """
    if isinstance(date, dt.datetime):
        date = date.date()
    if kind not in Order.Kind.values:
        raise ValidationError(_("Неизвестный вид приказа: %(kind)s.") % {"kind": kind})
    if program is not None and program.organization_id != organization.pk:
        raise ValidationError(_("Программа относится к другой организации."))
    payload = payload or {}
    snapshot = builders.spec_for(kind).clean(payload, organization)
    snapshot.update(_common_snapshot(kind=kind, organization=organization, payload=payload))
    snapshot["acquainted"] = _acquainted(kind, snapshot, payload, organization)
    snapshot["links"] = dict(payload.get("links") or {})
    if signed_by is not None:
        # Who is to sign when it is not the head (an acting head, «И. о.»): checked again at signing.
        snapshot["links"]["signer_id"] = signed_by.pk
    subject = builders.text(subject) or Order.Kind(kind).label
    with _sqlite_writer():
        return Order.objects.create(
            organization=organization,
            kind=kind,
            status=Order.Status.DRAFT,
            proposed_date=date if isinstance(date, dt.date) else None,
            subject=str(subject)[:400],
            program=program,
            payload=snapshot,
            created_by=created_by,
        )


def order_sign(
    *,
    order: Order,
    signed_by: Person | None = None,
    signed_by_user=None,
    date: dt.date | None = None,
    comment: str = "",
) -> Order:
    """The head signs a draft: it gets the next number and its date, is filed as DOCX and takes effect.

    `signed_by` is who signs (default the organisation's head; someone else signs as «И. о.»). On any error — the
    order was signed meanwhile, an effect refuses — nothing is written.
    """
    if isinstance(date, dt.datetime):
        date = date.date()
    date = date or timezone.localdate()
    with _sqlite_writer():
        return _order_sign(order=order, signed_by=signed_by, signed_by_user=signed_by_user, date=date, comment=comment)


# SQLite's shared-cache databases (the test suite's) fail at once on a table lock instead of waiting, so issues in
# one process queue here; across processes the register lock below does it.
_sqlite_lock = threading.RLock()


def _sqlite_writer():
    return _sqlite_lock if connection.vendor == "sqlite" else contextlib.nullcontext()


@transaction.atomic
def _order_sign(*, order: Order, signed_by: Person | None, signed_by_user, date: dt.date, comment: str) -> Order:
    _lock_register(order.organization)
    order = Order.objects.select_related("organization", "organization__municipality", "program").get(pk=order.pk)
    if order.status != Order.Status.DRAFT:
        raise ValidationError(
            _("Приказ уже подписан.") if order.is_signed else _("Приказ возвращён на доработку: его нельзя подписать.")
        )
    if not isinstance(date, dt.date):
        raise ValidationError(_("Не указана дата приказа."))
    snapshot = dict(order.payload)
    if signed_by is None and (snapshot.get("links") or {}).get("signer_id"):
        signed_by = Person.objects.filter(pk=snapshot["links"]["signer_id"], anonymised_at__isnull=True).first()
    snapshot["signer"] = builders.signer_snapshot(order.organization, signed_by)
    number = _number_for(order.organization, date.year)
    Order.objects.filter(pk=order.pk).update(
        status=Order.Status.SIGNED,
        number=number,
        year=date.year,
        date=date,
        payload=snapshot,
        signed_by=f"{snapshot['signer']['position']} {snapshot['signer']['name']}",
        signed_by_user=signed_by_user,
        signed_at=timezone.now(),
        director_comment=builders.text(comment)[:2000],
    )
    order.refresh_from_db()
    effects.run(order=order, signed_by_user=signed_by_user)
    _store_file(order, _render_snapshot(order))
    return order


def _number_for(organization: Organization, year: int) -> int:
    """Under the register lock the next number is free; the unique constraint is the last guard."""
    return order_number_next(organization=organization, year=year)


@transaction.atomic
def order_return(*, order: Order, comment: str, returned_by=None) -> Order:
    """The head returns a draft for changes with a comment that says what to change; it has no number."""
    comment = builders.text(comment)
    if not comment:
        raise ValidationError(_("Напишите, что нужно исправить: без комментария приказ не возвращают."))
    updated = Order.objects.filter(pk=order.pk, status=Order.Status.DRAFT).update(
        status=Order.Status.RETURNED, director_comment=comment[:2000]
    )
    if not updated:
        raise ValidationError(_("Вернуть на доработку можно только проект, ждущий подписи."))
    order.refresh_from_db()
    return order


@transaction.atomic
def order_resubmit(*, order: Order, payload_changes: dict[str, Any] | None = None, subject: str = "") -> Order:
    """The preparer sends a returned (or still waiting) draft to the head again, with the changes made."""
    return order_edit(order=order, payload_changes=payload_changes, subject=subject, send=True)


@transaction.atomic
def order_edit(
    *, order: Order, payload_changes: dict[str, Any] | None = None, subject: str = "", send: bool = False
) -> Order:
    """Edit a draft of any kind in place before it is signed: its title, preamble, control clause, «ознакомлены»,
    its text lists and the lines of its lists (see `builders.rebuilt`). The edited draft is checked by the kind's
    rules again; what is signed is what was edited. `send` puts a returned draft back before the head."""
    order = Order.objects.select_for_update().select_related("organization__municipality").get(pk=order.pk)
    if order.is_signed:
        raise ValidationError(_("Подписанный приказ изменить нельзя."))
    changes = dict(payload_changes or {})
    if changes:
        order.payload = _edited_snapshot(order, changes)
    if builders.text(subject):
        order.subject = builders.text(subject)[:400]
    if send:
        order.status = Order.Status.DRAFT
    order.save(update_fields=["payload", "subject", "status"])
    return order


def _edited_snapshot(order: Order, changes: dict[str, Any]) -> dict[str, Any]:
    old = dict(order.payload)
    snapshot = dict(old)
    snapshot.update(builders.spec_for(order.kind).revise(old, changes, order.organization))
    for key in ("grounds", "control"):
        if key in changes:
            snapshot[key] = builders.text(changes[key]) or old[key]
    if "acquainted" in changes:
        snapshot["acquainted"] = builders.lines(changes["acquainted"]) or builders.acquainted_default(
            order.kind, snapshot
        )
    elif old.get("acquainted") == builders.acquainted_default(order.kind, old):
        snapshot["acquainted"] = builders.acquainted_default(order.kind, snapshot)  # the default follows the lists
    links = dict(old.get("links") or {})
    removed = {int(i) for i in (changes.get("remove") or {}).get("pairs", [])}
    mentorship_ids = links.get("mentorship_ids") or []
    if removed and len(mentorship_ids) == len(old.get("pairs") or []):
        # The pairs order's effect approves `links.mentorship_ids`, one per line: a removed line is not approved.
        links["mentorship_ids"] = [pk for i, pk in enumerate(mentorship_ids) if i not in removed]
    snapshot["links"] = links
    return snapshot


@transaction.atomic
def order_discard(*, order: Order) -> None:
    """A draft nobody will sign is removed; a signed order stays in the register for ever."""
    deleted, _detail = Order.objects.filter(pk=order.pk).exclude(status=Order.Status.SIGNED).delete()
    if not deleted:
        raise ValidationError(_("Подписанный приказ удалить нельзя: он остаётся в реестре."))


def _lock_register(organization: Organization) -> None:
    """Queue concurrent issues for one organisation: a no-op write as the transaction's first statement.

    On PostgreSQL it row-locks the organisation (FOR NO KEY UPDATE, so it does not block inserts that merely
    reference it); on SQLite it takes the write lock before any read, so a second writer waits for the busy timeout
    instead of failing on a lock upgrade. The unique constraint is the last guard.
    """
    Organization.objects.filter(pk=organization.pk).update(name=F("name"))


def _common_snapshot(*, kind: str, organization: Organization, payload: dict) -> dict:
    return {
        "org": builders.org_snapshot(organization, payload.get("place", "")),
        "signer": builders.signer_snapshot(organization, None),
        "grounds": builders.text(payload.get("grounds")) or wording.grounds_default(kind, organization.short_name),
        "control": builders.text(payload.get("control")) or wording.CONTROL_SELF,
    }


def _acquainted(kind: str, snapshot: dict, payload: dict, organization: Organization) -> list[str]:
    """«С приказом ознакомлены»: the people the order names, or those the caller lists in `acquainted_ids`."""
    if not payload.get("acquainted_ids"):
        return builders.acquainted_default(kind, snapshot)
    errors = builders.Errors()
    wanted = builders.ids(payload["acquainted_ids"], _("ознакомление с приказом"), errors)
    people = builders.people_snapshot(wanted, organization, errors, label=_("ознакомление с приказом"))
    errors.raise_if_any()
    return [people[pid]["name"] for pid in wanted]


def _store_file(order: Order, docx: bytes) -> None:
    name = f"prikaz-{order.organization.code}-{order.year}-{order.number:04d}.docx"
    order.file.save(name, ContentFile(docx), save=False)
    try:
        order.save(update_fields=["file"])
    except Exception:
        order.file.storage.delete(order.file.name)
        raise


# --- what an order does besides being filed ----------------------------------------------------------------------


def _apply_appointment(*, order: Order, signed_by_user) -> None:
    """The signed appointment order makes the coordinator and curators: their roles start on the order's date."""
    s = order.payload
    wanted = [(s["coordinator"]["person_id"], Role.COORDINATOR, s["coordinator"].get("position", ""))] + [
        (c["person_id"], Role.CURATOR, c.get("position", "")) for c in s["curators"]
    ]
    for person_id, role, _position in wanted:
        membership, created = Membership.objects.get_or_create(
            person_id=person_id,
            role=role,
            organization=order.organization,
            defaults={"appointed_on": order.date, "created_by": signed_by_user},
        )
        if not created and (membership.appointed_on is None or _lapsed_before(membership, order.date)):
            # The order gives the role from its date: a role whose appointment has ended is given anew.
            membership.appointed_on = order.date
            membership.save(update_fields=["appointed_on"])
    if order.program is not None:
        order.program.curators.add(*[c["person_id"] for c in s["curators"]])


def _lapsed_before(membership: Membership, day: dt.date) -> bool:
    return Appointment.objects.filter(
        person_id=membership.person_id,
        organization_id=membership.organization_id,
        role=membership.role,
        ends_on__lt=day,
        ends_on__gte=membership.appointed_on,
    ).exists()


effects.register(Order.Kind.APPOINT_COORDINATOR.value, _apply_appointment)


# --- rendering ---------------------------------------------------------------------------------------------------


def order_context(*, order: Order) -> dict[str, Any]:
    """Template variables of an order, from its snapshot only (no reads of people who may have changed).

    A draft has blanks where the number and the date will be, and «ПРОЕКТ» on top.
    """
    s = order.payload
    signed = order.is_signed
    return {
        **builders.spec_for(order.kind).context(s),
        "org": s["org"],
        "place": s["org"]["place"],
        "number": order.display_number if signed else "____",
        "date_long": date_long(order.date) if signed else "«___» ____________ 20___ г.",
        "date_short": date_short(order.date) if signed else "__.__.____",
        "year": order.year if signed else "",
        "title": order.subject,
        "grounds": s["grounds"],
        "control": s["control"],
        "signer": s["signer"],
        "acquainted": s.get("acquainted", []),
        "draft": not signed,
    }


def _render_snapshot(order: Order) -> bytes:
    return render_docx(template=builders.spec_for(order.kind).template, context=order_context(order=order))


def order_render(*, order: Order) -> bytes:
    """The order's DOCX: the filed copy, or rendered again from the snapshot (always so for a draft)."""
    if order.is_signed and order.file and order.file.storage.exists(order.file.name):
        with order.file.open("rb") as fh:
            return fh.read()
    return _render_snapshot(order)


def order_pdf(*, order: Order) -> bytes:
    """PDF of the filed DOCX via LibreOffice; kept next to the DOCX so it is converted once. Raises PdfError."""
    cached = order.file.name.rsplit(".", 1)[0] + ".pdf" if order.is_signed and order.file else ""
    if cached and default_storage.exists(cached):
        with default_storage.open(cached, "rb") as fh:
            return fh.read()
    pdf = docx_to_pdf(docx=order_render(order=order))
    if cached:
        default_storage.save(cached, ContentFile(pdf))
    return pdf


def order_filename(*, order: Order, ext: str = "docx") -> str:
    """«Приказ № 12-н от 22.12.2026.docx» — what the user's browser saves; «Проект приказа …» for a draft."""
    if not order.is_signed:
        return f"Проект приказа {order.pk}.{ext}"
    return f"Приказ № {order.display_number} от {date_short(order.date)}.{ext}"


# --- agreement with an external mentor (seed 003, 4.14) ----------------------------------------------------------


def agreement_render(
    *,
    mentor_person: Person,
    organization: Organization,
    date: dt.date,
    number: str,
    term_until: dt.date,
    program_title: str = "",
    focus: str = "",
    signed_by: Person | None = None,
    place: str = "",
) -> bytes:
    """The free-of-charge cooperation agreement (договор о сотрудничестве) with a mentor from outside."""
    errors = builders.Errors()
    if mentor_person.anonymised_at is not None:
        errors.add(_("Данные наставника обезличены: договор оформить нельзя."))
    if not builders.text(number):
        errors.add(_("Укажите номер договора."))
    date, term_until = as_date(date), as_date(term_until)
    if term_until <= date:
        errors.add(_("Срок действия договора должен оканчиваться позже даты его заключения."))
    errors.raise_if_any()
    signer = builders.signer_snapshot(organization, signed_by)
    program = builders.text(program_title)
    context = {
        "number": builders.text(number),
        "date_long": date_long(date),
        "place": builders.org_snapshot(organization, place)["place"],
        # Blank details become lines to fill in by hand, so the printed agreement has no empty «Адрес:».
        "org": {k: v or "______________________" for k, v in builders.org_snapshot(organization, place).items()},
        "signer": {**signer, "position_lower": signer["position"].lower()},
        "mentor": {
            "full_name": mentor_person.full_name,
            "name": initials_before(mentor_person.last_name, mentor_person.first_name, mentor_person.middle_name),
            "workplace": mentor_person.workplace or "______________________________",
        },
        "program_text": f"программы наставничества «{program}»" if program else "программ наставничества",
        "focus_text": f" в следующих направлениях: {builders.text(focus)}" if builders.text(focus) else "",
        "term_until": date_words(term_until),
    }
    return render_docx(template="agreement_cooperation.docx", context=context)
