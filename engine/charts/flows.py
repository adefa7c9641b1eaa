"""Chart 2, flows: who gives what to whom, with value that returns to its source drawn as a loop.

Every commitment counts once: a tranche is inside its whole; a commitment with several parties on a
side is labelled on the arrow between its first parties, the others drawn as thin "shared" arrows.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from engine.amounts import format_amount
from engine.charts.flowarrows import flow_arrows
from engine.charts.flowlabels import (
    Room,
    edge_label,
    labelled_edges,
    list_columns,
    numbered_list,
    partner_line,
    place_label,
    place_numbers,
    place_searched,
    stack_under,
)
from engine.charts.style import MUTED, ChartOptions, legend_rtl, new_figure, text_kw
from engine.charts.text import visual, wrap
from engine.charts.textcheck import OWN_LABELS, text_report
from engine.counting import NOUNS, others
from engine.model import CURRENCIES, CommitmentKind, Deal, Digits, Quantity, Role
from engine.numerals import localize_prose_numbers
from engine.preflight.charts import MIN_CHART_TEXT_PT, ChartNotes

# The chart's face; `partner_line` lives with the labels (`flowlabels`) and is re-exported for callers.
__all__ = [
    "NAME",
    "TITLE_AR",
    "Edge",
    "Flows",
    "Labels",
    "alt",
    "draw",
    "extract",
    "in_cycle",
    "layout",
    "partner_line",
    "title",
]

NAME = "flows"
TITLE_AR = "مسارات الأموال بين الأطراف"


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
    labelled = any(labelled_edges(flows))
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
        listed = numbered_list(fig, flows, options)
        stack_under(fig, ax, listed, entries, height_in, columns=list_columns(options))
    elif labels is Labels.searched:  # the legend first, so nothing moves once labels are placed
        legend_rtl(fig, entries)
    fig.draw_without_rendering()  # fix the layout: edge labels are placed in display space
    pos = layout(flows)
    boxes = _party_boxes(ax, flows, pos, options)
    fig.draw_without_rendering()  # the party boxes are measured now: arrows are routed around them
    labelled = flow_arrows(ax, flows, pos=pos, boxes=boxes, loops=loops, options=options)
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
            label = edge_label(ax, edge, pos, rad=rad, options=options, color=color)
            unplaced += not place_label(
                label, arrow, edge=edge, pos=pos, rad=rad, ax=ax, taken=taken, arrows=arrows
            )
            setattr(arrow, OWN_LABELS, (label,))  # the arrow may touch its own label, no other
        legend_rtl(fig, entries)
        return fig, unplaced
    taken += [t.get_window_extent(renderer).padded(2) for t in [*listed, *fig.legends]]
    free = Room(fig, taken, arrows)
    if labels is Labels.searched:
        return fig, place_searched(ax, labelled, pos=pos, options=options, room=free)
    return fig, place_numbers(ax, labelled, pos=pos, options=options, room=free)


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
