"""Export benchmark: median time per pipeline stage, and the whole export against WeasyPrint alone.

Run with `make bench`. The baseline (WeasyPrint rendering the final HTML, with the same
fetcher and fonts) is measured in the same run, so the ratio is comparable across machines.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.charts import CHART_CACHE, draw_charts
from engine.dealfile import load_deal
from engine.model import Digits
from engine.pdf import html_to_pdf, write_pdf_file
from engine.pipeline import render, with_options
from engine.templating import template_names

RUNS = 7


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.1f} ms"


def bench_template(name: str, digits: Digits) -> None:
    deal = with_options(load_deal(), template=name, digits=digits)
    render(deal)  # warm-up: imports, font loading, chart cache
    stages: dict[str, list[float]] = {}
    whole: list[float] = []
    baseline: list[float] = []
    cold_charts: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.pdf"
        for _ in range(RUNS):
            start = time.perf_counter()
            result = render(deal)
            write_pdf_file(result.pdf, out)
            whole.append(time.perf_counter() - start)
            for stage, seconds in result.timings.items():
                stages.setdefault(stage, []).append(seconds)
            start = time.perf_counter()
            html_to_pdf(result.html)
            baseline.append(time.perf_counter() - start)
            CHART_CACHE.clear()
            start = time.perf_counter()
            draw_charts(deal)
            cold_charts.append(time.perf_counter() - start)
    print(f"\n== template {name}, digits {digits.value}: {len(result.pdf) // 1024} KiB PDF, median of {RUNS}")
    for stage, samples in stages.items():
        print(f"  {stage:<10}{median_ms(samples)}")
    print(f"  {'charts':<10}{median_ms(cold_charts)}   (cold: cache cleared; the row above is cached)")
    print(f"  {'export':<10}{median_ms(whole)}   (whole export incl. atomic write)")
    print(f"  {'baseline':<10}{median_ms(baseline)}   (WeasyPrint alone on the same HTML)")
    print(f"  ratio export / WeasyPrint alone: {statistics.median(whole) / statistics.median(baseline):.2f}")


def main() -> None:
    for name in template_names():
        for digits in (Digits.latn, Digits.arab):
            bench_template(name, digits)
    for script in sorted(Path(__file__).parent.glob("bench_*.py")):
        print(f"\n(more figures: python {script})")


if __name__ == "__main__":
    main()
