"""The render worker process: reads jobs as JSON lines on stdin, answers one JSON line per job.

Run as `python -m gui.render_worker`. A job is {"job": n, "deal": "<deal JSON>", "out": path|null};
with "out" the PDF is exported there (atomically), otherwise its bytes come back base64-encoded.
Only this process imports WeasyPrint, so a crash or a runaway render cannot touch the editor.
"""

from __future__ import annotations

import base64
import json
import os
import sys
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
    return reply


def main() -> int:
    """Serve jobs until stdin closes."""
    # Library output must not corrupt the answer channel: answers go to the real stdout only.
    channel = sys.stdout
    sys.stdout = sys.stderr
    import engine.pipeline  # noqa: F401  (warm up: import WeasyPrint before the first job)

    _answer(channel, {"ready": True, "pid": os.getpid()})
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        _answer(channel, {"job": job.get("job"), "started": True, "pid": os.getpid()})
        _answer(channel, handle(job))
    return 0


if __name__ == "__main__":
    sys.exit(main())
