"""A quick preview: a short wait after a finished edit, the stored preview of an unchanged deal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from window_driver import Dialogs, close_window, new_window, type_text, wait_for

import gui.preview_cache
from gui.deal_files import read_deal_file
from gui.preview import CURRENT, FROM_CACHE
from gui.preview_cache import PreviewCache


def amount_cell(window: Any) -> Any:
    model = window.editor.lists["commitments"].model
    column = next(i for i, c in enumerate(model.columns) if c.key == ("amount", "value"))
    return model, model.index(0, column)


def test_typing_waits_for_a_pause_a_finished_edit_does_not(window: Any) -> None:
    pane = window.preview
    assert pane.commit_ms < pane.typing_ms
    type_text(window.editor.fields["title_ar"].editor, "ب")  # a keystroke: more may follow
    assert pane.debounce.isActive() and pane.debounce.interval() == pane.typing_ms
    model, cell = amount_cell(window)
    assert model.setData(cell, "45,000,000,000")  # a table cell is committed when its editor closes
    assert pane.debounce.isActive() and pane.debounce.interval() == pane.commit_ms
    wait_for(lambda: pane.is_current)
    assert "45 مليار" in "".join(pane.page_text(p) for p in range(pane.document.pageCount()))


def test_undo_is_a_finished_edit(window: Any) -> None:
    window.document.set_value(("subtitle_ar",), "عنوان فرعي", merge=True)
    assert window.preview.debounce.interval() == window.preview.typing_ms
    window.document.stack.undo()
    assert window.preview.debounce.interval() == window.preview.commit_ms


def start_window(qapp: QApplication, folder: Path, store: Path, deal: Path | None = None) -> Any:
    window = new_window(qapp, Dialogs(), folder)
    window.preview.disk = PreviewCache(store)
    window.start(deal)
    return window


def test_an_unchanged_deal_shows_its_stored_preview_at_once_then_the_same_fresh_one(
    qapp: QApplication, window: Any, tmp_path: Path
) -> None:
    store = tmp_path / "previews"
    window.preview.disk = PreviewCache(store)
    try:
        window.preview.keep_on_disk()  # what closing the window does
    finally:
        window.preview.disk = PreviewCache()
    stored = window.preview.pdf

    again = start_window(qapp, tmp_path / "again", store)
    try:
        pane = again.preview
        # Shown while the window opened, before the worker answered anything.
        assert pane.shown_from_cache and pane.pdf == stored and pane.last_worker_pid == 0
        assert pane.is_current and pane.status.text() == FROM_CACHE
        assert pane.findings.found == window.preview.findings.found
        wait_for(lambda: not pane.shown_from_cache)
        assert pane.pdf == stored  # the worker made the very same document
        assert pane.last_worker_pid and pane.status.text() == CURRENT
    finally:
        close_window(again)


def test_a_changed_deal_or_program_shows_no_stored_preview(
    qapp: QApplication, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "previews"
    PreviewCache(store).put(json.dumps({"any": "deal"}), b"%PDF-1.7 stored", [])
    assert PreviewCache(store).get(json.dumps({"any": "deal"})) is not None
    monkeypatch.setattr(gui.preview_cache, "program_fingerprint", lambda: "another program")
    assert PreviewCache(store).get(json.dumps({"any": "deal"})) is None
    monkeypatch.undo()

    window.preview.disk = PreviewCache(store)
    try:
        window.preview.keep_on_disk()
    finally:
        window.preview.disk = PreviewCache()
    data = read_deal_file(None)
    data["title_ar"] += " (معدّل)"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    other = start_window(qapp, tmp_path / "other", store, changed)
    try:
        assert not other.preview.shown_from_cache and other.preview.pdf == b""
        wait_for(lambda: other.preview.is_current)
    finally:
        close_window(other)


def test_the_store_keeps_the_most_recent_previews(tmp_path: Path) -> None:
    store = PreviewCache(tmp_path)
    for n in range(gui.preview_cache.KEEP + 3):
        store.put(f"deal {n}", b"%PDF-1.7 " + bytes([n]), [(1, f"finding {n}")])
    last = gui.preview_cache.KEEP + 2
    assert len(list(tmp_path.glob("*.pdf"))) == gui.preview_cache.KEEP
    assert store.get(f"deal {last}") == (b"%PDF-1.7 " + bytes([last]), [(1, f"finding {last}")])
    assert store.get("deal 0") is None  # the oldest went first


def test_a_long_preview_stays_on_the_page_being_read(window: Any) -> None:
    pane = window.preview
    window.document.set_value(("options", "template"), "report")
    wait_for(lambda: pane.is_current)
    assert pane.document.pageCount() >= 3
    pane.show_page(2)
    assert pane.controls.page() == 2
    window.document.set_value(("subtitle_ar",), "عنوان فرعي جديد للتقرير الطويل")
    wait_for(lambda: pane.is_current)
    assert pane.controls.page() == 2  # the refreshed document opens where the analyst was reading
    assert pane.controls.page_box.value() == 3


def test_undo_shows_the_earlier_preview_at_once(window: Any) -> None:
    pane = window.preview
    original, asked = pane.pdf, []

    def ask(job: int, _pid: int) -> None:
        asked.append(job)

    pane.worker.started.connect(ask)
    try:
        window.document.set_value(("subtitle_ar",), "عنوان فرعي يُلغى بعد قليل")
        pane.render_now()
        wait_for(lambda: pane.is_current)
        assert pane.pdf != original and len(asked) == 1
        window.document.stack.undo()
        pane.render_now()
        assert pane.is_current and pane.pdf == original  # at once: no render was waited for
        assert pane.status.text() == CURRENT and not pane.worker.busy
        window.document.stack.redo()
        pane.render_now()
        assert pane.is_current and "يُلغى بعد قليل" in pane.page_text(0)
        assert len(asked) == 1  # neither undo nor redo asked the worker
    finally:
        pane.worker.started.disconnect(ask)
