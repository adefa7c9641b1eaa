"""Where the flows chart's amounts go: along the arrows, searched, or numbered and listed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from engine.amounts import format_amount
from engine.bidi import isolate
from engine.charts.style import ChartOptions, legend_rtl, text_kw
from engine.charts.text import visual, wrap
from engine.charts.textcheck import OWN_LABELS, crosses
from engine.counting import NOUNS, others
from engine.numerals import ALM, format_number, localize_prose_numbers

if TYPE_CHECKING:
    from engine.charts.flows import Edge, Flows

MAX_EDGE_LABELS = 12  # past this, amounts are read from chart 1 and arrow widths


def labelled_edges(flows: Flows) -> list[Edge]:
    """The arrows whose amounts are written on the chart (a shared arrow's are on its partner's)."""
    if len(flows.edges) > MAX_EDGE_LABELS:
        return []
    return [e for e in flows.edges if not e.shared]


def _curve_point(ax: Axes, edge: Edge, pos: dict, rad: float, t: float) -> tuple[float, float, str, str]:
    """A point of the arrow's curve (t from source to target) in data units, and the alignment that
    puts a label on the curve's outer side there."""
    to_px = ax.transData
    (x0, y0), (x1, y1) = to_px.transform(pos[edge.source]), to_px.transform(pos[edge.target])
    # matplotlib's arc3 bends the curve in display space: control point = middle + rad * (dy, -dx).
    dx, dy = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2 + rad * dy, (y0 + y1) / 2 - rad * dx
    u = 1 - t
    px, py = u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1
    nx, ny = rad * dy, -rad * dx  # the side the curve bulges to
    ha = "center" if abs(nx) < 0.35 * abs(ny) else ("left" if nx > 0 else "right")
    va = "center" if abs(ny) < 0.35 * abs(nx) else ("bottom" if ny > 0 else "top")
    x, y = to_px.inverted().transform((px, py))
    return float(x), float(y), ha, va


PLACES = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)  # where on its arrow a label may sit, the middle first


def place_label(
    label: Text,
    arrow: FancyArrowPatch,
    *,
    edge: Edge,
    pos: dict,
    rad: float,
    ax: Axes,
    taken: list,
    arrows: list,
) -> bool:
    """The first place along its arrow where the label covers no party, no other label and no other
    arrow (True); the middle when there is none (False: the chart's own check then reports it)."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    flip = {"left": "right", "right": "left", "top": "bottom", "bottom": "top", "center": "center"}
    for t, inner in [(t, False) for t in PLACES] + [(t, True) for t in PLACES]:
        x, y, ha, va = _curve_point(ax, edge, pos, rad, t)
        if inner:  # on the curve's inner side
            ha, va = flip[ha], flip[va]
        label.set_position((x, y))
        label.set_ha(ha)
        label.set_va(va)
        box = label.get_window_extent(renderer).padded(3)
        if any(box.overlaps(other) for other in taken):
            continue
        if any(other is not arrow and any(crosses(poly, box) for poly in polys) for other, polys in arrows):
            continue
        taken.append(box)
        return True
    x, y, ha, va = _curve_point(ax, edge, pos, rad, 0.5)
    label.set_position((x, y))
    label.set_ha(ha)
    label.set_va(va)
    taken.append(label.get_window_extent(renderer).padded(3))
    return False


class _Polyline:
    """An arrow's path in display space, as segments, for fast crossing tests against a box."""

    def __init__(self, points: np.ndarray) -> None:
        points = np.asarray(points, dtype=float)
        self.p, self.q = points[:-1], points[1:]
        self.low, self.high = points.min(axis=0), points.max(axis=0)

    def hits(self, box: Bbox) -> bool:
        """Whether any segment passes through the box, its ends included (a label may not sit on
        another arrow's head either): Liang–Barsky clipping, as `textcheck.crosses`, vectorised."""
        if len(self.p) == 0 or self.high[0] < box.x0 or self.low[0] > box.x1:
            return False
        if self.high[1] < box.y0 or self.low[1] > box.y1:
            return False
        t0, t1 = np.zeros(len(self.p)), np.ones(len(self.p))
        inside = np.ones(len(self.p), dtype=bool)
        d = self.q - self.p
        for axis, low, high in ((0, box.x0, box.x1), (1, box.y0, box.y1)):
            delta, start = d[:, axis], self.p[:, axis]
            flat = np.abs(delta) < 1e-12
            inside &= ~(flat & ((start < low) | (start > high)))
            safe = np.where(flat, 1.0, delta)
            a, b = (low - start) / safe, (high - start) / safe
            t0 = np.maximum(t0, np.where(flat, -np.inf, np.minimum(a, b)))
            t1 = np.minimum(t1, np.where(flat, np.inf, np.maximum(a, b)))
        return bool(np.any(inside & (t0 <= t1)))


