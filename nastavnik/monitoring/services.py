"""Writes of monitoring: measurement plans, invitations to measurements, measurements and quarterly marks."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nastavnik.monitoring import instruments, invitations, selectors
from nastavnik.monitoring.models import Grade, IndicatorEntry, Measurement, MeasurementRequest, PlanItem, Side, Wave
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.programs.models import Program
from nastavnik.surveys.models import Answer, Invitation


@transaction.atomic
def plan_set(*, program: Program, items: Iterable[tuple[str, str, str]]) -> list[PlanItem]:
    """Replace the programme's measurement plan with (instrument, side, wave) lines."""
    wanted = set(items)
    for code, side, wave in wanted:
        if code not in instruments.INSTRUMENTS or side not in Side.values or wave not in Wave.values:
            raise ValidationError(_("В плане измерений неизвестная методика или срез."))
    PlanItem.objects.filter(program=program).delete()
    return PlanItem.objects.bulk_create(
        PlanItem(program=program, instrument=code, side=side, wave=wave) for code, side, wave in sorted(wanted)
    )


InvitationResult = invitations.InvitationResult


@transaction.atomic
def invitations_send(
    *,
    program: Program,
    wave: str,
    created_by=None,
    link_for: Callable[[Invitation], str] | None = None,
    days: int = 14,
) -> InvitationResult:
    """Invite every participant due for the wave to each instrument of the plan, by a personal one-time link
    (sent by e-mail when there is an address and `link_for` is given).

    Nobody is invited without the consent to questionnaires, and nobody to psychological diagnostics without the
    written consent to psychological diagnostics: those are listed as refused, with the reason (kept for the
    curator; see `invitations`)."""
    invitees = [invitations.Invitee(p.person, p.side, p.mentorship) for p in selectors.participants(program=program)]
    return invitations.invite(
        program=program, wave=wave, invitees=invitees, created_by=created_by, link=link_for, days=days
    )


def measurement_from_response(*, invitation: Invitation) -> Measurement | None:
    request = MeasurementRequest.objects.filter(invitation=invitation).first()
    if request is None or invitation.response_id is None:
        return None
    values = list(Answer.objects.filter(response_id=invitation.response_id).values_list("value", flat=True))
    value = instruments.score(values)
    if value is None:
        return None
    return measurement_record(
        program=request.program,
        person=request.person,
        mentorship=request.mentorship,
        measure=request.instrument,
        side=request.side,
        wave=request.wave,
        value=value,
        source=Measurement.Source.SURVEY,
        response_id=invitation.response_id,
    )


@transaction.atomic
def measurement_record(
    *,
    program: Program,
    person: Person,
    measure: str,
    side: str,
    wave: str,
    value: float,
    source: str = Measurement.Source.MANUAL,
    mentorship=None,
    recorded_by=None,
    response_id: int | None = None,
) -> Measurement:
    if wave not in Wave.values:
        raise ValidationError(_("Неизвестный срез измерения."))
    if not 1 <= value <= 5:
        raise ValidationError(_("Значение показателя — от 1 до 5."))
    measurement, _created = Measurement.objects.update_or_create(
        program=program,
        person=person,
        measure=measure,
        wave=wave,
        defaults={
            "mentorship": mentorship,
            "side": side,
            "value": float(value),
            "source": source,
            "recorded_by": recorded_by,
            "response_id": response_id,
        },
    )
    return measurement


# --- quarterly marks ---------------------------------------------------------------------------------------


def _mark(raw) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        mark = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return mark.quantize(Decimal("0.01")) if Decimal(1) <= mark <= Decimal(5) else None


@transaction.atomic
def grade_set(
    *, organization: Organization, person: Person, subject: str, school_year: int, quarter: int, mark, entered_by=None
) -> Grade:
    if person.organization_id != organization.pk:
        raise ValidationError(_("Этот человек не из вашей организации."))
    value = _mark(mark)
    if value is None:
        raise ValidationError(_("Средняя отметка — число от 1 до 5, например 4,25."))
    if not 1 <= int(quarter) <= 4:
        raise ValidationError(_("Четверть — от 1 до 4."))
    subject = subject.strip()
    if not subject:
        raise ValidationError(_("Укажите предмет."))
    grade, _created = Grade.objects.update_or_create(
        person=person,
        subject=subject,
        school_year=school_year,
        quarter=quarter,
        defaults={"organization": organization, "mark": value, "entered_by": entered_by},
    )
    return grade


