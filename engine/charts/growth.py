"""Chart 3, market figures: the deal's metrics compared side by side, one panel per group and unit."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from engine.amounts import format_amount, pick_scale
from engine.charts.spending import path_metrics
from engine.charts.style import ChartOptions, draw_bar, looks, new_figure, text_kw, value_axis_right
from engine.charts.text import visual, wrap
from engine.charts.valuelabels import lay_out, place, wrap_to_fit
from engine.counting import NOUNS, not_shown_note, others
from engine.model import PERCENT_UNITS, Deal, Quantity, Unit
from engine.numerals import localize_prose_numbers

NAME = "growth"
TITLE_AR = "مؤشرات السوق"
MAX_PANELS = 3
MAX_BARS = 8  # per panel, largest first


@dataclass(frozen=True)
class Group:
    """Comparable metrics: one group, one unit."""

    name: str
    unit: Unit
    items: tuple[tuple[str, Quantity], ...]
    omitted: int


def extract(deal: Deal) -> tuple[Group, ...] | None:
    """Metrics not drawn as a spending path, grouped by their group and unit; percentages first."""
    on_path = {m.id for m in path_metrics(deal)}
    groups: dict[tuple[str, Unit], list[tuple[str, Quantity]]] = {}
    for m in deal.metrics:
        if m.id not in on_path:
            groups.setdefault((m.group, m.value.unit), []).append((m.label_ar, m.value))
    ordered = sorted(groups.items(), key=lambda kv: (kv[0][1] is not Unit.percent, -len(kv[1])))
    result = []
    for (name, unit), items in ordered[:MAX_PANELS]:
        items.sort(key=lambda it: -it[1].high)
        result.append(Group(name, unit, tuple(items[:MAX_BARS]), max(0, len(items) - MAX_BARS)))
    return tuple(result) or None


def title(groups: tuple[Group, ...]) -> str:
    """The group's name when there is one."""
    return groups[0].name if len(groups) == 1 and groups[0].name else TITLE_AR


VALUE_SIZES = (8.5, 7.5, 7.0)  # a value label's size, smaller only where the larger cannot fit
# How far values may raise their panel's range before they are set smaller: the tallest bar keeps
# at least a third of the panel's height (the range is drawn 1.22 times the tallest bar).
MOST_RAISE = 2.5
FIT_ROUNDS = 3  # fitting the labels to their panels, placing the values, again if the panels narrowed
PANEL_MIN_IN = 2.2  # a panel narrower than this cannot hold its labels: fewer panels are drawn


