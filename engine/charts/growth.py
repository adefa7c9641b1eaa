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


PANEL_MIN_IN = 2.2  # a panel narrower than this cannot hold its labels: fewer panels are drawn


def draw(groups: tuple[Group, ...], options: ChartOptions) -> Figure:
    """Vertical bars, first item on the right, value axis on the right, each bar labelled."""
    shown = groups[: max(1, int(options.width_in // PANEL_MIN_IN))]
    fig = new_figure(2.9 if len(shown) == 1 else 3.3, options.width_in)
    axes = fig.subplots(1, len(shown), squeeze=False, width_ratios=[max(2, len(g.items)) for g in shown])[0]
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
    only when even that cannot fit), a panel title to its panel, a value over its bar on two lines."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for ax, values in zip(axes, drawn, strict=True):
        width = ax.get_window_extent(renderer).width
        ticks = ax.get_xticklabels()
        slot = width / max(1, len(ticks)) - 6
        sources = getattr(ax, "_tick_sources", [])
        for tick, source in zip(ticks, sources, strict=False):
            fit_text(tick, source, slot, renderer, options, max_lines=3)
        wide = False
        for value in values:
            if value.get_window_extent(renderer).width > slot:
                value.set_text(visual(getattr(value, "_source", "").replace(" ", "\n", 1)))
                wide = wide or value.get_window_extent(renderer).width > slot
        if wide:  # still wider than a slot: every second value one row higher, so neighbours never meet
            for value in values[1::2]:
                value.xyann = (0, 3 + value.get_window_extent(renderer).height * 72 / fig.dpi + 2)
            low, high = ax.get_ylim()
            ax.set_ylim(low, high * 1.25)
        if hasattr(ax, "_title_fit"):
            title, source = ax._title_fit
            fit_text(title, source, width - 4, renderer, options, max_lines=1)


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
