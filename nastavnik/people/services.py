"""Writes about people: loading a roster in one transaction; the roster export and its blank template."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from nastavnik import policy
from nastavnik.orgs.models import Organization
from nastavnik.people.models import ClassPromotion, Guardianship, Person
from nastavnik.people.roster import (
    ALLOWED_CATEGORIES,
    EXPORT_FIELDS,
    TITLES,
    ParsedRoster,
    Problem,
    RosterPlan,
    RosterRow,
    check_roster,
    existing_people,
    person_key,
    plan_roster,
)
from nastavnik.spreadsheet import safe_cell

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
DATE_FORMAT = "DD.MM.YYYY"
_ROW_FIELDS = (
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "category",
    "school_class",
    "subject",
    "experience_years",
    "email",
    "phone",
    "workplace",
    "external_id",
)


# --- import ---------------------------------------------------------------------------------------------------


@dataclass
class RosterResult:
    """What an import did: people created, updated, left unchanged, gone from the organisation; links added."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    left: int = 0
    links: int = 0


@transaction.atomic
def roster_import(
    *,
    organization: Organization,
    rows: Sequence[RosterRow],
    headers: dict[str, str] | None = None,
    leavers: bool = False,
    expected_digest: str = "",
    created_by=None,
) -> RosterResult:
    """Bring `organization` in line with the roster `rows`, all or nothing.

    New people are created; people already there (same «Идентификатор», or same surname, name, patronymic and
    date of birth) are updated in the columns the file has (`headers`, field → title; an empty cell erases
    nothing); with `leavers`, people of the file's categories who are not in it leave the organisation
    (`people_leave`). The rows are checked again here against the database as it is inside the transaction; with
    `expected_digest` (the plan the preview showed) any difference refuses the import. On any problem a
    ValidationError lists them and nothing is written.
    """
    # Serialise imports into one organisation so two of them cannot both pass the checks.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    parsed = ParsedRoster(rows=list(rows), headers=dict(headers or {}))
    parsed.errors.extend(_row_sanity(parsed.rows))
    existing = existing_people(organization)
    check_roster(parsed, existing)
    if parsed.errors:
        raise ValidationError([str(problem) for problem in parsed.errors])
    plan = plan_roster(parsed, existing)
    if expected_digest and plan.digest() != expected_digest:
        raise ValidationError(
            _("С момента проверки люди организации изменились (другая загрузка или правка). Загрузите файл ещё раз.")
        )
    stamp = timezone.now()
    values = operator.attrgetter(*_ROW_FIELDS)
    _insert_many(Person, _ROW_FIELDS, map(values, plan.new), organization_id=organization.pk, created_at=stamp)
    _update_changed(plan)
    links = _link_guardians(organization, parsed, plan, stamp)
    left = people_leave(person_ids=[pk for pk, _n, _c in plan.missing], now=stamp) if leavers else 0
    result = RosterResult(len(plan.new), len(plan.changed), len(plan.unchanged), left, links)
    logger.info(
        "Roster imported into %s by %s: %d new, %d updated, %d unchanged, %d left, %d guardian links",
        organization.code,
        getattr(created_by, "username", "command line"),
        result.created,
        result.updated,
        result.unchanged,
        result.left,
        result.links,
    )
    return result


def _update_changed(plan: RosterPlan) -> None:
    """One UPDATE per batch of people whose changes touch the same fields."""
    groups: dict[tuple[str, ...], list[Person]] = {}
    for change in plan.changed:
        if not change.updates:
            continue
        person = Person(pk=change.pk, **change.updates)
        groups.setdefault(tuple(sorted(change.updates)), []).append(person)
    for fields, people in groups.items():
        Person.objects.bulk_update(people, list(fields), batch_size=500)


def people_leave(*, person_ids: Iterable[int], now: dt.datetime | None = None) -> int:
    """People who left the organisation: kept with their history, out of the lists and bases, accounts disabled."""
    ids = list(person_ids)
    if not ids:
        return 0
    count = Person.objects.filter(pk__in=ids, left_at__isnull=True).update(left_at=now or timezone.now())
    _accounts_disable(person_ids=ids)
    return count


def _accounts_disable(*, person_ids: list[int]) -> None:
    """Disable the accounts of people who left: `account_disable_for_person` for the lot, in one UPDATE."""
    from nastavnik.people.models import User

    User.objects.filter(person__pk__in=person_ids, is_active=True).update(is_active=False)


