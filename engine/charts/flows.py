"""Chart 2, flows: who gives what to whom, with value that returns to its source drawn as a loop.

Every commitment counts once: a tranche is inside its whole; a commitment with several parties on a
side is labelled on the arrow between its first parties, the others drawn as thin "shared" arrows.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from engine.amounts import format_amount
from engine.charts.style import MUTED, ChartOptions, legend_rtl, new_figure, text_kw
from engine.charts.text import visual, wrap
from engine.charts.textcheck import OWN_LABELS, crosses
from engine.counting import NOUNS, others
from engine.model import CURRENCIES, CommitmentKind, Deal, Digits, Quantity, Role
from engine.numerals import localize_prose_numbers

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


def draw(flows: Flows, options: ChartOptions) -> Figure:
    """Parties as labelled boxes, flows as arrows; loops in the accent colour, the rest grey.

    Drawn taller (the ring stretched, more room between its arrows) while an amount finds no
    place free of parties, other labels and other arrows.
    """
    heights = [h for h in HEIGHTS_IN if len(flows.nodes) <= 6 or h > HEIGHTS_IN[0]]
    for height in heights:
        fig, placed = _draw(flows, options, height)
        if placed:
            break
    return fig


def _draw(flows: Flows, options: ChartOptions, height_in: float) -> tuple[Figure, bool]:
    """The chart at one height, and whether every amount found a free place."""
    n = len(flows.nodes)
    fig = new_figure(height_in, options.width_in)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(-2.25, 2.25)
    ax.set_ylim(-1.3, 1.3)
    fig.canvas.draw()  # fix the layout: edge labels are placed in display space
    pos = layout(flows)
    hub_id = next((node for node, xy in pos.items() if xy == (0.0, 0.0)), None)
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
    fig.canvas.draw()  # the party boxes are measured now: arrows are routed around them
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    names = {node: box.get_window_extent(renderer).padded(2) for node, box in boxes.items()}
    loops = in_cycle(flows)
    biggest = max((e.money for e in flows.edges), default=0.0) or 1.0
    pairs = {(e.source, e.target) for e in flows.edges}
    label_amounts = len(flows.edges) <= MAX_EDGE_LABELS
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
        if label_amounts and not edge.shared:
            labelled.append((arrow, edge, rad, color))
    fig.canvas.draw()  # node boxes and arrow paths are measured now: labels go where they are free
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    taken = [box.get_bbox_patch().get_window_extent(renderer) for box in boxes.values()]
    arrows = [
        (a, a.get_transform().transform_path(a.get_path()).to_polygons(closed_only=False))
        for a in ax.patches
        if isinstance(a, FancyArrowPatch)
    ]
    placed = True
    for arrow, edge, rad, color in labelled:
        label = _edge_label(ax, edge, pos, rad=rad, options=options, color=color)
        placed &= _place_label(label, arrow, edge=edge, pos=pos, rad=rad, ax=ax, taken=taken, arrows=arrows)
        setattr(arrow, OWN_LABELS, (label,))  # the arrow may touch its own label, no other
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
    legend_rtl(fig, entries if loops else entries[1:])
    return fig, placed


def _bends(rad: float, *, both_ways: bool) -> list[float]:
    """The curvatures an arrow may take, the preferred one first: stronger bends go around a party
    in the way. An arrow with a partner in the other direction keeps its side (a positive bend),
    so the two never lie on one another."""
    sizes = [abs(rad), 0.55, 0.8, 0.2, 1.05]
    if both_ways:
        return list(dict.fromkeys(sizes))
    sign = 1.0 if rad >= 0 else -1.0
    return list(dict.fromkeys(v for size in sizes for v in (sign * size, -sign * size)))


def _routed(
    ax: Axes, edge: Edge, *, pos: dict, boxes: dict, names: dict, bends: list[float], style: dict
) -> tuple[FancyArrowPatch, float]:
    """The edge's arrow with the first bend that passes through no other party's name (the first
    bend when none does: the chart's own check then reports it), and that bend."""
    in_the_way = [box for node, box in names.items() if node not in (edge.source, edge.target)]
    for bend in [*bends, bends[0]]:
        arrow = FancyArrowPatch(
            pos[edge.source],
            pos[edge.target],
            patchA=boxes[edge.source].get_bbox_patch(),
            patchB=boxes[edge.target].get_bbox_patch(),
            connectionstyle=f"arc3,rad={bend}",
            arrowstyle="-|>",
            zorder=2,
            gid="flow",
            **style,
        )
        ax.add_patch(arrow)
        path = arrow.get_transform().transform_path(arrow.get_path())
        polys = path.to_polygons(closed_only=False)
        if not any(crosses(poly, box) for poly in polys for box in in_the_way):
            return arrow, bend
        arrow.remove()
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


def _edge_label(ax: Axes, edge: Edge, pos: dict, *, rad: float, options: ChartOptions, color: str) -> Text:
    """The amount carried by an arrow, in a small box (placed by `_place_label`)."""
    what = _amounts(edge, options) if edge.amounts else "عتاد وأنظمة (ضمني)"
    return ax.text(
        0,
        0,
        visual(what),
        **text_kw(
            fontsize=7,
            color="#111111",
            zorder=4,
            multialignment="center",
            gid="flow-label",
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": color, "linewidth": 0.6},
        ),
    )


SHOWN_AMOUNTS = 3  # per arrow; more are counted, so a label never grows past its arrow


def _amounts(edge: Edge, options: ChartOptions) -> str:
    """The amounts an arrow carries, one a line, the rest counted: «و٣ التزامات أخرى»."""
    lines = [wrap(format_amount(q, options.digits, isolate=False), 22) for q in edge.amounts[:SHOWN_AMOUNTS]]
    if len(edge.amounts) > SHOWN_AMOUNTS:
        lines.append("و" + others(len(edge.amounts) - SHOWN_AMOUNTS, NOUNS["commitment"], options.digits))
    if edge.partner_in:  # its own amounts, and a share in a joint one written on another arrow
        lines.append(partner_line(edge.partner_in, options))
    return "\n".join(lines)


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
