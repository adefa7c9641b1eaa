"""How the flows chart's arrows run: as wide as their money, bent away from the middle, and around
any party in their way."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from engine.charts.flowlabels import labelled_edges
from engine.charts.style import MUTED, ChartOptions
from engine.charts.textcheck import crosses

if TYPE_CHECKING:
    from engine.charts.flows import Edge, Flows


def flow_arrows(
    ax: Axes, flows: Flows, *, pos: dict, boxes: dict[str, Text], loops: set, options: ChartOptions
) -> list[tuple[FancyArrowPatch, Edge, float, str]]:
    """Every flow's arrow, routed around the parties in its way; the labelled ones with their
    arrow, bend and colour, in the order of the flows."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    names = {node: box.get_window_extent(renderer).padded(2) for node, box in boxes.items()}
    hub_id = next((node for node, xy in pos.items() if xy == (0.0, 0.0)), None)
    biggest = max((e.money for e in flows.edges), default=0.0) or 1.0
    pairs = {(e.source, e.target) for e in flows.edges}
    to_label = labelled_edges(flows)
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