def _row_sanity(rows: Iterable[RosterRow]) -> list[Problem]:
    """What `parse_roster` guarantees, checked again for rows that were built some other way."""
    problems = []
    categories = set(Person.Category.values)
    for row in rows:
        if not (row.last_name and row.first_name):
            problems.append(Problem(row.line, TITLES["last_name"], _("не заполнены фамилия или имя")))
        if row.category not in categories:
            problems.append(Problem(row.line, TITLES["category"], _("неизвестная категория")))
    return problems


def _link_guardians(organization: Organization, parsed: ParsedRoster, plan: RosterPlan, stamp: dt.datetime) -> int:
    """Guardianships for the new links of the plan: new people are found by their unique keys, known ones by pk."""
    if not plan.links:
        return 0
    new_people = Person.objects.filter(organization=organization, created_at=stamp).values_list(
        "pk", "last_name", "first_name", "middle_name", "birth_date"
    )
    pk_by_key = {(person_key(last, first, middle), birth): pk for pk, last, first, middle, birth in new_people}
    pk_by_line = {row.line: parsed.matches.get(row.line) or pk_by_key.get(row.key) for row in parsed.rows}
    links = [
        (pk_by_line[g_line] if g_line is not None else g_pk, pk_by_line[child_line])
        for child_line, g_line, g_pk in plan.links
    ]
    _insert_many(Guardianship, ("guardian_id", "child_id"), links)
    return len(links)


