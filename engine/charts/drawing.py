"""Drawing the charts with matplotlib: one module per chart, each a function of the deal and its options."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from matplotlib.figure import Figure

from engine.charts import commitments, flows, growth, spending, timeline
from engine.charts.cache import CHART_CACHE, program_version
from engine.charts.figures import SLOTS_MM, Chart, encode_notes, is_drawing, is_notes, notes_key
from engine.charts.style import COLUMN_WIDTH_IN, HALF_WIDTH_IN, ChartOptions
from engine.charts.text import NATIVE_SHAPING, chart_settings
from engine.charts.textcheck import text_report
from engine.model import Deal
from engine.numerals import localize_prose_numbers

# Report order; numbers are given over the charts present only.
CHART_MODULES: tuple[ModuleType, ...] = (commitments, flows, growth, spending, timeline)
RENDER_VERSION = 8  # bump when drawing code changes what an unchanged input looks like
WIDTHS = {"full": COLUMN_WIDTH_IN, "half": HALF_WIDTH_IN}  # per size a template may show
# Per size: (width, most height) in inches; a slot is a full column wide.
FRAMES: dict[str, tuple[float, float | None]] = {
    **{size: (width, None) for size, width in WIDTHS.items()},
    **{f"slot{mm}": (COLUMN_WIDTH_IN, mm / 25.4) for mm in SLOTS_MM},
}
FORMAT = "pdf"  # placed onto the laid-out page as a vector form (see engine/placement.py)


def chart_options(
    deal: Deal, width_in: float = COLUMN_WIDTH_IN, height_in: float | None = None
) -> ChartOptions:
    """The report options charts depend on (and nothing else, so the cache stays useful)."""
    return ChartOptions(
        digits=deal.options.digits,
        accent=deal.options.accent_color.lower(),
        width_in=width_in,
        height_in=height_in,
    )


def draw_figure(module: ModuleType, data: Any, options: ChartOptions) -> Figure:
    """Draw one chart's figure under the chart settings (for tests and previews)."""
    with chart_settings(options.accent):
        fig: Figure = module.draw(data, options)
        fig.canvas.draw()
    return fig


def encode_pdf(fig: Figure) -> bytes:
    """The figure as a one-page PDF, every text drawn as paths (no fonts: nothing to extract or embed)."""
    import io

    from matplotlib import patheffects
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text.set_path_effects([patheffects.Normal()])  # path effects draw text as outlines
    buf = io.BytesIO()
    # Transparent, so a draft/confidential watermark still shows through the chart.
    fig.savefig(
        buf,
        format="pdf",
        transparent=True,
        metadata={"Creator": None, "Producer": None, "CreationDate": None},
    )
    return buf.getvalue()


def chart_key(module: ModuleType, data: Any, options: ChartOptions) -> str:
    """The cache key of one drawing: chart, data, options, and everything that draws it."""
    return CHART_CACHE.key(
        module.NAME, RENDER_VERSION, program_version(), NATIVE_SHAPING, FORMAT, data, options
    )


def _drawer(module: ModuleType, data: Any, deal: Deal) -> Callable[[Chart, str], bytes]:
    def resolve(chart: Chart, size: str) -> bytes:
        options = chart_options(deal, *FRAMES[size])
        made: dict[str, bytes] = {}

        def draw() -> bytes:
            with chart_settings(options.accent):
                fig = module.draw(data, options)
                made["pdf"] = encode_pdf(fig)
                made["notes"] = encode_notes(text_report(fig))  # its own text check, stored beside it
            return made["pdf"]

        def notes() -> bytes:
            if "notes" not in made:
                draw()  # the drawing was cached without its findings: draw it again to check it
            return made["notes"]

        pdf = CHART_CACHE.get_or_draw(chart.keys[size], draw, is_drawing)
        CHART_CACHE.get_or_draw(notes_key(chart.keys[size]), notes, is_notes)
        return pdf

    return resolve


def plan(deal: Deal) -> dict[str, Chart]:
    """Every chart the deal has data for, by name, numbered in report order, drawn when first shown."""
    charts: dict[str, Chart] = {}
    options = chart_options(deal)
    for module in CHART_MODULES:
        data = module.extract(deal)
        if data is None:
            continue
        title = module.title(data) if hasattr(module, "title") else module.TITLE_AR
        title = localize_prose_numbers(title, deal.options.digits)  # a group name may hold a year
        alt = localize_prose_numbers(module.alt(data, options), deal.options.digits)
        keys = {size: chart_key(module, data, chart_options(deal, *frame)) for size, frame in FRAMES.items()}
        chart = Chart(module.NAME, len(charts) + 1, title, alt, keys, _drawer(module, data, deal))
        charts[module.NAME] = chart
    return charts


def draw_charts(deal: Deal) -> dict[str, Chart]:
    """Every chart the deal has data for, drawn now for the full column (tests, benchmarks)."""
    charts = plan(deal)
    for chart in charts.values():
        chart.uri("full")
    return charts
