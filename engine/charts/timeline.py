"""Chart 5, timeline: the deal's milestones on a year axis read from the right, labels never overlapping."""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from engine import vocabulary as words
from engine.charts.style import ChartOptions, legend_rtl, new_figure, text_kw
from engine.charts.text import visual, wrap
from engine.dates import format_when
from engine.model import Deal, MilestoneKind, PartialDate, Relation
from engine.numerals import format_year, localize_prose_numbers

NAME = "timeline"
TITLE_AR = "الجدول الزمني للصفقة"
MARGIN = 0.03  # of the width, each side
LINE_PT = 11.0  # one label line, in points
GAP_PT = 7.0
LEGEND_IN = 0.4  # under the axis, for the legend

MARKERS: dict[MilestoneKind, str] = {
    MilestoneKind.announcement: "*",
    MilestoneKind.investment: "D",
    MilestoneKind.capacity: "s",
    MilestoneKind.profitability: "P",
    MilestoneKind.market: "o",
    MilestoneKind.other: "h",
}
# Marker and Arabic name of each kind; the names are the report's own words.
KINDS: dict[MilestoneKind, tuple[str, str]] = {k: (m, words.MILESTONE_KINDS[k]) for k, m in MARKERS.items()}
RELATION_AR = {r: "" if r is Relation.on else f"{words.RELATIONS[r]} " for r in Relation}


@dataclass(frozen=True)
class Event:
    """A milestone as drawn: where on the time axis and what it says."""

    label: str
    kind: MilestoneKind
    date: PartialDate
    relation: Relation

    @property
    def year(self) -> int:
        """The event's year."""
        return self.date.year

    @property
    def when(self) -> float:
        """Position on the year axis: the start of a day or month, the middle of a half or a quarter."""
        return self.date.anchor

    @property
    def span(self) -> tuple[float, float] | None:
        """The stretch of time a half-year or quarter date covers, drawn as a band on the axis."""
        if self.date.half is None and self.date.quarter is None:
            return None
        return self.date.start, self.date.end


def extract(deal: Deal) -> tuple[Event, ...] | None:
    """The milestones in time order."""
    events = [Event(m.label_ar, m.kind, m.when, m.relation) for m in deal.milestones]
    events.sort(key=lambda e: e.when)
    return tuple(events) or None


def event_text(event: Event, options: ChartOptions) -> str:
    """Date line (with 'by' / 'not before') over the wrapped label."""
    date = RELATION_AR[event.relation] + format_when(event.date, options.digits)
    return f"{date}\n{localize_prose_numbers(wrap(event.label, 24), options.digits)}"


