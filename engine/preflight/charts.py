"""Chart findings on the page: what each chart found in its own text, and its text size as printed.

A chart is drawn at the size a template shows it, but CSS may still scale the drawing (a width in
per cent, a maximum height with `object-fit: contain`). Text smaller than `MIN_CHART_TEXT_PT` once
placed is a finding: 6 pt is the usual floor for legible print (chart annotations in journal
artwork guidelines are 6–8 pt; below 6 pt Arabic dots and marks run together).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.preflight.findings import Finding

if TYPE_CHECKING:  # the chart drawer keeps these notes without loading WeasyPrint
    from engine.preflight.geometry import PageContent

MIN_CHART_TEXT_PT = 6.0
PX_PER_PT = 4 / 3  # CSS px (1/96 in) per point (1/72 in)


@dataclass(frozen=True)
class ChartNotes:
    """What a chart's drawing reported about its text, kept beside the drawing."""

    findings: tuple[Finding, ...] = ()
    smallest_pt: float = 0.0  # the smallest text, in points at the drawn size (0: no text)
    smallest: str = ""  # that text
    size_pt: tuple[float, float] = (0.0, 0.0)  # the drawing's width and height, points


def printed_scale(notes: ChartNotes, width_px: float, height_px: float) -> float:
    """How much the drawing is scaled where it is placed (contained in the box, aspect kept)."""
    width, height = (side * PX_PER_PT for side in notes.size_pt)
    if width <= 0 or height <= 0:
        return 1.0
    return min(width_px / width, height_px / height)


def chart_findings(page: PageContent, chart_notes: Mapping[str, ChartNotes]) -> Iterator[Finding]:
    """Each chart's own findings on the page that shows it, and text printed below the floor."""
    for placed in page.images:
        element = placed.box.element
        src = element.get("src") if element is not None else None
        notes = chart_notes.get(src or "")
        if notes is None:
            continue
        for finding in notes.findings:
            yield Finding(finding.code, page.number, finding.sample)
        printed = notes.smallest_pt * printed_scale(notes, placed.box.width, placed.box.height)
        if notes.smallest_pt and printed < MIN_CHART_TEXT_PT - 0.05:
            sample = f"{printed:.1f} pt < {MIN_CHART_TEXT_PT:g} pt: {notes.smallest}"
            yield Finding("chart-text-small", page.number, sample)
