"""One batch job, as a worker runs it (local process or Dask worker): deal bytes × template → PDF bytes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from engine.paths import ASSETS, TEMPLATES


@dataclass(frozen=True)
class JobResult:
    """What comes back from a worker: the PDF, or why there is none; preflight findings; cost."""

    pdf: bytes = b""
    error: str = ""
    bad_input: bool = False  # the deal or the template is at fault, not the program
    findings: tuple[str, ...] = ()
    seconds: float = 0.0
    program: str = ""  # the worker's program fingerprint
    pid: int = 0


def digest_files(paths: Iterable[Path], digest: hashlib._Hash, base: Path) -> None:
    """Feed each file's relative name and bytes to `digest`, in a stable order."""
    for path in sorted(paths):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes())


_FINGERPRINT: list[str] = []
# A Dask worker may run several tasks at once in threads; WeasyPrint and Pango are not made for
# that, so a process renders one report at a time (parallelism comes from processes).
_RENDER_LOCK = threading.Lock()


def program_fingerprint() -> str:
    """A digest of the version, the engine's code, the templates and the fonts: this program."""
    if not _FINGERPRINT:
        from engine import __version__

        engine = Path(__file__).resolve().parent
        digest = hashlib.sha256(__version__.encode())
        digest_files(engine.rglob("*.py"), digest, engine)
        digest_files(TEMPLATES.rglob("*"), digest, TEMPLATES)
        digest_files((ASSETS / "fonts").rglob("*"), digest, ASSETS)
        _FINGERPRINT.append(digest.hexdigest()[:16])
    return _FINGERPRINT[0]


def warm_worker(*, ignore_interrupt: bool = True) -> None:
    """Pool initializer: import the renderer and lay out a tiny Arabic page, once per worker."""
    if ignore_interrupt:
        # Ctrl+C in a terminal reaches the whole process group; the parent alone decides to stop.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        from engine.limits import die_with_parent

        die_with_parent(os.getppid())  # a parent killed outright takes its workers with it
    from engine.pipeline import warm_up

    warm_up()  # one WeasyPrint renderer for the process: fonts read once
    program_fingerprint()


def preflight_findings(rendered: object) -> tuple[str, ...]:
    """The preflight's findings on a finished report, one Arabic line each, in page order."""
    from engine.preflight import format_findings

    return tuple(format_findings(getattr(rendered, "findings", None) or ()))


def _limits() -> contextlib.AbstractContextManager[None]:
    """The export's time and memory limits, in a pool worker's main thread (not in a Dask thread)."""
    # A Dask worker renders in a thread of a process it shares with Dask's own threads.
    if threading.current_thread() is not threading.main_thread():
        return contextlib.nullcontext()
    from engine.limits import export_limits

    return export_limits()


def render_job(data: bytes, template: str, digits: str | None) -> JobResult:
    """Render one deal in one template; a bad deal or a program fault comes back as a one-line reason."""
    from engine.dealfile import DealError, parse_deal_bytes
    from engine.model import Digits
    from engine.pipeline import RenderError, render

    start = time.perf_counter()
    common = {"program": program_fingerprint(), "pid": os.getpid()}
    try:
        deal = parse_deal_bytes(data)
        with _RENDER_LOCK, _limits():
            rendered = render(deal, template=template, digits=Digits(digits) if digits else None)
    except DealError as exc:
        reason = "; ".join(str(p) for p in exc.problems)
        return JobResult(error=reason, bad_input=True, seconds=time.perf_counter() - start, **common)
    except RenderError as exc:
        return JobResult(error=str(exc), bad_input=True, seconds=time.perf_counter() - start, **common)
    except Exception as exc:  # a worker answers whatever the pipeline does
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:500]
        return JobResult(error=reason, seconds=time.perf_counter() - start, **common)
    findings = preflight_findings(rendered)
    return JobResult(pdf=rendered.pdf, findings=findings, seconds=time.perf_counter() - start, **common)
