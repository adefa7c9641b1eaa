"""The render worker started ahead of the window: adopted by the first preview, and it renders."""

from __future__ import annotations

from typing import Any

from window_driver import wait_for

from engine.dealfile import dump_deal
from engine.model import Deal
from gui import render_process
from gui.render_process import RenderProcess, prestart_worker


def test_prestarted_worker_is_adopted_and_renders(qapp: Any, sample_deal: Deal) -> None:
    prestart_worker()
    early = render_process._prestarted[0]
    early_pid = early.processId()
    worker = RenderProcess(time_limit=120.0)
    pids: list[int] = []
    pdfs: list[bytes] = []
    worker.ready.connect(pids.append)
    worker.rendered.connect(lambda _job, pdf, _pid: pdfs.append(pdf))
    try:
        worker.start()
        assert not render_process._prestarted  # taken, not started a second time
        wait_for(lambda: pids, timeout=120)
        assert pids == [early_pid]  # the "ready" it said before it was adopted was not lost
        worker.submit(dump_deal(sample_deal))
        wait_for(lambda: pdfs, timeout=120)
        assert pdfs[0].startswith(b"%PDF-") and worker.last_cpu > 0
    finally:
        worker.stop()
