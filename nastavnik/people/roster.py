"""Rosters (списки людей) from XLSX or CSV: reading and checking, never writing to the database.

The file
    XLSX (Excel 2007+), XLS (Excel 97–2003) and ODS (LibreOffice, through python-calamine) or CSV/TXT. A CSV may
    be UTF-8 (with or without BOM), UTF-16 («Текст Юникод» from Excel), Windows-1251 or KOI8-R (recognised by the
    header words or the letters' case), separated by «;», «,» or tab. A crafted file cannot take the server's memory:
    the archive's declared sizes and entry count, the number of shared strings, styles, rows, columns and ODS/XLS
    cells are bounded (see «limits» below) and a file past them is refused at once with one message.
    In an XLSX the first sheet that has a header row is read (so an export of this system, whose first sheet is
    «Люди», loads back). The header row is the first row among
    the first 30 non-empty ones that names at least two known columns, one of them the surname (or «ФИО»): title
    lines above it («Список 7А класса») are skipped. Header spelling is tolerant: case, spaces, «ё»/«е»,
    punctuation, a «*» mark and a note in brackets are ignored, so «Дата рождения (ДД.ММ.ГГГГ)», «E-mail», «Email»
    and «Эл. почта» are all understood. Empty rows are skipped; reading stops after 500 empty rows in a row
    (spreadsheets often carry formatting down to row 1 048 576).

The columns
    Фамилия, Имя — required (or one «ФИО» column with the surname, name and patronymic in this order);
    Отчество — if any;
    Дата рождения — ДД.ММ.ГГГГ as text or a real Excel date (also ГГГГ-ММ-ДД); not in the future, an age that fits
        the category;
    Категория — required: обучающийся (ученик, учащийся), студент, педагог (учитель, воспитатель, преподаватель),
        родитель (законный представитель), выпускник, сотрудник предприятия (работодатель), внешний;
    Класс — required for обучающийся («7А», «7 а» and «7-A» all become «7А»; a kindergarten group name is kept);
    Предмет, Стаж — for teachers; Стаж is whole years 0–60 (a number, «12,5» or «12 лет»);
    E-mail — one address;
    Телефон — a Russian number, stored as +7 (XXX) XXX-XX-XX.
Two optional extra columns, both already part of a person's record (nothing beyond what the consent to
participate covers — no sex, no СНИЛС, no addresses):
    Место работы, должность — for parents, graduates and employers' staff who become mentors (also «Должность»,
        «Место работы»);
    Законный представитель — for a pupil or student: the full name of a parent in the same file or already in the
        organisation, optionally followed by the date of birth when the name alone is ambiguous; several separated
        by «;». The link lets the parent give consent for the minor. Also «Родитель (ФИО)».
A «№ п/п» column is ignored silently; any other unknown column is reported as a warning and not loaded.

The checks
    Every problem is reported with the row number as the spreadsheet shows it and the column as the file names it:
    a missing required field, a bad or implausible date, an unknown category, a duplicate inside the file or of
    somebody already in the organisation (same surname, name, patronymic and date of birth), a bad e-mail, phone or
    Стаж, a guardian who cannot be found. A file that cannot be read at all gives one message (`RosterFileError`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import posixpath
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

from nastavnik.orgs.models import STAFF_ROLES, Membership
from nastavnik.people.models import Guardianship, Person

HEADER_SCAN_ROWS = 30
EMPTY_ROWS_STOP = 500
MAX_ROWS = 200_000
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
MAX_EXPERIENCE = 60
MIN_BIRTH_YEAR = 1900

# Canonical fields and the column titles the export and the template use (the import reads them back).
TITLES = {
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "birth_date": "Дата рождения",
    "category": "Категория",
    "school_class": "Класс",
    "subject": "Предмет",
    "experience_years": "Стаж",
    "email": "E-mail",
    "phone": "Телефон",
    "workplace": "Место работы, должность",
    "external_id": "Идентификатор",
    "guardians": "Законный представитель",
    "full_name": "ФИО",
}
EXPORT_FIELDS = [f for f in TITLES if f != "full_name"]

# Header spellings, compared after `_header_key` (lower case, ё→е, letters and digits only).
_HEADER_ALIASES = {
    "last_name": ["фамилия"],
    "first_name": ["имя"],
    "middle_name": ["отчество", "отчествоприналичии"],
    "full_name": ["фио", "фамилияимяотчество", "фиообучающегося", "фиоучастника", "фиополностью"],
    "birth_date": ["датарождения", "датарожд", "др", "деньрождения"],
    "category": ["категория", "категорияучастника"],
    "school_class": ["класс", "классгруппа", "группа", "класслитер"],
    "subject": ["предмет", "предметы", "преподаваемыйпредмет", "преподаваемыепредметы"],
    "experience_years": ["стаж", "педагогическийстаж", "педстаж", "стажработы", "стажлет", "общийстаж"],
    "email": ["email", "емейл", "имейл", "электроннаяпочта", "элпочта", "почта", "адресэлектроннойпочты"],
    "phone": ["телефон", "тел", "номертелефона", "мобильныйтелефон", "контактныйтелефон", "телефонмобильный"],
    "workplace": ["местоработыдолжность", "должностьместоработы", "местоработы", "должность"],
    "external_id": ["идентификатор", "id", "уникальныйидентификатор", "кодучастника", "идентификаторучастника"],
    "guardians": [
        "законныйпредставитель",
        "законныйпредставительфио",
        "родитель",
        "родительфио",
        "родительзаконныйпредставитель",
        "фиородителя",
        "фиозаконногопредставителя",
    ],
}
HEADER_FIELDS = {alias: name for name, aliases in _HEADER_ALIASES.items() for alias in aliases}
_IGNORED_HEADERS = {"", "пп", "номер", "n", "nпп", "no"}

# Category words as schools write them → Person.Category values.
_CATEGORY_WORDS = {
    "pupil": ["обучающийся", "обучающаяся", "ученик", "ученица", "учащийся", "учащаяся", "школьник", "воспитанник"],
    "student": ["студент", "студентка", "обучающийся спо"],
    "teacher": ["педагог", "учитель", "воспитатель", "преподаватель", "педагогический работник"],
    "parent": ["родитель", "законный представитель", "родитель законный представитель"],
    "graduate": ["выпускник", "выпускница"],
    "employer": ["сотрудник предприятия", "работодатель", "представитель работодателя"],
    "external": ["внешний", "внешний участник", "внешний наставник"],
}
CATEGORY_WORDS = {word: value for value, words in _CATEGORY_WORDS.items() for word in words}
ALLOWED_CATEGORIES = "обучающийся, студент, педагог, родитель, выпускник, сотрудник предприятия, внешний"
CATEGORY_TITLES = {
    "pupil": "обучающийся",
    "student": "студент",
    "teacher": "педагог",
    "parent": "родитель",
    "graduate": "выпускник",
    "employer": "сотрудник предприятия",
    "external": "внешний",
}
# Plausible ages (inclusive) per category on the day of the import.
AGE_LIMITS = {
    "pupil": (5, 22),
    "student": (14, 60),
    "teacher": (18, 90),
    "parent": (16, 100),
    "graduate": (14, 100),
    "employer": (16, 100),
    "external": (14, 100),
}
GUARDED_CATEGORIES = frozenset({"pupil", "student"})
MAX_LENGTHS = {
    "last_name": 100,
    "first_name": 100,
    "middle_name": 100,
    "school_class": 20,
    "subject": 200,
    "workplace": 300,
    "email": 254,
    "external_id": 100,
}
# Latin letters that look Cyrillic: «7A» typed on an English keyboard is class «7А».
_LOOKALIKES = str.maketrans("ABCEHKMOPTXaceopxy", "АВСЕНКМОРТХасеорху")
_PLAIN_NAME = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*\Z")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_WINDOWS_DAY_ZERO = dt.date(1899, 12, 30)
_SPACES = re.compile(r"[\s\u00a0\u200b\u2007\u202f\ufeff]+")
_DATE_TEXT = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_CLASS = re.compile(r"^(\d{1,2})\s*[-\s«»\"']*\s*([A-Za-zА-Яа-яЁё])[»\"']?$")
_EXPERIENCE = re.compile(r"^(\d{1,3}(?:[.,]\d+)?)\s*(?:лет|года?|г\.?|л\.?)?$")
_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[-' ’ʼ.][^\W\d_]*)*$")
_GUARDIAN_DATE = re.compile(r"[,\s]*(\d{1,2}\.\d{1,2}\.\d{4})\s*$")


class RosterFileError(Exception):
    """The file as a whole cannot be read: not a spreadsheet, broken, empty, or without the required columns."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Problem:
    line: int | None  # row number as the spreadsheet shows it; None for the file as a whole
    column: str  # column header as the file writes it; "" when the problem is the whole row
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        if self.column:
            return _("Строка %(line)s, «%(column)s»: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Строка %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(slots=True)
class RosterRow:
    """One clean person from the file, with values already normalised for the Person model."""

    line: int
    last_name: str
    first_name: str
    category: str
    middle_name: str = ""
    birth_date: dt.date | None = None
    school_class: str = ""
    subject: str = ""
    experience_years: int | None = None
    email: str = ""
    phone: str = ""
    workplace: str = ""
    guardians: tuple[str, ...] = ()
    external_id: str = ""

    @property
    def key(self) -> tuple[str, dt.date | None]:
        return person_key(self.last_name, self.first_name, self.middle_name), self.birth_date


@dataclass
class ParsedRoster:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # field → header as written in the file
    header_line: int = 0
    sheet: str = ""
    # Guardian links found by `check_roster`: (child's line, guardian's line in the file or None, existing pk or None).
    links: list[tuple[int, int | None, int | None]] = field(default_factory=list)
    # Names on rows refused for their own problems: a guardian reference to them is not reported a second time.
    refused_names: set[str] = field(default_factory=set)
    # Rows recognised as people already in the organisation (set by `check_roster`): line → pk.
    matches: dict[int, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def column(self, name: str) -> str:
        return self.headers.get(name) or TITLES[name]


@dataclass
class ExistingPeople:
    """Who is already in the organisation, as the checks need it (read by `existing_people`)."""

    keys: set[tuple[str, dt.date | None]] = field(default_factory=set)
    by_name: dict[str, list[tuple[int, dt.date | None, str]]] = field(default_factory=dict)  # name → (pk, date, cat)
    by_key: dict[tuple[str, dt.date | None], int] = field(default_factory=dict)
    by_external_id: dict[str, int] = field(default_factory=dict)
    records: dict[int, dict[str, Any]] = field(default_factory=dict)  # pk → the comparable fields, `left_at`
    guardian_links: set[tuple[int, int]] = field(default_factory=set)  # (guardian pk, child pk)
    staff: set[int] = field(default_factory=set)  # people with a staff role: they leave by appointments, not rosters


# --- public entry points --------------------------------------------------------------------------------------


def parse_roster(path: str | Path, *, today: dt.date | None = None, kind: str = "") -> ParsedRoster:
    """Read and check every row of the file; raise RosterFileError if the file cannot be read as a roster.

    `kind` is the organisation's kind: a school's classes are checked (1–11 with a letter), a kindergarten's and a
    college's groups are names of their own.
    """
    today = today or timezone.localdate()
    header_line, header, rows, sheet = _open(Path(path))
    parsed = ParsedRoster(header_line=header_line, sheet=sheet)
    columns = _map_header(header, header_line, parsed)
    for line, values in rows:
        row = _parse_row(line, values, columns, parsed, today, kind)
        if row is not None:
            parsed.rows.append(row)
    if not parsed.rows and not parsed.errors:
        raise RosterFileError(_("В файле нет ни одной строки с людьми под строкой заголовков."))
    return parsed


def check_roster(parsed: ParsedRoster, existing: ExistingPeople) -> ParsedRoster:
    """Cross-row checks: duplicates in the file, who is already in the organisation, guardians that must be found.

    A row that is already in the organisation (same «Идентификатор», or same surname, name, patronymic and date of
    birth) is not an error: it is recognised (`parsed.matches`, line → pk) and the import updates that person.
    """
    first_seen: dict[tuple[str, dt.date | None], int] = {}
    first_id: dict[str, int] = {}
    by_name: dict[str, list[RosterRow]] = {}
    column = parsed.column("full_name" if "full_name" in parsed.headers else "last_name")
    parsed.matches = {}
    matched_lines: dict[int, int] = {}
    for row in parsed.rows:
        key = row.key
        if key in first_seen:
            parsed.errors.append(Problem(row.line, column, _duplicate_in_file(first_seen[key])))
            continue
        first_seen[key] = row.line
        if row.external_id:
            if row.external_id in first_id:
                parsed.errors.append(
                    Problem(
                        row.line,
                        parsed.column("external_id"),
                        _("идентификатор «%(id)s» уже есть в строке %(line)s")
                        % {"id": row.external_id, "line": first_id[row.external_id]},
                    )
                )
                continue
            first_id[row.external_id] = row.line
        by_name.setdefault(key[0], []).append(row)  # a repeated row is not a second candidate guardian
        pk = _recognise(row, existing, parsed, column)
        if pk is not None:
            if pk in matched_lines:
                parsed.errors.append(Problem(row.line, column, _duplicate_in_file(matched_lines[pk])))
                continue
            matched_lines[pk] = row.line
            parsed.matches[row.line] = pk
    for row in parsed.rows:
        for reference in row.guardians:
            _link_guardian(row, reference, by_name, existing, parsed)
    parsed.errors.sort(key=lambda p: p.line or 0)
    return parsed


def _recognise(row: RosterRow, existing: ExistingPeople, parsed: ParsedRoster, column: str) -> int | None:
    """The pk of the person this row describes, if they are already in the organisation."""
    if row.external_id and row.external_id in existing.by_external_id:
        return existing.by_external_id[row.external_id]
    pk = existing.by_key.get(row.key)
    if pk is None:
        return None
    known_id = existing.records[pk].get("external_id") or ""
    if row.external_id and known_id and known_id != row.external_id:
        parsed.errors.append(
            Problem(
                row.line,
                column,
                _(
                    "в организации уже есть человек с такими же ФИО и датой рождения, но с идентификатором "
                    "«%(known)s», а в файле — «%(new)s»"
                )
                % {"known": known_id, "new": row.external_id},
            )
        )
        return None
    return pk


COMPARED_FIELDS = (
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


def existing_people(organization) -> ExistingPeople:
    """The organisation's people (not anonymised, those who left included) for recognising rows and guardians."""
    existing = ExistingPeople()
    values = Person.objects.filter(organization=organization, anonymised_at__isnull=True).values_list(
        "pk", *COMPARED_FIELDS, "left_at"
    )
    for pk, *fields in values.iterator(chunk_size=5000):
        record = dict(zip((*COMPARED_FIELDS, "left_at"), fields, strict=True))
        name = person_key(record["last_name"], record["first_name"], record["middle_name"])
        key = (name, record["birth_date"])
        existing.records[pk] = record
        existing.keys.add(key)
        existing.by_key.setdefault(key, pk)
        if record["external_id"]:
            existing.by_external_id.setdefault(record["external_id"], pk)
        existing.by_name.setdefault(name, []).append((pk, record["birth_date"], record["category"]))
    links = Guardianship.objects.filter(child__organization=organization).values_list("guardian_id", "child_id")
    existing.guardian_links = set(links.iterator(chunk_size=5000))
    existing.staff = set(
        Membership.objects.filter(organization=organization, role__in=STAFF_ROLES).values_list("person_id", flat=True)
    )
    return existing


def validate_roster(path: str | Path, organization, *, today: dt.date | None = None) -> ParsedRoster:
    """Parse the file and check it against the organisation: what the preview and `--dry-run` show."""
    return check_roster(parse_roster(path, today=today, kind=organization.kind), existing_people(organization))


def rows_to_json(rows: Iterable[RosterRow]) -> Iterator[dict[str, Any]]:
    """Checked rows as plain data, kept between the preview and the confirmation (the file is not read twice)."""
    for row in rows:
        data = {name: getattr(row, name) for name in RosterRow.__slots__}
        data["birth_date"] = row.birth_date.isoformat() if row.birth_date else None
        data["guardians"] = list(row.guardians)
        yield data


def rows_from_json(data: Iterable[dict[str, Any]]) -> list[RosterRow]:
    rows = []
    for item in data:
        item = dict(item)
        item["birth_date"] = dt.date.fromisoformat(item["birth_date"]) if item.get("birth_date") else None
        item["guardians"] = tuple(item.get("guardians") or ())
        rows.append(RosterRow(**{k: v for k, v in item.items() if k in RosterRow.__slots__}))
    return rows


# --- the plan of a (re-)import: who is new, changed, unchanged, not in the file ---------------------------------


@dataclass(slots=True)
class Change:
    row: RosterRow
    pk: int
    name: str
    diffs: list[tuple[str, str, str]]  # (column title, old value, new value) as the preview shows them
    updates: dict[str, Any]  # field → new value
    returning: bool = False  # had left the organisation and is in the roster again


@dataclass
class RosterPlan:
    new: list[RosterRow] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    missing: list[tuple[int, str, str]] = field(default_factory=list)  # (pk, «Фамилия Имя Отчество», class)
    links: list[tuple[int, int | None, int | None]] = field(default_factory=list)  # links to create
    no_guardian: list[str] = field(default_factory=list)  # minors nobody can give consent for
    categories: set[str] = field(default_factory=set)  # categories the file speaks for

    @property
    def changes_anything(self) -> bool:
        return bool(self.new or self.changed or self.links)

    def digest(self) -> str:
        """A fingerprint of the plan: the confirmation refuses when the database changed since the preview."""
        import hashlib

        text = repr(
            (
                sorted((r.key[0], str(r.key[1])) for r in self.new),
                sorted((c.pk, sorted((k, str(v)) for k, v in c.updates.items())) for c in self.changed),
                sorted(pk for pk, _n, _c in self.missing),
                sorted(self.links, key=repr),
            )
        )
        return hashlib.sha256(text.encode()).hexdigest()


def plan_roster(parsed: ParsedRoster, existing: ExistingPeople, *, today: dt.date | None = None) -> RosterPlan:
    """What importing the checked rows would do. Only the columns the file has are compared, and an empty cell
    never erases what is known; the same file imported twice plans nothing."""
    today = today or timezone.localdate()
    plan = RosterPlan(categories={row.category for row in parsed.rows})
    compared = _compared_fields(parsed)
    line_pk = parsed.matches
    for row in parsed.rows:
        pk = line_pk.get(row.line)
        if pk is None:
            plan.new.append(row)
            continue
        record = existing.records[pk]
        updates: dict[str, Any] = {}
        diffs = []
        for name in compared:
            value = getattr(row, name)
            if value in ("", None) or value == record[name]:
                continue
            updates[name] = value
            diffs.append((TITLES[name], _shown(name, record[name]), _shown(name, value)))
        returning = record["left_at"] is not None
        if returning:
            updates["left_at"] = None
            diffs.append((_("Состав"), _("выбыл(а)"), _("снова в организации")))
        if updates:
            plan.changed.append(Change(row, pk, _record_name(record), diffs, updates, returning))
        else:
            plan.unchanged.append(pk)
    changed_by_pk = {c.pk: c for c in plan.changed}
    linked_children: set[int] = set()
    by_line = {row.line: row for row in parsed.rows}
    for child_line, g_line, g_pk in parsed.links:
        linked_children.add(child_line)
        child_pk = line_pk.get(child_line)
        guardian_pk = line_pk.get(g_line) if g_line is not None else g_pk
        if child_pk is not None and guardian_pk is not None and (guardian_pk, child_pk) in existing.guardian_links:
            continue
        plan.links.append((child_line, g_line, g_pk))
        if child_pk is not None:
            guardian = by_line[g_line] if g_line is not None else None
            guardian_name = (
                " ".join(p for p in (guardian.last_name, guardian.first_name, guardian.middle_name) if p)
                if guardian
                else _record_name(existing.records[g_pk])
            )
            change = changed_by_pk.get(child_pk)
            if change is None:
                change = Change(by_line[child_line], child_pk, _record_name(existing.records[child_pk]), [], {})
                changed_by_pk[child_pk] = change
                plan.changed.append(change)
                plan.unchanged.remove(child_pk)
            change.diffs.append((TITLES["guardians"], "", guardian_name))
    with_guardian = {c for _g, c in existing.guardian_links}
    for row in parsed.rows:
        if row.category not in GUARDED_CATEGORIES or row.line in linked_children:
            continue
        if line_pk.get(row.line) in with_guardian or not _is_minor(row, today):
            continue
        name = " ".join(p for p in (row.last_name, row.first_name, row.middle_name) if p)
        plan.no_guardian.append(f"{name}, {row.school_class}" if row.school_class else name)
    matched = set(line_pk.values())
    for pk, record in existing.records.items():
        if pk in matched or pk in existing.staff or record["left_at"] is not None:
            continue
        if record["category"] in plan.categories:
            plan.missing.append((pk, _record_name(record), record["school_class"]))
    plan.missing.sort(key=lambda m: (m[2], m[1]))
    return plan


def _compared_fields(parsed: ParsedRoster) -> list[str]:
    if not parsed.headers:
        return list(COMPARED_FIELDS)
    names = set(parsed.headers) | {"category"}
    if "full_name" in names:
        names |= {"last_name", "first_name", "middle_name"}
    return [name for name in COMPARED_FIELDS if name in names]


def _shown(name: str, value: Any) -> str:
    if value in ("", None):
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    if name == "category":
        return CATEGORY_TITLES.get(value, value)
    return str(value)


def _record_name(record: dict[str, Any]) -> str:
    return " ".join(p for p in (record["last_name"], record["first_name"], record["middle_name"]) if p)


def _is_minor(row: RosterRow, today: dt.date) -> bool:
    if row.birth_date is None:
        return row.category == "pupil"
    age = today.year - row.birth_date.year - ((today.month, today.day) < (row.birth_date.month, row.birth_date.day))
    return age < 18


def person_key(last: str, first: str, middle: str) -> str:
    """The comparable form of a full name: case, «ё» and spacing do not make two people different."""
    text = f"{last} {first} {middle}".casefold().replace("ё", "е")
    return _SPACES.sub(" ", text).strip()


# --- opening the file -----------------------------------------------------------------------------------------

Rows = Iterator[tuple[int, Sequence[Any]]]


def _open(path: Path) -> tuple[int, Sequence[Any], Rows, str]:
    """Find the table in the file: (header line, header cells, the rows after it, sheet name)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        raise RosterFileError(_("Файл не удалось открыть.")) from None
    if not head:
        raise RosterFileError(_("Файл пустой."))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _open_calamine(path, _("Файл XLS повреждён или не читается. Откройте его в Excel и сохраните как XLSX."))
    if head.startswith(b"PK"):
        return _open_xlsx(path)
    return _open_csv(path)


# --- limits: a crafted file must fail fast, not take the server's memory ------------------------------------------
# A school's roster is a few thousand rows; these bounds are far above any real one and far below what hurts.
MAX_ZIP_ENTRIES = 1000
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # all parts of an XLSX/ODS together, as the archive declares them
MAX_SHEET_BYTES = 300 * 1024 * 1024  # one worksheet part: streamed, never held in memory whole
MAX_STRINGS_BYTES = 40 * 1024 * 1024  # the shared-strings part: kept in memory while the sheet is read
MAX_SHARED_STRINGS = 500_000
MAX_STYLES_BYTES = 8 * 1024 * 1024
MAX_STYLES = 64_000  # Excel itself allows 64 000 cell formats
MAX_COLUMNS = 200  # cells further right are ignored: no roster has that many columns
MAX_CELLS = 1_000_000  # filled cells of an ODS/XLS sheet, which calamine reads whole


def _too_big() -> RosterFileError:
    return RosterFileError(
        _(
            "Файл слишком велик или устроен необычно (в нём больше данных, чем бывает в списке людей), "
            "и не будет прочитан. Сохраните в отдельный файл только нужный лист (Фамилия, Имя, … — до %(rows)s строк) "
            "в формате XLSX или CSV и загрузите снова."
        )
        % {"rows": f"{MAX_ROWS:,}".replace(",", "\u00a0")}
    )


def _check_archive(archive: zipfile.ZipFile) -> dict[str, int]:
    """Refuse an archive whose declared contents pass the limits, before any part is unpacked.

    The sizes are those the archive declares; Python's zipfile never unpacks a part beyond its declared size
    (and checks the CRC at the end), so a lying archive is cut off and reported as broken.
    """
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _too_big()
    sizes = {info.filename: info.file_size for info in infos}
    if sum(sizes.values()) > MAX_UNPACKED_BYTES:
        raise _too_big()
    return sizes


def _open_calamine(path: Path, broken: str) -> tuple[int, Sequence[Any], Rows, str]:
    """XLS (Excel 97–2003) and ODS (LibreOffice) through python-calamine, which reads a sheet whole: the caller
    has made sure the sheet is small enough (`MAX_CELLS`)."""
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        names = [
            m.name
            for m in workbook.sheets_metadata
            if str(getattr(m, "visible", "")).rpartition(".")[2].lower() in {"", "visible"}
        ] or workbook.sheet_names
    except Exception:
        raise RosterFileError(broken) from None
    seen = 0
    for name in names:
        try:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.height * min(sheet.width, MAX_COLUMNS) > MAX_CELLS * 20:
                raise _too_big()
            data = sheet.to_python(skip_empty_area=False)
        except RosterFileError:
            raise
        except Exception:
            raise RosterFileError(broken) from None
        start = sheet.start[0] if sheet.start else 0
        rows = _guarded(
            ((start + i + 1, [_calamine_value(v) for v in row[:MAX_COLUMNS]]) for i, row in enumerate(data)), broken
        )
        found = _find_header(rows)
        if isinstance(found, tuple):
            return found[0], found[1], rows, name
        seen += found
    raise _no_table(seen)


def _calamine_value(value: Any) -> Any:
    if value == "":
        return None
    return value


def _check_ods(archive: zipfile.ZipFile, sizes: dict[str, int]) -> None:
    """Count the filled cells of an ODS, repeats included, before calamine expands them («1 000 000 rows of x»)."""
    if sizes.get("content.xml", 0) > MAX_SHEET_BYTES:
        raise _too_big()
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    row_tag, cell_tag = f"{{{table}}}table-row", f"{{{table}}}table-cell"
    repeated_rows, repeated_cols = f"{{{table}}}number-rows-repeated", f"{{{table}}}number-columns-repeated"
    value_type = f"{{{office}}}value-type"
    filled = 0
    try:
        with archive.open("content.xml") as source:
            for _event, row in etree.iterparse(
                source, events=("end",), tag=row_tag, resolve_entities=False, no_network=True, huge_tree=False
            ):
                cells = 0
                for cell in row.iter(cell_tag):
                    if cell.get(value_type) is not None or len(cell):
                        cells += min(int(cell.get(repeated_cols) or 1), 16384)
                if cells:
                    filled += cells * int(row.get(repeated_rows) or 1)
                    if filled > MAX_CELLS:
                        raise _too_big()
                row.clear(keep_tail=True)
                while row.getprevious() is not None:
                    del row.getparent()[0]
    except (etree.LxmlError, zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise RosterFileError(_("Файл ODS повреждён или не читается. Откройте его и сохраните заново.")) from None


def _open_xlsx(path: Path) -> tuple[int, Sequence[Any], Rows, str]:
    try:
        archive = zipfile.ZipFile(path)
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        raise RosterFileError(_broken_xlsx_message()) from None
    sizes = _check_archive(archive)
    if not any(name.endswith("workbook.xml") for name in names):
        if "content.xml" in names:
            _check_ods(archive, sizes)
            archive.close()
            return _open_calamine(path, _("Файл ODS повреждён или не читается. Откройте его и сохраните заново."))
        raise RosterFileError(_not_a_table_message())
    try:
        sheets = _XlsxReader(archive, sizes).sheets()
    except RosterFileError:
        archive.close()
        raise
    except Exception:
        # An unusual but valid workbook may still open with openpyxl; a broken one gets one clear message.
        archive.close()
        return _open_xlsx_openpyxl(path)
    seen = 0
    for title, rows in sheets:
        found = _find_header(rows)
        if isinstance(found, tuple):
            return found[0], found[1], rows, title
        seen += found
    raise _no_table(seen)


class _XlsxReader:
    """A lean streaming reader of XLSX cell values: shared strings, inline strings, numbers, dates, booleans.

    openpyxl's read-only mode parses a sheet twice when the file lacks the dimension record (files written by
    openpyxl itself and many web services) and builds rich-text objects for every inline string; lxml's iterparse,
    asked for rows only, reads a 50 000-row roster about three times faster in a fraction of the memory. Styles are
    read only to know which numbers are dates. Entities are never resolved and nothing is fetched from the network.
    """

    def __init__(self, archive: zipfile.ZipFile, sizes: dict[str, int]) -> None:
        self.archive = archive
        self.names = set(archive.namelist())
        self.sizes = sizes
        if any(size > MAX_SHEET_BYTES for size in sizes.values()):
            raise _too_big()
        workbook_path = self._office_document()
        base = posixpath.dirname(workbook_path)
        workbook = self._xml(workbook_path)
        self.ns = workbook.tag.rpartition("}")[0] + "}"
        targets = self._relationships(f"{base}/_rels/{posixpath.basename(workbook_path)}.rels", base)
        pr = workbook.find(f"{self.ns}workbookPr")
        self.epoch = MAC_EPOCH if pr is not None and pr.get("date1904") in {"1", "true"} else WINDOWS_EPOCH
        self.sheet_list = [
            (sheet.get("name", ""), targets[sheet.get(f"{{{_REL_NS}}}id") or sheet.get(f"{{{_STRICT_REL_NS}}}id")])
            for sheet in workbook.iter(f"{self.ns}sheet")
            if sheet.get("state", "visible") == "visible"
        ]
        self.strings = self._shared_strings(targets.get("sharedStrings"))
        self.date_styles = self._date_styles(targets.get("styles"))
        self.columns: dict[str, int] = {}
        self.v_tag, self.t_tag = f"{self.ns}v", f"{self.ns}t"

    def sheets(self) -> list[tuple[str, Rows]]:
        return [(title, _guarded(self._rows(path))) for title, path in self.sheet_list if path in self.names]

    def _xml(self, path: str):
        # A parser per call: lxml parsers must not be shared between threads.
        if self.sizes.get(path, 0) > MAX_STYLES_BYTES:
            raise _too_big()
        return etree.fromstring(self.archive.read(path), etree.XMLParser(resolve_entities=False, no_network=True))

    def _iterparse(self, source, tag: str):
        return etree.iterparse(source, events=("end",), tag=tag, resolve_entities=False, no_network=True)

    def _office_document(self) -> str:
        if "xl/workbook.xml" in self.names:
            return "xl/workbook.xml"
        for target_type, target in self._relationship_map("_rels/.rels", "").values():
            if target_type == "officeDocument":
                return target
        raise KeyError("workbook")

    def _relationships(self, path: str, base: str) -> dict[str, str]:
        """Relationship id → part path, plus the shared strings and styles parts under their type names."""
        targets: dict[str, str] = {}
        for rel_id, (target_type, target) in self._relationship_map(path, base).items():
            targets[rel_id] = target
            if target_type in {"sharedStrings", "styles"}:
                targets[target_type] = target
        return targets

    def _relationship_map(self, path: str, base: str) -> dict[str, tuple[str, str]]:
        result = {}
        for rel in self._xml(path):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            result[rel.get("Id", "")] = (rel.get("Type", "").rpartition("/")[2], target)
        return result

    def _shared_strings(self, path: str | None) -> list[str]:
        if not path or path not in self.names:
            return []
        if self.sizes.get(path, 0) > MAX_STRINGS_BYTES:
            raise _too_big()
        strings: list[str] = []
        with self.archive.open(path) as source:
            for _event, element in self._iterparse(source, f"{self.ns}si"):
                if len(strings) >= MAX_SHARED_STRINGS:
                    raise _too_big()
                strings.append(self._string_item(element))
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
        return strings

    def _string_item(self, element) -> str:
        """The text of a string item: plain `t`, or the `t` of each rich-text run; phonetic hints are skipped."""
        parts = []
        for child in element:
            if child.tag == f"{self.ns}t":
                parts.append(child.text or "")
            elif child.tag == f"{self.ns}r":
                parts.extend(t.text or "" for t in child.iter(f"{self.ns}t"))
        return "".join(parts)

    def _date_styles(self, path: str | None) -> frozenset[int]:
        """Which cell styles (indexes into cellXfs) show a date; streamed, and refused past `MAX_STYLES`."""
        if not path or path not in self.names:
            return frozenset()
        if self.sizes.get(path, 0) > MAX_STYLES_BYTES:
            raise _too_big()
        formats = dict(BUILTIN_FORMATS)
        date_format_ids: set[int] = set()
        dates: set[int] = set()
        index = count = 0
        in_cell_xfs = False
        with self.archive.open(path) as source:
            events = etree.iterparse(
                source,
                events=("start", "end"),
                tag=(f"{self.ns}numFmt", f"{self.ns}cellXfs", f"{self.ns}xf"),
                resolve_entities=False,
                no_network=True,
            )
            for event, element in events:
                tag = element.tag
                if tag == f"{self.ns}cellXfs":
                    in_cell_xfs = event == "start"
                    if event == "start":
                        date_format_ids = {i for i, code in formats.items() if is_date_format(code or "")}
                    continue
                if event == "start":
                    continue
                count += 1
                if count > MAX_STYLES * 3:
                    raise _too_big()
                if tag == f"{self.ns}numFmt":
                    formats[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
                elif in_cell_xfs:
                    if int(element.get("numFmtId", "0")) in date_format_ids:
                        dates.add(index)
                    index += 1
                    if index > MAX_STYLES:
                        raise _too_big()
                element.clear(keep_tail=True)
        return frozenset(dates)

    def _rows(self, path: str) -> Rows:
        line = 0
        value = self._value
        with self.archive.open(path) as source:
            for _event, row in self._iterparse(source, f"{self.ns}row"):
                line = int(row.get("r") or line + 1)
                values: list[Any] = []
                for cell in row:
                    ref = cell.get("r")
                    if ref is not None:
                        column = self._column(ref)
                        if column >= MAX_COLUMNS:
                            break  # far to the right of any roster column: not read at all
                        if column > len(values):  # cells left empty are not written at all
                            values.extend([None] * (column - len(values)))
                    elif len(values) >= MAX_COLUMNS:
                        break
                    values.append(value(cell))
                yield line, values
                # Processed rows are dropped at once, so memory does not grow with the file.
                row.clear(keep_tail=True)
                while row.getprevious() is not None:
                    del row.getparent()[0]

    def _column(self, ref: str) -> int:
        letters = ref.rstrip("0123456789")
        index = self.columns.get(letters)
        if index is None:
            index = 0
            for char in letters.upper():
                index = index * 26 + ord(char) - 64
            index = self.columns[letters] = index - 1
        return index

    def _value(self, cell) -> Any:
        # Children are reached by index, not find(): lxml's find() goes through a Python path engine per call.
        if not len(cell):
            return None
        first = cell[0]
        kind = cell.get("t")
        if kind == "inlineStr":
            if len(first) == 1 and first[0].tag == self.t_tag:
                return first[0].text or ""
            return "".join(t.text or "" for t in first.iter(self.t_tag))
        node = first if first.tag == self.v_tag else cell.find(self.v_tag)  # a formula's <f> comes before <v>
        raw = node.text if node is not None else None
        if not raw:
            return None
        if kind == "s":
            return self.strings[int(raw)]
        if kind is None or kind == "n":
            number = int(raw) if raw.isdigit() else float(raw)
            style = cell.get("s")
            if style is not None and int(style) in self.date_styles:
                return self._date(number)
            return number
        if kind == "b":
            return raw == "1"
        if kind == "d":
            return _to_date(raw[:10]) or raw
        return raw  # "str" (a formula's text) and "e" (an error such as #N/A)

    def _date(self, serial: float) -> dt.date | dt.datetime:
        """Only the day matters for a roster; the 1900 leap-year quirk only touches serials before 61."""
        if self.epoch is WINDOWS_EPOCH and serial >= 61:
            return _WINDOWS_DAY_ZERO + dt.timedelta(days=int(serial))
        return from_excel(serial, self.epoch)


def _guarded(rows: Iterable[tuple[int, Sequence[Any]]], message: str | None = None) -> Rows:
    """A file that breaks half-way (a cut-off download) becomes one clear message, not a crash."""
    try:
        yield from _numbered(rows)
    except (etree.LxmlError, SyntaxError, zipfile.BadZipFile, csv.Error, EOFError, OSError, LookupError, ValueError):
        raise RosterFileError(message or _broken_xlsx_message()) from None


def _not_a_table_message() -> str:
    return _("Файл не является таблицей XLSX или CSV.")


def _open_xlsx_openpyxl(path: Path) -> tuple[int, Sequence[Any], Rows, str]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:
        # openpyxl raises many kinds of errors for a broken archive or XML; the user needs one message.
        raise RosterFileError(_broken_xlsx_message()) from None
    seen = 0
    for sheet in workbook.worksheets:
        if getattr(sheet, "sheet_state", "visible") != "visible" or not hasattr(sheet, "reset_dimensions"):
            continue
        sheet.reset_dimensions()  # files from other programs often state wrong dimensions
        rows = _guarded(enumerate(sheet.iter_rows(values_only=True), start=1))
        found = _find_header(rows)
        if isinstance(found, tuple):
            return found[0], found[1], rows, sheet.title
        seen += found
    raise _no_table(seen)


def _broken_xlsx_message() -> str:
    return _("Файл XLSX повреждён или не читается. Откройте его в Excel и сохраните заново.")


def _open_csv(path: Path) -> tuple[int, Sequence[Any], Rows, str]:
    raw = path.read_bytes()
    text, encoding = _decode(raw)
    del raw  # only the text is kept
    if text is None:
        raise RosterFileError(_not_a_table_message())
    if not re.search(r'[^\s;,"]', text):  # only separators: an empty sheet saved as CSV (searched, not copied)
        raise _no_table(0)
    sample = "\n".join(text[:65536].splitlines()[:40])  # never split the whole file into a list of lines
    seen = 0
    for delimiter in _delimiters(sample):
        reader = csv.reader(_lines(text), delimiter=delimiter)
        rows = _guarded(enumerate(reader, start=1), _not_a_table_message())
        found = _find_header(rows)
        if isinstance(found, tuple):
            return found[0], found[1], rows, ""
        seen += found
    if seen and not _CYRILLIC.search(sample):
        raise RosterFileError(_no_header_message() + " " + _encoding_hint(encoding))
    raise _no_table(seen)


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, one at a time (io.StringIO would hold a second, 4-byte-wide copy)."""
    if "\n" not in text[:65536] and "\r" in text[:65536]:
        text = text.replace("\r", "\n")  # old Mac line endings
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        if end == -1:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


# Encodings a Russian school's CSV comes in, by how it is recognised.
ENCODING_TITLES = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16 (Юникод)",
    "utf-32": "UTF-32",
    "cp1251": "Windows-1251",
    "koi8-r": "KOI8-R",
}
_HEADER_WORDS = ("фамилия", "имя", "фио", "категория", "класс", "дата рождения")


def _encoding_hint(encoding: str) -> str:
    return _(
        "Текст файла прочитан в кодировке %(encoding)s, но русских букв в нём не найдено — возможно, файл сохранён "
        "в другой кодировке. Сохраните его в Excel как «CSV UTF-8 (разделитель — запятая)» или как книгу XLSX."
    ) % {"encoding": ENCODING_TITLES.get(encoding, encoding)}


def _decode(raw: bytes) -> tuple[str | None, str]:
    """The file's text and the encoding it was read in: a BOM first, then UTF-8, then the Cyrillic one-byte
    encodings (Windows-1251 from Excel «CSV (разделители — запятые)», KOI8-R from older Unix systems), told apart
    by the header words and, failing that, by the case of the letters (Russian text is mostly lower case, and the
    two encodings put the lower-case letters in opposite halves of the upper byte range). None when the file is
    binary (not a text table)."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode("utf-8-sig" if encoding == "utf-8" else encoding), encoding
            except UnicodeDecodeError:
                return None, encoding
    head = raw[:4096]
    if b"\x00" in head:
        # UTF-16 without a BOM: every other byte of Latin and Cyrillic text is 0x00 or 0x04.
        odd = sum(1 for b in head[1::2] if b in (0, 4)) / max(1, len(head[1::2]))
        even = sum(1 for b in head[0::2] if b in (0, 4)) / max(1, len(head[0::2]))
        if max(odd, even) < 0.9 or len(raw) % 2:
            return None, ""
        try:
            return raw.decode("utf-16-le" if odd > even else "utf-16-be"), "utf-16"
        except UnicodeDecodeError:
            return None, "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Decided on the beginning of the file; the whole file is decoded once, in the encoding found.
    for name in ("cp1251", "koi8-r"):
        start = raw[:4000].decode(name, errors="replace").casefold()
        if sum(word in start for word in _HEADER_WORDS) >= 2:
            return raw.decode(name, errors="replace"), name
    high = raw[:65536]
    upper_half = sum(1 for b in high if b >= 0xE0)
    lower_half = sum(1 for b in high if 0xC0 <= b < 0xE0)
    name = "cp1251" if upper_half >= lower_half else "koi8-r"
    return raw.decode(name, errors="replace"), name


def _delimiters(sample: str) -> list[str]:
    """The sniffed delimiter first, then the usual ones: a title line above the header can fool the sniffer."""
    order = [";", "\t", ","]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        return order
    return [sniffed, *(d for d in order if d != sniffed)]


def _numbered(rows: Iterable[tuple[int, Sequence[Any]]]) -> Rows:
    """Skip empty rows; stop after a long run of them and refuse a file far beyond any school's size."""
    empty_run = 0
    for line, values in rows:
        if not any(v is not None and (type(v) is not str or v.strip()) for v in values):
            empty_run += 1
            if empty_run >= EMPTY_ROWS_STOP:
                return
            continue
        empty_run = 0
        if line > MAX_ROWS:
            raise RosterFileError(
                _("В файле больше %(max)s строк. Разделите список на несколько файлов.") % {"max": MAX_ROWS}
            )
        yield line, values


def _find_header(rows: Rows) -> tuple[int, Sequence[Any]] | int:
    """The header row and its line, or, when there is none, how many non-empty rows were looked at."""
    seen = 0
    for _index, (line, values) in zip(range(HEADER_SCAN_ROWS), rows, strict=False):
        seen += 1
        fields = {HEADER_FIELDS.get(_header_key(v)) for v in values} - {None}
        if len(fields) >= 2 and fields & {"last_name", "full_name"}:
            return line, values
    return seen


def _no_table(seen: int) -> RosterFileError:
    if not seen:
        return RosterFileError(_("Файл пустой: в нём нет ни одной заполненной строки."))
    return RosterFileError(_no_header_message())


def _header_key(value: Any) -> str:
    text = str(value or "").casefold().replace("ё", "е")
    key = re.sub(r"[^a-zа-я0-9]", "", text)
    if key in HEADER_FIELDS:
        return key
    return re.sub(r"[^a-zа-я0-9]", "", re.sub(r"\(.*?\)", "", text))


def _no_header_message() -> str:
    return _(
        "Не найдена строка заголовков. В первой строке таблицы должны быть названия колонок: "
        "«Фамилия», «Имя», «Отчество», «Дата рождения», «Категория», «Класс» … (можно скачать шаблон)."
    )


# --- the header row -------------------------------------------------------------------------------------------


def _map_header(header: Sequence[Any], line: int, parsed: ParsedRoster) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = _SPACES.sub(" ", str(cell if cell is not None else "")).strip()
        key = _header_key(cell)
        name = HEADER_FIELDS.get(key)
        if name is None:
            if key not in _IGNORED_HEADERS and not key.isdigit():
                parsed.warnings.append(Problem(line, text, _("неизвестная колонка, она не будет загружена")))
            continue
        if name in columns:
            raise RosterFileError(
                _("Колонка «%(title)s» встречается в строке заголовков дважды (%(first)s и %(second)s).")
                % {"title": TITLES[name], "first": parsed.headers[name], "second": text}
            )
        columns[name] = index
        parsed.headers[name] = text
    if "full_name" in columns and {"last_name", "first_name"} <= columns.keys():
        parsed.warnings.append(
            Problem(line, parsed.headers.pop("full_name"), _("не используется: есть отдельные «Фамилия» и «Имя»"))
        )
        del columns["full_name"]
    missing = [TITLES[n] for n in ("last_name", "first_name", "category") if n not in columns]
    if "full_name" in columns:
        missing = [t for t in missing if t == TITLES["category"]]
    if missing:
        raise RosterFileError(
            _("В файле нет обязательных колонок: %(missing)s. Нужны «Фамилия», «Имя» (или одна «ФИО») и «Категория».")
            % {"missing": ", ".join(f"«{m}»" for m in missing)}
        )
    return columns


# --- one row --------------------------------------------------------------------------------------------------


class _RowProblems:
    """Collects one row's problems with the file's column titles, to be reported in the file's column order."""

    def __init__(self, line: int, parsed: ParsedRoster, columns: dict[str, int]) -> None:
        self.line, self.parsed, self.columns = line, parsed, columns
        self.found: list[tuple[int, Problem]] = []

    @property
    def count(self) -> int:
        return len(self.found)

    def add(self, name: str, message: str) -> None:
        position = self.columns.get(name, len(self.columns))
        self.found.append((position, Problem(self.line, self.parsed.column(name), message)))

    def report(self) -> None:
        self.parsed.errors.extend(problem for _position, problem in sorted(self.found, key=lambda f: f[0]))


def _parse_row(
    line: int, values: Sequence[Any], columns: dict[str, int], parsed: ParsedRoster, today: dt.date, kind: str = ""
) -> RosterRow | None:
    width = len(values)
    cells = {name: values[i] for name, i in columns.items() if i < width}
    problems = _RowProblems(line, parsed, columns)
    last, first, middle = _names(cells, problems)
    category = _category(cells.get("category"), problems)
    birth_date = _birth_date(cells.get("birth_date"), category, today, problems)
    school_class = _school_class(cells.get("school_class"), category, problems, kind)
    experience = _experience(cells.get("experience_years"), problems)
    email = _email(cells.get("email"), problems)
    phone = _phone(cells.get("phone"), problems)
    subject = _limited("subject", _text(cells.get("subject")), problems)
    workplace = _limited("workplace", _text(cells.get("workplace")), problems)
    guardians = _guardian_refs(cells.get("guardians"), category, problems)
    external_id = _limited("external_id", _text(cells.get("external_id")), problems)
    if problems.count:
        problems.report()
        if last and first:
            parsed.refused_names.add(person_key(last, first, middle))
        return None
    # Names, classes and workplaces repeat from row to row: one shared string each keeps a big file's rows small.
    return RosterRow(
        line=line,
        last_name=last,
        first_name=sys.intern(first),
        middle_name=sys.intern(middle),
        birth_date=birth_date,
        category=category,
        school_class=sys.intern(school_class),
        subject=sys.intern(subject),
        experience_years=experience,
        email=email,
        phone=phone,
        workplace=sys.intern(workplace),
        guardians=guardians,
        external_id=external_id,
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if type(value) is not str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime | dt.date):
            return value.strftime("%d.%m.%Y")
        value = str(value)
    if "\u200b" in value or "\ufeff" in value:
        value = value.replace("\u200b", "").replace("\ufeff", "")
    return " ".join(value.split())  # also folds no-break and other Unicode spaces


def _limited(name: str, text: str, problems: _RowProblems) -> str:
    limit = MAX_LENGTHS[name]
    if len(text) > limit:
        problems.add(
            name, _("слишком длинно: %(n)s знаков при допустимых %(limit)s") % {"n": len(text), "limit": limit}
        )
    return text


def _names(cells: dict[str, Any], problems: _RowProblems) -> tuple[str, str, str]:
    if "full_name" in cells:
        words = _text(cells["full_name"]).split(" ")
        words = [w for w in words if w]
        if len(words) < 2:
            problems.add("full_name", _("нужны фамилия и имя (и отчество, если есть) через пробел"))
            return "", "", ""
        last, first, middle = words[0], words[1], " ".join(words[2:])
        for value in (last, first, middle):
            _check_name("full_name", value, problems)
        return _capitalised(last), _capitalised(first), _capitalised(middle)
    result = []
    for name in ("last_name", "first_name", "middle_name"):
        value = _text(cells.get(name))
        if not value and name != "middle_name":
            problems.add(name, _("не заполнено — обязательное поле"))
        _check_name(name, value, problems)
        result.append(_capitalised(value))
    return result[0], result[1], result[2]


def _check_name(name: str, value: str, problems: _RowProblems) -> None:
    if not value or (len(value) <= 100 and _PLAIN_NAME.match(value)):
        return  # the usual case, decided by one regular expression
    if len(value) > MAX_LENGTHS.get(name, 100):
        problems.add(name, _("слишком длинно: %(n)s знаков") % {"n": len(value)})
    elif not _NAME_CHARS.match(value):
        problems.add(name, _("«%(value)s» — допустимы только буквы, пробел, дефис и апостроф") % {"value": value})
    elif _LATIN.search(value) and _CYRILLIC.search(value) and any(_mixed_script(w) for w in re.split(r"[-\s]", value)):
        problems.add(
            name,
            _("«%(value)s» — в одном слове смешаны русские и латинские буквы (проверьте раскладку)") % {"value": value},
        )


def _mixed_script(word: str) -> bool:
    return bool(_LATIN.search(word) and _CYRILLIC.search(word))


def _capitalised(value: str) -> str:
    """«ИВАНОВА» and «иванова» become «Иванова»; mixed case as typed is left alone («де Сото»)."""
    if not value or not (value.isupper() or value.islower()):
        return value
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), value)