def _insert_many(model, columns: Sequence[str], rows: Iterable[Sequence[Any]], **constants: Any) -> None:
    """Insert `rows` (values in the order of `columns`): COPY on PostgreSQL, batched executemany elsewhere.

    bulk_create builds a model instance and prepares every value of every row in Python; for a 50 000-row roster
    that alone took longer than the whole import may. Here the other columns get `constants` or the model's
    defaults, prepared once; only date values are adapted per row. No signals are sent (nothing listens here).
    """
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    fixed_fields = [f for name, f in fields.items() if name not in columns]
    fixed = tuple(
        f.get_db_prep_save(constants[f.attname] if f.attname in constants else f.get_default(), connection)
        for f in fixed_fields
    )
    ordered = [*fixed_fields, *(fields[name] for name in columns)]
    quote = connection.ops.quote_name
    target = "{} ({})".format(quote(model._meta.db_table), ", ".join(quote(f.column) for f in ordered))
    dates = [i for i, name in enumerate(columns) if fields[name].get_internal_type() == "DateField"]
    full_rows = (fixed + tuple(_adapted(values, dates)) for values in rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows with the driver adapting values in C: several times faster than INSERTs.
            with cursor.cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for values in full_rows:
                    copy.write_row(values)
            return
        sql = "INSERT INTO {} VALUES ({})".format(target, ", ".join(["%s"] * len(ordered)))
        for batch in itertools.batched(full_rows, BATCH_SIZE):
            cursor.executemany(sql, batch)


def _adapted(values: Sequence[Any], dates: list[int]) -> Sequence[Any]:
    if not dates:
        return values
    values = list(values)
    for i in dates:
        values[i] = connection.ops.adapt_datefield_value(values[i])
    return values


# --- export ---------------------------------------------------------------------------------------------------

_WIDTHS = {
    "last_name": 18,
    "first_name": 14,
    "middle_name": 18,
    "birth_date": 14,
    "category": 20,
    "school_class": 8,
    "subject": 22,
    "experience_years": 7,
    "email": 26,
    "phone": 19,
    "workplace": 30,
    "external_id": 16,
    "guardians": 40,
}
_PERSON_COLUMNS = ["last_name", "first_name", "middle_name", "birth_date", "category", "school_class"]


def roster_export(*, organization: Organization, path_or_stream: str | IO[bytes], user=None) -> dict[str, int]:
    """Write the people, the mentee base and the mentor base of `organization` to one XLSX workbook.

    The «Люди» sheet has the import's column names, so the file loads back. With `user`, only the people that
    user may see are written (a head of a methodological association sees teachers only).
    """
    people = Person.objects.filter(organization=organization, anonymised_at__isnull=True, left_at__isnull=True)
    if user is not None:
        people = policy.scope_people(user, people)
    workbook = Workbook(write_only=True)
    counts = {
        "people": _people_sheet(workbook, people),
        "requests": _requests_sheet(workbook, organization, people),
        "candidates": _candidates_sheet(workbook, organization, people),
    }
    workbook.save(path_or_stream)
    return counts


def roster_template(stream: str | IO[bytes]) -> None:
    """A blank roster with the headers, three example rows of invented people and a sheet of explanations."""
    workbook = Workbook(write_only=True)
    sheet = _start_sheet(workbook, _("Люди"), [(TITLES[f], _WIDTHS[f]) for f in EXPORT_FIELDS])
    examples = [
        ["Ромашкина", "Алиса", "Андреевна", dt.date(2013, 4, 17), "обучающийся", "7А", "", None, "", "", "", "",
         "Ромашкина Ольга Викторовна"],
        ["Ромашкина", "Ольга", "Викторовна", dt.date(1987, 11, 2), "родитель", "", "", None, "olga@example.ru",
         "+7 (900) 000-00-01", "ООО «Пример», инженер", "", ""],
        ["Лютиков", "Степан", "Аркадьевич", dt.date(1979, 1, 30), "педагог", "", "Физика", 21,
         "lyutikov@example.ru", "+7 (900) 000-00-02", "", "", ""],
    ]  # fmt: skip
    for values in examples:
        sheet.append(_cells(sheet, values))
    _finish_sheet(sheet, len(EXPORT_FIELDS), len(examples))
    notes = workbook.create_sheet(_("Пояснения"))
    notes.column_dimensions["A"].width = 26
    notes.column_dimensions["B"].width = 110
    for row in _template_notes():
        notes.append(row)
    workbook.save(stream)


def _template_notes() -> list[list[str]]:
    return [
        [_("Колонка"), _("Что писать")],
        [TITLES["last_name"], _("Обязательно.")],
        [TITLES["first_name"], _("Обязательно.")],
        [TITLES["middle_name"], _("Если есть.")],
        [TITLES["birth_date"], _("ДД.ММ.ГГГГ, например 05.09.2012.")],
        [TITLES["category"], _("Обязательно: %(allowed)s.") % {"allowed": ALLOWED_CATEGORIES}],
        [TITLES["school_class"], _("Обязательно для обучающихся, например 7А.")],
        [TITLES["subject"], _("Для педагогов.")],
        [TITLES["experience_years"], _("Педагогический стаж, полных лет: число от 0 до 60.")],
        [TITLES["email"], _("Один адрес.")],
        [TITLES["phone"], _("Один российский номер, например +7 (912) 345-67-89.")],
        [TITLES["workplace"], _("Для родителей, выпускников и сотрудников предприятий — будущих наставников.")],
        [
            TITLES["external_id"],
            _(
                "Если есть: код человека в информационной системе школы. По нему человек узнаётся при следующей "
                "загрузке, даже если исправлены ФИО или дата рождения."
            ),
        ],
        [
            TITLES["guardians"],
            _(
                "Для обучающихся: ФИО родителя из этого же файла (или уже внесённого в систему); "
                "если таких ФИО несколько — через запятую дата рождения; нескольких разделяйте «;»."
            ),
        ],
        ["", _("Строки-примеры замените своими. Другие колонки не загружаются.")],
    ]


def _people_sheet(workbook: Workbook, people) -> int:
    sheet = _start_sheet(workbook, _("Люди"), [(TITLES[f], _WIDTHS[f]) for f in EXPORT_FIELDS])
    guardians = _guardian_names(people)
    labels = {value: str(label) for value, label in Person.Category.choices}  # translated once, not per row
    category = EXPORT_FIELDS.index("category")
    rows = people.order_by("category", "school_class", "last_name", "first_name", "pk").values_list(
        "pk", *EXPORT_FIELDS[:-1]
    )
    count = 0
    for pk, *values in rows.iterator(2000):
        values[category] = labels.get(values[category], values[category])
        values.append("; ".join(guardians.get(pk, ())) or None)
        sheet.append(_cells(sheet, values))
        count += 1
    _finish_sheet(sheet, len(EXPORT_FIELDS), count)
    return count


def _guardian_names(people) -> dict[int, list[str]]:
    """Child pk → «Фамилия Имя Отчество, ДД.ММ.ГГГГ» of each guardian: the form the import resolves."""
    links = Guardianship.objects.filter(child__in=people, guardian__anonymised_at__isnull=True).values_list(
        "child_id", "guardian__last_name", "guardian__first_name", "guardian__middle_name", "guardian__birth_date"
    )
    names: dict[int, list[str]] = {}
    for child_id, last, first, middle, birth in links.order_by("guardian__last_name", "pk").iterator(2000):
        name = " ".join(part for part in (last, first, middle) if part)
        names.setdefault(child_id, []).append(name + (f", {birth:%d.%m.%Y}" if birth else ""))
    return names


def _person_value(person: Person, name: str) -> Any:
    if name == "category":
        return person.get_category_display()
    return getattr(person, name)


def _requests_sheet(workbook: Workbook, organization: Organization, people) -> int:
    model = apps.get_model("intake", "MenteeRequest")  # by name: a shared app must not import a stage app
    extra = [
        ("program", _("Программа"), 30),
        ("needs", _("Запрос (трудности, потребности)"), 50),
        ("deficit_competencies", _("Дефицитные компетенции"), 30),
        ("interests", _("Интересы"), 25),
        ("free_time", _("Свободное время"), 20),
        ("source", _("Источник"), 22),
        ("status", _("Статус"), 22),
        ("needs_psychologist", _("Нужна поддержка психолога"), 12),
        ("curator_analysis", _("Анализ куратора"), 40),
        ("created_at", _("Дата запроса"), 14),
    ]
    rows = model.objects.filter(organization=organization, person__in=people).select_related("person", "program")
    return _base_sheet(workbook, _("База наставляемых"), _PERSON_COLUMNS, extra, rows.order_by("pk"))


def _candidates_sheet(workbook: Workbook, organization: Organization, people) -> int:
    model = apps.get_model("intake", "MentorCandidate")
    columns = [*_PERSON_COLUMNS[:5], "subject", "experience_years", "email", "phone"]
    extra = [
        ("mentor_category", _("Категория наставника"), 24),
        ("mentor_type", _("Тип наставника"), 14),
        ("status", _("Статус"), 22),
        ("experience", _("Жизненный и профессиональный опыт"), 40),
        ("competencies", _("Компетенции"), 30),
        ("interests", _("Интересы и хобби"), 25),
        ("preferred_age_from", _("Возраст наставляемых от"), 10),
        ("preferred_age_to", _("Возраст наставляемых до"), 10),
        ("free_time", _("Свободное время"), 20),
        ("capacity", _("Сколько наставляемых готов вести"), 10),
        ("approved_on", _("Включён в реестр"), 14),
    ]
    rows = model.objects.filter(organization=organization, person__in=people).select_related("person")
    return _base_sheet(workbook, _("База наставников"), columns, extra, rows.order_by("pk"))


def _base_sheet(workbook: Workbook, title: str, person_columns: list[str], extra, rows) -> int:
    headers = [(TITLES[f], _WIDTHS[f]) for f in person_columns] + [(t, w) for _n, t, w in extra]
    sheet = _start_sheet(workbook, title, headers)
    count = 0
    for record in rows.iterator(2000):
        values = [_person_value(record.person, f) for f in person_columns]
        values += [_record_value(record, name) for name, _t, _w in extra]
        sheet.append(_cells(sheet, values))
        count += 1
    _finish_sheet(sheet, len(headers), count)
    return count


def _record_value(record: Any, name: str) -> Any:
    if name == "mentor_category":
        return record.get_category_display()
    value = getattr(record, name)
    display = getattr(record, f"get_{name}_display", None)
    if display is not None and name != "program":
        return display()
    if isinstance(value, bool):
        return _("да") if value else _("нет")
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dt.datetime):
        return value.date()
    if name == "program":
        return str(value) if value else ""
    return value


