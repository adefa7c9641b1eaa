"""Time and memory limits for exports, and children that die with their parent (POSIX; no-ops elsewhere)."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import math
import os
import signal
import sys
import threading
from collections.abc import Iterator

from engine.errors import RenderError

EXPORT_SECONDS = 60.0  # processor time of one CLI export (built-in or user template)
EXPORT_MEMORY = 2_000_000_000  # bytes of address space an export may add to the process
ENV_SECONDS = "DEAL_BRIEFING_EXPORT_SECONDS"  # lower limits, for tests and small machines
ENV_MEMORY = "DEAL_BRIEFING_EXPORT_MEMORY_MB"
_PR_SET_PDEATHSIG = 1

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]


def configured(seconds: float, memory: int) -> tuple[float, int]:
    """The limits, lowered (never raised) by the environment variables."""
    try:
        seconds = min(seconds, float(os.environ.get(ENV_SECONDS) or seconds))
        memory = min(memory, int(float(os.environ.get(ENV_MEMORY) or 0) * 1_000_000) or memory)
    except ValueError:
        pass
    return seconds, memory


def address_space() -> int:
    """The process's current virtual memory size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _size(memory: int) -> str:
    return f"{memory / 1_000_000_000:g} GB" if memory >= 1_000_000_000 else f"{memory // 1_000_000} MB"


WALL_FACTOR = 3  # wall-clock limit = this many times the CPU limit (a loaded machine is slower)
HARD_STOP_GRACE = 10.0  # seconds past the wall-clock limit before the process itself is ended


def _hard_stop(message: str) -> None:
    """The main thread has not come back to Python since the limit: end the process, saying why."""
    os.write(2, f"error: {message}\n".encode())
    os._exit(2)


@contextlib.contextmanager
def export_limits(seconds: float | None = EXPORT_SECONDS, memory: int = EXPORT_MEMORY) -> Iterator[None]:
    """Bound the work in this block: RenderError past `seconds` of CPU time or `memory` more bytes.

    Memory: the soft RLIMIT_AS is set to the current address space plus `memory`. CPU: the soft
    RLIMIT_CPU is set to the time used so far plus `seconds` (SIGXCPU raises in the work), so the
    limit measures work, not how busy the machine is. Wall clock: a SIGALRM timer at
    WALL_FACTOR × `seconds` stops work that waits rather than computes, and if the work is stuck
    in C code that never returns to Python, a watchdog thread ends the process (exit 2, one line)
    HARD_STOP_GRACE seconds later. Soft limits are put back after the block (main thread only
    for the time limits).
    """
    seconds, memory = configured(seconds or 0.0, memory)
    cpu = max(1, math.ceil(seconds))
    wall = seconds * WALL_FACTOR
    restore: list[tuple[int, tuple[int, int]]] = []
    if memory:
        base = address_space()
        if base:
            _lower_soft(resource.RLIMIT_AS if resource else 0, base + memory, restore)
    timed = (
        seconds > 0 and threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM")
    )
    watchdog = threading.Timer(
        wall + HARD_STOP_GRACE, _hard_stop, (f"the export took longer than {wall:g} s",)
    )
    if timed:

        def too_long(signum: int, _frame: object) -> None:
            if signum == signal.SIGALRM:
                raise RenderError(f"the export took longer than {wall:g} s and was stopped")
            raise RenderError(f"the export used more than {cpu} s of processor time and was stopped")

        previous = {sig: signal.signal(sig, too_long) for sig in (signal.SIGALRM, signal.SIGXCPU)}
        used = os.times()
        _lower_soft(resource.RLIMIT_CPU if resource else 0, int(used.user + used.system) + cpu, restore)
        signal.setitimer(signal.ITIMER_REAL, wall)
        watchdog.daemon = True
        watchdog.start()
    try:
        yield
    except MemoryError:
        raise RenderError(f"the export needed more than {_size(memory)} of memory and was stopped") from None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            watchdog.cancel()
        for which, limits in restore:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(which, limits)
        if timed:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def _lower_soft(which: int, wanted: int, restore: list[tuple[int, tuple[int, int]]]) -> None:
    """Lower a soft limit (never the hard one, so it can be put back) and remember the old one."""
    if resource is None:
        return
    soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY and wanted > hard:
        return
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        return
    resource.setrlimit(which, (wanted, hard))
    restore.append((which, (soft, hard)))


def limit_child(memory: int, cpu_seconds: int) -> None:
    """In a child process: a hard memory cap and a CPU-time cap that hold whatever the parent does."""
    if resource is None:
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def die_with_parent(parent_pid: int) -> None:
    """In a child: its own process group, and SIGKILL when the parent dies (Linux prctl)."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpgid(0, 0)  # a signal to the caller's group (Ctrl-C) no longer reaches it; the parent kills it
    name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    if name:
        libc = ctypes.CDLL(name, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)