def draw(groups: tuple[Group, ...], options: ChartOptions) -> Figure:
    """Vertical bars, first item on the right, value axis on the right, each bar labelled."""
    shown = groups[: max(1, int(options.width_in // PANEL_MIN_IN))]
    fig = new_figure(2.9 if len(shown) == 1 else 3.3, options.width_in)
    axes = fig.subplots(
        1, len(shown), squeeze=False, width_ratios=[max(2, len(g.items)) for g in reversed(shown)]
    )[0]
    # The first group is read first: it goes on the right.
    drawn = [
        _draw_group(ax, group, options, titled=len(shown) > 1)
        for ax, group in zip(reversed(axes), shown, strict=True)
    ]
    if len(shown) < len(groups):
        hidden = len(groups) - len(shown)
        # «لم تُعرض مجموعتان أخريان من المؤشرات»: the noun is feminine, so is its verb.
        note = f"لم تُعرض {others(hidden, NOUNS['group'], options.digits)} من المؤشرات"
        fig.supxlabel(visual(note), fontsize=7.5, color="#555555")
    _fit_labels(fig, list(reversed(axes)), drawn, options)
    return fig


def _fit_labels(fig: Figure, axes: list[Axes], drawn: list[list[Text]], options: ChartOptions) -> None:
    """Measured after layout: a label wider than its bar's slot is wrapped narrower (and cut with «…»
    only when even that cannot fit), a panel title to its panel, the values wrapped and placed over
    their bars. Placing the values may raise a panel's range, whose wider ticks narrow the panels:
    the labels are fitted again to the narrower slots while one no longer fits."""
    lay_out(fig)  # the panels' sizes: a layout is enough, nothing need be drawn yet
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    panels = list(zip(axes, drawn, strict=True))
    for _ in range(FIT_ROUNDS):
        for ax, values in panels:
            width = ax.get_window_extent(renderer).width
            slot = _slot(ax, renderer)
            _fit_ticks(ax, slot, renderer, options)
            ax.set_ylim(*ax._base_ylim)  # type: ignore[attr-defined]
            for value in values:
                value.set_fontsize(VALUE_SIZES[0])
                wrap_value(value, slot, renderer)
            if hasattr(ax, "_title_fit"):
                title, source = ax._title_fit
                fit_text(title, source, width - 4, renderer, options, max_lines=1)
        _place_values(fig, panels, renderer)  # laid out again: the panels are as they will be drawn
        if all(
            tick.get_window_extent(renderer).width <= _slot(ax, renderer)
            for ax, _ in panels
            for tick in ax.get_xticklabels()
        ):
            return


def _fit_ticks(ax: Axes, slot: float, renderer: object, options: ChartOptions) -> None:
    """Each category label wider than its slot wrapped to fit it. Set through the axis' formatter:
    every layout writes the formatter's strings into the tick labels again."""
    ticks = ax.get_xticklabels()
    shown = [tick.get_text() for tick in ticks]
    for i, (tick, source) in enumerate(zip(ticks, getattr(ax, "_tick_sources", []), strict=False)):
        if tick.get_window_extent(renderer).width > slot:
            fit_text(tick, source, slot, renderer, options, max_lines=3)
            shown[i] = tick.get_text()
    if shown != ax.xaxis.get_major_formatter().format_ticks(ax.get_xticks()):
        ax.set_xticks(ax.get_xticks(), shown)


def _slot(ax: Axes, renderer: object) -> float:
    """The width a bar's tick label or value may take: its share of the panel, less a gap."""
    return ax.get_window_extent(renderer).width / max(1, len(ax.get_xticklabels())) - 6


def wrap_value(value: Text, max_px: float, renderer: object) -> None:
    """A value label wrapped to the fewest balanced lines that fit `max_px` (its bar's slot)."""
    source = getattr(value, "_source", "")

    def width(line: str) -> float:
        value.set_text(visual(line))
        return float(value.get_window_extent(renderer).width)

    value.set_text(visual(wrap_to_fit(source, max_px, width)))


def _place_values(fig: Figure, panels: list[tuple[Axes, list[Text]]], renderer: object) -> None:
    """Values placed above their bars; a panel whose values cannot fit it has them set smaller
    (and wrapped again for its slots), from the value range it was drawn with."""
    fits = place(fig, panels, most=MOST_RAISE)
    for size in VALUE_SIZES[1:]:
        crowded = [(ax, values) for (ax, values), ok in zip(panels, fits, strict=True) if not ok]
        if not crowded:
            return
        for ax, values in crowded:
            ax.set_ylim(*ax._base_ylim)  # type: ignore[attr-defined]
            slot = _slot(ax, renderer)
            for value in values:
                value.set_fontsize(size)
                wrap_value(value, slot, renderer)
        fits = place(fig, panels, most=MOST_RAISE if size != VALUE_SIZES[-1] else None)


def fit_text(
    text: Text, source: str, max_px: float, renderer: object, options: ChartOptions, *, max_lines: int
) -> None:
    """Wrap `source` into `text` at the widest line length that fits `max_px` (cut with «…» at the least)."""
    chars = max(4, len(source))
    while True:
        text.set_text(
            visual(localize_prose_numbers(wrap(source, chars, max_lines=max_lines), options.digits))
        )
        if chars <= 4 or text.get_window_extent(renderer).width <= max_px:
            return
        chars = max(4, int(chars * 0.8))


def _draw_group(ax: Axes, group: Group, options: ChartOptions, *, titled: bool) -> list[Text]:
    style = looks(options.accent)
    n = len(group.items)
    xs = [n - 1 - i for i in range(n)]  # first (largest) on the right
    top = max(q.high for _, q in group.items) or 1.0
    percent = group.unit in PERCENT_UNITS
    size, scale = (1.0, None) if percent else pick_scale(top)
    values: list[Text] = []
    for x, (_label, q) in zip(xs, group.items, strict=True):
        look = style[q.precision]
        draw_bar(ax, x, q, look, horizontal=False, thickness=0.6)
        amount = format_amount(q, options.digits, isolate=False)
        value = ax.annotate(
            visual(amount),
            (x, q.high),
            xytext=(0, 3),
            textcoords="offset points",
            **text_kw(ha="center", va="bottom", fontsize=8.5, fontweight="bold", gid="value"),
        )
        value._source = amount  # type: ignore[attr-defined]
        # Placed inside its panel afterwards (valuelabels.place): the layout never waits on it.
        value.set_in_layout(False)
        values.append(value)
    width = max(8, options.chars(60) // max(n, 1) // (2 if titled else 1))
    ax.set_xticks(
        xs,
        [
            visual(localize_prose_numbers(wrap(label, width, max_lines=3), options.digits))
            for label, _ in group.items
        ],
    )
    ax._tick_sources = [label for label, _ in group.items]  # type: ignore[attr-defined]
    for tick in ax.get_xticklabels():
        tick.set_multialignment("center")
    ax.tick_params(axis="x", length=0, labelsize=7.5)
    ax.tick_params(axis="y", labelsize=7.5)
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(0, top * 1.22)
    ax._base_ylim = ax.get_ylim()  # type: ignore[attr-defined]
    value_axis_right(ax, options.digits, scale=size, percent=percent)
    if scale is not None:
        ax.set_ylabel(visual(scale.singular), fontsize=7.5)
    if group.omitted:
        note = not_shown_note(group.omitted, options.digits, "indicator")
        ax.set_title(visual(note), fontsize=7, loc="left", color="#555555")
    if titled and group.name:
        name = localize_prose_numbers(wrap(group.name, options.chars(40), max_lines=1), options.digits)
        title = ax.set_title(visual(name), fontsize=8, loc="right")
        ax._title_fit = (title, group.name)  # type: ignore[attr-defined]
    return values


def alt(groups: tuple[Group, ...], options: ChartOptions) -> str:
    """The figures in words."""
    parts = []
    for g in groups:
        items = "، ".join(f"{label}: {format_amount(q, options.digits)}" for label, q in g.items)
        parts.append(f"{g.name}: {items}" if g.name else items)
    return "أعمدة لمقارنة المؤشرات: " + "؛ ".join(parts) + "."
