"""Batch benchmark: 50 deals on 1 and 2 local workers, and the per-deal cost against the cold CLI.

Run: `.venv/bin/python benchmarks/bench_batch.py [--deals 50] [--runs 3] [--cold 5]`.
Every figure is a median over runs made in this one invocation, and each ratio compares two
medians of the same invocation: `main.py batch` (imports and fonts paid once per worker) against
`main.py export` started cold for every deal. The load average is printed before and after:
on a shared machine the figures are only as steady as the load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "assets/deals/microsoft-nvidia-anthropic.json", ROOT / "tests/fixtures/second_deal.json"]


def loadavg() -> str:
    """The 1-, 5- and 15-minute load averages (Linux)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def make_deals(folder: Path, count: int) -> list[Path]:
    """`count` distinct deals: the two bundled ones, renamed and with their amounts scaled."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        data = json.loads(SAMPLES[number % len(SAMPLES)].read_text(encoding="utf-8"))
        data["id"] = f"{data['id']}-{number:03d}"
        data["title_ar"] = f"{data['title_ar']} ({number + 1})"
        for commitment in data.get("commitments", []):
            amount = commitment.get("amount") or {}
            if isinstance(amount.get("value"), int | float):
                amount["value"] = amount["value"] * (1 + number / 100)
        path = folder / f"deal-{number:03d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def wall(command: list[str]) -> float:
    """Seconds a command takes, start to exit (it must succeed), with an empty chart cache of its own.

    Without its own cache the first measurement would fill the disk chart cache for the later ones
    (a 2-worker run after a 1-worker run then looked 2.9× faster on 2 cores).
    """
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "DEAL_BRIEFING_CACHE_DIR": cache}
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=3600, env=env)
        return time.perf_counter() - start


def main() -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3, help="batch runs per worker count")
    parser.add_argument("--cold", type=int, default=5, help="cold single exports")
    parser.add_argument("--template", default="briefing")
    args = parser.parse_args()
    python = sys.executable
    print(f"load average before: {loadavg()}  ({args.deals} deals, template {args.template})", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        deals = make_deals(Path(tmp) / "deals", args.deals)
        cold = []
        for index in range(args.cold):
            out = Path(tmp) / f"cold-{index}.pdf"
            cold.append(
                wall(
                    [
                        python,
                        "main.py",
                        "export",
                        str(deals[index]),
                        "-o",
                        str(out),
                        "--template",
                        args.template,
                    ]
                )
            )
        print(
            f"cold CLI export: median {statistics.median(cold):.2f} s per deal ({args.cold} runs)", flush=True
        )
        batch: dict[int, list[float]] = {1: [], 2: []}
        for run in range(args.runs):
            for workers in (1, 2):  # interleaved, so a change in load hits both alike
                out = Path(tmp) / f"out-{workers}-{run}"
                command = [python, "main.py", "batch", str(Path(tmp) / "deals"), "-o", str(out)]
                command += ["--template", args.template, "--workers", str(workers), "--force"]
                batch[workers].append(wall(command))
                print(f"  batch, {workers} worker(s), run {run + 1}: {batch[workers][-1]:.1f} s", flush=True)
    one, two = statistics.median(batch[1]), statistics.median(batch[2])
    cold_median = statistics.median(cold)
    per_deal = one / args.deals
    print()
    print("| measure | median | goal |")
    print("|---|---|---|")
    print(f"| cold `main.py export`, one deal | {cold_median:.2f} s | |")
    print(f"| `main.py batch`, {args.deals} deals, 1 worker | {one:.1f} s ({per_deal:.2f} s per deal) | |")
    per_deal_two = two / args.deals
    print(
        f"| `main.py batch`, {args.deals} deals, 2 workers | {two:.1f} s ({per_deal_two:.2f} s per deal) | |"
    )
    print(f"| speed-up, 2 workers vs 1 | {one / two:.2f}× | ≥ 1.8× |")
    print(f"| per-deal cost, batch (1 worker) vs cold CLI | {per_deal / cold_median:.2f}× | ≤ 0.4× |")
    print(f"\nload average after: {loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
