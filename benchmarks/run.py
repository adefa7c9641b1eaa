"""Export benchmarks: stages per template, warm render against a plain page, chart options, cold CLI, memory.

Run with `make bench` (or `python benchmarks/run.py [--json] [--runs N] [--renders N] [--skip ...]`).
Every ratio is against a baseline measured in the same run, interleaved, so it is comparable
across machines; times are process CPU time where one process does the work (noise from other
processes on a shared machine does not count), wall time where the user waits for processes.
The machine's load average is recorded before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# A private chart cache: "cold" and "cached" mean what they say, and the user's cache is untouched.
CACHE = Path(tempfile.mkdtemp(prefix="bench-chart-cache-"))
os.environ["DEAL_BRIEFING_CACHE_DIR"] = str(CACHE)

from engine.charts import CHART_CACHE  # noqa: E402
from engine.dealfile import dump_deal, load_deal  # noqa: E402
from engine.model import Deal, Digits  # noqa: E402
from engine.paths import TEMPLATES  # noqa: E402
from engine.pdf import renderer, write_pdf_file  # noqa: E402
from engine.pipeline import render, with_options  # noqa: E402
from engine.templating import template_names  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PLAIN_PARAGRAPH = (
    "أعلنت الشركات الثلاث شراكة استراتيجية تلتزم فيها أنثروبيك بشراء سعة حوسبة سحابية من "
    "مايكروسوفت، وتستثمر إنفيديا ومايكروسوفت في رأس مال الشركة. وتتضمن الصفقة تعاونًا هندسيًا "
    "لتحسين النماذج على بنية إنفيديا، وتوسيع إتاحة نماذج Claude لعملاء السحابة في أنحاء العالم. "
)

PLAIN_PARAGRAPHS = 12  # two A4 pages, the second one nearly full


def load() -> list[float]:
    """The 1, 5 and 15 minute load averages."""
    return [round(x, 2) for x in os.getloadavg()]


def cpu(action: Callable[[], object]) -> float:
    """Process CPU seconds spent by the action."""
    start = time.process_time()
    action()
    return time.process_time() - start


def wall(action: Callable[[], object]) -> float:
    """Wall-clock seconds spent by the action."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def ms(seconds: float) -> float:
    """Milliseconds, rounded for reports."""
    return round(seconds * 1000, 1)


def med(samples: list[float]) -> float:
    """The median in milliseconds."""
    return ms(statistics.median(samples))


def plain_page() -> str:
    """A plain two-page Arabic page in the reports' font and base style, no charts or tables."""
    paragraphs = "\n".join(f"<p>{PLAIN_PARAGRAPH * 3}</p>" for _ in range(PLAIN_PARAGRAPHS))
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="css/base.css"></head><body><h1>صفحة عربية بسيطة</h1>'
        f"{paragraphs}</body></html>"
    )


def sample(template: str, digits: Digits = Digits.latn) -> Deal:
    """The sample deal for one template."""
    return with_options(load_deal(), template=template, digits=digits)


def charts_as(fmt: str, deal: Deal, html: str) -> str:
    """The same HTML with each chart placeholder replaced by the chart as SVG or PNG (the former ways)."""
    from engine.charts import WIDTHS, chart_options, plan
    from engine.charts.drawing import CHART_MODULES
    from engine.charts.style import encode
    from engine.charts.text import chart_settings

    modules = {m.NAME: m for m in CHART_MODULES}
    for chart in plan(deal).values():
        for size, width in WIDTHS.items():
            placeholder = chart.uri(size)
            if placeholder in html:
                options = chart_options(deal, width)
                module = modules[chart.name]
                with chart_settings(options.accent):
                    drawn = encode(module.draw(module.extract(deal), options), fmt)
                html = html.replace(placeholder, drawn)
    return html


