"""The render worker process: reads jobs as JSON lines on stdin, answers one JSON line per job.

Run as `python -m gui.render_worker`. A job is {"job": n, "deal": "<deal JSON>", "out": path|null};
with "out" the PDF is exported there (atomically), otherwise its bytes come back base64-encoded.
Only this process imports WeasyPrint, so a crash or a runaway render cannot touch the editor.

The worker warms itself while the window opens: WeasyPrint and the bundled fonts before it
says it is ready (one renderer, reused by every job), then, while no job is waiting, the
drawing library, so that the first preview costs one warm render.
"""

from __future__ import annotations

import base64
import json
import os
import select
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO


def _answer(channel: TextIO, message: dict[str, Any]) -> None:
    channel.write(json.dumps(message) + "\n")
    channel.flush()


def handle(job: dict[str, Any]) -> dict[str, Any]:
    """Render or export one job; a bad deal or a pipeline error becomes a one-line message."""
    from engine.dealfile import DealError, parse_deal
    from engine.limits import EXPORT_MEMORY, export_limits
    from engine.pipeline import render, write_pdf_file
    from engine.preflight import format_findings

    reply: dict[str, Any] = {"job": job.get("job"), "pid": os.getpid()}
    started = time.process_time()
    try:
        deal = parse_deal(job["deal"])
        # Memory is bounded here; time by the editor, which kills this process past its limit.
        with export_limits(seconds=None, memory=EXPORT_MEMORY):
            result = render(deal)
        if job.get("out"):
            reply["path"] = str(write_pdf_file(result.pdf, Path(job["out"])))
        else:
            reply["pdf"] = base64.b64encode(result.pdf).decode("ascii")
            ordered = sorted(result.findings, key=lambda f: (f.page, f.code))
            lines = format_findings(ordered, deal.options.digits)
            reply["findings"] = [[f.page, line] for f, line in zip(ordered, lines, strict=True)]
        reply["ok"] = True
    except DealError as exc:
        reply.update(ok=False, error=str(exc))
    except Exception as exc:  # the worker must answer whatever the pipeline does
        reply.update(ok=False, error=f"{type(exc).__name__}: {exc}".splitlines()[0][:500])
    reply["cpu"] = round(time.process_time() - started, 4)  # this job's CPU seconds (benchmarks)
    return reply


def _warm_fonts() -> None:
    from engine.pipeline import warm_up

    warm_up()


def _warm_drawing() -> None:
    import engine.charts.drawing  # noqa: F401  (matplotlib, for a chart not in the cache yet)


def _warm_sample() -> None:
    """Render the sample deal once: its charts land in the cache, WeasyPrint's lazy paths are hot."""
    from engine.dealfile import load_deal
    from engine.pipeline import render_pdf

    render_pdf(load_deal())


# Done one by one while no job waits (a job always goes first); the sample render only
# before the first job, which warms the same paths.
IDLE_WARM_UPS: tuple[Callable[[], None], ...] = (_warm_sample, _warm_drawing)


def _job_waiting(stream: TextIO) -> bool:
    try:
        return bool(select.select([stream], [], [], 0)[0])
    except (OSError, ValueError):  # not selectable (e.g. a pipe on another platform): assume yes
        return True


def main() -> int:
    """Serve jobs until stdin closes."""
    # Library output must not corrupt the answer channel: answers go to the real stdout only.
    channel = sys.stdout
    sys.stdout = sys.stderr
    import engine.pipeline  # noqa: F401  (warm up: import WeasyPrint before the first job)

    _warm_fonts()
    _answer(channel, {"ready": True, "pid": os.getpid()})
    warm_ups = list(IDLE_WARM_UPS)
    while True:
        while warm_ups and not _job_waiting(sys.stdin):
            try:
                warm_ups.pop(0)()
            except Exception as exc:  # warming is an optimisation: never fatal
                print(f"warm-up skipped: {type(exc).__name__}: {exc}", file=sys.stderr)
        line = sys.stdin.readline()
        if not line:
            return 0
        if not line.strip():
            continue
        job = json.loads(line)
        if _warm_sample in warm_ups:
            warm_ups.remove(_warm_sample)
        _answer(channel, {"job": job.get("job"), "started": True, "pid": os.getpid()})
        _answer(channel, handle(job))


if __name__ == "__main__":
    sys.exit(main())
