"""Crash recovery: every crashed session's draft is offered, none deleted unasked, live ones left alone."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from window_driver import Dialogs, close_window, new_window

from engine.paths import ROOT

# A session as the editor runs one: it holds its draft's QLockFile, writes the draft, then dies.
SESSION = """
import json, os, signal, sys, time
from PySide6.QtCore import QLockFile
folder, token, title, saved_at, end = sys.argv[1:6]
lock = QLockFile(os.path.join(folder, f"autosave-{token}.lock"))
lock.setStaleLockTime(0)
assert lock.tryLock(0)
data = json.load(open(os.path.join(sys.argv[6])))
data["title_ar"] = title
draft = {"format": "deal-briefing-autosave", "saved_at": saved_at, "path": None, "data": data}
with open(os.path.join(folder, f"autosave-{token}.json"), "w", encoding="utf-8") as out:
    json.dump(draft, out, ensure_ascii=False)
print("ready", flush=True)
if end == "crash":
    os.kill(os.getpid(), signal.SIGKILL)
time.sleep(120)
"""


def session(folder: Path, token: str, title: str, saved_at: str, end: str) -> subprocess.Popen[str]:
    """Start a session that leaves a draft; 'crash' kills it at once, 'live' keeps it running."""
    args = [
        folder,
        token,
        title,
        saved_at,
        end,
        ROOT / "assets" / "deals" / "microsoft-nvidia-anthropic.json",
    ]
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(SESSION), *map(str, args)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    proc.stdout.close()
    if end == "crash":
        assert proc.wait(30) == -9
    return proc


def drafts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("autosave-*.json"))


class Answers(Dialogs):
    """Answers each recovery question from a script and records which drafts were offered."""

    def __init__(self, answers: list[str]) -> None:
        super().__init__()
        self.answers = answers
        self.offered: list[str] = []

    def attach(self, window: Any) -> None:
        super().attach(window)
        window.ask_restore = lambda recovery: (
            self.offered.append(recovery.data["title_ar"]) or self.answers.pop(0)
        )


def start_editor(qapp: QApplication, folder: Path, answers: list[str]) -> tuple[Any, Answers]:
    dialogs = Answers(answers)
    window = new_window(qapp, dialogs, folder)
    window.preview.typing_ms = window.preview.commit_ms = 3_600_000
    window.start(None)
    return window, dialogs


@pytest.fixture
def two_crashed(tmp_path: Path) -> Path:
    session(tmp_path, "older", "مسودة أقدم", "2026-01-01T10:00:00", "crash")
    session(tmp_path, "newer", "مسودة أحدث", "2026-01-02T10:00:00", "crash")
    return tmp_path


def test_two_crashed_sessions_are_both_offered_and_kept_when_put_off(
    qapp: QApplication, two_crashed: Path
) -> None:
    window, dialogs = start_editor(qapp, two_crashed, ["later", "later"])
    try:
        assert dialogs.offered == ["مسودة أحدث", "مسودة أقدم"]
        assert drafts(two_crashed) == ["autosave-newer.json", "autosave-older.json"]
    finally:
        close_window(window)
    assert drafts(two_crashed) == ["autosave-newer.json", "autosave-older.json"]  # offered again next time


def test_restoring_one_keeps_the_other_for_the_next_start(qapp: QApplication, two_crashed: Path) -> None:
    window, dialogs = start_editor(qapp, two_crashed, ["later", "restore"])
    try:
        assert dialogs.offered == ["مسودة أحدث", "مسودة أقدم"]
        assert window.document.data["title_ar"] == "مسودة أقدم" and window.document.dirty
        assert drafts(two_crashed) == sorted(["autosave-newer.json", window.autosave.file.name])
    finally:
        close_window(window)
    window, dialogs = start_editor(qapp, two_crashed, ["discard"])
    try:
        assert dialogs.offered == ["مسودة أحدث"]
        assert drafts(two_crashed) == []  # discarded when asked, and only then
    finally:
        close_window(window)


def test_a_running_sessions_draft_is_not_offered(qapp: QApplication, tmp_path: Path) -> None:
    live = session(tmp_path, "live", "عمل جلسة حية", "2026-01-03T10:00:00", "live")
    try:
        window, dialogs = start_editor(qapp, tmp_path, [])
        try:
            assert dialogs.offered == []
            assert drafts(tmp_path) == ["autosave-live.json"]
        finally:
            close_window(window)
    finally:
        live.kill()
        live.wait()


def test_a_lock_naming_a_reused_pid_does_not_hide_a_draft(qapp: QApplication, tmp_path: Path) -> None:
    session(tmp_path, "reused", "مسودة برقم عملية مُعاد", "2026-01-04T10:00:00", "crash")
    lock = tmp_path / "autosave-reused.lock"
    _pid, *rest = lock.read_text().splitlines()
    lock.write_text("\n".join(["1", *rest]) + "\n")  # that pid now belongs to another program (init)
    window, dialogs = start_editor(qapp, tmp_path, ["later"])
    try:
        assert dialogs.offered == ["مسودة برقم عملية مُعاد"]
    finally:
        close_window(window)


def test_a_clean_exit_leaves_no_draft_and_no_lock(qapp: QApplication, tmp_path: Path) -> None:
    window, _ = start_editor(qapp, tmp_path, [])
    window.document.set_value(("title_ar",), "عمل جديد")
    window.autosave.save_now()
    assert drafts(tmp_path) == [window.autosave.file.name]
    assert json.loads(window.autosave.file.read_text("utf-8"))["data"]["title_ar"] == "عمل جديد"
    close_window(window)
    assert list(tmp_path.iterdir()) == []