# The columns a school system's export has: pupil's full name (or the system's id), subject, quarter, mark.
_XLSX_COLUMNS = {
    "ученик": "name",
    "фио": "name",
    "обучающийся": "name",
    "предмет": "subject",
    "четверть": "quarter",
    "средний балл": "mark",
    "отметка": "mark",
    "средняя отметка": "mark",
}


@transaction.atomic
def grades_import_xlsx(*, organization: Organization, data: bytes, school_year: int, entered_by=None) -> int:
    """Import «ФИО | Предмет | Четверть | Средний балл» rows (the first sheet, header in the first row).

    All or nothing: the first bad row raises ValidationError naming it and nothing is stored."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = workbook.get_sheet_by_index(0).to_python()
    except Exception:  # calamine raises its own types for every kind of broken file
        raise ValidationError(_("Не удалось прочитать файл: нужен файл Excel (XLSX) с листом отметок.")) from None
    if not rows:
        raise ValidationError(_("Файл пуст."))
    header = [str(cell).strip().lower() for cell in rows[0]]
    columns = {_XLSX_COLUMNS[name]: index for index, name in enumerate(header) if name in _XLSX_COLUMNS}
    missing = {"name", "subject", "quarter", "mark"} - set(columns)
    if missing:
        raise ValidationError(_("В первой строке нужны столбцы «ФИО», «Предмет», «Четверть», «Средний балл»."))
    people: dict[str, list[Person]] = {}
    for person in Person.objects.filter(organization=organization, anonymised_at__isnull=True):
        people.setdefault(_key(person.full_name), []).append(person)
    count = 0
    for number, row in enumerate(rows[1:], start=2):
        if all(cell in ("", None) for cell in row):
            continue
        name = str(row[columns["name"]]).strip()
        found = people.get(_key(name), [])
        if len(found) != 1:
            reason = _("не найден") if not found else _("найдено несколько человек с таким именем")
            raise ValidationError(
                _("Строка %(n)d: обучающийся «%(name)s» %(reason)s.") % {"n": number, "name": name, "reason": reason}
            )
        quarter = _quarter(row[columns["quarter"]])
        if quarter is None:
            raise ValidationError(_("Строка %(n)d: четверть — число от 1 до 4.") % {"n": number})
        if _mark(row[columns["mark"]]) is None:
            raise ValidationError(_("Строка %(n)d: средний балл — число от 1 до 5.") % {"n": number})
        subject = str(row[columns["subject"]]).strip()
        if not subject:
            raise ValidationError(_("Строка %(n)d: не указан предмет.") % {"n": number})
        grade_set(
            organization=organization,
            person=found[0],
            subject=subject,
            school_year=school_year,
            quarter=quarter,
            mark=row[columns["mark"]],
            entered_by=entered_by,
        )
        count += 1
    return count


def _key(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def _quarter(raw) -> int | None:
    try:
        value = float(str(raw).strip().split()[0].replace(",", "."))
    except (ValueError, IndexError):
        return None
    return int(value) if value.is_integer() and 1 <= value <= 4 else None


def school_year_of(day: dt.date) -> int:
    """The year a school year starts in (1 September)."""
    return day.year if day.month >= 9 else day.year - 1


@transaction.atomic
def indicator_enter(*, program: Program, code: str, on: dt.date, value, entered_by=None) -> IndicatorEntry:
    """Enter (or correct) an indicator's value on a review date; who and when are kept."""
    from nastavnik.monitoring.indicators import BY_CODE

    if code not in BY_CODE:
        raise ValidationError(_("Неизвестный показатель."))
    if not program.starts_on <= on <= program.ends_on:
        raise ValidationError(_("Дата должна быть в пределах срока программы."))
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(_("Значение показателя — число.")) from None
    if number < 0 or not number.is_finite():
        raise ValidationError(_("Значение показателя не может быть отрицательным."))
    entry, _created = IndicatorEntry.objects.update_or_create(
        program=program, code=code, on=on, defaults={"value": number, "entered_by": entered_by}
    )
    return entry
