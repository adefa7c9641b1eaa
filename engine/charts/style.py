"""Shared look of the charts: figure size, print-safe colours and patterns, axes, ticks, encoding."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from engine.charts.text import visual
from engine.model import Digits, Precision, Quantity
from engine.numerals import ALM, ARABIC_PERCENT, PDI, RLI, format_number

# The A4 text column is about 17 cm wide; every chart is drawn for it and may be
# scaled down by the template (text stays legible to about 60 %).
COLUMN_WIDTH_IN = 17.0 / 2.54
HALF_WIDTH_IN = (COLUMN_WIDTH_IN - 10 / 72) / 2  # two charts side by side, 10pt apart
FORMAT = "svg"  # "svg" (text as paths) or "png" (PNG_DPI)
PNG_DPI = 300
INK = "#222222"
MUTED = "#8a8a8a"
GRID = "#d9d9d9"
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and
# of distinct lightness in grayscale; meaning is always also carried by a pattern,
# a marker shape or a direct label, never by colour alone.
SECOND = "#e69f00"
THIRD = "#56b4e9"


@dataclass(frozen=True)
class Look:
    """How a bar or mark of a given precision is drawn (cap, approximation, floor, range)."""

    fill: str
    hatch: str | None
    edge: str
    linestyle: str
    legend_ar: str


def tint(color: str, amount: float) -> str:
    """The colour mixed with white: amount 0 is the colour, 1 is white."""
    r, g, b = (c + (1 - c) * amount for c in to_rgb(color))
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def looks(accent: str) -> dict[Precision, Look]:
    """Fill, pattern and outline per precision: a cap is an outlined, hatched 'up to' bar."""
    return {
        Precision.exact: Look(accent, None, accent, "solid", "مبلغ محدد"),
        Precision.up_to: Look("white", "////", accent, "solid", "سقف أعلى (حتى)"),
        Precision.about: Look(tint(accent, 0.75), "----", accent, "dashed", "تقدير تقريبي (نحو)"),
        Precision.over: Look(tint(accent, 0.45), "\\\\\\\\", accent, "solid", "حد أدنى (أكثر من)"),
        Precision.range: Look(tint(accent, 0.6), "xxxx", accent, "solid", "نطاق تقديري"),
        Precision.at_least: Look(tint(accent, 0.45), "\\\\", accent, "solid", "حد أدنى (ما لا يقل عن)"),
        Precision.magnitude: Look(tint(accent, 0.85), "....", accent, "dotted", "رتبة تقريبية (عشرات/مئات)"),
    }


def draw_bar(ax: Axes, at: float, q: Quantity, look: Look, *, horizontal: bool, thickness: float) -> None:
    """One bar in its precision's look; a range adds its uncertain part as a white, hatched extension."""
    bar = ax.barh if horizontal else ax.bar
    size, base = ("height", "left") if horizontal else ("width", "bottom")
    common: dict[str, Any] = {size: thickness, "hatch": look.hatch, "edgecolor": look.edge, "linewidth": 1.1}
    bar(at, q.value, color=look.fill, linestyle=look.linestyle, gid=f"bar-{q.precision.value}", **common)
    if q.upper is not None:
        bar(at, q.upper - q.value, color="white", gid="bar-range-upper", **{base: q.value}, **common)


def new_figure(height_in: float, width_in: float = COLUMN_WIDTH_IN, *, constrained: bool = True) -> Figure:
    """A figure one text column (or half column) wide, on the Agg canvas (never pyplot)."""
    fig = Figure(
        figsize=(width_in, height_in),
        dpi=100,
        layout="constrained" if constrained else None,
        facecolor="white",
    )
    FigureCanvasAgg(fig)
    return fig


def number_text(value: float, digits: Digits, *, percent: bool = False, decimals: int = 2) -> str:
    """A tick or value figure in the report's digits; a percentage by the house convention."""
    body = format_number(value, digits, decimals=decimals)
    if not percent:
        return body
    sign = ARABIC_PERCENT if digits is Digits.arab else "%"
    return f"{RLI}{ALM}{body}{sign}{PDI}"