def bench_templates(runs: int, report: dict[str, Any]) -> None:
    """Stages per template with cached charts; cold charts; the whole export against WeasyPrint alone."""
    for name in template_names():
        deal = sample(name)
        result = render(deal)  # warm-up: imports, fonts, chart cache
        stages: dict[str, list[float]] = {}
        whole: list[float] = []
        baseline: list[float] = []
        cold: list[float] = []
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report.pdf"
            for run in range(runs):
                results: list[Any] = []

                def export(deal: Deal = deal, out: Path = out, results: list[Any] = results) -> None:
                    results.append(render(deal))
                    write_pdf_file(results[-1].pdf, out)

                alone = lambda html=result.html: renderer().html_to_pdf(html)  # noqa: E731
                if run % 2:  # alternate which goes first: the second of a pair runs warmer
                    baseline.append(cpu(alone))
                whole.append(cpu(export))
                result = results[-1]
                for stage, seconds in result.timings.items():
                    stages.setdefault(stage, []).append(seconds)
                if not run % 2:
                    baseline.append(cpu(alone))
                CHART_CACHE.clear(disk=True)  # cold: every chart this template shows is drawn
                cold.append(render(deal).timings["charts"])
        row = {
            "pdf_kib": len(result.pdf) // 1024,
            "stages_ms": {stage: med(samples) for stage, samples in stages.items()},
            "charts_cold_ms": med(cold),
            "export_cpu_ms": med(whole),
            "weasyprint_alone_cpu_ms": med(baseline),
            "export_over_weasyprint": round(statistics.median(whole) / statistics.median(baseline), 2),
        }
        report.setdefault("templates", {})[name] = row
        print(f"\n== template {name}: {row['pdf_kib']} KiB PDF, median of {runs} (stages: wall ms)")
        for stage, value in row["stages_ms"].items():
            print(f"  {stage:<10}{value:8.1f} ms")
        print(f"  {'charts':<10}{row['charts_cold_ms']:8.1f} ms   (cold: cache cleared, the charts shown)")
        print(f"  {'export':<10}{row['export_cpu_ms']:8.1f} ms   CPU, whole export incl. atomic write")
        alone = row["weasyprint_alone_cpu_ms"]
        print(f"  {'baseline':<10}{alone:8.1f} ms   CPU, WeasyPrint alone on the same HTML")
        print(f"  ratio export / WeasyPrint alone: {row['export_over_weasyprint']:.2f}")


def bench_warm(runs: int, report: dict[str, Any]) -> None:
    """Warm briefing render (cached charts) against a plain two-page Arabic page, and chart options."""
    deal = sample("briefing")
    page = plain_page()
    pages = len(renderer().layout(page).pages)
    result = render(deal)
    svg_html = charts_as("svg", deal, result.html)
    png_html = charts_as("png", deal, result.html)
    options: dict[str, Callable[[], object]] = {
        "briefing, placed vector charts (used)": lambda: render(deal),
        "briefing, SVG charts inside WeasyPrint": lambda: renderer().html_to_pdf(svg_html),
        "plain two-page Arabic page": lambda: renderer().html_to_pdf(page),
    }
    options["briefing, PNG charts 300 dpi (raster)"] = lambda: renderer().html_to_pdf(png_html)
    for action in options.values():
        action()
    samples: dict[str, list[float]] = {label: [] for label in options}
    for _ in range(runs):
        for label, action in options.items():
            samples[label].append(cpu(action))
    plain = statistics.median(samples["plain two-page Arabic page"])
    rows = {
        label: {"cpu_ms": med(s), "over_plain": round(statistics.median(s) / plain, 2)}
        for label, s in samples.items()
    }
    report["warm"] = {"plain_page_pages": pages, "runs": runs, "options": rows}
    print(f"\n== warm render, CPU, median of {runs} interleaved (plain page: {pages} pages)")
    for label, row in rows.items():
        print(f"  {label:<42}{row['cpu_ms']:8.1f} ms   {row['over_plain']:5.2f}× the plain page")


CHILD_CPU: list[float] = []  # CPU seconds of the last command and all its processes


