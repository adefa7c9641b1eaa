"""Chart 1, who commits what: commitments as sorted bars by instrument and unit, caps and estimates
visibly patterned, tranches drawn inside their whole (never as a second bar)."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.transforms import offset_copy

from engine import vocabulary as words
from engine.amounts import format_amount
from engine.charts.style import ChartOptions, Look, draw_bar, legend_rtl, looks, new_figure, text_kw
from engine.charts.text import visual, wrap
from engine.counting import NOUNS, count, others, verb_for
from engine.model import MAX_VALUE, CommitmentKind, Deal, Precision, Quantity, Unit
from engine.numerals import localize_prose_numbers
from engine.vocabulary import join_names

NAME = "commitments"
TITLE_AR = "من يلتزم بماذا: الالتزامات والاستثمارات"
# Panel headings: money panels by currency, the others by what they count.
UNIT_TITLES: dict[Unit, str] = {
    Unit.USD: "بالدولار الأمريكي",
    Unit.EUR: "باليورو",
    Unit.GBP: "بالجنيه الإسترليني",
    Unit.SAR: "بالريال السعودي",
    Unit.AED: "بالدرهم الإماراتي",
    Unit.GW: "قدرة (جيجاواط)",
    Unit.MW: "قدرة (ميجاواط)",
    Unit.shares: "أسهم",
    Unit.units: "وحدات عتاد",
    Unit.percent: "نسب مئوية",
    Unit.equity_percent: "حصص من رأس المال",
    Unit.counted: "كميات معدودة",
}
MAX_BARS = 12  # over all units: the chart stays within a page; the smallest are summed in one bar
MIN_BARS = 2  # per unit, «others» included
NOT_ADDED = frozenset({Unit.percent, Unit.equity_percent})  # units whose amounts are never summed
MAX_PANELS = 4  # units drawn; commitments in further units are counted in a note (the table lists them)
# The drawing's height stays under this, so a page (190 mm at most for a chart) shows it unscaled:
# bars are summed into «others» sooner when there are several panels.
MAX_HEIGHT_IN = 7.0
BAR_IN, PANEL_IN, TITLE_IN, FRAME_IN = 0.45, 0.45, 0.25, 0.6
LABEL_WIDTH = 34  # characters per line of a bar's label
NAME_WIDTH = 22  # characters of a party name in a bar's label (full column width)


@dataclass(frozen=True)
class Bar:
    """One commitment as a bar: who pays whom, what for, how much."""

    payers: tuple[str, ...]  # every name on the giving side, the first one first
    payees: tuple[str, ...]
    kind: CommitmentKind
    amount: Quantity
    prior: bool
    parts: tuple[tuple[str, Quantity], ...] = ()  # tranches: (label, amount), inside this bar
    others: int = 0  # > 0: the sum of this many smaller commitments, drawn as one bar
    largest: bool = False  # an «others» bar of percentages: the largest of them, not their sum

    @property
    def payer(self) -> str:
        """The giving side as Arabic lists names: «أ وب»."""
        return join_names(list(self.payers))

    @property
    def payee(self) -> str:
        """The receiving side as Arabic lists names."""
        return join_names(list(self.payees))


@dataclass(frozen=True)
class Panel:
    """The bars of one unit, largest first; `omitted`: commitments in units no panel shows (the last
    panel counts them)."""

    unit: Unit
    bars: tuple[Bar, ...]
    omitted: int


def extract(deal: Deal) -> tuple[Panel, ...] | None:
    """The deal's commitments per unit (currency, power, shares…), sorted by their largest possible amount."""
    by_unit: dict[Unit, list[Bar]] = {}

    def names(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(deal.party(i).name_ar for i in ids)

    for c in deal.wholes():  # a tranche is inside its whole's bar, never a second bar
        parts = tuple((t.label_ar, t.amount) for t in deal.tranches(c.id))
        bar = Bar(names(c.payers), names(c.payees), c.kind, c.amount, c.prior, parts)
        by_unit.setdefault(c.amount.unit, []).append(bar)
    ordered = sorted(by_unit.items(), key=lambda kv: -len(kv[1]))
    shown, hidden = ordered[:MAX_PANELS], ordered[MAX_PANELS:]
    budgets = _budgets({unit: len(bars) for unit, bars in shown})
    panels = []
    for unit, bars in shown:
        bars.sort(key=lambda b: -b.amount.high)
        panels.append(Panel(unit, _aggregated(bars, budgets[unit]), 0))
    if hidden and panels:  # counted under the last panel: «لم تُعرض 6 التزامات بوحدات أخرى»
        last = panels[-1]
        panels[-1] = Panel(last.unit, last.bars, sum(len(bars) for _, bars in hidden))
    return tuple(panels) or None


def max_bars(panels: int) -> int:
    """Bars the chart may draw over `panels` panels and stay under MAX_HEIGHT_IN."""
    titles = TITLE_IN if panels > 1 else 0.0
    room = MAX_HEIGHT_IN - FRAME_IN - panels * (PANEL_IN + titles)
    return max(MIN_BARS * panels, min(MAX_BARS, int(room / BAR_IN)))


def _budgets(counts: dict[Unit, int]) -> dict[Unit, int]:
    """Bars per currency: all of them when they fit, else shares of what fits (at least MIN_BARS)."""
    total, most = sum(counts.values()), max_bars(len(counts))
    if total <= most:
        return counts
    return {unit: min(n, max(MIN_BARS, most * n // total)) for unit, n in counts.items()}


def _aggregated(bars: list[Bar], budget: int) -> tuple[Bar, ...]:
    """The largest bars, and the rest summed into one «others» bar, so the chart keeps its size.

    Percentages do not add up (stakes in different companies, rates of different things): their
    «others» bar is the largest of the rest, and says so.
    """
    if len(bars) <= budget:
        return tuple(bars)
    kept, rest = bars[: budget - 1], bars[budget - 1 :]
    unit = rest[0].amount.unit
    summed = sum(b.others or 1 for b in rest)  # an «others» bar among them counts all it stands for
    if unit in NOT_ADDED:
        largest = max(rest, key=lambda b: b.amount.high).amount
        return (*kept, Bar((), (), CommitmentKind.other, largest, False, others=summed, largest=True))
    exact = all(b.amount.precision is Precision.exact for b in rest)
    total = Quantity(
        value=min(sum(b.amount.high for b in rest), MAX_VALUE),
        unit=unit,
        precision=Precision.exact if exact else Precision.about,
        noun=rest[0].amount.noun,  # a counted unit keeps its noun (the first one's, if they differ)
    )
    return (*kept, Bar((), (), CommitmentKind.other, total, False, others=summed))


def height(panels: tuple[Panel, ...]) -> float:
    """The drawing's height in inches: its bars, panel frames and titles, notes and legend."""
    titles = TITLE_IN if len(panels) > 1 else 0.0
    return FRAME_IN + sum(
        BAR_IN * len(p.bars) + PANEL_IN + titles + (0.2 if p.omitted else 0.0) for p in panels
    )


def fitted(panels: tuple[Panel, ...], height_in: float | None) -> tuple[Panel, ...]:
    """The panels cut to a slot at most `height_in` high: the smallest bars summed into «others»,
    then, when even that is too tall, the last panels left out and counted in the last one's note.

    So the chart is drawn at its own text size in a small slot instead of being scaled down
    until its text cannot be read (a slot too small even for one panel of one bar keeps that).
    """
    if height_in is None or height(panels) <= height_in:
        return panels
    for shown in range(len(panels), 0, -1):
        kept = list(panels[:shown])
        hidden = sum(b.others or 1 for p in panels[shown:] for b in p.bars) + sum(
            p.omitted for p in panels[shown:]
        )
        last = kept[-1]
        kept[-1] = Panel(last.unit, last.bars, last.omitted + hidden)
        frame = height(tuple(Panel(p.unit, (), p.omitted) for p in kept))
        room = int((height_in - frame) / BAR_IN + 1e-9)
        need = sum(min(len(p.bars), MIN_BARS) for p in kept)
        if room >= need or shown == 1:
            counts = {p.unit: len(p.bars) for p in kept}
            total = sum(counts.values())
            budgets = {
                p.unit: len(p.bars)
                if total <= room
                else max(min(len(p.bars), MIN_BARS), room * len(p.bars) // total)
                for p in kept
            }
            return tuple(
                Panel(p.unit, _aggregated(list(p.bars), max(1, budgets[p.unit])), p.omitted) for p in kept
            )
    return panels


def side(names: tuple[str, ...], options: ChartOptions) -> str:
    """One side of a commitment on one line: the names when they fit, else the first one cut short
    and how many others («صندوق… وطرف آخر»), so a cut never hides a second payer."""
    width = options.chars(NAME_WIDTH)
    joined = join_names(list(names))
    if len(names) <= 1 or len(joined) <= width:
        return wrap(joined, width, max_lines=1)
    tail = " و" + others(len(names) - 1, NOUNS["party"], options.digits)
    room = max(len(names[0].split()[0]) + 1, width - len(tail))  # never a cut inside the first word
    return wrap(names[0], room, max_lines=1) + tail


def bar_label(bar: Bar, options: ChartOptions) -> str:
    """'payer ← payee' over the kind of commitment; the arrow points to the payee in RTL."""
    if bar.others:
        what = "أكبرها" if bar.largest else "مجموع مبالغها"
        return f"{others(bar.others, NOUNS['commitment'], options.digits)}\n{what}"
    payer, payee = (side(names, options) for names in (bar.payers, bar.payees))
    kind = words.COMMITMENT_KINDS[bar.kind] + (" · سابق للصفقة" if bar.prior else "")
    text = f"{payer} ← {payee}\n{wrap(kind, options.chars(LABEL_WIDTH, 20), max_lines=2)}"
    if len(bar.parts) == 1:
        label, amount = bar.parts[0]
        part = f"منها {label or 'شريحة'}: {format_amount(amount, options.digits, isolate=False)}"
        text += "\n" + wrap(part, options.chars(LABEL_WIDTH, 20), max_lines=1)
    elif bar.parts:  # the first tranche's name alone would be cut short on one line: say how many
        text += f"\nمنها {count(len(bar.parts), NOUNS['tranche'], options.digits)}"
    return localize_prose_numbers(text, options.digits)


def draw(panels: tuple[Panel, ...], options: ChartOptions) -> Figure:
    """Horizontal bars growing leftwards from the labels on the right, one axes per currency."""
    panels = fitted(panels, options.height_in)
    titles = TITLE_IN if len(panels) > 1 else 0.0
    heights = [BAR_IN * len(p.bars) + PANEL_IN + titles + (0.2 if p.omitted else 0.0) for p in panels]
    fig = new_figure(height(panels), options.width_in)
    axes = fig.subplots(len(panels), 1, squeeze=False, height_ratios=heights)[:, 0]
    style = looks(options.accent)
    used: dict[Precision, Look] = {}
    value_labels = []
    for ax, panel in zip(axes, panels, strict=True):
        value_labels.append(_draw_panel(ax, panel, options, style, used, titled=len(panels) > 1))
    _fit_value_labels(fig, axes, value_labels)
    entries = [(_legend_patch(look), look.legend_ar) for look in used.values()]
    if any(bar.parts for panel in panels for bar in panel.bars):
        entries.append((Patch(facecolor="#222222"), "شريحة داخل الالتزام (لا تُضاف إليه)"))
    if len(used) > 1 or Precision.exact not in used:
        legend_rtl(fig, entries)
    return fig


def unit_title(panel: Panel) -> str:
    """A panel's heading when several units are drawn: what its bars count."""
    return f"{UNIT_TITLES.get(panel.unit, words.UNITS[panel.unit])}"


def _draw_panel(
    ax: Axes,
    panel: Panel,
    options: ChartOptions,
    style: dict[Precision, Look],
    used: dict,
    *,
    titled: bool = False,
) -> list:
    ys = list(range(len(panel.bars)))
    labels = []
    for y, bar in zip(ys, panel.bars, strict=True):
        q = bar.amount
        look = style[q.precision]
        used.setdefault(q.precision, look)
        draw_bar(ax, y, q, look, horizontal=True, thickness=0.62)
        start = 0.0
        for _label, part in bar.parts:  # each tranche as a dark strip inside its whole's bar
            # A white edge parts one strip from the next, so three tranches do not read as one.
            ax.barh(
                y + 0.22,
                part.high,
                left=start,
                height=0.14,
                color="#222222",
                edgecolor="white",
                linewidth=0.8,
                gid="tranche",
            )
            start += part.high
        shift = offset_copy(ax.transData, fig=ax.figure, x=-4, units="points")
        labels.append(
            ax.text(
                q.high,
                y,
                visual(format_amount(q, options.digits, isolate=False)),
                transform=shift,
                **text_kw(ha="right", va="center", fontsize=8, gid="value"),
            )
        )
    ax.set_yticks(ys, [visual(bar_label(b, options)) for b in panel.bars])
    for tick in ax.get_yticklabels():
        tick.set_multialignment("right")
    ax.yaxis.tick_right()
    if titled:
        ax.set_title(visual(unit_title(panel)), loc="right", fontsize=8, fontweight="bold", pad=3)
    ax.tick_params(axis="y", length=0, pad=6)
    ax.set_ylim(len(ys) - 0.4 + (0.5 if panel.omitted else 0.0), -0.6)  # largest on top
    # Every bar carries its amount in words: a value scale would only repeat it.
    ax.xaxis.set_visible(False)
    if panel.omitted:
        n = panel.omitted
        note = f"لم {verb_for(n, 'يُعرض', 'تُعرض')} {count(n, NOUNS['commitment'], options.digits)} بوحدات أخرى"
        ax.text(
            1.0, 0.0, visual(note), transform=ax.transAxes, **text_kw(ha="right", va="bottom", fontsize=7.5)
        )
    ax.spines[["left", "top", "bottom"]].set_visible(False)
    ax.grid(axis="x", color="#e3e3e3", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlim(max(b.amount.high for b in panel.bars) * 1.02, 0)  # inverted: bars grow leftwards
    return labels


def _fit_value_labels(fig: Figure, axes: list[Axes], labels: list[list]) -> None:
    """Widen each value axis so every amount label sits fully inside it, beside its bar."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for ax, texts in zip(axes, labels, strict=True):
        width = ax.get_window_extent(renderer).width
        limit = ax.get_xlim()[0]
        for text in texts:
            room = width - text.get_window_extent(renderer).width - 10
            value = text.get_position()[0]
            if room > width * 0.2:
                limit = max(limit, value * width / room)
        ax.set_xlim(limit, 0)


def _legend_patch(look: Look) -> Patch:
    return Patch(facecolor=look.fill, hatch=look.hatch, edgecolor=look.edge, linestyle=look.linestyle)


def alt(panels: tuple[Panel, ...], options: ChartOptions) -> str:
    """The chart in words, for readers who cannot see it."""
    parts = []
    for panel in panels:
        for bar in panel.bars:
            amount = format_amount(bar.amount, options.digits)
            if bar.others:
                what = "أكبرها" if bar.largest else "مجموعها"
                parts.append(f"{others(bar.others, NOUNS['commitment'], options.digits)} {what} {amount}")
                continue
            within = "".join(
                f"، منها {label or 'شريحة'}: {format_amount(q, options.digits)}" for label, q in bar.parts
            )
            parts.append(
                f"{bar.payer} إلى {bar.payee} ({words.COMMITMENT_KINDS[bar.kind]}): {amount}{within}"
            )
    return "أعمدة أفقية مرتبة من الأكبر إلى الأصغر: " + "؛ ".join(parts) + "."
