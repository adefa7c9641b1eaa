"""Limits on work: CPU, wall-clock and memory limits on exports; template children die with their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from engine.limits import ENV_SECONDS, export_limits
from engine.paths import ROOT
from engine.pdf import RenderError
from tests.hostile.conftest import listing, one_line_exit_2, run_main


def test_a_cli_export_past_its_time_limit_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    done = run_main(["export", "-o", str(out)], env={ENV_SECONDS: "1"})
    line = one_line_exit_2(done.returncode, done.stderr)
    assert "the export used more than 1 s of processor time" in line or "took longer than 3 s" in line
    assert listing(tmp_path) == []


def test_memory_past_the_limit_is_refused_and_the_limit_is_put_back() -> None:
    with (
        pytest.raises(RenderError, match="needed more than 100 MB of memory"),
        export_limits(None, 100_000_000),
    ):
        bytearray(400_000_000)
    assert len(bytearray(400_000_000)) == 400_000_000  # the process has its memory back


def test_endless_work_is_stopped_by_the_cpu_limit() -> None:
    with pytest.raises(RenderError, match="was stopped"), export_limits(1, 0):
        while True:
            pass
    deadline = time.monotonic() + 2.5  # the soft CPU limit was put back: more work is allowed
    while time.monotonic() < deadline:
        pass


PARENT = """
import sys
from engine.dealfile import load_deal
from engine.sandbox import render_user_template
render_user_template(load_deal(), "spin", timeout=600)
"""


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found += [int(p) for p in text.split()]
    return found


def _renderer_of(pid: int) -> int | None:
    for child in _children(pid):
        cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        if b"multiprocessing" in cmdline and b"resource_tracker" not in cmdline:
            return child
    return None


def _cpu_limit(pid: int) -> list[str]:
    limits = Path(f"/proc/{pid}/limits").read_text()
    return next(line for line in limits.splitlines() if line.startswith("Max cpu time")).split()[3:5]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl parent-death signal is Linux's")
def test_a_template_child_dies_with_its_parent(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "spin.html.j2").write_text(
        "{% for i in 'x' * 100000 %}{% for j in 'x' * 100000 %}{% endfor %}{% endfor %}", "utf-8"
    )
    env = {**os.environ, "DEAL_BRIEFING_TEMPLATES": str(templates), "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen([sys.executable, "-c", textwrap.dedent(PARENT)], env=env, cwd=ROOT)
    try:
        child = None
        deadline = time.monotonic() + 60
        while child is None and time.monotonic() < deadline and parent.poll() is None:
            child = _renderer_of(parent.pid)
            time.sleep(0.1)
        assert child is not None, "the renderer child never started"
        while _cpu_limit(child)[0] == "unlimited" and time.monotonic() < deadline:
            time.sleep(0.1)  # the child sets itself up once its imports are done
        soft, hard = map(int, _cpu_limit(child))  # the time limit holds whatever the parent does
        assert 600 <= soft < 660 and hard == soft + 5  # 600 s of work on top of its imports
        assert os.getpgid(child) == child  # its own process group: the caller's signals go to the parent
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(child)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
