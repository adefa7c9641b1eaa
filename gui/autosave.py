"""Autosave of the working state to the user's data folder, and recovery after a crash or kill.

Each session writes autosave-<token>.json and holds autosave-<token>.lock with a QLockFile (a
real lock: the kernel releases it when the process dies, whatever its pid becomes). A draft
whose lock can be taken belongs to no running session: it is offered for recovery, and the
session that offers it holds its lock until the analyst has answered, so no two editors offer
the same draft. Nothing is deleted unless the analyst restores (the work moves into this
session's draft) or discards it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QLockFile, QObject, QTimer

from engine.dealfile import MAX_FILE_BYTES, write_atomic
from engine.safefile import read_capped
from gui.document import DealDocument

DATA_DIR_ENV = "DEAL_BRIEFING_DATA_DIR"
INTERVAL_MS = 3000
FORMAT = "deal-briefing-autosave"
MAX_DRAFT_BYTES = 4 * MAX_FILE_BYTES  # a draft holds the working data, valid or not


def data_dir() -> Path:
    """The folder for autosaves: $DEAL_BRIEFING_DATA_DIR, else the platform's user data folder."""
    folder = Path(
        os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir("deal-briefing", appauthor=False)
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Recovery:
    """Unsaved work left behind by a session that ended without closing."""

    file: Path
    data: dict[str, Any]
    source: Path | None  # the deal file it was editing, if any
    saved_at: str
    lock: QLockFile | None = field(default=None, compare=False, repr=False)  # held while offered


def _lock_for(file: Path) -> QLockFile:
    lock = QLockFile(str(file.with_suffix(".lock")))
    lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
    return lock


class Autosave(QObject):
    """Every few seconds, writes the unsaved working state to autosave-<token>.json; removes it when clean."""

    def __init__(self, document: DealDocument, folder: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.folder = folder or data_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.file = self.folder / f"autosave-{uuid.uuid4().hex[:12]}.json"
        self.lock = _lock_for(self.file)
        self.lock.tryLock(0)  # a fresh random name: nobody else holds it
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

    def release(self) -> None:
        """End of the session: drop the draft and the lock."""
        self.discard()
        self.lock.unlock()

    def leftovers(self) -> list[Recovery]:
        """Drafts of sessions no longer running, newest first; their locks are held until answered."""
        found = []
        for file in self.folder.glob("autosave-*.json"):
            if file == self.file:
                continue
            lock = _lock_for(file)
            if not lock.tryLock(0):
                continue  # a running session's draft, or one another editor is offering now
            try:
                payload = json.loads(read_capped(file, MAX_DRAFT_BYTES).decode("utf-8"))
                assert payload.get("format") == FORMAT and isinstance(payload.get("data"), dict)
            except (ValueError, AssertionError):  # FileRefused and JSON errors are ValueErrors
                lock.unlock()
                continue
            source = Path(payload["path"]) if payload.get("path") else None
            found.append(Recovery(file, payload["data"], source, str(payload.get("saved_at", "")), lock))
        return sorted(found, key=lambda r: r.saved_at, reverse=True)

    @staticmethod
    def forget(recovery: Recovery) -> None:
        """Delete a draft the analyst restored (its work is now this session's) or discarded."""
        recovery.file.unlink(missing_ok=True)
        if recovery.lock is not None:
            recovery.lock.unlock()

    @staticmethod
    def keep(recovery: Recovery) -> None:
        """Leave a draft on disk, to be offered again at the next start."""
        if recovery.lock is not None:
            recovery.lock.unlock()
