"""Charts check their own text after drawing: labels overlapping each other, the bars, or the figure edge."""

from __future__ import annotations

from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from engine.preflight.findings import Finding

TOLERANCE = 1.0  # px at the figure's dpi: anti-aliasing, not a collision


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


def text_findings(fig: Figure) -> tuple[Finding, ...]:
    """Findings about the figure's text (draws the figure if needed); page 0, placed later."""
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
    findings: list[Finding] = []
    for i, (text, box) in enumerate(boxes):
        label = text.get_text()
        if not (edge.x0 <= box.x0 and box.x1 <= edge.x1 and edge.y0 <= box.y0 and box.y1 <= edge.y1):
            findings.append(Finding("chart-text-edge", 0, label))
        for other, other_box in boxes[i + 1 :]:
            if box.overlaps(other_box):
                findings.append(Finding("chart-text-overlap", 0, f"{label} / {other.get_text()}"))
        if any(box.overlaps(bar) for bar in bars):
            findings.append(Finding("chart-text-plot", 0, label))
    return tuple(dict.fromkeys(findings))
