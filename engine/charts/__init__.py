"""Charts drawn from the deal. This package's face loads no drawing library; drawing code loads on demand.

`report_charts` (what the pipeline uses) gives every chart the deal has data for, drawn only
when a template shows it, at the size it shows it; `draw_charts` draws them all now.
"""

from __future__ import annotations

from typing import Any

from engine.charts.cache import CHART_CACHE
from engine.charts.figures import Chart, drawing_seconds, report_charts

_DRAWING = {
    "CHART_MODULES",
    "RENDER_VERSION",
    "WIDTHS",
    "chart_options",
    "draw_charts",
    "draw_figure",
    "plan",
}


def __getattr__(name: str) -> Any:
    """The drawing API (imports matplotlib on first use)."""
    if name in _DRAWING:
        from engine.charts import drawing

        return getattr(drawing, name)
    raise AttributeError(f"module 'engine.charts' has no attribute '{name}'")


__all__ = [
    "CHART_CACHE",
    "CHART_MODULES",
    "Chart",
    "chart_options",
    "draw_charts",
    "draw_figure",
    "drawing_seconds",
    "report_charts",
]