def _category(value: Any, problems: _RowProblems) -> str:
    text = _text(value)
    if not text:
        problems.add("category", _("не заполнено — обязательное поле (%(allowed)s)") % {"allowed": ALLOWED_CATEGORIES})
        return ""
    key = re.sub(r"[^а-яa-z]+", " ", text.casefold().replace("ё", "е")).strip()
    category = CATEGORY_WORDS.get(key)
    if category is None:
        problems.add(
            "category",
            _("неизвестная категория «%(value)s»; допустимы: %(allowed)s")
            % {"value": text, "allowed": ALLOWED_CATEGORIES},
        )
        return ""
    return category


def _birth_date(value: Any, category: str, today: dt.date, problems: _RowProblems) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    date = _to_date(value)
    if date is None:
        problems.add(
            "birth_date",
            _("«%(value)s» — не дата; нужен формат ДД.ММ.ГГГГ, например 05.09.2012") % {"value": _text(value)},
        )
        return None
    if date > today:
        problems.add("birth_date", _("%(date)s — дата в будущем") % {"date": f"{date:%d.%m.%Y}"})
        return None
    if date.year < MIN_BIRTH_YEAR:
        problems.add("birth_date", _("%(date)s — неправдоподобная дата") % {"date": f"{date:%d.%m.%Y}"})
        return None
    if category:
        low, high = AGE_LIMITS[category]
        age = today.year - date.year - ((today.month, today.day) < (date.month, date.day))
        if not low <= age <= high:
            problems.add(
                "birth_date",
                _(
                    "%(date)s — возраст %(age)s неправдоподобен для категории «%(category)s» "
                    "(ожидается от %(low)s до %(high)s)"
                )
                % {
                    "date": f"{date:%d.%m.%Y}",
                    "age": age,
                    "category": CATEGORY_TITLES[category],
                    "low": low,
                    "high": high,
                },
            )
            return None
    return date


