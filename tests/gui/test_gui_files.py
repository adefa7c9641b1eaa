"""Files that never lose work: atomic save and reopen, refused files, unsaved-change prompts, autosave."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from window_driver import Dialogs, close_window, new_window, wait_for

from engine.dealfile import load_deal
from engine.paths import ROOT
from gui.deal_files import read_deal_file
from gui.preferences import Preferences


def test_save_then_reopen_gives_the_same_deal(window: Any, tmp_path: Path) -> None:
    window.document.set_value(("title_ar",), "صفقة محفوظة")
    window.document.set_value(("commitments", 0, "amount", "value"), 31_000_000_000)
    target = tmp_path / "deal.json"
    assert window.save_to(target)
    assert not window.document.dirty and not window.isWindowModified()
    assert "deal.json" in window.windowTitle()
    assert [p.name for p in tmp_path.iterdir()] == ["deal.json"]  # no temporary file left behind
    saved = window.document.data
    assert read_deal_file(target) == saved
    assert load_deal(target).commitments[0].amount.value == 31_000_000_000
    assert Preferences().recent_files[0] == target.resolve()

    window.document.set_value(("title_ar",), "تعديل بعد الحفظ")
    assert window.open_path(target, confirm=False)
    assert window.document.data == saved and window.document.path == target


def test_a_draft_with_errors_is_saved_with_a_warning_and_reopens_with_its_problems(
    window: Any, dialogs: Dialogs, tmp_path: Path
) -> None:
    target = tmp_path / "deal.json"
    window.document.set_value(("title_ar",), "")
    window.document.set_value(("commitments", 1, "to_party"), "ghost")
    assert window.save_to(target)  # a draft always saves
    assert dialogs.warnings[-1][0] == "حُفظت مسودة فيها مشكلات"
    assert not window.document.dirty
    assert [p.name for p in tmp_path.iterdir()] == ["deal.json"]
    assert json.loads(target.read_text(encoding="utf-8")) == window.document.data
    draft = window.document.data

    window.new_deal()
    assert window.open_path(target, confirm=False)  # an invalid file opens, to be fixed
    assert window.document.data == draft
    lines = window.problem_list.lines()
    assert len(lines) == 2 and window.problem_list.isVisibleTo(window)
    assert "العنوان: لا يجوز أن يبقى فارغًا" in lines[0]
    # The first problem is shown: its tab is current and its field has the cursor.
    assert window.editor.currentIndex() == 0
    assert window.editor.fields["title_ar"].editor.hasFocus() or not window.isActiveWindow()


def test_malformed_and_newer_files_are_refused_and_left_untouched(
    window: Any, dialogs: Dialogs, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    before = window.document.data
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "id": ', encoding="utf-8")
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**sample_data, "schema_version": 9}), encoding="utf-8")
    files = {p: p.read_bytes() for p in (broken, newer)}
    for path in files:
        assert not window.open_path(path, confirm=False)
    messages = ["\n".join(lines) for _title, lines in dialogs.warnings]
    assert "ليس ملف JSON سليمًا" in messages[0]
    assert "إصدار أحدث (\u20689\u2069)" in messages[1]
    assert window.document.data == before and window.document.path is None
    assert {p: p.read_bytes() for p in files} == files
    assert sorted(tmp_path.iterdir()) == sorted(files)


def test_unsaved_changes_are_asked_about(window: Any, dialogs: Dialogs, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text((ROOT / "assets/deals/microsoft-nvidia-anthropic.json").read_text(encoding="utf-8"))
    window.document.set_value(("title_ar",), "عمل لم يُحفظ")
    dialogs.unsaved_answer = "cancel"
    assert not window.open_path(other)
    window.new_deal()
    assert window.document.data["title_ar"] == "عمل لم يُحفظ"
    assert dialogs.asked == ["unsaved", "unsaved"]
    dialogs.unsaved_answer = "discard"
    assert window.open_path(other)
    assert window.document.path == other and not window.document.dirty


def test_closing_with_unsaved_changes_asks_first(qapp: QApplication, tmp_path: Path) -> None:
    dialogs = Dialogs()
    window = new_window(qapp, dialogs, tmp_path)
    window.document.reset(read_deal_file(None), None)
    window.document.set_value(("title_ar",), "عمل لم يُحفظ")
    dialogs.unsaved_answer = "cancel"
    assert not window.close()
    assert window.isVisible() and dialogs.asked == ["unsaved"]
    dialogs.unsaved_answer = "discard"
    assert window.close()


def test_new_deal_is_valid_and_uses_the_last_template(window: Any) -> None:
    window.new_deal()
    assert window.document.verdict.deal is not None
    assert window.document.data["options"]["template"] == Preferences().last_template


def test_export_writes_the_pdf_and_keeps_the_gui_responsive(
    window: Any, dialogs: Dialogs, tmp_path: Path
) -> None:
    out = tmp_path / "briefing.pdf"
    done: list[str] = []
    window.exported.connect(done.append)
    ticks: list[float] = []
    clock = QTimer()
    clock.timeout.connect(lambda: ticks.append(time.perf_counter()))
    clock.start(10)
    try:
        assert window.export_to(out)
        assert window.progress.isVisible() and not window.export_action.isEnabled()
        wait_for(lambda: done)
    finally:
        clock.stop()
        window.exported.disconnect(done.append)
    assert done == [str(out)]
    # The event loop kept turning: many ticks, no long gap (rendering is in the worker process).
    assert len(ticks) > 20
    assert max(b - a for a, b in pairwise(ticks)) < 0.5
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in dialogs.infos[-1]
    assert not window.progress.isVisible() and window.export_action.isEnabled()


def test_settings_persist_between_windows(qapp: QApplication, tmp_path: Path) -> None:
    dialogs = Dialogs()
    first = new_window(qapp, dialogs, tmp_path)
    first.resize(760, 620)
    close_window(first)
    second = new_window(qapp, dialogs, tmp_path)
    try:
        assert (second.width(), second.height()) == (760, 620)
    finally:
        close_window(second)


CRASHING_SESSION = """
import os, signal
from PySide6.QtCore import QTimer
from gui.app import prepare_application
from gui.main_window import MainWindow
from gui.preferences import Preferences