class Room:
    """What a label or number may not cover: the parties, the labels placed so far, the list and
    the legend, any arrow but its own, and the figure's edge."""

    def __init__(self, fig: Figure, taken: list[Bbox], arrows: list) -> None:
        self.edge = Bbox.from_bounds(2, 2, fig.bbox.width - 4, fig.bbox.height - 4)
        self.taken = list(taken)
        self.arrows = [(arrow, [_Polyline(p) for p in polys if len(p) > 1]) for arrow, polys in arrows]

    def free(self, box: Bbox, own: FancyArrowPatch) -> bool:
        """Whether the box is inside the figure and covers nothing but its own arrow `own`."""
        if not (self.edge.x0 <= box.x0 and box.x1 <= self.edge.x1):
            return False
        if not (self.edge.y0 <= box.y0 and box.y1 <= self.edge.y1):
            return False
        if any(box.overlaps(other) for other in self.taken):
            return False
        return not any(arrow is not own and any(p.hits(box) for p in lines) for arrow, lines in self.arrows)


def _curve_frame(ax: Axes, edge: Edge, pos: dict, rad: float, t: float) -> tuple[np.ndarray, np.ndarray]:
    """A point of the arrow's curve (display space) and the unit normal there, toward the side the
    curve bulges to (the outer side)."""
    p0 = np.asarray(ax.transData.transform(pos[edge.source]), dtype=float)
    p1 = np.asarray(ax.transData.transform(pos[edge.target]), dtype=float)
    dx, dy = p1 - p0
    bulge = np.array([dy, -dx]) * (1.0 if rad >= 0 else -1.0)  # arc3: control = middle + rad * (dy, -dx)
    c = (p0 + p1) / 2 + rad * np.array([dy, -dx])
    u = 1 - t
    point = u * u * p0 + 2 * u * t * c + t * t * p1
    tangent = 2 * u * (c - p0) + 2 * t * (p1 - c)
    normal = np.array([tangent[1], -tangent[0]])
    if normal @ bulge < 0:
        normal = -normal
    length = float(np.hypot(*normal)) or 1.0
    return point, normal / length


def _facing(normal: np.ndarray) -> tuple[str, str]:
    """The alignment that puts a text on the side of its anchor the normal points to."""
    nx, ny = normal
    ha = "center" if abs(nx) < 0.35 * abs(ny) else ("left" if nx > 0 else "right")
    va = "center" if abs(ny) < 0.35 * abs(nx) else ("bottom" if ny > 0 else "top")
    return ha, va


ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85)  # places along an arrow, the middle first
OFF_PX = (2.0, 10.0)  # how far off its arrow a label may sit
WRAPS = (22, 30, 16)  # characters per amount line: the usual, wider (fewer lines), narrower


def _spots(ax: Axes, edge: Edge, pos: dict, rad: float, *, on_first: bool) -> list:
    """Candidate anchors (display space) and alignments along an arrow: either side at each offset,
    and on the arrow itself (its own arrow may run under its label); with `on_first`, every place
    on the arrow before any beside it (a number belongs on its arrow)."""
    on, beside = [], []
    for t in ALONG:
        point, normal = _curve_frame(ax, edge, pos, rad, t)
        on.append([(point, ("center", "center"))])
        beside.append(
            [(point + side * normal * off, _facing(side * normal)) for side in (1, -1) for off in OFF_PX]
        )
    if on_first:
        return [spot for group in on + beside for spot in group]
    return [spot for pair in zip(beside, on, strict=True) for group in pair for spot in group]


