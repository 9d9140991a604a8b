"""The roadmap as an XLSX workbook: the table a coordinator hands to the director or the municipality."""

import datetime as dt
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from nastavnik.programs.models import Activity, Roadmap, Stage
from nastavnik.programs.selectors import activity_overdue
from nastavnik.spreadsheet import safe_row

COLUMN_WIDTHS = (28, 60, 26, 30, 60, 36, 18)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
OVERDUE_FILL = PatternFill("solid", fgColor="F8D7DA")


def headers() -> list[str]:
    return [
        _("Этап"),
        _("Мероприятие"),
        _("Сроки"),
        _("Ответственные"),
        _("Результат"),
        _("Контрольная точка"),
        _("Статус"),
    ]


def activity_cells(activity: Activity, *, today: dt.date, show_people: bool) -> list[str]:
    """One row of the roadmap table, in the order of `headers()`; shared by the XLSX and the printable page."""
    stage = activity.stage_title or Stage(activity.stage).label
    title = f"{activity.number}. {activity.title}" if activity.number else activity.title
    period = f"{activity.starts_on:%d.%m.%Y} – {activity.ends_on:%d.%m.%Y}"
    if activity.period_text:
        period = f"{period}\n{activity.period_text}"
    responsible = activity.responsible_text
    if show_people and activity.responsible_id:
        responsible = f"{responsible}\n{activity.responsible.short_name}".strip()
    control = f"{_('КТ')}: {activity.control_point}" if activity.control_point else ""
    status = str(activity.get_status_display())
    if activity.status == Activity.Status.DONE and activity.done_on:
        status = f"{status} {activity.done_on:%d.%m.%Y}"
    elif activity_overdue(activity, today=today):
        status = f"{status}, {_('просрочено')}"
    return [str(stage), title, period, responsible, activity.expected_result, control, status]


def roadmap_xlsx(*, roadmap: Roadmap, today: dt.date, show_people: bool) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Дорожная карта")
    ws.append(safe_row([roadmap.title]))
    ws["A1"].font = Font(bold=True, size=13)
    subtitle = f"{roadmap.organization.name}. {_('Сроки')}: {roadmap.starts_on:%d.%m.%Y} – {roadmap.ends_on:%d.%m.%Y}"
    if roadmap.approved_on:
        subtitle += f". {_('Утверждена')} {roadmap.approved_on:%d.%m.%Y}"
    ws.append(safe_row([subtitle]))
    ws.append(headers())
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
        cell = ws.cell(row=3, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    wrap = Alignment(wrap_text=True, vertical="top")
    # A roadmap from `selectors.roadmaps_with_activities` has them loaded with the responsible people.
    for activity in roadmap.activities.all():
        ws.append(safe_row(activity_cells(activity, today=today, show_people=show_people)))
        overdue = activity_overdue(activity, today=today)
        for cell in ws[ws.max_row]:
            cell.alignment = wrap
            if overdue:
                cell.fill = OVERDUE_FILL
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(COLUMN_WIDTHS))}{ws.max_row}"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
