"""Charts check their own text after drawing: labels overlapping each other, the bars, the figure
edge or their axes' clip, leader lines and arrows crossing a label, and the smallest text size.

matplotlib knows every text's extent once the figure is drawn, so these are measured facts, not
estimates. The size is checked later, once the chart is placed on a page at its printed size
(`engine.preflight.charts`): a drawing scaled down shrinks its text with it.
"""

from __future__ import annotations

import itertools

import numpy as np
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from engine.preflight.charts import ChartNotes
from engine.preflight.findings import Finding

TOLERANCE = 1.0  # px at the figure's dpi: anti-aliasing, not a collision
OWN_LABELS = "_own_labels"  # attribute of a leader line or arrow: the texts it leads to (it may touch them)


def _shown_tick_labels(axis: Axis) -> tuple[list[Text], list[Text]]:
    """(tick labels drawn, every tick label): labels of ticks outside the view are never drawn."""
    low, high = sorted(axis.get_view_interval())
    shown, every = [], []
    for tick, loc in zip(axis.get_major_ticks(), axis.get_majorticklocs(), strict=False):
        for label in (tick.label1, tick.label2):
            every.append(label)
            if label.get_visible() and low - 1e-9 <= loc <= high + 1e-9:
                shown.append(label)
    return shown, every


def drawn_texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text the figure draws."""
    texts: list[Text] = []
    ticks: set[int] = set()
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for axis in (ax.xaxis, ax.yaxis):
            shown, every = _shown_tick_labels(axis)
            ticks.update(id(t) for t in every)
            if axis.get_visible():
                texts.extend(shown)
    for text in fig.findobj(Text):
        if id(text) in ticks or not isinstance(text, Text):
            continue
        if text.get_visible() and text.get_text().strip() and _all_visible(text):
            texts.append(text)
    return [t for t in texts if t.get_text().strip()]


def _all_visible(artist: Text) -> bool:
    parent = getattr(artist, "axes", None)
    return parent is None or parent.get_visible()


def _shrunk(box: Bbox) -> Bbox:
    return Bbox.from_extents(box.x0 + TOLERANCE, box.y0 + TOLERANCE, box.x1 - TOLERANCE, box.y1 - TOLERANCE)


def _inside(box: Bbox, outer: Bbox) -> bool:
    return outer.x0 <= box.x0 and box.x1 <= outer.x1 and outer.y0 <= box.y0 and box.y1 <= outer.y1


def leader_lines(fig: Figure) -> list[tuple[np.ndarray, set[int]]]:
    """Leader lines and arrows in display coordinates (polylines), each with the texts it may touch.

    A leader is a Line2D whose gid starts with "leader"; an arrow is any FancyArrowPatch (curves
    flattened). The texts it connects are listed in its `_own_labels` attribute; an arrow also
    touches the boxes it starts and ends at (its patchA/patchB), which are excluded by endpoint.
    """
    lines: list[tuple[np.ndarray, set[int]]] = []
    for ax in fig.axes:
        for line in ax.get_lines():
            if str(line.get_gid() or "").startswith("leader") and line.get_visible():
                xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
                own = {id(t) for t in getattr(line, OWN_LABELS, ())}
                gaps = np.flatnonzero(np.isnan(xy).any(axis=1))  # a NaN breaks a line in two
                for part in np.split(xy, gaps):
                    piece = part[~np.isnan(part).any(axis=1)]
                    if len(piece) > 1:
                        lines.append((piece, own))
        for patch in ax.patches:
            if isinstance(patch, FancyArrowPatch) and patch.get_visible():
                path = patch.get_transform().transform_path(patch.get_path())
                own = {id(t) for t in getattr(patch, OWN_LABELS, ())}
                for poly in path.to_polygons(closed_only=False):
                    lines.append((np.asarray(poly, dtype=float), own))
    return lines


def _segment_hits(p: np.ndarray, q: np.ndarray, box: Bbox) -> bool:
    """Whether the segment p→q passes through the box (Liang–Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    d = q - p
    for delta, low, high, start in ((d[0], box.x0, box.x1, p[0]), (d[1], box.y0, box.y1, p[1])):
        if abs(delta) < 1e-12:
            if start < low or start > high:
                return False
            continue
        a, b = (low - start) / delta, (high - start) / delta
        t0, t1 = max(t0, min(a, b)), min(t1, max(a, b))
        if t0 > t1:
            return False
    return True


def crosses(polyline: np.ndarray, box: Bbox) -> bool:
    """Whether a polyline passes through a box, its two ends excepted (they touch what they join)."""
    if len(polyline) < 2:
        return False
    ends = (polyline[0], polyline[-1])
    if any(box.x0 - 2 <= x <= box.x1 + 2 and box.y0 - 2 <= y <= box.y1 + 2 for x, y in ends):
        return False  # the line starts or ends at this text: a node box or its own label
    return any(_segment_hits(p, q, box) for p, q in itertools.pairwise(polyline))


def text_report(fig: Figure) -> ChartNotes:
    """Check the figure's text (draws the figure if needed); findings on page 0, placed later."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    edge = Bbox.from_bounds(0, 0, fig.bbox.width, fig.bbox.height)
    texts = drawn_texts(fig)
    boxes = [(t, _shrunk(t.get_window_extent(renderer))) for t in texts]
    bars = [
        _shrunk(p.get_window_extent(renderer))
        for ax in fig.axes
        for p in ax.patches
        if isinstance(p, Rectangle) and str(p.get_gid() or "").startswith("bar") and p.get_width()
    ]
    leaders = leader_lines(fig)
    findings: list[Finding] = []
    for i, (text, box) in enumerate(boxes):
        label = text.get_text()
        if not _inside(box, edge):
            findings.append(Finding("chart-text-edge", 0, label))
        clip = text.get_clip_box() if text.get_clip_on() else None
        if clip is not None and not _inside(box, clip):
            findings.append(Finding("chart-text-clipped", 0, label))
        for other, other_box in boxes[i + 1 :]:
            if box.overlaps(other_box):
                findings.append(Finding("chart-text-overlap", 0, f"{label} / {other.get_text()}"))
        if any(box.overlaps(bar) for bar in bars):
            findings.append(Finding("chart-text-plot", 0, label))
        if any(id(text) not in own and crosses(line, box) for line, own in leaders):
            findings.append(Finding("chart-leader-cross", 0, label))
    smallest = min(texts, key=lambda t: t.get_fontsize(), default=None)
    width, height = fig.get_size_inches() * 72
    return ChartNotes(
        tuple(dict.fromkeys(findings)),
        float(smallest.get_fontsize()) if smallest is not None else 0.0,
        smallest.get_text() if smallest is not None else "",
        (float(width), float(height)),
    )


def text_findings(fig: Figure) -> tuple[Finding, ...]:
    """The findings of `text_report` alone (sizes are judged once the chart is placed)."""
    return text_report(fig).findings