def tick_formatter(digits: Digits, *, scale: float = 1.0, percent: bool = False) -> FuncFormatter:
    """Tick labels in the report's digits (the value divided by `scale`)."""

    def fmt(value: float, _pos: int | None) -> str:
        return visual(
            number_text(value / scale, digits, percent=percent, decimals=tick_decimals(value / scale))
        )

    return FuncFormatter(fmt)


def tick_decimals(value: float) -> int:
    """Enough decimals (at least two, at most six) that a small tick never prints as a false «0»."""
    return next((d for d in range(2, 7) if abs(round(value, d) - value) <= abs(value) * 1e-6), 6)


def year_formatter(digits: Digits) -> FuncFormatter:
    """Whole years in the report's digits, nothing between them."""

    def fmt(value: float, _pos: int | None) -> str:
        return visual(format_number(round(value), digits, grouping=False)) if value == round(value) else ""

    return FuncFormatter(fmt)


def value_axis_right(ax: Axes, digits: Digits, *, scale: float = 1.0, percent: bool = False) -> None:
    """The value (y) axis on the right, as a right-to-left reader expects, with localised ticks."""
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3))
    ax.yaxis.set_major_formatter(tick_formatter(digits, scale=scale, percent=percent))
    ax.spines[["left", "top"]].set_visible(False)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def text_kw(**kw: Any) -> dict[str, Any]:
    """Keyword arguments for every Text we create: never math, never clipped silently."""
    return {"parse_math": False, **kw}


def encode(fig: Figure, fmt: str = FORMAT) -> str:
    """The figure as a data: URI, SVG with text as paths or PNG at print resolution."""
    buf = io.BytesIO()
    if fmt == "svg":
        # Transparent, so a draft/confidential watermark still shows through the chart.
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
        mime = "image/svg+xml"
    else:
        fig.savefig(buf, format="png", dpi=PNG_DPI, metadata={"Software": None}, transparent=True)
        mime = "image/png"
    return f"data:{mime};base64,{base64.b64encode(buf.getvalue()).decode('ascii')}"


@dataclass(frozen=True)
class ChartOptions:
    """The report options a chart depends on (part of its cache key)."""

    digits: Digits
    accent: str
    width_in: float = COLUMN_WIDTH_IN  # drawn at the size it is shown: text stays at its point size
    # The most height a template's slot gives the drawing (None: as tall as its content needs); a
    # chart that can, fits itself under it (fewer bars, more summed into «others») rather than be
    # scaled down until its text is too small to read.
    height_in: float | None = None

    def chars(self, full: int, floor: int = 10) -> int:
        """A label width in characters, scaled from the full-column width (never below floor)."""
        return max(min(full, floor), round(full * self.width_in / COLUMN_WIDTH_IN))


def legend_rtl(
    fig: Figure, entries: list[tuple[Any, str]], *, ncol: int = 3, loc: str = "outside lower center"
) -> None:
    """A legend below the chart, read row by row from the right, handle right of its label."""
    if not entries:
        return
    ncol = min(ncol, len(entries))
    while True:  # the most columns that keep the legend inside the figure's width
        legend = _legend(fig, entries, ncol, loc)
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        if ncol == 1 or legend.get_window_extent(renderer).width <= fig.bbox.width - 4:
            return
        legend.remove()
        ncol -= 1


def _legend(fig: Figure, entries: list[tuple[Any, str]], ncol: int, loc: str) -> Any:
    rows = -(-len(entries) // ncol)
    handles: list[Any] = []
    labels: list[str] = []
    # matplotlib fills legend columns first, left to right: place entry r*ncol+k at
    # row r, k-th column from the right.
    for col in range(ncol):
        for row in range(rows):
            idx = row * ncol + (ncol - 1 - col)
            if idx < len(entries):
                handles.append(entries[idx][0])
                labels.append(visual(entries[idx][1]))
            else:
                handles.append(Patch(visible=False))
                labels.append("")
    return fig.legend(
        handles,
        labels,
        loc=loc,
        ncol=ncol,
        markerfirst=False,
        frameon=False,
        fontsize=7.5,
        handlelength=2.2,
        handleheight=1.1,
        columnspacing=1.6,
    )
