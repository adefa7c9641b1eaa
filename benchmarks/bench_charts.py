"""Chart drawing time for the sample deal: cold (cache cleared) and cached, medians over runs."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DEAL_BRIEFING_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-charts-")  # never the user's

import matplotlib

from engine.charts import CHART_CACHE, CHART_MODULES, chart_options, draw_charts
from engine.charts.drawing import encode_pdf
from engine.charts.text import NATIVE_SHAPING, chart_settings
from engine.model import Deal
from engine.paths import SAMPLE_DEAL

RUNS = 5


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    deal = Deal.model_validate_json(SAMPLE_DEAL.read_text(encoding="utf-8"))
    options = chart_options(deal)
    draw_charts(deal)  # warm-up: font loading and imports are not chart drawing
    cold, cached = [], []
    for _ in range(RUNS):
        CHART_CACHE.clear(disk=True)
        cold.append(timed(lambda: draw_charts(deal)))
        cached.append(timed(lambda: draw_charts(deal)))
    path = "native shaping" if NATIVE_SHAPING else "reshape + bidi"
    print(f"matplotlib {matplotlib.__version__} ({path}), median of {RUNS} runs")
    cold_ms, cached_ms = statistics.median(cold) * 1e3, statistics.median(cached) * 1e3
    print(f"all charts, cold   : {cold_ms:8.1f} ms")
    print(f"all charts, cached : {cached_ms:8.3f} ms")
    print(f"cached / cold      : {cached_ms / cold_ms:8.5f}")
    for module in CHART_MODULES:
        data = module.extract(deal)
        if data is None:
            continue

        def draw(module: object = module, data: object = data) -> None:
            with chart_settings(options.accent):
                encode_pdf(module.draw(data, options))  # type: ignore[attr-defined]

        median = statistics.median(timed(draw) for _ in range(RUNS)) * 1e3
        print(f"  {module.NAME:<12} cold: {median:7.1f} ms")


if __name__ == "__main__":
    main()