def _try(text: Text, spot: tuple, *, ax: Axes, own: FancyArrowPatch, room: Room, patch: bool) -> bool:
    """Put the text at a spot if it is free there (then it takes that room)."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    (x, y), (ha, va) = spot
    text.set_position(tuple(ax.transData.inverted().transform((x, y))))
    text.set_ha(ha)
    text.set_va(va)
    if patch:  # a number's circle is larger than its digit: the circle must be free
        text.update_bbox_position_size(renderer)
        box = text.get_bbox_patch().get_window_extent(renderer).padded(1)
    else:
        box = text.get_window_extent(renderer).padded(3)
    if not room.free(box, own):
        return False
    room.taken.append(box)
    return True


def place_searched(ax: Axes, labelled: list, *, pos: dict, options: ChartOptions, room: Room) -> int:
    """Every amount at the first free spot of a wide search (`_spots`, then narrower or wider
    wraps), the largest labels first; how many found none."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    made = []
    for arrow, edge, rad, color in labelled:
        label = edge_label(ax, edge, pos, rad=rad, options=options, color=color)
        setattr(arrow, OWN_LABELS, (label,))
        extent = label.get_window_extent(renderer)
        made.append((extent.width * extent.height, arrow, edge, rad, label))
    unplaced = 0
    for _, arrow, edge, rad, label in sorted(made, key=lambda m: -m[0]):
        found = False
        for width in WRAPS:
            label.set_text(visual(_label_text(edge, options, width)))
            spots = _spots(ax, edge, pos, rad, on_first=False)
            if any(_try(label, spot, ax=ax, own=arrow, room=room, patch=False) for spot in spots):
                found = True
                break
        if not found:
            label.set_text(visual(_label_text(edge, options)))
            x, y, ha, va = _curve_point(ax, edge, pos, rad, 0.5)
            label.set_position((x, y))
            label.set_ha(ha)
            label.set_va(va)
            unplaced += 1
    return unplaced


def place_numbers(ax: Axes, labelled: list, *, pos: dict, options: ChartOptions, room: Room) -> int:
    """A number on each labelled arrow, in a circle of the arrow's colour, where it is free; an
    arrow with no free spot goes without (its flow is still in the list); how many went without."""
    unplaced = 0
    for i, (arrow, edge, rad, color) in enumerate(labelled):
        number = ax.text(
            0,
            0,
            visual(format_number(i + 1, options.digits, decimals=0)),
            **text_kw(
                fontsize=7,
                fontweight="bold",
                color="#111111",
                zorder=4,
                gid="flow-number",
                bbox={
                    "boxstyle": "circle,pad=0.25",
                    "facecolor": "white",
                    "edgecolor": color,
                    "linewidth": 0.8,
                },
            ),
        )
        setattr(arrow, OWN_LABELS, (number,))
        spots = _spots(ax, edge, pos, rad, on_first=True)
        if not any(_try(number, spot, ax=ax, own=arrow, room=room, patch=True) for spot in spots):
            number.remove()
            setattr(arrow, OWN_LABELS, ())
            unplaced += 1
    return unplaced


LIST_COLUMNS = 2  # of the numbered list, full column width (one at half width)
LIST_MARGIN = 0.03  # of the width, each side


def list_columns(options: ChartOptions) -> int:
    """The numbered list's columns: two across a full column, one at half width."""
    return LIST_COLUMNS if options.width_in > 4 else 1


