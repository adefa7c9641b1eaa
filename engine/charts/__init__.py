"""Charts drawn from the deal: one module per chart, each a function of the deal and its options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from types import ModuleType
from typing import Any

from matplotlib.figure import Figure

from engine.charts import commitments, flows, growth, spending, timeline
from engine.charts.cache import CHART_CACHE
from engine.charts.style import COLUMN_WIDTH_IN, FORMAT, HALF_WIDTH_IN, ChartOptions, encode
from engine.charts.text import NATIVE_SHAPING, chart_settings
from engine.charts.textcheck import text_findings
from engine.model import Deal
from engine.numerals import localize_prose_numbers
from engine.preflight.findings import Finding

# Report order; numbers are given over the charts present only.
CHART_MODULES: tuple[ModuleType, ...] = (commitments, flows, growth, spending, timeline)
RENDER_VERSION = 6  # bump when drawing code changes what an unchanged input looks like


@dataclass(frozen=True)
class Drawn:
    """An encoded chart and what its own text check found."""

    uri: str
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Chart:
    """One drawn chart, ready to embed: a data: URI plus its Arabic caption and alt text."""

    name: str
    number: int
    title_ar: str
    alt_ar: str
    data_uri: str
    draw_half: Callable[[], str] = field(default=lambda: "", repr=False, compare=False)
    findings: tuple[Finding, ...] = ()  # what the full-width drawing's own text check found

    @property
    def half_uri(self) -> str:
        """The chart drawn for half a column (two side by side), on first use; cached like the rest."""
        return self.draw_half() or self.data_uri


def drawn_findings() -> dict[str, tuple[Finding, ...]]:
    """Every drawing in the cache (full or half width, any deal) by its URI, with its findings."""
    return {d.uri: d.findings for d in CHART_CACHE.values() if isinstance(d, Drawn)}


def chart_options(deal: Deal, width_in: float = COLUMN_WIDTH_IN, accent: str | None = None) -> ChartOptions:
    """The report options charts depend on (and nothing else, so the cache stays useful)."""
    colour = (accent or deal.options.accent_color).lower()
    return ChartOptions(digits=deal.options.digits, accent=colour, width_in=width_in)


def draw_figure(module: ModuleType, data: Any, options: ChartOptions) -> Figure:
    """Draw one chart's figure under the chart settings (for tests and previews)."""
    with chart_settings(options.accent):
        fig: Figure = module.draw(data, options)
        fig.canvas.draw()
    return fig


def _drawer(module: ModuleType, data: Any, options: ChartOptions) -> Callable[[], Drawn]:
    def draw() -> Drawn:
        with chart_settings(options.accent):
            fig = module.draw(data, options)
            return Drawn(encode(fig), text_findings(fig))

    return draw


def _key(module: ModuleType, data: Any, options: ChartOptions) -> str:
    return CHART_CACHE.key(module.NAME, RENDER_VERSION, NATIVE_SHAPING, FORMAT, data, options)


def _cached(module: ModuleType, data: Any, options: ChartOptions) -> Drawn:
    return CHART_CACHE.get_or_draw(_key(module, data, options), _drawer(module, data, options))


def _half_uri(module: ModuleType, data: Any, options: ChartOptions) -> str:
    return _cached(module, data, options).uri


def draw_charts(deal: Deal, *, accent: str | None = None) -> dict[str, Chart]:
    """Every chart the deal has data for, by name, numbered in report order (in `accent` if given)."""
    options, half = chart_options(deal, accent=accent), chart_options(deal, HALF_WIDTH_IN, accent)
    charts: dict[str, Chart] = {}
    for module in CHART_MODULES:
        data = module.extract(deal)
        if data is None:
            continue
        drawn = _cached(module, data, options)
        title = module.title(data) if hasattr(module, "title") else module.TITLE_AR
        title = localize_prose_numbers(title, deal.options.digits)  # a group name may hold a year
        alt = localize_prose_numbers(module.alt(data, options), deal.options.digits)
        draw_half = partial(_half_uri, module, data, half)
        charts[module.NAME] = Chart(
            module.NAME, len(charts) + 1, title, alt, drawn.uri, draw_half, drawn.findings
        )
    return charts


__all__ = [
    "CHART_CACHE",
    "CHART_MODULES",
    "Chart",
    "Drawn",
    "chart_options",
    "draw_charts",
    "draw_figure",
    "drawn_findings",
]
