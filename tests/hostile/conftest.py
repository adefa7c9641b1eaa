"""Hostile input: each case ends in exit 0, or exit 2 with one line, in its limit, writing nothing."""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from engine import cli
from engine.paths import ROOT

HANG_LIMIT = 120  # seconds: far above any case here, so only a hang trips it (tracebacks, then exit)


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A hostile case that never ends fails the run instead of blocking it (not SIGALRM: exports use it)."""
    faulthandler.dump_traceback_later(HANG_LIMIT, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def one_line_exit_2(code: int, err: str) -> str:
    """Assert a refusal: exit 2 and exactly one line on stderr; return that line."""
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err and "<_io." not in err
    return lines[0]


def run_cli(args: Sequence[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command line in this process (no process limits: those are tested in a child)."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_main(
    args: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS` as the analyst runs it, with its process limits."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


def listing(folder: Path) -> list[str]:
    """Every name in a folder, hidden ones too (a leftover .part file shows up here)."""
    return sorted(p.name for p in folder.iterdir())
