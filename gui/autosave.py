"""Autosave of the working state to the user's data folder, and recovery after a crash or kill."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QObject, QTimer

from engine.dealfile import write_atomic
from gui.document import DealDocument

DATA_DIR_ENV = "DEAL_BRIEFING_DATA_DIR"
INTERVAL_MS = 3000
FORMAT = "deal-briefing-autosave"


def data_dir() -> Path:
    """The folder for autosaves: $DEAL_BRIEFING_DATA_DIR, else the platform's user data folder."""
    folder = Path(
        os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir("deal-briefing", appauthor=False)
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class Recovery:
    """Unsaved work left behind by a session that ended without closing."""

    file: Path
    data: dict[str, Any]
    source: Path | None  # the deal file it was editing, if any
    saved_at: str


class Autosave(QObject):
    """Every few seconds, writes the unsaved working state to autosave-<pid>.json; removes it when clean."""

    def __init__(self, document: DealDocument, folder: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.folder = folder or data_dir()
        self.file = self.folder / f"autosave-{os.getpid()}.json"
        self._changed = False
        document.changed.connect(self._mark)
        document.file_changed.connect(self._mark)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.save_if_changed)
        self.timer.start()

    def _mark(self) -> None:
        self._changed = True

    def save_if_changed(self) -> None:
        """Write the working state if it changed since the last autosave."""
        if self._changed:
            self.save_now()

    def save_now(self) -> None:
        """Write the working state now (or remove the autosave when nothing is unsaved)."""
        self._changed = False
        if not self.document.dirty:
            self.discard()
            return
        payload = {
            "format": FORMAT,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "path": str(self.document.path) if self.document.path else None,
            "data": self.document.data,
        }
        try:
            write_atomic(self.file, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        except OSError:
            self._changed = True  # try again on the next tick

    def discard(self) -> None:
        """Remove this session's autosave (a clean exit, or nothing unsaved)."""
        self.file.unlink(missing_ok=True)

    def leftovers(self) -> list[Recovery]:
        """Autosaves of sessions that are no longer running, newest first."""
        found = []
        for file in self.folder.glob("autosave-*.json"):
            pid = file.stem.removeprefix("autosave-")
            if file == self.file or not pid.isdigit() or _alive(int(pid)):
                continue
            try:
                payload = json.loads(file.read_text(encoding="utf-8"))
                assert payload.get("format") == FORMAT and isinstance(payload.get("data"), dict)
            except (OSError, ValueError, AssertionError):
                continue
            source = Path(payload["path"]) if payload.get("path") else None
            found.append(Recovery(file, payload["data"], source, str(payload.get("saved_at", ""))))
        return sorted(found, key=lambda r: r.saved_at, reverse=True)
