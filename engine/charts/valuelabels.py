"""Value labels above vertical bars: wrapped where Arabic reads well, placed inside their panel,
above every bar they span and clear of each other, the value axis raised until they fit.

Why a module of its own: a label centred on a thin bar of a narrow panel («ما لا يقل عن 4,800
تريليون درهم» over a bar 0.6 slot wide) overhangs its slot. Cut at its first space it read «ما» on
a line of its own; left where it was centred it ran into the neighbouring bar, the value ticks or
the next panel. Everything here is measured on the laid-out figure (matplotlib's extents), the facts
the chart's own text check (`engine.charts.textcheck`) judges afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from engine.amounts import BELOW, PREFIXES

# Phrases that read as one word: a line never ends inside them («ما» / «لا يقل عن…»).
PHRASES = tuple(sorted({p.strip() for p in (*PREFIXES.values(), BELOW) if p.strip()}, key=len, reverse=True))
# Words that lean on the next one: a line never ends on them («مئات الملايين من» / «الدولارات»).
LEANING = frozenset({"من", "عن", "في", "إلى", "على"})
MAX_LINES = 3
PAD_PT = 3.0  # a label's gap above the highest bar under it (the gap a label always had)
GAP_PX = 3.0  # between two labels, and between a label and its panel's edge
MAX_RAISES = 8  # value-axis raises (each lays the figure out again) before giving up


def units(text: str) -> list[str]:
    """The text cut where a line may break: between words, but not inside a precision phrase
    («ما لا يقل عن»), not between a figure and the word it counts («4,800 تريليون»), and not
    after a leaning preposition («من الدولارات»)."""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        phrase = next((p for p in PHRASES if words[i : i + len(p.split())] == p.split()), None)
        size = len(phrase.split()) if phrase else 1
        unit = " ".join(words[i : i + size])
        i += size
        glue = (phrase is None and any(ch.isdigit() for ch in unit)) or unit in LEANING
        while glue and i < len(words):  # a figure or a leaning word takes the next word along
            unit = f"{unit} {words[i]}"
            glue = words[i] in LEANING
            i += 1
        out.append(unit)
    return out


def balanced(parts: Sequence[str], lines: int, width: Callable[[str], float]) -> tuple[str, float]:
    """`parts` on at most `lines` lines, cut where the widest line is narrowest (measured, not
    counted: Arabic letters differ in width); ties keep the longer line first. (text, widest)."""
    n = len(parts)
    lines = max(1, min(lines, n))

    @cache
    def span(i: int, j: int) -> float:
        return width(" ".join(parts[i:j]))

    @cache
    def best(i: int, k: int) -> tuple[float, tuple[int, ...]]:
        """Narrowest widest line for parts[i:] on exactly k lines, and where the lines end."""
        if k == 1:
            return span(i, n), (n,)
        options = []
        for j in range(n - k + 1, i, -1):  # the longest first line first: it wins ties
            rest, ends = best(j, k - 1)
            options.append((max(span(i, j), rest), (j, *ends)))
        return min(options, key=lambda o: o[0])

    widest, ends = min((best(0, k) for k in range(1, lines + 1)), key=lambda o: o[0])
    starts = (0, *ends[:-1])
    return "\n".join(" ".join(parts[a:b]) for a, b in zip(starts, ends, strict=True)), widest


def wrap_to_fit(
    text: str, max_px: float, width: Callable[[str], float], *, max_lines: int = MAX_LINES
) -> str:
    """The fewest lines (balanced) that fit `max_px`; if none does, the narrowest wrap there is."""
    parts = units(text)
    narrowest = ""
    for lines in range(1, max_lines + 1):
        wrapped, widest = balanced(parts, lines, width)
        narrowest = wrapped
        if widest <= max_px or lines >= len(parts):
            return wrapped
    return narrowest


@dataclass(frozen=True)
class _Box:
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass(frozen=True)
class _Scene:
    """A panel as laid out, in pixels sideways and in values upwards from 0 (the range top is what
    changes: bars grow from zero)."""

    left: float
    right: float
    bottom: float
    top: float
    bars: tuple[tuple[float, float, float], ...]  # (x0, x1) in pixels, top as a value
    labels: tuple[tuple[float, float, float, float], ...]  # anchor x in pixels, value, width, height

    def boxes(self, high: float, dpi: float) -> list[_Box]:
        """Where each label goes with the value axis running from 0 to `high` (order of `labels`)."""

        def y(value: float) -> float:
            return self.bottom + value / high * (self.top - self.bottom)

        pad = PAD_PT * dpi / 72
        boxes: dict[int, _Box] = {}
        # The tallest bar's label first: it sits on its own bar; a wide label of a shorter bar then
        # goes over it, rather than the other way round (a label is read as its bar's where it sits).
        for i in sorted(range(len(self.labels)), key=lambda i: -self.labels[i][1]):
            anchor_x, value, w, h = self.labels[i]
            low, high_x = self.left + GAP_PX + w / 2, self.right - GAP_PX - w / 2
            cx = (self.left + self.right) / 2 if low > high_x else min(max(anchor_x, low), high_x)
            x0, x1 = cx - w / 2, cx + w / 2
            under = [top for bx0, bx1, top in self.bars if bx0 < x1 + GAP_PX and bx1 > x0 - GAP_PX]
            y0 = y(max([value, *under])) + pad
            moved = True
            while moved:  # pushed up past every label in the way: the lowest free place
                moved = False
                for other in boxes.values():
                    beside = other.x0 < x1 + GAP_PX and other.x1 > x0 - GAP_PX
                    if beside and other.y0 - GAP_PX < y0 + h and other.y1 + GAP_PX > y0:
                        y0, moved = other.y1 + GAP_PX, True
            boxes[i] = _Box(x0, x1, y0, y0 + h)
        return [boxes[i] for i in range(len(self.labels))]

    def fits(self, high: float, dpi: float) -> bool:
        return all(b.y1 <= self.top - GAP_PX for b in self.boxes(high, dpi))


def _bars(ax: Axes) -> list[Rectangle]:
    return [
        p
        for p in ax.patches
        if isinstance(p, Rectangle) and str(p.get_gid() or "").startswith("bar") and p.get_width()
    ]


def _scene(fig: Figure, ax: Axes, labels: Sequence[Text]) -> _Scene:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = ax.get_window_extent(renderer)
    bars = []
    for bar in _bars(ax):
        extent = bar.get_window_extent(renderer)
        bars.append((extent.x0, extent.x1, bar.get_y() + bar.get_height()))
    marks = []
    for label in labels:
        extent = label.get_window_extent(renderer)
        x, value = label.xy
        marks.append((float(ax.transData.transform((x, value))[0]), value, extent.width, extent.height))
    return _Scene(frame.x0, frame.x1, frame.y0, frame.y1, tuple(bars), tuple(marks))


def lay_out(fig: Figure) -> None:
    """The figure's layout for its present text and ranges, without drawing it (a third of a draw):
    panels move when a tick label or a wrapped label changes size."""
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)


def place(
    fig: Figure, panels: Sequence[tuple[Axes, Sequence[Text]]], *, most: float | None = None
) -> list[bool]:
    """Move each panel's labels (annotations at their bars' tops) into place, raising its value axis
    (never lowering it) until they fit under its top, to at most `most` times the range it has now
    (None: as far as it takes). Per panel: whether they fit (False: they stand taller or wider than
    the panel, or need a higher range than allowed; placed as well as they go)."""
    ceilings = [ax.get_ylim()[1] * most if most else None for ax, _ in panels]
    for attempt in range(MAX_RAISES):
        lay_out(fig)  # the layout of these ranges: new ticks may move the panels' edges
        scenes = [_scene(fig, ax, labels) for ax, labels in panels]
        raised = False
        for (ax, _), scene, ceiling in zip(panels, scenes, ceilings, strict=True):
            low, high = ax.get_ylim()
            if attempt < MAX_RAISES - 1 and not scene.fits(high, fig.dpi):
                top = _lowest_fitting(scene, high, fig.dpi, ceiling)
                if top is not None:
                    ax.set_ylim(low, top)
                    raised = True
        if not raised:
            break
    fits = []
    for (ax, labels), scene in zip(panels, scenes, strict=True):
        high = ax.get_ylim()[1]
        boxes = scene.boxes(high, fig.dpi)
        _move(fig, ax, labels, boxes)
        room = scene.right - scene.left - 2 * GAP_PX
        fits.append(scene.fits(high, fig.dpi) and all(b.x1 - b.x0 <= room for b in boxes))
    return fits


def _move(fig: Figure, ax: Axes, labels: Sequence[Text], boxes: Sequence[_Box]) -> None:
    for label, box in zip(labels, boxes, strict=True):
        anchor_x, anchor_y = ax.transData.transform(label.xy)
        label.set_horizontalalignment("center")
        label.set_verticalalignment("bottom")
        label.xyann = (
            ((box.x0 + box.x1) / 2 - anchor_x) * 72 / fig.dpi,
            (box.y0 - anchor_y) * 72 / fig.dpi,
        )


def _lowest_fitting(scene: _Scene, high: float, dpi: float, ceiling: float | None) -> float | None:
    """The smallest range top above `high` that holds every label (bisected), None if none up to
    `ceiling` does (without one: a range 64 times higher, where bars are all but flat)."""
    ceiling = ceiling or high * 64
    if ceiling <= high or not scene.fits(ceiling, dpi):
        return None
    low = high
    for _ in range(40):
        mid = (low + ceiling) / 2
        if scene.fits(mid, dpi):
            ceiling = mid
        else:
            low = mid
    return ceiling * 1.01
