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


def export(deal: Path, template: str, out: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak resident MB of one CLI export in a fresh process; its error."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(deal), "--template", template, "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # ru_maxrss of children is the largest child so far: run the smaller deal first.
    return seconds, cpu, after.ru_maxrss / 1024, done.stderr.strip() if done.returncode else ""


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
            errors = {r[3] for r in runs if r[3]}
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            peak = max(r[2] for r in runs)
            note = f"  FAILED: {errors.pop()}" if errors else ""
            print(
                f"{label:7} {template:9} wall {wall:5.1f} s  cpu {cpu:5.1f} s  peak RSS {peak:4.0f} MB{note}"
            )


if __name__ == "__main__":
    main()