def numbered_list(fig: Figure, flows: Flows, options: ChartOptions) -> list[Text]:
    """«١. من أ إلى ب: …» for each labelled arrow, in the order of their numbers (placed by
    `stack_under`)."""
    columns = list_columns(options)
    width = options.chars(90 // columns, 24)
    names = dict(flows.nodes)
    out = []
    for i, edge in enumerate(labelled_edges(flows)):
        number = format_number(i + 1, options.digits, decimals=0)
        source, target = (
            isolate(localize_prose_numbers(wrap(names[node], 26, max_lines=1), options.digits))
            for node in (edge.source, edge.target)
        )
        # The amounts are in the report's digits already (prose localising would take them apart).
        what = "، ".join(_amount_parts(edge, options)) if edge.amounts else IMPLIED_AR
        lines = wrap(f"{number}. من {source} إلى {target}: {what}", width, max_lines=6).split("\n")
        # Each line right to left, even one that starts inside a Latin name.
        text = "\n".join(ALM + line for line in lines)
        kw = text_kw(ha="right", va="top", fontsize=7.5, gid="flow-list")
        out.append(fig.text(0, 0, visual(text), **kw))
    return out


def stack_under(
    fig: Figure, ax: Axes, listed: list[Text], entries: list, ring_in: float, *, columns: int
) -> None:
    """The legend at the bottom, the numbered list above it in columns read from the right (the
    first numbers in the right column), and the ring, `ring_in` high, above both: the figure grows
    by what is under the ring."""
    legend_rtl(fig, entries, loc="lower center")
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    legend_in = max((lg.get_window_extent(renderer).height for lg in fig.legends), default=0.0) / fig.dpi
    base_in = legend_in + 0.12
    per_column = -(-len(listed) // columns)
    stacks = [listed[k * per_column : (k + 1) * per_column] for k in range(columns)]
    gap_in = 0.06
    list_in = max(
        sum(t.get_window_extent(renderer).height / fig.dpi + gap_in for t in stack) for stack in stacks
    )
    width_in = float(fig.get_size_inches()[0])
    total_in = ring_in + base_in + list_in + 0.05
    fig.set_size_inches(width_in, total_in)
    for k, stack in enumerate(stacks):
        x = width_in * (1 - LIST_MARGIN - k * (1 - 2 * LIST_MARGIN) / columns)
        y = base_in + list_in
        for text in stack:
            text.set_transform(fig.dpi_scale_trans)
            text.set_position((x, y))
            y -= text.get_window_extent(renderer).height / fig.dpi + gap_in
    ax.set_position((0.01, (base_in + list_in + 0.05) / total_in, 0.98, ring_in / total_in))


def edge_label(ax: Axes, edge: Edge, pos: dict, *, rad: float, options: ChartOptions, color: str) -> Text:
    """The amount carried by an arrow, in a small box (placed by `place_label`)."""
    return ax.text(
        0,
        0,
        visual(_label_text(edge, options)),
        **text_kw(
            fontsize=7,
            color="#111111",
            zorder=4,
            multialignment="center",
            gid="flow-label",
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": color, "linewidth": 0.6},
        ),
    )


IMPLIED_AR = "عتاد وأنظمة (ضمني)"
SHOWN_AMOUNTS = 3  # per arrow; more are counted, so a label never grows past its arrow


def _label_text(edge: Edge, options: ChartOptions, width: int = 22) -> str:
    """What an arrow's label says, its amounts wrapped at `width` characters."""
    return _amounts(edge, options, width) if edge.amounts else IMPLIED_AR


def _amount_parts(edge: Edge, options: ChartOptions) -> list[str]:
    """The amounts an arrow carries, the rest counted («و٣ التزامات أخرى»), then its part in joint
    commitments written on another arrow."""
    parts = [format_amount(q, options.digits, isolate=False) for q in edge.amounts[:SHOWN_AMOUNTS]]
    if len(edge.amounts) > SHOWN_AMOUNTS:
        parts.append("و" + others(len(edge.amounts) - SHOWN_AMOUNTS, NOUNS["commitment"], options.digits))
    if edge.partner_in:  # its own amounts, and a share in a joint one written on another arrow
        parts.append(partner_line(edge.partner_in, options))
    return parts


def _amounts(edge: Edge, options: ChartOptions, width: int = 22) -> str:
    """The amounts an arrow carries, one a line (wrapped at `width`), the rest counted."""
    parts = _amount_parts(edge, options)
    shown = min(len(edge.amounts), SHOWN_AMOUNTS)
    return "\n".join([wrap(part, width) for part in parts[:shown]] + parts[shown:])


def partner_line(n: int, options: ChartOptions) -> str:
    """«وشريك في التزام آخر»، «وشريك في التزامين آخرين»، «وشريك في 3 التزامات أخرى»: the dual after
    the preposition is oblique, its adjective agreeing."""
    noun = NOUNS["commitment"]
    if n == 2:
        return f"وشريك في {noun.dual_oblique or noun.dual} آخرين"
    return f"وشريك في {others(n, noun, options.digits)}"
