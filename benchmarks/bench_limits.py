"""Time and peak memory of one export per template for a deal at every documented list limit.

Run: .venv/bin/python benchmarks/bench_limits.py [--runs N]   (each run is a fresh `main.py export`)
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.limits_deal import deal_at_limits  # noqa: E402
from engine.paths import SAMPLE_DEAL  # noqa: E402
from engine.templating import template_names  # noqa: E402


def export(deal: Path, template: str, out: Path) -> tuple[float, float, str]:
    """Seconds and peak resident MB of one CLI export in a fresh process, and its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(deal), "--template", template, "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, done.stderr.strip() if done.returncode else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-limits-"))
    big = folder / "limits.json"
    big.write_text(json.dumps(deal_at_limits(), ensure_ascii=False), encoding="utf-8")
    print(f"deal at the list limits: {big.stat().st_size // 1024} KB; median of {args.runs} runs")
    for label, deal in (("sample", SAMPLE_DEAL), ("limits", big)):
        for template in template_names():
            runs = [export(deal, template, folder / "out.pdf") for _ in range(args.runs)]
            errors = {r[2] for r in runs if r[2]}
            median = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            note = f"  FAILED: {errors.pop()}" if errors else ""
            print(f"{label:7} {template:9} {median:6.1f} s  peak RSS {peak:6.0f} MB{note}")


if __name__ == "__main__":
    main()