def _run(cmd: list[str], **kw: Any) -> float:
    """Wall seconds of a command; its CPU seconds (every process it started) go to CHILD_CPU."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = wall(lambda: subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, **kw))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CHILD_CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return seconds


def bench_cli(runs: int, report: dict[str, Any]) -> None:
    """Cold `main.py export` (new process) against Chromium print-to-pdf of the same HTML, wall time."""
    deal = sample("briefing")
    html = charts_as("svg", deal, render(deal).html)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        page = folder / "briefing.html"
        # The same HTML, with the charts drawn in it, resolving css/ and fonts from the project.
        page.write_text(
            html.replace("<head>", f'<head><base href="{TEMPLATES.as_uri()}/">', 1), encoding="utf-8"
        )
        cold_cache = folder / "cold-cache"
        python = [sys.executable, str(ROOT / "main.py"), "export", "-o", str(folder / "out.pdf")]
        commands: dict[str, Callable[[], float]] = {
            "main.py export, charts cached": lambda: _run(python),
            "main.py export, empty chart cache": lambda: (
                shutil.rmtree(cold_cache, ignore_errors=True),
                _run(python, env={**os.environ, "DEAL_BRIEFING_CACHE_DIR": str(cold_cache)}),
            )[1],
            "weasyprint command, same HTML": lambda: _run(
                [sys.executable, "-m", "weasyprint", str(page), str(folder / "wp.pdf")]
            ),
            # The floor of any cold export through WeasyPrint: the interpreter and its import.
            "python -c 'import weasyprint'": lambda: _run([sys.executable, "-c", "import weasyprint"]),
        }
        if chromium:
            profile = folder / "profile"
            commands["chromium print-to-pdf, same HTML"] = lambda: _run(
                [
                    chromium,
                    *CHROMIUM_FLAGS,
                    f"--user-data-dir={profile}",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={folder / 'chromium.pdf'}",
                    page.as_uri(),
                ]
            )
        _run(python)  # the chart cache holds the sample's charts
        samples: dict[str, list[float]] = {label: [] for label in commands}
        cpu_samples: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(runs):
            for label, command in commands.items():
                samples[label].append(command())
                cpu_samples[label].append(CHILD_CPU[-1])
    rows = {label: med(s) for label, s in samples.items()}
    cpu_rows = {label: med(s) for label, s in cpu_samples.items()}
    report["cli"] = {"runs": runs, "wall_ms": rows, "cpu_ms": cpu_rows, "chromium": bool(chromium)}
    print(f"\n== cold command line, median of {runs} interleaved (briefing): wall, CPU of all its processes")
    for label, value in rows.items():
        print(f"  {label:<40}{value:8.0f} ms wall {cpu_rows[label]:8.0f} ms CPU")
    if chromium:
        ours, theirs = "main.py export, charts cached", "chromium print-to-pdf, same HTML"
        for kind, table in (("wall", samples), ("cpu", cpu_samples)):
            ratio = statistics.median(table[ours]) / statistics.median(table[theirs])
            report["cli"][f"export_over_chromium_{kind}"] = round(ratio, 2)
            print(f"  ratio main.py export / Chromium, {kind}: {ratio:.2f}")
        floor = statistics.median(cpu_samples["python -c 'import weasyprint'"])
        ratio = floor / statistics.median(cpu_samples[theirs])
        report["cli"]["weasyprint_import_over_chromium_cpu"] = round(ratio, 2)
        print(f"  ratio importing WeasyPrint alone / Chromium, cpu: {ratio:.2f}")
    else:
        print("  (Chromium not installed: `apt-get install chromium` to compare; not needed otherwise)")


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def bench_memory(renders: int, report: dict[str, Any]) -> None:
    """The editor's render worker over many previews: resident memory at checkpoints."""
    deal = load_deal()
    variants = []
    for n in range(5):  # five states, as an analyst editing an amount back and forth
        data = json.loads(dump_deal(deal))
        data["commitments"][0]["amount"]["value"] = 30_000_000_000 + n * 1_000_000_000
        variants.append(json.dumps(data, ensure_ascii=False))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "gui.render_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert proc.stdin and proc.stdout
    marks: dict[int, float] = {}
    checkpoints = {1, 10, 25, 50, 100, 150, renders}
    for job in range(1, renders + 1):
        proc.stdin.write(json.dumps({"job": job, "deal": variants[job % len(variants)], "out": None}) + "\n")
        proc.stdin.flush()
        for line in proc.stdout:
            if json.loads(line).get("ok") is not None:
                break
        if job in checkpoints:
            marks[job] = round(rss_mb(proc.pid), 1)
    proc.stdin.close()
    proc.wait(30)
    after_ten = [v for k, v in marks.items() if k >= 10]
    report["memory"] = {
        "renders": renders,
        "rss_mb": marks,
        "growth_after_10_mb": round(max(after_ten) - min(after_ten), 1),
    }
    print(f"\n== render worker memory over {renders} previews (RSS, MB)")
    print("  " + "   ".join(f"{k}: {v}" for k, v in marks.items()))
    print(f"  growth from render 10 on: {report['memory']['growth_after_10_mb']} MB")


def main() -> int:
    """Run the chosen benchmarks and print (or write as JSON) the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--json", metavar="FILE", nargs="?", const="-", help="write the figures as JSON (- for stdout)"
    )
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measurement (median)")
    parser.add_argument("--renders", type=int, default=200, help="previews for the memory benchmark")
    parser.add_argument("--skip", nargs="*", default=[], choices=["templates", "warm", "cli", "memory"])
    args = parser.parse_args()
    report: dict[str, Any] = {"load_before": load(), "cpus": os.cpu_count()}
    if args.json == "-":
        sys.stdout = sys.stderr  # the JSON alone goes to stdout
    try:
        for name, bench in (
            ("warm", lambda: bench_warm(args.runs, report)),
            ("templates", lambda: bench_templates(args.runs, report)),
            ("cli", lambda: bench_cli(max(3, args.runs // 2), report)),
            ("memory", lambda: bench_memory(args.renders, report)),
        ):
            if name not in args.skip:
                bench()
    finally:
        shutil.rmtree(CACHE, ignore_errors=True)
    report["load_after"] = load()
    print(
        f"\nload average before {report['load_before']}, after {report['load_after']} ({report['cpus']} CPUs)"
    )
    for script in sorted(Path(__file__).parent.glob("bench_*.py")):
        print(f"(more figures: python {script.relative_to(ROOT)})")
    if args.json:
        text = json.dumps(report, ensure_ascii=False, indent=2)
        if args.json == "-":
            sys.__stdout__.write(text + "\n")
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
