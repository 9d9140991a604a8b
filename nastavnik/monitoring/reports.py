"""Monitoring documents as DOCX (python-docx) and PDF (LibreOffice, `documents.rendering.docx_to_pdf`):

- the approved SWOT table of a programme (seed 000, stage 1);
- the quarterly control report and the curator's final analytical report (seed 004 §6.2.2: «осуществляет
  мониторинг эффективности и результативности … формирует итоговый аналитический отчёт»): the programme, its pairs,
  meetings held against planned, the SWOT, the indicator table at the start and now, the dynamics with charts and
  the verdict in words, the pairs' health and — when the monitoring app offers it — which way of forming pairs
  held up better.

Everything is read from what the system already records; the texts are the official Russian of school documents
(like the orders and the pair's programme), so they are written here rather than translated.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from nastavnik.documents.ru import date_long, date_short, initials_before, number_ru, period_ru, plural_ru
from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.monitoring import charts, indicators, selectors, swot, swot_selectors
from nastavnik.monitoring.models import Side, SwotAnalysis
from nastavnik.programs.models import Program

QUARTERLY = "quarterly"
FINAL = "final"
KINDS = {QUARTERLY: "Квартальный контрольный отчёт", FINAL: "Итоговый аналитический отчёт"}
QUADRANT_TITLES = {
    swot.STRENGTHS: "Сильные стороны",
    swot.WEAKNESSES: "Слабые стороны",
    swot.OPPORTUNITIES: "Возможности",
    swot.THREATS: "Угрозы",
}
HEALTH_LIST_MAX = 50  # pairs needing a check listed by name; the rest are counted


# --- python-docx helpers ------------------------------------------------------------------------------------------


def _document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(12)
    return doc


def _para(doc, text: str, *, bold: bool = False, center: bool = False, size: int | None = None, before: int = 0):
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    return paragraph


def _heading(doc, text: str) -> None:
    _para(doc, text, bold=True, size=13, before=12)


# Six or more columns at 12 pt break names and dates in the middle («Виноград-ова»); eight need 9 pt.
WIDE_TABLE_FONT = Pt(10)
WIDEST_TABLE_FONT = Pt(9)


def _table(doc, headers: list[str], rows: Iterable[Iterable[object]], *, widths: list[float] | None = None) -> None:
    """A grid table; `widths` (cm, summing to the 17 cm between the margins) keeps names and dates whole."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    small = WIDEST_TABLE_FONT if len(headers) >= 8 else WIDE_TABLE_FONT if len(headers) >= 6 else None
    if widths:
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
    for position, (cell, text) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        if small:
            run.font.size = small
        if widths:
            cell.width = Cm(widths[position])
    rows = list(rows)
    if not rows:
        return
    # One row through python-docx, the rest as copies of its XML: setting cell.text costs about a millisecond a
    # cell, and a programme of a thousand pairs has eight thousand of them.
    model = table.add_row()
    for position, cell in enumerate(model.cells):
        cell.text = "-"
        if small:
            cell.paragraphs[0].runs[0].font.size = small
        if widths:
            cell.width = Cm(widths[position])
    texts_of = [cell._tc.xpath(".//w:t")[0] for cell in model.cells]
    for position, value in enumerate(rows[0]):
        texts_of[position].text = _cell(value)
    for row in rows[1:]:
        tr = copy.deepcopy(model._tr)
        for node, value in zip(tr.xpath("./w:tc//w:t"), row, strict=True):
            node.text = _cell(value)
        table._tbl.append(tr)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        return number_ru(value, 0 if value.is_integer() else 2)
    if isinstance(value, dt.date):
        return date_short(value)
    return str(value)


def _quoted(title: str) -> str:
    """A programme's name in «quotes», unless the name already has its own («Ученик – ученик» …)."""
    return title if "«" in title else f"«{title}»"


def _bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- the SWOT table -----------------------------------------------------------------------------------------------


