"""Chart 5, timeline: the deal's milestones on a year axis read from the right, labels never overlapping."""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from engine import vocabulary as words
from engine.charts.style import ChartOptions, legend_rtl, new_figure, text_kw
from engine.charts.text import visual, wrap
from engine.charts.textcheck import OWN_LABELS
from engine.dates import format_when
from engine.model import Deal, MilestoneKind, PartialDate, Relation
from engine.numerals import ALM, PDI, RLI, format_number, format_year, localize_prose_numbers

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
    where = {"span": (first, last), "per_px": per_px, "renderer": renderer, "dpi": fig.dpi}
    placed, crossed = _place([(t, spots[e]) for e, t in zip(events, texts, strict=True)], **where)
    listed: list[Text] = []
    if crossed or max(abs(level) for *_, level, _ in placed) > MAX_LEVELS:
        # Too many labels for the axis: markers carry numbers, the milestones are listed under it.
        placed = _numbered(events, texts, spots, where, options)
        listed = _numbered_list(fig, events, options)
    height_pt = max(h for *_, h in placed) + GAP_PT
    up = max((lv for *_, lv, _ in placed if lv > 0), default=0)
    down = -min((lv for *_, lv, _ in placed if lv < 0), default=0)
    top, bottom = up * height_pt + 14, down * height_pt + 26
    list_in = _stack(fig, listed, renderer, base_in=LEGEND_IN, columns=_columns(options))
    below_in = LEGEND_IN + list_in
    height_in = (top + bottom) / 72 + below_in
    fig.set_size_inches(options.width_in, height_in)
    ax.set_position((MARGIN, below_in / height_in, 1 - 2 * MARGIN, 1 - below_in / height_in))
    ax.set_ylim(-bottom, top)
    ax.axhline(0, color="#444444", linewidth=1.0)
    years = [
        t.get_window_extent(renderer).transformed(ax.transData.inverted())
        for t in _years(ax, fig, (first, last), options)
    ]
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
    for text, spot, center, level, _h in placed:
        y = (abs(level) - 0.5) * height_pt + 6 if level > 0 else -((abs(level) - 0.5) * height_pt + 20)
        text.set_position((center, y))
        (leader,) = ax.plot(
            *_leader(spot, center, y - (height_pt / 2 - 3) * (1 if level > 0 else -1), years),
            color="#999999",
            linewidth=0.6,
            zorder=1,
            gid="leader",
        )
        setattr(leader, OWN_LABELS, (text,))
    for event in events:
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


YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
MAX_LEVELS = 3  # label rows each side of the axis; more, and the milestones are numbered and listed
LIST_COLUMNS = 2  # of the numbered list, full column width (one at half width)


def _place(
    labels: list[tuple[Text, float]],
    *,
    span: tuple[int, int],
    per_px: float,
    renderer: object,
    dpi: float,
) -> tuple[list[tuple[Text, float, float, int, float]], bool]:
    """Each label (text, spot on the axis) placed: (text, spot, centre, level, height in pt); True
    when some leader could not avoid crossing a label."""
    first, last = span
    levels: dict[int, list[tuple[float, float]]] = {}
    placed = []
    crossed = False
    for text, spot in labels:
        extent = text.get_window_extent(renderer)
        half = extent.width * per_px / 2 + 4 * per_px
        center = min(max(spot, first - 0.25 + half), last + 0.25 - half)  # keep inside the axes
        leader = (min(spot, center) - 3 * per_px, max(spot, center) + 3 * per_px)
        level, clear = _free_level(levels, (center - half, center + half), leader)
        crossed = crossed or not clear
        levels.setdefault(level, []).append((center - half, center + half))
        sign = 1 if level > 0 else -1
        for lower in range(1, abs(level)):  # its leader passes the levels below: none may sit on it
            levels.setdefault(sign * lower, []).append(leader)
        placed.append((text, spot, center, level, extent.height * 72 / dpi))
    return placed, crossed


