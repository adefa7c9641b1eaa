"""Driving the real editor window in tests: scripted dialogs, typing, waiting without sleeps."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


class Dialogs:
    """Stands in for the window's message boxes: records what was said, answers what was asked."""

    def __init__(self) -> None:
        self.warnings: list[tuple[str, list[str]]] = []
        self.infos: list[str] = []
        self.asked: list[str] = []
        self.unsaved_answer = "cancel"
        self.restore_answer = False
        self.actions: dict[str, Any] = {}
        self.deletions: list[tuple[str, list[str]]] = []
        self.delete_answer = False

    def inform(self, text: str, actions: dict[str, Any] | None = None) -> None:
        """Record a message the window gave, and the follow-up actions it offered."""
        self.infos.append(text)
        self.actions = dict(actions or {})

    def attach(self, window: Any) -> None:
        """Replace the window's question and message methods."""
        window.warn = lambda title, lines: self.warnings.append((title, list(lines)))
        window.inform = self.inform
        window.ask_unsaved = lambda: self.asked.append("unsaved") or self.unsaved_answer
        window.ask_restore = lambda _recovery: self.asked.append("restore") or self.restore_answer
        for listing in window.editor.lists.values():
            listing.confirm_delete = self.confirm_delete

    def confirm_delete(self, label: str, places: list[str]) -> bool:
        """Record what the editor said refers to a record about to be deleted."""
        self.deletions.append((label, places))
        return self.delete_answer


def wait_for(predicate: Callable[[], object], timeout: float = 45.0) -> None:
    """Run the event loop until the predicate holds (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        QTest.qWait(20)


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Arabic included, one key event per character (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def new_window(qapp: QApplication, dialogs: Dialogs, autosave_dir: Path | None = None) -> Any:
    """A real editor window with private preferences and scripted dialogs (not yet started)."""
    from gui.app import prepare_application
    from gui.main_window import MainWindow
    from gui.preferences import Preferences

    assert prepare_application() is qapp
    window = MainWindow(Preferences(), autosave_dir=autosave_dir)
    dialogs.attach(window)
    window.show()
    return window


def close_window(window: Any) -> None:
    """Close without questions: drop unsaved work first."""
    window.document.stack.setClean()
    window.close()
