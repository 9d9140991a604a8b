"""The statistics workbook a municipality sends up: one sheet per form, counts of people suppressed exactly as on
the pages («<10», «…»), shares as percent cells, Russian headers, the municipality and the date on every sheet."""

from __future__ import annotations

import datetime as dt
import io

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from nastavnik.documents.models import Order
from nastavnik.municipal import selectors
from nastavnik.municipal.suppression import Cell
from nastavnik.orgs.models import Municipality, Organization

HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text that a spreadsheet would take for a formula is written with a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _value(value):
    if isinstance(value, Cell):
        return value.number if not value.hidden else value.text
    if isinstance(value, str):
        return safe_text(value)
    return value


class _Sheet:
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
        self.ws.append([safe_text(title)])
        self.ws["A1"].font = Font(bold=True, size=13)
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
        self.ws.append([str(h) for h in headers])
        for col in range(1, len(headers) + 1):
            cell = self.ws.cell(row=4, column=col)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            self.ws.column_dimensions[get_column_letter(col)].width = 40 if col == 1 else 16
        self.ws.freeze_panes = "B5"

    def row(self, values: list, *, bold: bool = False) -> None:
        self.ws.append([_value(v) for v in values])
        row = self.ws.max_row
        for col, value in enumerate(values, start=1):
            cell = self.ws.cell(row=row, column=col)
            if isinstance(value, str):
                cell.data_type = "s"
            if col in self.percent_columns and isinstance(value, float):
                cell.number_format = "0%"
            if isinstance(value, Cell) and value.hidden:
                cell.alignment = Alignment(horizontal="right")
            if bold:
                cell.font = Font(bold=True)


def build_workbook(*, municipality: Municipality, year: int, today: dt.date | None = None) -> Workbook:
    today = today or timezone.localdate()
    organizations = list(Organization.objects.filter(municipality=municipality).order_by("short_name"))
    common = {"municipality": municipality, "today": today, "year": year}
    wb = Workbook()
    wb.remove(wb.active)

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
    for r in selectors.roadmap_rows(organizations=organizations, today=today):
        status = _("нет") if r.roadmap is None else str(r.roadmap.get_status_display())
        order = f"№ {r.order.display_number} {_('от')} {r.order.date:%d.%m.%Y}" if r.order else ""
        approved = r.roadmap.approved_on if r.roadmap and r.roadmap.approved_on else None
        sheet.row(
            [
                r.organization.short_name,
                str(r.organization.get_kind_display()),
                status,
                approved,
                order,
                r.total,
                r.done,
                r.due,
                r.overdue,
            ]
        )
        if approved:
            sheet.ws.cell(row=sheet.ws.max_row, column=4).number_format = "DD.MM.YYYY"

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
    for c in [*cover.rows, cover.total]:
        name = c.organization.short_name if c.organization else _("Муниципалитет (цель — 70 %)")
        source = "" if c.organization is None else (_("введена") if c.entered else _("по спискам"))
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
