"""Chart 2, flows: who gives what to whom, with value that returns to its source drawn as a loop.

Every commitment counts once: a tranche is inside its whole; a commitment with several parties on a
side is labelled on the arrow between its first parties, the others drawn as thin "shared" arrows.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from engine.amounts import format_amount
from engine.bidi import isolate
from engine.charts.style import MUTED, ChartOptions, legend_rtl, new_figure, text_kw
from engine.charts.text import visual, wrap
from engine.charts.textcheck import OWN_LABELS, crosses, text_report
from engine.counting import NOUNS, others
from engine.model import CURRENCIES, CommitmentKind, Deal, Digits, Quantity, Role
from engine.numerals import ALM, format_number, localize_prose_numbers
from engine.preflight.charts import MIN_CHART_TEXT_PT, ChartNotes

NAME = "flows"
TITLE_AR = "مسارات الأموال بين الأطراف"
MAX_EDGE_LABELS = 12  # past this, amounts are read from chart 1 and arrow widths


@dataclass(frozen=True)
class Edge:
    """What flows from one party to another: the amounts of every commitment between them.

    `implied` marks a flow the deal implies without a figure; `shared` an arrow to or from a
    co-party of a commitment whose amount is written on its first parties' arrow.
    """

    source: str
    target: str
    kind: CommitmentKind
    amounts: tuple[Quantity, ...]
    implied: bool = False
    shared: bool = False
    partner_in: int = 0  # joint commitments this pair shares, their amounts written on another arrow

    @property
    def amount(self) -> Quantity | None:
        """The first amount (None for an implied or shared flow)."""
        return self.amounts[0] if self.amounts else None

    @property
    def money(self) -> float:
        """The largest possible money on this arrow (0 when none of its amounts is money)."""
        return sum(q.high for q in self.amounts if q.unit in CURRENCIES)


@dataclass(frozen=True)
class Flows:
    """Parties (id, Arabic name) and the flows between them."""

    nodes: tuple[tuple[str, str], ...]
    edges: tuple[Edge, ...]


def extract(deal: Deal) -> Flows | None:
    """Commitments as flows, plus 'compute runs on the chip maker's hardware' from capacities."""
    merged: dict[tuple[str, str], Edge] = {}
    for c in deal.wholes():  # tranches are parts of a flow already drawn
        for source in c.payers:
            for target in c.payees:
                if source == target:
                    continue
                first = (source, target) == (c.from_party, c.to_party)
                new = Edge(
                    source,
                    target,
                    c.kind,
                    (c.amount,) if first else (),
                    shared=not first,
                    partner_in=int(not first),
                )
                old = merged.get((source, target))
                merged[(source, target)] = new if old is None else _merge(old, new)
    edges = list(merged.values())
    chip_makers = [p.id for p in deal.parties if p.role is Role.chip_maker]
    paid = {(e.source, e.target) for e in edges}
    for cap in deal.capacities:
        for maker in chip_makers:
            if maker != cap.provider and (cap.provider, maker) not in paid:
                edges.append(Edge(cap.provider, maker, CommitmentKind.hardware_purchase, (), implied=True))
                paid.add((cap.provider, maker))
    if not edges:
        return None
    used = {e.source for e in edges} | {e.target for e in edges}
    nodes = tuple((p.id, p.name_ar) for p in deal.parties if p.id in used)
    return _grouped(Flows(nodes, tuple(edges)))


MAX_NODES = 8  # parties drawn; the rest are one «others» box, so arrows never run through a crowd
OTHERS_ID = "others"


def _grouped(flows: Flows) -> Flows:
    """The parties with the most money and links, and the rest as one «N طرفًا آخر» box (counted
    in Latin digits here; the drawing writes them in the report's digits)."""
    if len(flows.nodes) <= MAX_NODES:
        return flows

    def weight(node: str) -> tuple[float, int]:
        touching = [e for e in flows.edges if node in (e.source, e.target)]
        return (sum(e.money for e in touching), len(touching))

    kept = set(sorted((n for n, _ in flows.nodes), key=weight, reverse=True)[: MAX_NODES - 1])
    rest = len(flows.nodes) - len(kept)
    merged: dict[tuple[str, str], Edge] = {}
    for e in flows.edges:
        source = e.source if e.source in kept else OTHERS_ID
        target = e.target if e.target in kept else OTHERS_ID
        if source == target:
            continue  # between two of the grouped parties: inside the box
        new = dataclasses.replace(e, source=source, target=target)
        old = merged.get((source, target))
        merged[(source, target)] = new if old is None else _merge(old, new)
    name = others(rest, NOUNS["party"], Digits.latn)
    nodes = (*((n, name_ar) for n, name_ar in flows.nodes if n in kept), (OTHERS_ID, name))
    return Flows(nodes, tuple(merged.values()))