def _to_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_serial(value)
    text = _text(value)
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = match.groups()
        if len(year) != 4:
            return None  # «05.09.12»: the century is a guess we should not make
    else:
        match = _ISO_DATE.match(text)
        if not match:
            return None
        year, month, day = match.groups()
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _excel_serial(value: float) -> dt.date | None:
    """A date cell saved without a date format arrives as its serial number (days since 30.12.1899)."""
    if not 1 <= value < 100_000:
        return None
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))


SCHOOL_KINDS = frozenset({"school", "lyceum", "gymnasium"})
MAX_GRADE = 11


def _school_class(value: Any, category: str, problems: _RowProblems, kind: str = "") -> str:
    """«7А» for a school (grades 1–11 with a letter, or the school's own group name without digits); a
    kindergarten's and a college's groups («Солнышко», «ИС-21») are kept as written."""
    if isinstance(value, dt.date) and category == "pupil" and kind in SCHOOL_KINDS:
        problems.add("school_class", _("«%(value)s» — это дата, а не класс (например, 7А)") % {"value": _text(value)})
        return ""
    text = _text(value)
    if not text:
        if category == "pupil":
            problems.add("school_class", _("не заполнено — для обучающегося класс обязателен (например, 7А)"))
        return ""
    match = _CLASS.match(text)
    if match:
        grade, letter = match.groups()
        text = f"{int(grade)}{letter.translate(_LOOKALIKES).upper()}"
    if category == "pupil" and kind in SCHOOL_KINDS and any(ch.isdigit() for ch in text):
        number = int(match.group(1)) if match else (int(text) if text.isdigit() else None)
        if number is None or not 1 <= number <= MAX_GRADE:
            problems.add(
                "school_class",
                _(
                    "«%(value)s» — класс пишется номером от 1 до 11 с буквой (например, 7А) "
                    "или названием группы без цифр"
                )
                % {"value": text},
            )
            return ""
    return _limited("school_class", text, problems)