def _numbered(
    events: tuple[Event, ...],
    texts: list[Text],
    spots: dict[Event, float],
    where: dict,
    options: ChartOptions,
) -> list[tuple[Text, float, float, int, float]]:
    """Number labels placed without crossings: markers closer than a gap share one label («٣–٥»).

    Events are numbered in time order, so markers that sit together carry consecutive numbers. The
    gap starts at none and doubles until every leader clears every label within MAX_LEVELS; one
    label for every marker always does, so the loop ends.
    """
    for text in texts:
        text.set_fontweight("bold")
    order = sorted(range(len(events)), key=lambda i: spots[events[i]])
    gap_px = 0.0
    while True:
        groups = _groups(order, [spots[events[i]] for i in order], gap_px * where["per_px"])
        labels = []
        for group, text in zip(groups, texts, strict=False):
            text.set_text(visual(_number_range(group, options)))
            text.set_visible(True)
            labels.append((text, sum(spots[events[i]] for i in group) / len(group)))
        for text in texts[len(groups) :]:
            text.set_visible(False)
        placed, crossed = _place(labels, **where)
        if len(groups) == 1 or (not crossed and max(abs(p[3]) for p in placed) <= MAX_LEVELS):
            return placed
        gap_px = max(2 * gap_px, 12.0)


def _groups(order: list[int], positions: list[float], gap: float) -> list[list[int]]:
    """Indices in axis order, grouped where neighbours are at most `gap` apart (sorted numbers)."""
    groups: list[list[int]] = []
    previous = None
    for index, position in zip(order, positions, strict=True):
        if groups and previous is not None and abs(position - previous) <= gap:
            groups[-1].append(index)
        else:
            groups.append([index])
        previous = position
    return [sorted(g) for g in groups]


def _number_range(group: list[int], options: ChartOptions) -> str:
    """«٣» for one milestone, «٣، ٤» for two, «٣–٧» for more (numbers from 1, consecutive)."""
    numbers = [format_number(i + 1, options.digits, decimals=0) for i in (group[0], group[-1])]
    if len(group) == 1:
        return numbers[0]
    # A right-to-left isolate: the first number on the right, as the report writes its ranges.
    joined = f"{numbers[0]}، {numbers[1]}" if len(group) == 2 else f"{numbers[0]}–{numbers[1]}"
    return f"{RLI}{ALM}{joined}{PDI}"


def _columns(options: ChartOptions) -> int:
    return LIST_COLUMNS if options.width_in > 4 else 1


