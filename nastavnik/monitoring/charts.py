"""Server-rendered SVG charts (matplotlib, Agg backend): every chart has its table of numbers beside it on the page."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

_COLOURS = {"entry": "#6c757d", "intermediate": "#0d6efd", "exit": "#146c43"}


def waves_svg(*, title: str, bars: list[tuple[str, str, float]], low: float = 1, high: float = 5) -> str:
    """A bar chart of the mean at each wave: `bars` is [(wave code, label, mean)]."""
    figure = Figure(figsize=(4.2, 2.6), dpi=100)
    axes = figure.subplots()
    labels = [label for _code, label, _value in bars]
    values = [value for _code, _label, value in bars]
    colours = [_COLOURS.get(code, "#0d6efd") for code, _label, _value in bars]
    drawn = axes.bar(labels, values, color=colours, width=0.6)
    axes.bar_label(drawn, labels=[f"{v:.2f}".replace(".", ",") for v in values], padding=2, fontsize=9)
    axes.set_ylim(low - 1 if low > 0 else 0, high + 0.5)
    axes.set_title(title, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=9)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def waves_png(*, title: str, bars: list[tuple[str, str, float]], low: float = 1, high: float = 5) -> bytes:
    """The same chart as `waves_svg`, as a PNG to embed in DOCX reports (Word has no SVG before 2016)."""
    figure = Figure(figsize=(4.2, 2.6), dpi=150)
    axes = figure.subplots()
    drawn = axes.bar(
        [label for _code, label, _value in bars],
        [value for _code, _label, value in bars],
        color=[_COLOURS.get(code, "#0d6efd") for code, _label, _value in bars],
        width=0.6,
    )
    axes.bar_label(drawn, labels=[f"{v:.2f}".replace(".", ",") for _c, _l, v in bars], padding=2, fontsize=9)
    axes.set_ylim(low - 1 if low > 0 else 0, high + 0.5)
    axes.set_title(title, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=9)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