def _experience(value: Any, problems: _RowProblems) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: float | None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        match = _EXPERIENCE.match(_text(value).casefold())
        number = float(match.group(1).replace(",", ".")) if match else None
    if number is None or not 0 <= number <= MAX_EXPERIENCE:
        problems.add(
            "experience_years",
            _("«%(value)s» — стаж должен быть числом лет от 0 до %(max)s")
            % {"value": _text(value), "max": MAX_EXPERIENCE},
        )
        return None
    return int(number)  # completed years: 12,5 years is 12


def _email(value: Any, problems: _RowProblems) -> str:
    text = _text(value)
    if not text:
        return ""
    if text.lower().startswith("mailto:"):
        text = text[7:]
    try:
        validate_email(text)
    except ValidationError:
        problems.add("email", _("«%(value)s» — неверный адрес электронной почты (нужен один адрес)") % {"value": text})
        return ""
    local, _at, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def _phone(value: Any, problems: _RowProblems) -> str:
    text = _text(value)
    if not text:
        return ""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    if len(digits) != 10 or digits[0] not in "3489" or re.search(r"[^\d\s()+\-.]", text):
        problems.add(
            "phone",
            _("«%(value)s» — не похоже на российский номер; нужен один номер, например +7 (912) 345-67-89")
            % {"value": text},
        )
        return ""
    return f"+7 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}"