def title(flows: Flows) -> str:
    """«مسارات الأموال» while every figure is money; «مسارات القيمة» once shares or hardware flow too."""
    if all(q.unit in CURRENCIES for e in flows.edges for q in e.amounts):
        return TITLE_AR
    return "مسارات القيمة بين الأطراف: أموال وأسهم وعتاد"


def _merge(old: Edge, new: Edge) -> Edge:
    """Two commitments between the same parties, on one arrow with both amounts."""
    return Edge(
        old.source,
        old.target,
        old.kind,
        old.amounts + new.amounts,
        implied=old.implied and new.implied,
        shared=old.shared and new.shared,
        partner_in=old.partner_in + new.partner_in,
    )


def in_cycle(flows: Flows) -> set[tuple[str, str]]:
    """The flows that lie on a loop: money that can travel back to the party that sent it."""
    out: dict[str, set[str]] = {}
    for e in flows.edges:
        out.setdefault(e.source, set()).add(e.target)

    def reaches(start: str, goal: str) -> bool:
        seen, stack = {start}, [start]
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            for nxt in out.get(node, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    return {(e.source, e.target) for e in flows.edges if reaches(e.target, e.source)}


def layout(flows: Flows) -> dict[str, tuple[float, float]]:
    """The most connected party in the middle, the others on a ring, first party on the right."""
    ids = [n for n, _ in flows.nodes]
    degree = {n: sum((e.source == n) + (e.target == n) for e in flows.edges) for n in ids}
    if len(ids) <= 3:
        hub, ring = None, ids
    else:
        hub = max(ids, key=lambda n: degree[n])
        ring = [n for n in ids if n != hub]
    pos = {hub: (0.0, 0.0)} if hub else {}
    for i, node in enumerate(ring):
        start = 0.0 if len(ring) == 2 else math.pi / 2
        angle = start - 2 * math.pi * i / len(ring)
        pos[node] = (math.cos(angle) * 1.6, math.sin(angle))
    return pos


HEIGHTS_IN = (3.4, 4.6, 5.8)  # the drawing's heights, tried in turn until every amount has a free place


class Labels(enum.Enum):
    """How the amounts are put on the arrows, each tried only when the one before found no clean
    drawing: the first free place of a few along the arrow (the original look); a wider search
    (more places, either side, a little off the arrow or on it, wider or narrower wraps, the
    largest labels placed first); numbered arrows with the amounts listed under the ring."""

    first_fit = "first-fit"
    searched = "searched"
    numbered = "numbered"


def draw(flows: Flows, options: ChartOptions) -> Figure:
    """Parties as labelled boxes, flows as arrows; loops in the accent colour, the rest grey.

    Drawn taller (the ring stretched, more room between its arrows) while an amount finds no
    place free of parties, other labels and other arrows; then with a wider search for places;
    and when the flows are too many to label legibly at all, each arrow carries a number and
    its amounts are listed under the chart (as the timeline lists its crowded milestones). Each
    drawing is judged by the chart's own text check (`textcheck.text_report`).
    """
    heights = [h for h in HEIGHTS_IN if len(flows.nodes) <= 6 or h > HEIGHTS_IN[0]]
    labelled = any(_labelled(flows))
    near = []  # heights where all but a few amounts found a place: a wider search may place them
    for height in heights:
        fig, unplaced = _draw(flows, options, height)
        if not unplaced and (not labelled or _clean(fig)):
            return fig
        if unplaced <= SEARCH_WITHIN:
            near.append(height)
    for height in near:
        fig, unplaced = _draw(flows, options, height, Labels.searched)
        if not unplaced and _clean(fig):
            return fig
    best: tuple[tuple[bool, bool, int], Figure] | None = None
    for height in heights:
        fig, unplaced = _draw(flows, options, height, Labels.numbered)
        notes = text_report(fig)
        rank = (bool(notes.findings), not _readable(notes), unplaced)
        if rank == (False, False, 0):
            return fig
        if best is None or rank < best[0]:
            best = (rank, fig)
    assert best is not None
    return best[1]  # clean and legible first, then the fewest arrows without their number


COLUMN_MAX_IN = 190 / 25.4  # a chart's most height in a text column (templates/css/base.css)


def _readable(notes: ChartNotes) -> bool:
    """Whether the drawing's smallest text still prints at the preflight's floor once a drawing
    taller than the column allows is scaled down to it."""
    height_in = notes.size_pt[1] / 72
    return height_in <= COLUMN_MAX_IN or notes.smallest_pt * COLUMN_MAX_IN / height_in >= MIN_CHART_TEXT_PT


SEARCH_WITHIN = 2  # amounts left without a place that a wider search is tried for; more: numbered


def _clean(fig: Figure) -> bool:
    """Whether the chart's own text check finds nothing (the judge of every drawing tried)."""
    return not text_report(fig).findings


def _labelled(flows: Flows) -> list[Edge]:
    """The arrows whose amounts are written on the chart (a shared arrow's are on its partner's)."""
    if len(flows.edges) > MAX_EDGE_LABELS:
        return []
    return [e for e in flows.edges if not e.shared]


def _draw(
    flows: Flows, options: ChartOptions, height_in: float, labels: Labels = Labels.first_fit
) -> tuple[Figure, int]:
    """The chart at one height, and how many amounts (or numbers) found no free place."""
    numbered = labels is Labels.numbered
    fig = new_figure(height_in, options.width_in, constrained=not numbered)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(-2.25, 2.25)
    ax.set_ylim(-1.3, 1.3)
    loops = in_cycle(flows)
    entries = _legend_entries(flows, loops, options)
    listed: list[Text] = []
    if numbered:  # the list and the legend under the ring, laid out by hand
        listed = _numbered_list(fig, flows, options)
        _stack_under(fig, ax, listed, entries, height_in, columns=_columns(options))
    elif labels is Labels.searched:  # the legend first, so nothing moves once labels are placed
        legend_rtl(fig, entries)
    fig.draw_without_rendering()  # fix the layout: edge labels are placed in display space
    pos = layout(flows)
    boxes = _party_boxes(ax, flows, pos, options)
    fig.draw_without_rendering()  # the party boxes are measured now: arrows are routed around them
    labelled = _flow_arrows(ax, flows, pos=pos, boxes=boxes, loops=loops, options=options)
    fig.draw_without_rendering()  # node boxes and arrow paths are measured now: labels go where they are free
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    taken = [box.get_bbox_patch().get_window_extent(renderer) for box in boxes.values()]
    arrows = [
        (a, a.get_transform().transform_path(a.get_path()).to_polygons(closed_only=False))
        for a in ax.patches
        if isinstance(a, FancyArrowPatch)
    ]
    if labels is Labels.first_fit:
        unplaced = 0
        for arrow, edge, rad, color in labelled:
            label = _edge_label(ax, edge, pos, rad=rad, options=options, color=color)
            unplaced += not _place_label(
                label, arrow, edge=edge, pos=pos, rad=rad, ax=ax, taken=taken, arrows=arrows
            )
            setattr(arrow, OWN_LABELS, (label,))  # the arrow may touch its own label, no other
        legend_rtl(fig, entries)
        return fig, unplaced
    taken += [t.get_window_extent(renderer).padded(2) for t in [*listed, *fig.legends]]
    free = _Room(fig, taken, arrows)
    if labels is Labels.searched:
        return fig, _place_searched(ax, labelled, pos=pos, options=options, room=free)
    return fig, _place_numbers(ax, labelled, pos=pos, options=options, room=free)


def _party_boxes(ax: Axes, flows: Flows, pos: dict, options: ChartOptions) -> dict[str, Text]:
    """Each party's name in a box at its place on the ring (smaller past eight parties)."""
    n = len(flows.nodes)
    size = 8.5 if n <= 8 else 6.5
    width = 18 if n <= 8 else 12
    boxes = {}
    for node, name in flows.nodes:
        boxes[node] = ax.text(
            *pos[node],
            visual(localize_prose_numbers(wrap(name, width), options.digits)),
            **text_kw(
                ha="center",
                va="center",
                fontsize=size,
                fontweight="bold",
                multialignment="center",
                zorder=3,
                gid=f"node-{node}",
                bbox={"boxstyle": "round,pad=0.45", "facecolor": "white", "edgecolor": "#444444"},
            ),
        )
    return boxes


def _flow_arrows(
    ax: Axes, flows: Flows, *, pos: dict, boxes: dict[str, Text], loops: set, options: ChartOptions
) -> list[tuple[FancyArrowPatch, Edge, float, str]]:
    """Every flow's arrow, routed around the parties in its way; the labelled ones with their
    arrow, bend and colour, in the order of the flows."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    names = {node: box.get_window_extent(renderer).padded(2) for node, box in boxes.items()}
    hub_id = next((node for node, xy in pos.items() if xy == (0.0, 0.0)), None)
    biggest = max((e.money for e in flows.edges), default=0.0) or 1.0
    pairs = {(e.source, e.target) for e in flows.edges}
    to_label = _labelled(flows)
    labelled: list[tuple[FancyArrowPatch, Edge, float, str]] = []
    for edge in flows.edges:
        looped = (edge.source, edge.target) in loops
        color = options.accent if looped else MUTED
        lw = _width(edge, biggest)
        both_ways = (edge.target, edge.source) in pairs
        rad = (
            0.28
            if both_ways
            else _outward(pos, edge, ax)
            if hub_id not in (edge.source, edge.target)
            else 0.12
        )
        style = {
            "mutation_scale": 8 + lw * 2,
            "linewidth": lw,
            "color": color,
            "linestyle": "--" if edge.implied else ":" if edge.shared else "-",
        }
        bends = _bends(rad, both_ways=both_ways)
        arrow, rad = _routed(ax, edge, pos=pos, boxes=boxes, names=names, bends=bends, style=style)
        if edge in to_label:
            labelled.append((arrow, edge, rad, color))
    return labelled


def _legend_entries(flows: Flows, loops: set[tuple[str, str]], options: ChartOptions) -> list:
    """The legend's lines: loops (when there are any), one-way, implied and shared flows."""
    all_money = all(q.unit in CURRENCIES for e in flows.edges for q in e.amounts)
    loop_words = "مال يعود إلى مصدره" if all_money else "قيمة تعود إلى مصدرها"
    entries = [(Line2D([], [], color=options.accent, linewidth=3), f"{loop_words} (حلقة دائرية)")]
    if len(loops) < len(flows.edges):
        entries.append((Line2D([], [], color=MUTED, linewidth=3), "تدفق في اتجاه واحد"))
    if any(e.implied for e in flows.edges):
        entries.append(
            (Line2D([], [], color="#444444", linewidth=1.2, linestyle="--"), "تدفق ضمني دون رقم معلن")
        )
    if any(e.shared for e in flows.edges):
        entries.append(
            (
                Line2D([], [], color="#444444", linewidth=0.9, linestyle=":"),
                "شريك في التزام مكتوب على سهم آخر",
            )
        )
    return entries if loops else entries[1:]


def _bends(rad: float, *, both_ways: bool) -> list[float]:
    """The curvatures an arrow may take, the preferred one first: stronger bends go around a party
    in the way. An arrow with a partner in the other direction keeps its side (a positive bend),
    so the two never lie on one another."""
    sizes = [abs(rad), 0.55, 0.8, 0.2, 1.05]
    if both_ways:
        return list(dict.fromkeys(sizes))
    sign = 1.0 if rad >= 0 else -1.0
    return list(dict.fromkeys(v for size in sizes for v in (sign * size, -sign * size)))


class _Arrow(FancyArrowPatch):
    """A flow's arrow that keeps its clipped path while nothing it depends on has moved.

    matplotlib clips an arrow to both party boxes by bisection each time its path is asked for
    (most of a crowded chart's drawing time), and routing, placing, drawing and the text check all
    ask; the path depends only on the transform, the pixel scale and the two boxes, so it is
    computed again only when one of them changes.
    """

    _kept: tuple[tuple, object] | None = None

    @staticmethod
    def _shape(patch: object) -> tuple:
        if patch is None:
            return ()
        return (patch.get_transform().get_matrix().tobytes(), patch.get_path().vertices.tobytes())  # type: ignore[attr-defined]

    def _get_path_in_displaycoord(self):  # type: ignore[no-untyped-def]
        key = (
            self.get_transform().get_matrix().tobytes(),
            self._dpi_cor,
            self._shape(self.patchA),
            self._shape(self.patchB),
        )
        if self._kept is None or self._kept[0] != key:
            self._kept = (key, super()._get_path_in_displaycoord())
        return self._kept[1]


def _routed(
    ax: Axes, edge: Edge, *, pos: dict, boxes: dict, names: dict, bends: list[float], style: dict
) -> tuple[FancyArrowPatch, float]:
    """The edge's arrow with the first bend that passes through no other party's name (the first
    bend when none does: the chart's own check then reports it), and that bend."""
    in_the_way = [box for node, box in names.items() if node not in (edge.source, edge.target)]
    for bend in [*bends, bends[0]]:
        arrow = _Arrow(
            pos[edge.source],
            pos[edge.target],
            patchA=boxes[edge.source].get_bbox_patch(),
            patchB=boxes[edge.target].get_bbox_patch(),
            connectionstyle=f"arc3,rad={bend}",
            arrowstyle="-|>",
            zorder=2,
            gid="flow",
            transform=ax.transData,  # what adding it would set: its path is measured before (half the cost)
            **style,
        )
        path = arrow.get_transform().transform_path(arrow.get_path())
        polys = path.to_polygons(closed_only=False)
        if not any(crosses(poly, box) for poly in polys for box in in_the_way):
            ax.add_patch(arrow)
            return arrow, bend
    ax.add_patch(arrow)
    return arrow, bends[0]


def _width(edge: Edge, biggest_money: float) -> float:
    """Money arrows are as wide as their amount; other flows (shares, hardware) have one middle width."""
    if edge.implied or edge.shared:
        return 1.0
    if edge.money:
        return 1.0 + 4.0 * math.sqrt(edge.money / biggest_money)
    return 2.2


def _outward(pos: dict, edge: Edge, ax: Axes) -> float:
    """A curve between two ring nodes bends away from the middle, around the hub, not through it."""
    (x0, y0), (x1, y1) = ax.transData.transform(pos[edge.source]), ax.transData.transform(pos[edge.target])
    cx, cy = ax.transData.transform((0.0, 0.0))
    bend = (y1 - y0) * ((x0 + x1) / 2 - cx) - (x1 - x0) * ((y0 + y1) / 2 - cy)
    return 0.35 if bend >= 0 else -0.35


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


def _place_label(
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


class _Room:
    """What a label or number may not cover: the parties, the labels placed so far, the list and
    the legend, any arrow but its own, and the figure's edge."""

    def __init__(self, fig: Figure, taken: list[Bbox], arrows: list) -> None:
        self.edge = Bbox.from_bounds(2, 2, fig.bbox.width - 4, fig.bbox.height - 4)
        self.taken = list(taken)
        self.arrows = [(arrow, [_Polyline(p) for p in polys if len(p) > 1]) for arrow, polys in arrows]

    def free(self, box: Bbox, own: FancyArrowPatch) -> bool:
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


def _try(text: Text, spot: tuple, *, ax: Axes, own: FancyArrowPatch, room: _Room, patch: bool) -> bool:
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


def _place_searched(ax: Axes, labelled: list, *, pos: dict, options: ChartOptions, room: _Room) -> int:
    """Every amount at the first free spot of a wide search (`_spots`, then narrower or wider
    wraps), the largest labels first; how many found none."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    made = []
    for arrow, edge, rad, color in labelled:
        label = _edge_label(ax, edge, pos, rad=rad, options=options, color=color)
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


def _place_numbers(ax: Axes, labelled: list, *, pos: dict, options: ChartOptions, room: _Room) -> int:
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


def _columns(options: ChartOptions) -> int:
    return LIST_COLUMNS if options.width_in > 4 else 1


def _numbered_list(fig: Figure, flows: Flows, options: ChartOptions) -> list[Text]:
    """«١. من أ إلى ب: …» for each labelled arrow, in the order of their numbers (placed by
    `_stack_under`)."""
    columns = _columns(options)
    width = options.chars(90 // columns, 24)
    names = dict(flows.nodes)
    out = []
    for i, edge in enumerate(_labelled(flows)):
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


def _stack_under(
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


def _edge_label(ax: Axes, edge: Edge, pos: dict, *, rad: float, options: ChartOptions, color: str) -> Text:
    """The amount carried by an arrow, in a small box (placed by `_place_label`)."""
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


def alt(flows: Flows, options: ChartOptions) -> str:
    """The flows in words, naming the loops."""
    names = dict(flows.nodes)
    loops = in_cycle(flows)
    parts = []
    for e in flows.edges:
        if e.shared and not e.amounts:
            what = "شريك في التزام مشترك"
        elif not e.amounts:
            what = "عتاد (ضمني)"
        else:
            what = " و".join(format_amount(q, options.digits) for q in e.amounts)
            if e.partner_in:
                what += "، وشريك في التزام مشترك"
        loop = "، ضمن حلقة دائرية" if (e.source, e.target) in loops else ""
        parts.append(f"من {names[e.source]} إلى {names[e.target]}: {what}{loop}")
    return "مخطط تدفقات الأموال بين الأطراف: " + "؛ ".join(parts) + "."
