"""Chart 4, spending path: money metrics over the years, ranges drawn as a band, not a line."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from engine.amounts import CURRENCY_NOUNS, format_amount, pick_scale
from engine.charts.style import (
    SECOND,
    ChartOptions,
    legend_rtl,
    new_figure,
    text_kw,
    tint,
    value_axis_right,
    year_formatter,
)
from engine.charts.text import visual, wrap
from engine.model import CURRENCIES, Deal, Metric, Precision, Quantity, Unit
from engine.numerals import format_year, localize_prose_numbers

NAME = "spending"
TITLE_AR = "مسار الإنفاق المتوقع"
MARKERS = {
    Precision.exact: "o",
    Precision.about: "o",
    Precision.up_to: "v",
    Precision.over: "^",
    Precision.range: "s",
    Precision.at_least: "^",
    Precision.magnitude: "o",
}


@dataclass(frozen=True)
class Series:
    """One group's money figures by year."""

    group: str
    points: tuple[tuple[int, Quantity], ...]


@dataclass(frozen=True)
class Path:
    """The series drawn, all in one currency."""

    unit: Unit
    series: tuple[Series, ...]


def path_metrics(deal: Deal) -> list[Metric]:
    """Metrics that make a path: money with a year, in a group spanning at least two years."""
    groups: dict[str, list[Metric]] = {}
    for m in deal.metrics:
        if m.value.unit in CURRENCIES and m.year is not None:
            groups.setdefault(m.group, []).append(m)
    chosen = [ms for ms in groups.values() if len({m.year for m in ms}) >= 2]
    if not chosen:
        return []
    unit = chosen[0][0].value.unit
    return [m for ms in chosen for m in ms if m.value.unit is unit]


def extract(deal: Deal) -> Path | None:
    """The spending path(s) of the deal, or None when no group has figures for two years."""
    metrics = path_metrics(deal)
    if not metrics:
        return None
    by_group: dict[str, list[tuple[int, Quantity]]] = {}
    for m in metrics:
        by_group.setdefault(m.group, []).append((m.year or 0, m.value))
    series = tuple(Series(g, tuple(sorted(pts, key=lambda p: p[0]))) for g, pts in by_group.items())
    return Path(metrics[0].value.unit, series[:3])


def title(path: Path) -> str:
    """The group's name when there is one path."""
    if len(path.series) == 1 and path.series[0].group:
        return path.series[0].group
    return TITLE_AR


def draw(path: Path, options: ChartOptions) -> Figure:
    """Years run right to left; each figure's low and high ends bound a shaded band."""
    fig = new_figure(3.0, options.width_in)
    ax = fig.add_subplot()
    top = max(q.high for s in path.series for _, q in s.points)
    size, scale = pick_scale(top)
    colors = [options.accent, SECOND, "#555555"]
    styles = ["-", "--", ":"]
    entries: list[tuple[object, str]] = []
    years = sorted({y for s in path.series for y, _ in s.points})
    for i, s in enumerate(path.series):
        xs = [y for y, _ in s.points]
        lows = [q.value for _, q in s.points]
        highs = [q.high for _, q in s.points]
        color = colors[i % 3]
        ax.fill_between(
            xs,
            lows,
            highs,
            color=tint(color, 0.7),
            edgecolor=color,
            hatch="///" if i else None,
            linewidth=0.6,
            gid="band",
        )
        ax.plot(xs, lows, color=color, linestyle=styles[i % 3], linewidth=1.4)
        ax.plot(xs, highs, color=color, linestyle=styles[i % 3], linewidth=1.4)
        for year, q in s.points:
            marker = MARKERS[q.precision]
            hollow = q.precision in (Precision.about, Precision.up_to, Precision.magnitude)
            face = "white" if hollow else color
            for v in {q.value, q.high}:
                ax.plot(
                    [year], [v], marker=marker, markersize=6, color=color, markerfacecolor=face, linestyle=""
                )
            label = visual(wrap(format_amount(q, options.digits, isolate=False), 24))
            ax.annotate(
                label,
                (year, q.high),
                xytext=(0, 8),
                textcoords="offset points",
                **text_kw(ha="center", va="bottom", fontsize=7.5, color="#111111", gid="point-label"),
            )
        if len(path.series) > 1 or s.group:
            entries.append(
                (
                    Patch(facecolor=tint(color, 0.7), edgecolor=color, hatch="///" if i else None),
                    localize_prose_numbers(wrap(s.group or TITLE_AR, 40), options.digits),
                )
            )
    if any(q.precision is Precision.range for s in path.series for _, q in s.points):
        entries.append((Line2D([], [], color="#444444", marker="s", linestyle=""), "طرفا النطاق المتوقع"))
    if any(q.precision is Precision.over for s in path.series for _, q in s.points):
        entries.append((Line2D([], [], color="#444444", marker="^", linestyle=""), "حد أدنى (أكثر من)"))
    if any(q.precision is Precision.at_least for s in path.series for _, q in s.points):
        entries.append((Line2D([], [], color="#444444", marker="^", linestyle=""), "حد أدنى (ما لا يقل عن)"))
    value_axis_right(ax, options.digits, scale=size)
    unit = CURRENCY_NOUNS[path.unit].singular
    ax.set_ylabel(visual(f"{scale.singular} {unit}" if scale else unit), fontsize=7.5)
    ax.set_ylim(0, top * 1.28)
    span = years[-1] - years[0]
    ax.set_xlim(years[-1] + max(0.6, span * 0.08), years[0] - max(0.6, span * 0.08))  # time runs leftwards
    # Whole years only, as many as fit: «2015  2020  2025», never two labels touching.
    ax.xaxis.set_major_locator(
        MaxNLocator(nbins=max(2, min(span, int(options.width_in * 1.6))), integer=True)
    )
    ax.xaxis.set_major_formatter(year_formatter(options.digits))
    ax.tick_params(labelsize=7.5)
    legend_rtl(fig, entries)
    return fig


def alt(path: Path, options: ChartOptions) -> str:
    """The path in words."""
    parts = []
    for s in path.series:
        pts = "، ".join(
            f"{format_amount(q, options.digits)} في {format_year(y, options.digits)}" for y, q in s.points
        )
        parts.append(f"{s.group or TITLE_AR}: {pts}")
    return "منحنى الإنفاق عبر السنوات، والنطاقات مظللة: " + "؛ ".join(parts) + "."