def _guardian_refs(value: Any, category: str, problems: _RowProblems) -> tuple[str, ...]:
    text = _text(value)
    if not text:
        return ()
    if category and category not in GUARDED_CATEGORIES:
        problems.add("guardians", _("законного представителя указывают только у обучающихся и студентов"))
        return ()
    refs = tuple(part.strip() for part in re.split(r"[;\n]", text) if part.strip())
    for ref in refs:
        if len(_GUARDIAN_DATE.sub("", ref).split()) < 2:
            problems.add("guardians", _("«%(value)s» — укажите фамилию, имя и отчество представителя") % {"value": ref})
    return refs


# --- guardians and duplicates ---------------------------------------------------------------------------------


def _duplicate_in_file(first_line: int) -> str:
    return _("повторяет строку %(line)s: те же фамилия, имя, отчество и дата рождения") % {"line": first_line}


def _link_guardian(
    row: RosterRow,
    reference: str,
    in_file: dict[str, list[RosterRow]],
    existing: ExistingPeople,
    parsed: ParsedRoster,
) -> None:
    date_match = _GUARDIAN_DATE.search(reference)
    birth = _to_date(date_match.group(1)) if date_match else None
    name = person_key(*_split_name(_GUARDIAN_DATE.sub("", reference)))
    file_hits = [r for r in in_file.get(name, []) if birth is None or r.birth_date == birth]
    in_file_pks = {parsed.matches.get(r.line) for r in file_hits}
    # A guardian both in the file and already in the organisation is one person, found once.
    db_hits = [
        e for e in existing.by_name.get(name, []) if (birth is None or e[1] == birth) and e[0] not in in_file_pks
    ]
    column = parsed.column("guardians")
    hits = len(file_hits) + len(db_hits)
    if hits == 0 and name in parsed.refused_names:
        return  # the guardian's own row has problems, shown there; the link resolves once they are fixed
    if hits == 0:
        parsed.errors.append(
            Problem(
                row.line,
                column,
                _(
                    "«%(value)s» не найден ни в файле, ни среди людей организации — "
                    "добавьте его отдельной строкой с категорией «родитель»"
                )
                % {"value": reference},
            )
        )
    elif hits > 1:
        parsed.errors.append(
            Problem(
                row.line,
                column,
                _("«%(value)s» — таких людей несколько; допишите дату рождения, например «%(value)s, 12.03.1985»")
                % {"value": reference},
            )
        )
    elif file_hits and file_hits[0] is row:
        parsed.errors.append(Problem(row.line, column, _("человек не может быть своим законным представителем")))
    elif (file_hits and file_hits[0].category in GUARDED_CATEGORIES) or (
        db_hits and db_hits[0][2] in GUARDED_CATEGORIES
    ):
        parsed.errors.append(
            Problem(
                row.line,
                column,
                _("«%(value)s» — обучающийся, он не может быть законным представителем") % {"value": reference},
            )
        )
    else:
        parsed.links.append((row.line, file_hits[0].line if file_hits else None, db_hits[0][0] if db_hits else None))


def _split_name(text: str) -> tuple[str, str, str]:
    words = _text(text).split(" ")
    return words[0], words[1] if len(words) > 1 else "", " ".join(words[2:])