def _numbered_list(fig: Figure, events: tuple[Event, ...], options: ChartOptions) -> list[Text]:
    """«١. بحلول ٢٠٣٠: …» for each milestone, in columns read from the right (placed by `_stack`)."""
    columns = _columns(options)
    width = options.chars(90 // columns, 24)
    out = []
    for i, event in enumerate(events):
        number = format_number(i + 1, options.digits, decimals=0)
        date = RELATION_AR[event.relation] + format_when(event.date, options.digits)
        line = localize_prose_numbers(wrap(f"{number}. {date}: {event.label}", width), options.digits)
        kw = text_kw(ha="right", va="top", fontsize=7.5, gid="event-list")
        out.append(fig.text(0, 0, visual(line), **kw))
    return out


def _stack(fig: Figure, listed: list[Text], renderer: object, *, base_in: float, columns: int) -> float:
    """Place the numbered list in rows above `base_in` (inches from the bottom); its height in inches."""
    if not listed:
        return 0.0
    rows = [listed[i : i + columns] for i in range(0, len(listed), columns)]
    heights = [max(t.get_window_extent(renderer).height for t in row) / fig.dpi + 0.04 for row in rows]
    total = sum(heights) + 0.1
    width_in = fig.get_size_inches()[0]
    y = base_in + total - 0.05
    for row, height in zip(rows, heights, strict=True):
        for k, text in enumerate(row):  # first column on the right
            x = width_in * (1 - MARGIN - k * (1 - 2 * MARGIN) / columns)
            text.set_transform(fig.dpi_scale_trans)
            text.set_position((x, y))
        y -= height
    return total


def _leader(x0: float, x1: float, y1: float, years: list) -> tuple[list[float], list[float]]:
    """A leader from the axis to its label; one going down is broken where it passes a year label
    (drawn behind it, never through it)."""
    xs, ys = [x0, x1], [0.0, y1]
    for box in years:
        lo, hi = sorted((box.y0, box.y1))
        if y1 >= lo:
            continue
        xa, xb = (x0 + (x1 - x0) * (y / y1) for y in (hi + 1.5, lo - 1.5))
        if max(xa, xb) >= min(box.x0, box.x1) and min(xa, xb) <= max(box.x0, box.x1):
            return [x0, xa, math.nan, xb, x1], [0.0, hi + 1.5, math.nan, lo - 1.5, y1]
    return xs, ys


def _years(ax: Axes, fig: Figure, span: tuple[int, int], options: ChartOptions) -> list[Text]:
    """Year ticks and labels under the axis, every `year_step` years."""
    first, last = span
    step = year_step(fig, first, last, options)
    labels = []
    for year in range(first - first % step, last + 1, step):
        if year < first:
            continue
        ax.plot([year, year], [-3, 3], color="#444444", linewidth=0.8)
        labels.append(
            ax.text(
                year,
                -12,
                visual(format_year(year, options.digits)),
                **text_kw(ha="center", va="center", fontsize=7, color="#555555", gid="year"),
            )
        )
    return labels


def year_step(fig: Figure, first: int, last: int, options: ChartOptions) -> int:
    """Every year labelled when the labels fit side by side, else every 2nd, 5th, 10th… year."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    widest = max((format_year(y, options.digits) for y in (first, last)), key=len)
    probe = fig.text(0, 0, visual(widest), **text_kw(fontsize=7))
    label_px = probe.get_window_extent(renderer).width + 8  # a gap between neighbours
    probe.remove()
    per_year = options.width_in * fig.dpi * (1 - 2 * MARGIN) / (last - first + 0.5)
    return next((s for s in YEAR_STEPS if s * per_year >= label_px), YEAR_STEPS[-1])


def _spread(events: tuple[Event, ...]) -> dict[Event, float]:
    """Axis positions, with events of the same month set slightly apart so no marker hides another."""
    same: dict[float, list[Event]] = {}
    for e in events:
        same.setdefault(e.when, []).append(e)
    return {e: when + 0.09 * (i - (len(es) - 1) / 2) for when, es in same.items() for i, e in enumerate(es)}


def _free_level(
    levels: dict[int, list[tuple[float, float]]], label: tuple[float, float], leader: tuple[float, float]
) -> tuple[int, bool]:
    """The nearest level (1, -1, 2, -2, …) where the label overlaps nothing placed, and its leader
    line, on its way up or down, crosses no label on the levels it passes (False: none could)."""

    def free(level: int, lo: float, hi: float) -> bool:
        return all(hi <= a or lo >= b for a, b in levels.get(level, []))

    deepest = max((abs(level) for level in levels), default=0) + 1
    for k in range(1, deepest + 1):
        for level in (k, -k):
            sign = 1 if level > 0 else -1
            if free(level, *label) and all(free(sign * j, *leader) for j in range(1, k)):
                return level, True
    # Every free level's leader would cross a label: the caller numbers the markers instead.
    return next(level for k in range(1, deepest + 2) for level in (k, -k) if free(level, *label)), False


def alt(events: tuple[Event, ...], options: ChartOptions) -> str:
    """The milestones in words, in time order."""
    parts = [event_text(e, options).replace("\n", ": ", 1).replace("\n", " ") for e in events]
    return "خط زمني لمحطات الصفقة: " + "؛ ".join(parts) + "."