def _swot_table(doc, analysis: SwotAnalysis) -> None:
    """Seed 000's layout: internal factors (strengths, weaknesses) above external ones (opportunities, threats)."""
    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    cells = [table.cell(0, 0), table.cell(0, 1), table.cell(1, 0), table.cell(1, 1)]
    for cell, quadrant in zip(cells, swot.QUADRANTS, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(QUADRANT_TITLES[quadrant]).bold = True
        lines = getattr(analysis, quadrant) or ["—"]
        for line in lines:
            cell.add_paragraph(f"– {line}" if line != "—" else line)


def _swot_approval(analysis: SwotAnalysis) -> str:
    when = timezone.localtime(analysis.approved_at).date()
    return f"Утверждён {date_long(when)}, {analysis.approved_by_name}."


def swot_docx(*, analysis: SwotAnalysis) -> bytes:
    program = analysis.program
    doc = _document()
    _para(doc, program.organization.name, center=True)
    _para(doc, "SWOT-анализ программы наставничества", bold=True, center=True, size=14, before=12)
    _para(doc, f"{_quoted(program.title)}, {period_ru(program.starts_on, program.ends_on)}", center=True)
    _para(
        doc,
        "Сильные и слабые стороны — внутренние факторы программы, возможности и угрозы — внешние. Таблица "
        "составлена по анкетам участников и куратора о качестве программы и по данным системы «Наставник».",
        before=12,
    )
    _swot_table(doc, analysis)
    _para(doc, _swot_approval(analysis), before=12)
    signers = [initials_before(p.last_name, p.first_name, p.middle_name) for p in program.curators.all()]
    _para(doc, _sign_line(signers), before=24)
    return _bytes(doc)


def swot_filename(*, analysis: SwotAnalysis) -> str:
    return f"swot_{analysis.program_id}_{timezone.localtime(analysis.approved_at):%Y%m%d}.docx"


# --- the reports: data ------------------------------------------------------------------------------------------


@dataclass
class PairRow:
    mentor: str
    mentee: str
    status: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    held: int
    scheduled: int
    expected: int


@dataclass
class ReportData:
    program: Program
    kind: str
    today: dt.date
    period_start: dt.date
    pairs: list[PairRow]
    status_counts: list[tuple[str, int]]
    swot: SwotAnalysis | None
    indicator_dates: list[dt.date]
    indicator_rows: list[indicators.Row]
    dynamics: list[selectors.MeasureDynamics]
    health: list[selectors.PairHealth]
    outcomes: object = None  # what `selectors.matching_outcomes` returned, when the selector exists
    curators: list[str] = field(default_factory=list)
    signers: list[str] = field(default_factory=list)  # «О. А. Власова», under the curator's signature


def _expected_meetings(m: Mentorship, today: dt.date) -> int:
    """Meetings the programme's rule asks for over the pair's time together (at least one, the acquaintance)."""
    end = min(filter(None, (m.ends_on, today)))
    if m.starts_on is None or end < m.starts_on:
        return 0
    return max(1, (end - m.starts_on).days // m.program.meeting_interval_days)


def _pairs(program: Program, today: dt.date) -> list[PairRow]:
    """Every pair that took part, with meetings held, scheduled (not cancelled) and expected by the rule."""
    pairs = (
        Mentorship.objects.filter(program=program, status__in=selectors.COUNTED)
        .select_related("mentor", "mentee", "program")
        .annotate(
            held=Count("meetings", filter=Q(meetings__status=Meeting.Status.HELD)),
            scheduled=Count(
                "meetings",
                filter=~Q(meetings__status__in=(Meeting.Status.CANCELLED, Meeting.Status.RESCHEDULED)),
            ),
        )
        .order_by("mentor__last_name", "mentee__last_name", "pk")
    )
    return [
        PairRow(
            m.mentor.full_name,
            m.mentee.full_name,
            m.get_status_display(),
            m.starts_on,
            m.ends_on,
            m.held,
            m.scheduled,
            _expected_meetings(m, today),
        )
        for m in pairs
    ]


def _outcomes(program: Program) -> object:
    """The strategy comparison, only when the monitoring app offers it (another part of issue 11 adds it)."""
    matching_outcomes = getattr(selectors, "matching_outcomes", None)
    return matching_outcomes(program=program) if callable(matching_outcomes) else None


def report_data(*, program: Program, kind: str, today: dt.date | None = None) -> ReportData:
    today = today or timezone.localdate()
    health = selectors.pair_health(pairs=selectors.health_queryset(programs=[program]), today=today)
    dates, rows = indicators.table(
        program=program,
        today=today,
        improved=selectors.results_improved(program=program),
        meeting_share=selectors.meeting_share(health),
    )
    statuses = dict(
        Mentorship.objects.filter(program=program, status__in=selectors.COUNTED)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return ReportData(
        program=program,
        kind=kind,
        today=today,
        period_start=dates[-2] if kind == QUARTERLY and len(dates) > 1 else program.starts_on,
        pairs=_pairs(program, today),
        status_counts=[(label, statuses.get(code, 0)) for code, label in Mentorship.Status.choices if code in statuses],
        swot=swot_selectors.latest(program=program),
        indicator_dates=dates,
        indicator_rows=rows,
        dynamics=selectors.dynamics(program=program),
        health=health,
        outcomes=_outcomes(program),
        curators=[p.full_name for p in program.curators.all()],
        signers=[initials_before(p.last_name, p.first_name, p.middle_name) for p in program.curators.all()],
    )


def report_people(data: ReportData) -> list:
    """Whom the report names (the access log records the download as a read of their data)."""
    qs = Mentorship.objects.filter(program=data.program, status__in=selectors.COUNTED).select_related(
        "mentor", "mentee"
    )
    return [person for m in qs for person in (m.mentor, m.mentee)]


# --- the reports: sections --------------------------------------------------------------------------------------


def _title(doc, data: ReportData) -> None:
    program = data.program
    _para(doc, program.organization.name, center=True)
    _para(doc, KINDS[data.kind], bold=True, center=True, size=14, before=12)
    _para(doc, f"о реализации программы наставничества {_quoted(program.title)}", center=True)
    _para(doc, f"за период {period_ru(data.period_start, min(data.today, program.ends_on))}", center=True)


def _section_program(doc, data: ReportData) -> None:
    program = data.program
    _heading(doc, "1. Программа")
    _table(
        doc,
        ["Сведения", "Значение"],
        [
            ("Форма наставничества", program.form.name),
            ("Срок реализации", period_ru(program.starts_on, program.ends_on)),
            ("Статус", program.get_status_display()),
            ("Встречи пар", _interval_words(program.meeting_interval_days)),
            ("Кураторы", ", ".join(data.curators) or "—"),
        ],
    )


def _interval_words(days: int) -> str:
    """«не реже одного раза в 14 дней» (not «14 дн.»), «… в 7 дней», «… в 1 день»."""
    return f"не реже одного раза в {days} {plural_ru(days, 'день', 'дня', 'дней')}"


def _sign_line(signers: list[str]) -> str:
    """The curator signs under her name; a blank for the name only when the programme has no curator."""
    name = ", ".join(signers) if signers else "____________________"
    return f"Куратор программы ____________________ / {name}"


def _lower_first(text: str) -> str:
    """After a colon a Russian sentence goes on in lower case («… (наставляемые): показатель вырос»)."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _section_pairs(doc, data: ReportData) -> None:
    _heading(doc, "2. Пары и встречи")
    held = sum(p.held for p in data.pairs)
    scheduled = sum(p.scheduled for p in data.pairs)
    expected = sum(p.expected for p in data.pairs)
    counts = "; ".join(f"{label.lower()} — {n}" for label, n in data.status_counts) or "пар нет"
    _para(doc, f"Всего пар: {len(data.pairs)} ({counts}).")
    _para(
        doc,
        f"Встреч проведено: {held}; запланировано в графиках пар: {scheduled}; "
        f"требуется по правилу программы: {expected}.",
    )
    if data.pairs:
        _table(
            doc,
            ["Наставник", "Наставляемый", "Статус", "Начало", "Окончание", "Проведено", "В графике", "По правилу"],
            [dataclasses.astuple(p) for p in data.pairs],
            widths=[2.7, 2.7, 2.0, 2.1, 2.1, 1.8, 1.8, 1.8],
        )


def _section_swot(doc, data: ReportData, number: int) -> None:
    _heading(doc, f"{number}. SWOT-анализ программы")
    if data.swot is None:
        _para(doc, "SWOT-анализ программы ещё не утверждён куратором.")
        return
    _swot_table(doc, data.swot)
    _para(doc, _swot_approval(data.swot))


def _section_indicators(doc, data: ReportData, number: int) -> None:
    start, now = data.indicator_dates[0], data.indicator_dates[-1]
    _heading(doc, f"{number}. Показатели эффективности: на начало и на {date_short(now)}")
    _table(
        doc,
        ["Показатель", f"На {date_short(start)}", f"На {date_short(now)}", "Источник"],
        [
            (
                row.title,
                row.values[0][0],
                row.values[-1][0],
                {"hand": "введено вручную", "data": "по данным системы"}.get(row.values[-1][1], "—"),
            )
            for row in data.indicator_rows
        ],
    )


def _bars(item: selectors.MeasureDynamics) -> list[tuple[str, str, float]]:
    bars = [("entry", "На входе", item.result.entry_mean), ("exit", "На выходе", item.result.exit_mean)]
    if item.intermediate_mean is not None:
        bars.insert(1, ("intermediate", "Промежуточно", item.intermediate_mean))
    return [bar for bar in bars if bar[2] is not None]


def _section_dynamics(doc, data: ReportData, number: int) -> None:
    _heading(doc, f"{number}. Динамика участников: вход и выход")
    if not data.dynamics:
        _para(doc, "Входных и итоговых измерений пока нет.")
        return
    _table(
        doc,
        ["Показатель", "Кто", "Участников с двумя замерами", "Среднее на входе", "Среднее на выходе", "Вывод"],
        [
            (
                item.title,
                Side(item.side).label,
                item.result.n,
                item.result.entry_mean,
                item.result.exit_mean,
                selectors.verdict_words(item),
            )
            for item in data.dynamics
        ],
        widths=[3.4, 2.6, 2.6, 1.8, 1.8, 4.8],
    )
    for item in data.dynamics:
        _para(doc, f"{item.title} ({Side(item.side).label.lower()})", bold=True, before=6)
        _para(doc, selectors.verdict_words(item))
        # The effect as the pages give it: r, then d on the scale of the published benchmark.
        for words in (selectors.effect_words(item), selectors.standardised_words(item)):
            if words:
                _para(doc, words)
        bars = _bars(item)
        if bars:
            doc.add_picture(io.BytesIO(charts.waves_png(title=item.title, bars=bars)), width=Cm(11))
    _para(doc, selectors.benchmark_words(), before=6)


def _section_health(doc, data: ReportData, number: int) -> None:
    _heading(doc, f"{number}. Состояние работающих пар")
    counts = selectors.health_counts(data.health)
    _table(doc, ["Состояние", "Пар"], [(label, n) for _code, label, n in counts])
    check = [h for h in data.health if h.state == selectors.CHECK]
    if check:
        _para(doc, "Пары, которым нужна проверка, и причины:", before=6)
        _table(
            doc,
            ["Пара", "Причины"],
            [
                (f"{h.mentorship.mentor.full_name} — {h.mentorship.mentee.full_name}", "; ".join(h.reasons))
                for h in check[:HEALTH_LIST_MAX]
            ],
        )
        if len(check) > HEALTH_LIST_MAX:
            _para(doc, f"…и ещё {len(check) - HEALTH_LIST_MAX} пар (полный список — на странице мониторинга).")


def _estimate(value: object, *, percent: bool = False) -> str:
    """«12 % (5–25 %)», or «мало данных» below the comparison's threshold, or a dash when nothing is measured."""
    if value is None or getattr(value, "value", None) is None:
        return "—"
    if getattr(value, "few", False):
        return "мало данных"
    k, unit = (100, " %") if percent else (1, "")

    def fmt(x: float) -> str:
        return number_ru(x * k, 1)

    text = f"{fmt(value.value)}{unit}"
    if value.low is not None and value.high is not None:
        text += f" ({fmt(value.low)}–{fmt(value.high)}{unit})"
    return text


def _section_outcomes(doc, data: ReportData, number: int) -> bool:
    """Seed 000: «анализ и корректировка сформированных стратегий образования пар» — outcomes by how pairs were made."""
    outcomes = data.outcomes
    if not isinstance(outcomes, dict) or not outcomes.get("tables"):
        return False
    _heading(doc, f"{number}. Какие способы формирования пар оправдали себя")
    _para(
        doc,
        f"Пар: {outcomes['pairs']}, из них завершено: {outcomes['closed']}. В скобках — 95-процентный "
        f"интервал; «мало данных» — меньше {outcomes['min_group']} пар в группе.",
    )
    headers = ["Группа", "Пар", "Завершено", "Досрочно завершены", "Итоговая оценка (1–10)", "Изменение у наставляемых"]
    for table in outcomes["tables"]:
        _para(doc, str(table["title"]), bold=True, before=6)
        _table(doc, headers, [
            [row["label"], row["pairs"], row["closed"], _estimate(row["premature_rate"], percent=True),
             _estimate(row["rating"]), _estimate(row["change"])]
            for row in table["rows"]
        ], widths=[5.0, 1.4, 2.2, 2.8, 2.6, 3.0])
    return True


def _section_conclusions(doc, data: ReportData, number: int) -> None:
    """The final report ends with the curator's conclusions, prepared from the figures for her to edit."""
    _heading(doc, f"{number}. Выводы и предложения")
    for item in data.dynamics:
        _para(doc, f"– {item.title} ({Side(item.side).label.lower()}): {_lower_first(selectors.verdict_words(item))}")
    if data.swot is not None:
        for line in data.swot.opportunities:
            _para(doc, f"– Использовать возможность: {_lower_first(line)}")
        for line in data.swot.threats:
            _para(doc, f"– Учесть риск: {_lower_first(line)}")
    _para(doc, _sign_line(data.signers), before=24)
    _para(doc, f"Дата составления: {date_long(data.today)}")


def report_docx(*, data: ReportData) -> bytes:
    doc = _document()
    _title(doc, data)
    _section_program(doc, data)
    _section_pairs(doc, data)
    number = 3
    for section in (_section_swot, _section_indicators, _section_dynamics, _section_health):
        section(doc, data, number)
        number += 1
    if _section_outcomes(doc, data, number):
        number += 1
    if data.kind == FINAL:
        _section_conclusions(doc, data, number)
    else:
        _para(doc, _sign_line(data.signers), before=24)
    return _bytes(doc)


def report_filename(*, data: ReportData, ext: str = "docx") -> str:
    return f"{data.kind}_report_{data.program.pk}_{data.today:%Y%m%d}.{ext}"