app = prepare_application()
window = MainWindow(Preferences())
window.preview.typing_ms = window.preview.commit_ms = 3_600_000  # this session never renders
window.document.reset(__import__("gui.deal_files").deal_files.read_deal_file(None), None)
window.document.set_value(("title_ar",), "عمل قبل الانهيار")
window.autosave.timer.setInterval(50)
QTimer.singleShot(600, lambda: os.kill(os.getpid(), signal.SIGKILL))
app.exec()
"""


def test_work_survives_a_killed_session(qapp: QApplication, tmp_path: Path) -> None:
    env = {**__import__("os").environ, "DEAL_BRIEFING_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    crashed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CRASHING_SESSION)], env=env, cwd=ROOT, timeout=60, check=False
    )
    assert crashed.returncode == -9
    assert len(list(tmp_path.glob("autosave-*.json"))) == 1

    dialogs = Dialogs()
    dialogs.restore_answer = True
    window = new_window(qapp, dialogs, tmp_path)
    try:
        window.preview.typing_ms = window.preview.commit_ms = 3_600_000
        window.start(None)
        assert dialogs.asked == ["restore"]
        assert window.document.data["title_ar"] == "عمل قبل الانهيار"
        assert window.document.dirty
        assert [p.name for p in tmp_path.glob("autosave-*.json")] == [window.autosave.file.name]
        # The restore is one undoable step over the file as it was opened: undo shows the file.
        window.document.stack.undo()
        assert window.document.data["title_ar"] == read_deal_file(None)["title_ar"]
        window.document.stack.redo()
        assert window.document.data["title_ar"] == "عمل قبل الانهيار"
    finally:
        close_window(window)
    assert not list(tmp_path.glob("autosave-*.json"))  # a clean exit leaves nothing to restore


def test_a_pdfa_report_reopens_its_deal_untitled(
    window: Any, dialogs: Dialogs, tmp_path: Path, sample_deal: Any
) -> None:
    from engine.pipeline import export_pdf

    options = sample_deal.options.model_copy(update={"archival": True})
    archived = sample_deal.model_copy(update={"options": options})
    report = export_pdf(archived, tmp_path / "report.pdf")
    plain = export_pdf(sample_deal, tmp_path / "plain.pdf")
    before = {p: p.read_bytes() for p in (report, plain)}
    assert window.open_path(report, confirm=False)
    assert window.document.data == archived.model_dump(mode="json")
    assert window.document.path is None  # Save asks for a .json name: the PDF is never overwritten
    assert not window.open_path(plain, confirm=False)
    assert "لا يحمل ملف صفقة" in "\n".join(dialogs.warnings[-1][1])
    assert {p: p.read_bytes() for p in before} == before
