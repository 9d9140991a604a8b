"""The statistics workbook a municipality sends up: one sheet per form, counts of people suppressed exactly as on
the pages («<10», «…»), shares as percent cells, Russian headers, the municipality and the date on every sheet."""

from __future__ import annotations

import datetime as dt
import io

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from nastavnik.documents.models import Order
from nastavnik.municipal import selectors
from nastavnik.municipal.suppression import Cell
from nastavnik.orgs.models import Municipality, Organization
from nastavnik.programs.models import Roadmap

HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# One instance of each style: openpyxl looks a style up in the workbook's table on every assignment.
TITLE_FONT = Font(bold=True, size=13)
BOLD = Font(bold=True)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
RIGHT = Alignment(horizontal="right")
PERCENT = "0%"
DATE = "DD.MM.YYYY"


def safe_text(value: str) -> str:
    """Text that a spreadsheet would take for a formula is written with a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Sheet:
    """A streamed sheet (the workbook is write-only: rows go to the file as they come, in constant memory, and
    only the cells that need a style become cell objects)."""

    def __init__(
        self,
        wb: Workbook,
        title: str,
        *,
        municipality: Municipality,
        today: dt.date,
        year: int,
        headers: list[str],
        percent_columns: set[int] = frozenset(),
    ):
        self.ws = wb.create_sheet(title[:31])
        self.percent_columns = percent_columns
        # Column widths and the frozen panes must be set before the first row is written.
        for col in range(1, len(headers) + 1):
            self.ws.column_dimensions[get_column_letter(col)].width = 40 if col == 1 else 16
        self.ws.freeze_panes = "B5"
        self.ws.append([self._styled(safe_text(title), font=TITLE_FONT)])
        self.ws.append(
            [
                safe_text(
                    _("%(m)s. Учебный год %(y1)d/%(y2)d. Сформировано %(d)s.")
                    % {"m": municipality.name, "y1": year, "y2": year + 1, "d": today.strftime("%d.%m.%Y")}
                )
            ]
        )
        self.ws.append(
            [_("«<10» — число от 1 до 9 скрыто; «…» — число скрыто, чтобы малое нельзя было вычислить из итога.")]
        )
        self.ws.append(
            [self._styled(str(h), font=BOLD, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT) for h in headers]
        )

    def _styled(self, value, *, font=None, fill=None, alignment=None, number_format=None) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        if number_format is not None:
            cell.number_format = number_format
        return cell

    def row(self, values: list, *, bold: bool = False) -> None:
        self.ws.append([self._cell(col, value, bold) for col, value in enumerate(values, start=1)])

    def _cell(self, col: int, value, bold: bool):
        font = BOLD if bold else None
        if isinstance(value, Cell):
            if value.hidden:
                return self._styled(value.text, font=font, alignment=RIGHT)
            value = value.number
        elif isinstance(value, str):
            # safe_text leaves no leading «=», so the plain string is stored as text, never as a formula.
            value = safe_text(value)
        elif isinstance(value, float) and col in self.percent_columns:
            return self._styled(value, font=font, number_format=PERCENT)
        elif isinstance(value, dt.date):
            return self._styled(value, font=font, number_format=DATE)
        return self._styled(value, font=font) if bold else value


def build_workbook(*, municipality: Municipality, year: int, today: dt.date | None = None) -> Workbook:
    today = today or timezone.localdate()
    organizations = list(Organization.objects.filter(municipality=municipality).order_by("short_name"))
    common = {"municipality": municipality, "today": today, "year": year}
    wb = Workbook(write_only=True)

    sheet = _Sheet(
        wb,
        _("Организации и дорожные карты"),
        headers=[
            _("Организация"),
            _("Тип"),
            _("Дорожная карта"),
            _("Утверждена"),
            _("Приказ"),
            _("Мероприятий"),
            _("Выполнено"),
            _("Срок в ближайшие 30 дней"),
            _("Просрочено"),
        ],
        **common,
    )
    # Labels translated once, not once a row: a region has a thousand rows.
    kinds = {value: str(label) for value, label in Organization.Kind.choices}
    statuses = {value: str(label) for value, label in Roadmap.Status.choices}
    none, of = _("нет"), _("от")
    for r in selectors.roadmap_rows(organizations=organizations, today=today):
        status = none if r.roadmap is None else statuses.get(r.roadmap.status, r.roadmap.status)
        order = f"№ {r.order.display_number} {of} {r.order.date:%d.%m.%Y}" if r.order else ""
        approved = r.roadmap.approved_on if r.roadmap and r.roadmap.approved_on else None
        sheet.row(
            [
                r.organization.short_name,
                kinds.get(r.organization.kind, r.organization.kind),
                status,
                approved,
                order,
                r.total,
                r.done,
                r.due,
                r.overdue,
            ]
        )

    forms = selectors.forms_table(organizations=organizations, year=year)
    sheet = _Sheet(
        wb, _("Участники по формам и ролям"), headers=[_("Форма наставничества"), *selectors.HEADS["forms"]], **common
    )
    for row in forms.rows:
        sheet.row([row.label, *row.plain, *row.cells])
    sheet.row([_("Итого"), *forms.plain_totals, *forms.totals], bold=True)

    cover = selectors.coverage(organizations=organizations, year=year)
    sheet = _Sheet(
        wb,
        _("Охват наставничеством"),
        headers=[
            _("Организация"),
            _("Обучающихся в наставничестве"),
            _("Обучающихся всего"),
            _("Доля обучающихся"),
            _("Педагогов в наставничестве"),
            _("Педагогов всего"),
            _("Доля педагогов"),
            _("Численность"),
        ],
        percent_columns={4, 7},
        **common,
    )
    entered, counted = _("введена"), _("по спискам")
    for c in [*cover.rows, cover.total]:
        name = c.organization.short_name if c.organization else _("Муниципалитет (цель — 70 %)")
        source = "" if c.organization is None else (entered if c.entered else counted)
        sheet.row(
            [
                name,
                c.pupils_in,
                c.pupils,
                c.pupils_share if c.pupils_share is not None else "—",
                c.teachers_in,
                c.teachers,
                c.teachers_share if c.teachers_share is not None else "—",
                source,
            ],
            bold=c.organization is None,
        )

    quarters = selectors.quarters_table(organizations=organizations, year=year)
    sheet = _Sheet(
        wb,
        _("Показатели по кварталам"),
        headers=[_("Квартал"), *selectors.HEADS["health"]],
        percent_columns={6},
        **common,
    )
    for row in quarters.rows:
        sheet.row([row.label, *row.cells, *(s if s is not None else "—" for s in row.shares)])
    sheet.row([_("Итого"), *quarters.totals, *(s if s is not None else "—" for s in quarters.total_shares)], bold=True)
    for item in selectors.monitoring_indicators(organizations=organizations, year=year):
        sheet.row([f"{item['title']}, {item['unit']}" if item["unit"] else item["title"], *item["by_quarter"]])

    mentors = selectors.mentors_by_category(organizations=organizations, year=year)
    sheet = _Sheet(
        wb, _("Наставники по категориям"), headers=[_("Кто наставник"), *selectors.HEADS["mentors"]], **common
    )
    for row in mentors.rows:
        sheet.row([row.label, *row.cells])
    sheet.row([_("Итого"), *mentors.totals], bold=True)

    health = selectors.health_by_organization(organizations=organizations, year=year)
    start, end = selectors.school_year_bounds(year)
    rewards = dict(
        Order.objects.filter(
            organization__municipality=municipality, kind=Order.Kind.REWARD, status=Order.Status.SIGNED,
            date__range=(start, end),
        )
        .values_list("organization_id")
        .annotate(n=Count("id"))
    )
    sheet = _Sheet(
        wb,
        _("Завершение и поощрения"),
        headers=[
            _("Организация"),
            _("Пар завершено"),
            _("Прекращено досрочно"),
            _("Доля досрочных прекращений"),
            _("Приказов о поощрении"),
        ],
        percent_columns={4},
        **common,
    )
    for org, row in zip(organizations, health.rows, strict=True):
        share = row.shares[0]
        sheet.row(
            [org.short_name, row.cells[1], row.cells[2], share if share is not None else "—", rewards.get(org.pk, 0)]
        )
    total_share = health.total_shares[0]
    sheet.row(
        [
            _("Итого"),
            health.totals[1],
            health.totals[2],
            total_share if total_share is not None else "—",
            sum(rewards.values()),
        ],
        bold=True,
    )
    return wb


def workbook_bytes(*, municipality: Municipality, year: int, today: dt.date | None = None) -> bytes:
    buffer = io.BytesIO()
    build_workbook(municipality=municipality, year=year, today=today).save(buffer)
    return buffer.getvalue()
