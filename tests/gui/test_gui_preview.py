"""The live preview: real PDFs from the worker process, newest wins, failures keep the last good one."""

from __future__ import annotations

import os
import signal
from typing import Any

import pytest
from window_driver import wait_for

from gui.preview import INVALID

AMOUNT = ("commitments", 0, "amount", "value")


def preview_text(window: Any) -> str:
    """All the text QtPdf extracts from the PDF on screen."""
    pane = window.preview
    return "\n".join(pane.page_text(p) for p in range(pane.document.pageCount()))


def amount_cell(window: Any) -> Any:
    """The commitments table's cell for the first commitment's amount."""
    model = window.editor.lists["commitments"].model
    column = next(i for i, c in enumerate(model.columns) if c.key == ("amount", "value"))
    return model, model.index(0, column)


def test_editing_an_amount_changes_the_preview_text(window: Any) -> None:
    assert "30 مليار" in preview_text(window)
    model, cell = amount_cell(window)
    assert model.setData(cell, "45,000,000,000")  # what the cell editor would commit
    shown = window.preview.shown_generation
    wait_for(lambda: window.preview.shown_generation > shown and window.preview.is_current)
    text = preview_text(window)
    assert "45 مليار" in text
    assert "30 مليار دو" not in text.split("حوسبة")[0]  # the commitment's own line changed


def test_rendering_happens_in_another_process(window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proof without timing: the PDF comes from a worker pid, and this process's pipeline is never called."""
    import engine.pipeline

    def refuse(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("rendered in the GUI process")

    monkeypatch.setattr(engine.pipeline, "render_pdf", refuse)
    monkeypatch.setattr(engine.pipeline, "export_pdf", refuse)
    window.document.set_value(("title_ar",), "عنوان يُرسم في عملية أخرى")
    window.preview.render_now()
    wait_for(lambda: window.preview.is_current)
    assert "عملية أخرى" in preview_text(window)
    assert window.preview.last_worker_pid not in (0, os.getpid())
    assert window.preview.last_worker_pid == window.preview.worker.worker_pid


def test_invalid_state_keeps_the_last_good_preview(window: Any) -> None:
    good = window.preview.pdf
    model, cell = amount_cell(window)
    model.setData(cell, "ثلاثون")
    assert window.preview.status.text() == INVALID
    window.preview.render_now()
    assert window.preview.pdf == good
    assert not window.preview.is_current


def test_killed_worker_mid_render_then_next_render_succeeds(window: Any) -> None:
    pane = window.preview
    good, failures, started = pane.pdf, [], []
    pane.render_failed.connect(failures.append)
    pane.worker.started.connect(lambda job, pid: started.append(pid))
    try:
        window.document.set_value(("title_ar",), "عنوان لن يُرسم")
        pane.render_now()
        wait_for(lambda: started)
        os.kill(started[0], signal.SIGKILL)
        wait_for(lambda: failures)
        assert pane.pdf == good  # the last good preview stays
        assert "تعذّر تحديث المعاينة" in pane.status.text()

        window.document.set_value(("title_ar",), "عنوان بعد إعادة تشغيل العامل")
        pane.render_now()
        wait_for(lambda: pane.is_current)
        assert "إعادة تشغيل" in preview_text(window)
        assert pane.last_worker_pid != started[0]
    finally:
        pane.render_failed.disconnect(failures.append)


def test_runaway_render_is_stopped_after_the_time_limit(window: Any) -> None:
    pane = window.preview
    failures: list[str] = []
    pane.render_failed.connect(failures.append)
    try:
        pane.worker.time_limit = 0.001
        window.document.set_value(("title_ar",), "عنوان بطيء")
        pane.render_now()
        wait_for(lambda: failures)
        assert "أكثر من" in failures[0]
        pane.worker.time_limit = 30.0
        pane.render_now()  # the same snapshot again, now in time
        wait_for(lambda: pane.is_current)
        assert "عنوان بطيء" in preview_text(window)
    finally:
        pane.render_failed.disconnect(failures.append)


def test_newer_edit_supersedes_older_render(window: Any) -> None:
    pane = window.preview
    shown: list[int] = []
    pane.updated.connect(shown.append)
    try:
        for n in range(3):
            window.document.set_value(("subtitle_ar",), f"نسخة رقم {n}")
            pane.render_now()  # the first goes to the worker, later ones replace the waiting snapshot
        wait_for(lambda: pane.is_current)
        assert shown == sorted(shown)
        assert shown[-1] == pane.generation
        assert len(shown) <= 2  # the middle snapshot never reached the worker
        assert "نسخة رقم 2" in preview_text(window)
    finally:
        pane.updated.disconnect(shown.append)


def test_preview_keeps_its_scroll_position(window: Any) -> None:
    pane = window.preview
    bar = pane.view.verticalScrollBar()
    wait_for(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    window.document.set_value(("subtitle_ar",), "عنوان فرعي يغيّر المعاينة")
    pane.render_now()
    wait_for(lambda: pane.is_current)
    assert abs(bar.value() - before) <= 2