# --- sheet helpers --------------------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")


def _start_sheet(workbook: Workbook, title: str, headers: list[tuple[str, int]]):
    """A write-only sheet: widths and the frozen header must be set before the first row is written."""
    sheet = workbook.create_sheet(title)
    for index, (_title, width) in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    cells = []
    for text, _width in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        cells.append(cell)
    sheet.append(cells)
    return sheet


def _finish_sheet(sheet, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def _cells(sheet, values: list[Any]) -> list[Any]:
    """Dates become real Excel dates shown as ДД.ММ.ГГГГ; text never becomes a formula (`safe_cell`)."""
    out = []
    for value in values:
        if isinstance(value, dt.date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = DATE_FORMAT
            out.append(cell)
        else:
            out.append(safe_cell(value))
    return out


# --- accounts ---------------------------------------------------------------------------------------------------


def account_disable_for_person(*, person: Person) -> bool:
    """Switch off the person's login (they left the organisation, or their data is purged); True if one was on.

    The account row stays (the access log points at it); staff may issue a new slip or invitation later.
    """
    if person.user_id is None:
        return False
    from nastavnik.people.models import User

    changed = User.objects.filter(pk=person.user_id, is_active=True).update(is_active=False)
    if changed:
        logger.info("Account of person %s disabled", person.pk)
    return bool(changed)
# --- year end: «Перевод в следующий класс» ---------------------------------------------------------------------

_GRADE = re.compile(r"^(\d{1,2})(.*)$")
FINAL_GRADE = 11


@dataclass
class PromotionPlan:
    """What the year-end promotion would do, class by class (counts only; the page names the classes)."""

    moves: list[tuple[str, str, int]] = field(default_factory=list)  # (class, next class, pupils)
    graduates: list[tuple[str, int]] = field(default_factory=list)  # (class, pupils) who leave school
    nines: list[str] = field(default_factory=list)  # 9th classes: the school chooses whether they leave
    kept: list[tuple[str, int]] = field(default_factory=list)  # groups without a number: not moved
    school_year: int = 0
    done: ClassPromotion | None = None  # already done this school year

    @property
    def moved(self) -> int:
        return sum(n for _c, _n, n in self.moves)

    @property
    def graduated(self) -> int:
        return sum(n for _c, n in self.graduates)


def school_year_of(day: dt.date) -> int:
    """The calendar year a school year ends in, for the once-a-year promotion: March to February is one period."""
    return day.year if day.month >= 3 else day.year - 1


def classes_promotion_plan(
    *, organization: Organization, leaving_nines: Iterable[str] = (), today: dt.date | None = None
) -> PromotionPlan:
    today = today or timezone.localdate()
    plan = PromotionPlan(school_year=school_year_of(today))
    plan.done = ClassPromotion.objects.filter(organization=organization, school_year=plan.school_year).first()
    leaving = set(leaving_nines)
    counts = (
        _pupils_in_classes(organization)
        .values_list("school_class")
        .annotate(n=models.Count("pk"))
        .order_by("school_class")
    )
    for school_class, count in counts:
        match = _GRADE.match(school_class)
        if not match:
            plan.kept.append((school_class, count))
            continue
        grade, rest = int(match.group(1)), match.group(2)
        if grade == 9:
            plan.nines.append(school_class)
        if grade >= FINAL_GRADE or school_class in leaving:
            plan.graduates.append((school_class, count))
        else:
            plan.moves.append((school_class, f"{grade + 1}{rest}", count))
    plan.moves.sort(key=lambda m: (-int(_GRADE.match(m[0]).group(1)), m[0]))
    return plan


def _pupils_in_classes(organization: Organization):
    return Person.objects.filter(
        organization=organization,
        category=Person.Category.PUPIL,
        anonymised_at__isnull=True,
        left_at__isnull=True,
    ).exclude(school_class="")


@transaction.atomic
def classes_promote(
    *, organization: Organization, leaving_nines: Iterable[str] = (), by=None, today: dt.date | None = None
) -> PromotionPlan:
    """Move every class up (7А → 8А), highest grades first so nobody moves twice; the 11th (and the chosen 9th)
    classes become graduates (category «выпускник»: they stay in the organisation and may become mentors).
    Once per school year; refused (ValidationError) if done already."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    plan = classes_promotion_plan(organization=organization, leaving_nines=leaving_nines, today=today)
    if plan.done is not None:
        raise ValidationError(
            _("Перевод в следующий класс в этом учебном году уже сделан (%(date)s).")
            % {"date": f"{timezone.localtime(plan.done.done_at):%d.%m.%Y}"}
        )
    pupils = _pupils_in_classes(organization)
    for school_class, _count in plan.graduates:
        pupils.filter(school_class=school_class).update(category=Person.Category.GRADUATE, school_class="")
    for school_class, next_class, _count in plan.moves:  # 10 → 11 before 9 → 10, and so on down
        pupils.filter(school_class=school_class).update(school_class=next_class)
    plan.done = ClassPromotion.objects.create(
        organization=organization,
        school_year=plan.school_year,
        done_by=by if getattr(by, "pk", None) else None,
        moved=plan.moved,
        graduated=plan.graduated,
    )
    logger.info("Classes promoted in %s: %d moved, %d graduated", organization.code, plan.moved, plan.graduated)
    return plan