def draw(events: tuple[Event, ...], options: ChartOptions) -> Figure:
    """Labels are stacked in levels above and below the axis, greedily, so none overlap."""
    fig = new_figure(2.0, options.width_in, constrained=False)
    ax = fig.add_axes((MARGIN, 0, 1 - 2 * MARGIN, 1))
    ax.set_axis_off()
    first = min(e.year for e in events)
    last = max(first + 1, math.ceil(max(e.when for e in events)))
    spots = _spread(events)
    ax.set_xlim(last + 0.25, first - 0.25)  # earliest on the right
    texts = [
        ax.text(
            0,
            0,
            visual(event_text(e, options)),
            **text_kw(ha="center", va="center", fontsize=7.5, multialignment="center", gid="event"),
        )
        for e in events
    ]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    axes_px = options.width_in * fig.dpi * (1 - 2 * MARGIN)
    per_px = (last - first + 0.5) / axes_px
    levels: dict[int, list[tuple[float, float]]] = {}
    placed = []
    for event, text in zip(events, texts, strict=True):
        extent = text.get_window_extent(renderer)
        half = extent.width * per_px / 2 + 4 * per_px
        center = min(max(spots[event], first - 0.25 + half), last + 0.25 - half)  # keep inside the axes
        level = _free_level(levels, center - half, center + half)
        levels.setdefault(level, []).append((center - half, center + half))
        placed.append((event, text, center, level, extent.height * 72 / fig.dpi))
    height_pt = max(h for *_, h in placed) + GAP_PT
    up = max((lv for *_, lv, _ in placed if lv > 0), default=0)
    down = -min((lv for *_, lv, _ in placed if lv < 0), default=0)
    top, bottom = up * height_pt + 14, down * height_pt + 26
    height_in = (top + bottom) / 72 + LEGEND_IN
    fig.set_size_inches(options.width_in, height_in)
    ax.set_position((MARGIN, LEGEND_IN / height_in, 1 - 2 * MARGIN, 1 - LEGEND_IN / height_in))
    ax.set_ylim(-bottom, top)
    ax.axhline(0, color="#444444", linewidth=1.0)
    for year in range(first, last + 1):
        ax.plot([year, year], [-3, 3], color="#444444", linewidth=0.8)
        ax.text(
            year,
            -12,
            visual(format_year(year, options.digits)),
            **text_kw(ha="center", va="center", fontsize=7, color="#555555", gid="year"),
        )
    for event in events:
        if event.span is not None:
            start, end = event.span
            ax.plot(
                [start, end],
                [0, 0],
                color=options.accent,
                linewidth=5,
                alpha=0.35,
                solid_capstyle="butt",
                zorder=2,
                gid="span",
            )
            # A white tick at each end: periods that touch (H2 2026, then H1 2027) stay apart.
            ax.plot(
                [start, end],
                [0, 0],
                linestyle="",
                marker="|",
                markersize=5,
                markeredgewidth=1.2,
                color="white",
                zorder=2.5,
                gid="span-end",
            )
    for event, text, center, level, _h in placed:
        y = (abs(level) - 0.5) * height_pt + 6 if level > 0 else -((abs(level) - 0.5) * height_pt + 20)
        text.set_position((center, y))
        ax.plot(
            [spots[event], center],
            [0, y - (height_pt / 2 - 3) * (1 if level > 0 else -1)],
            color="#999999",
            linewidth=0.6,
            zorder=1,
        )
        marker, _ = KINDS[event.kind]
        hollow = event.relation is not Relation.on
        ax.plot(
            [spots[event]],
            [0],
            marker=marker,
            markersize=8,
            color=options.accent,
            linestyle="",
            markerfacecolor="white" if hollow else options.accent,
            zorder=3,
            gid=f"marker-{event.kind.value}",
        )
    kinds = list(dict.fromkeys(e.kind for e in events))
    entries = [
        (Line2D([], [], marker=KINDS[k][0], color=options.accent, linestyle=""), KINDS[k][1]) for k in kinds
    ]
    if any(e.span is not None for e in events):
        entries.append(
            (Line2D([], [], color=options.accent, linewidth=5, alpha=0.35), "فترة (نصف سنة أو ربع)")
        )
    if any(e.relation is not Relation.on for e in events):
        entries.append(
            (
                Line2D([], [], marker="o", color=options.accent, markerfacecolor="white", linestyle=""),
                "أفق زمني (بحلول / ليس قبل)",
            )
        )
    legend_rtl(fig, entries, ncol=4, loc="lower center")
    return fig


def _spread(events: tuple[Event, ...]) -> dict[Event, float]:
    """Axis positions, with events of the same month set slightly apart so no marker hides another."""
    same: dict[float, list[Event]] = {}
    for e in events:
        same.setdefault(e.when, []).append(e)
    return {e: when + 0.09 * (i - (len(es) - 1) / 2) for when, es in same.items() for i, e in enumerate(es)}


def _free_level(levels: dict[int, list[tuple[float, float]]], lo: float, hi: float) -> int:
    """The nearest level (1, -1, 2, -2, …) where [lo, hi] overlaps no label already placed."""
    k = 1
    while True:
        for level in (k, -k):
            if all(hi <= a or lo >= b for a, b in levels.get(level, [])):
                return level
        k += 1


def alt(events: tuple[Event, ...], options: ChartOptions) -> str:
    """The milestones in words, in time order."""
    parts = [event_text(e, options).replace("\n", ": ", 1).replace("\n", " ") for e in events]
    return "خط زمني لمحطات الصفقة: " + "؛ ".join(parts) + "."
