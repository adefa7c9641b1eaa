"""The charts a report shows: drawn on first use at the size shown, else read back from the cache.

Importing this module loads no drawing library. A report's list of charts (names, numbers,
titles, alt text and cache keys) is itself cached under a digest of the deal and the program
version, so a repeat export reads every chart back without importing matplotlib. Beside each
drawing the cache keeps what the chart's own text check found (`notes_key`), so findings come
back with a cached drawing too.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from engine.charts.cache import CHART_CACHE, program_version
from engine.model import Deal
from engine.placement import drawing_size, marker_of, placeholder_uri
from engine.preflight.charts import ChartNotes
from engine.preflight.findings import Finding

# A text column; half a column (two charts side by side); a full-width slot at most N mm high
# (the one-page template's chart, one per shortening step: see templates/onepage.html.j2).
SLOTS_MM = (100, 85, 70, 55)
SIZES = ("full", "half", *(f"slot{mm}" for mm in SLOTS_MM))


def notes_key(key: str) -> str:
    """The cache key of the text findings of the drawing stored under `key`."""
    return f"{key}-text"


def is_notes(value: bytes) -> bool:
    """True for a value that can be stored text notes (a JSON object)."""
    return value.startswith(b"{")


def encode_notes(notes: ChartNotes) -> bytes:
    """A chart's text findings and smallest text, as stored beside its drawing."""
    return json.dumps(
        {
            "findings": [[f.code, f.sample] for f in notes.findings],
            "smallest_pt": notes.smallest_pt,
            "smallest": notes.smallest,
            "size_pt": list(notes.size_pt),
        },
        ensure_ascii=False,
    ).encode("utf-8")


def decode_notes(value: bytes) -> ChartNotes:
    """The notes stored by `encode_notes` (findings on page 0: placed on the page showing the chart)."""
    data = json.loads(value)
    width, height = data["size_pt"]
    return ChartNotes(
        tuple(Finding(code, 0, sample) for code, sample in data["findings"]),
        float(data["smallest_pt"]),
        str(data["smallest"]),
        (float(width), float(height)),
    )


def is_drawing(value: bytes) -> bool:
    """True for a value that can be a stored chart drawing, a one-page PDF (else it is drawn again)."""
    return value.startswith(b"%PDF-") and drawing_size(value) is not None


@dataclass
class Chart:
    """One chart of the report: caption and alt text now, its drawing when a template shows it.

    A template shows `data_uri` (full column), `half_uri` or `slot<mm>_uri`: a placeholder of the
    drawing's exact size; `placed` maps each placeholder's marker to the vector drawing put there
    after layout.
    """

    name: str
    number: int
    title_ar: str
    alt_ar: str
    keys: dict[str, str] = field(default_factory=dict, repr=False)  # size → cache key of its drawing
    resolve: Callable[[Chart, str], bytes] | None = field(default=None, repr=False, compare=False)
    placed: dict[bytes, bytes] = field(default_factory=dict, repr=False, compare=False)
    _uris: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def drawing(self, size: str = "full") -> bytes:
        """The chart drawn for `size` ("full" or "half"): a one-page vector PDF, drawn or read once."""
        assert self.resolve is not None, "a chart without a drawing"
        start = time.perf_counter()
        pdf = self.resolve(self, size)
        _clock.add(time.perf_counter() - start)
        return pdf

    def uri(self, size: str = "full") -> str:
        """The placeholder (a data: URI) of the chart drawn for `size`; its drawing goes in `placed`."""
        if size not in self._uris:
            pdf = self.drawing(size)
            width, height = drawing_size(pdf) or (0.0, 0.0)
            marker = marker_of(self.keys[size])
            self.placed[marker] = pdf
            self._uris[size] = placeholder_uri(marker, width, height)
        return self._uris[size]

    def notes(self, size: str = "full") -> ChartNotes:
        """What the chart's own text check found in its drawing for `size` (drawn or read once)."""
        self.drawing(size)  # the drawing and its notes are stored together
        stored = CHART_CACHE.peek(notes_key(self.keys[size]), is_notes)
        return decode_notes(stored) if stored is not None else ChartNotes()

    def findings(self, size: str = "full") -> tuple[Finding, ...]:
        """The findings of the chart's own text check for `size` (its size on the page aside)."""
        return self.notes(size).findings

    def fits(self, size: str) -> bool:
        """True when the chart drawn for `size` passes its own text check (no label cut or crossed)."""
        return not self.findings(size)

    def shown_notes(self) -> dict[str, ChartNotes]:
        """The notes of every size a template has shown, by the placeholder URI it embedded."""
        return {uri: self.notes(size) for size, uri in self._uris.items()}

    @property
    def data_uri(self) -> str:
        """The chart drawn for the full text column."""
        return self.uri("full")

    @property
    def half_uri(self) -> str:
        """The chart drawn for half a column (two side by side)."""
        return self.uri("half")

    def manifest(self) -> dict[str, object]:
        """What is needed to show this chart again without the drawing code."""
        return {
            "name": self.name,
            "number": self.number,
            "title": self.title_ar,
            "alt": self.alt_ar,
            "keys": self.keys,
        }


class _Clock:
    """Seconds spent drawing or reading charts on demand (the pipeline books them as "charts")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seconds = 0.0

    def add(self, seconds: float) -> None:
        with self._lock:
            self.seconds += seconds


_clock = _Clock()


def drawing_seconds() -> float:
    """Seconds this process has spent producing chart drawings on demand, so far."""
    return _clock.seconds


def manifest_key(deal: Deal) -> str:
    """The cache key of a deal's chart list: its content and the program version."""
    from engine.dealfile import dump_deal

    return CHART_CACHE.key("chart-list", program_version(), dump_deal(deal))


def _from_cache_or_draw(deal: Deal) -> Callable[[Chart, str], bytes]:
    def resolve(chart: Chart, size: str) -> bytes:
        value = CHART_CACHE.peek(chart.keys[size], is_drawing)
        if value is not None and CHART_CACHE.peek(notes_key(chart.keys[size]), is_notes) is not None:
            return value
        from engine.charts.drawing import plan  # not cached after all: draw it

        fresh = plan(deal)[chart.name]
        assert fresh.resolve is not None
        return fresh.resolve(fresh, size)

    return resolve


def report_charts(deal: Deal) -> dict[str, Chart]:
    """Every chart the deal has data for, numbered in report order; none drawn until shown."""
    key = manifest_key(deal)
    stored = CHART_CACHE.peek(key, lambda value: value.startswith(b"["))
    if stored is not None:
        try:
            resolve = _from_cache_or_draw(deal)
            return {
                e["name"]: Chart(e["name"], e["number"], e["title"], e["alt"], dict(e["keys"]), resolve)
                for e in json.loads(stored)
            }
        except (ValueError, KeyError, TypeError):
            pass  # an unreadable list is drawn again
    from engine.charts.drawing import plan

    charts = plan(deal)
    listing = json.dumps([c.manifest() for c in charts.values()], ensure_ascii=False)
    CHART_CACHE.get_or_draw(key, lambda: listing.encode("utf-8"))
    return charts
