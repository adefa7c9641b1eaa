"""The working state: a plain JSON-able deal dict, its file, its validation and its undo stack."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from engine.dealfile import Verdict, check_data
from engine.problems import field_path
from gui.labels import FIELDS

FieldPath = tuple[str | int, ...]
_MERGE_ID = 1


def path_text(path: FieldPath) -> str:
    """The dotted form of a field path, as problems name it: commitments[2].amount.value."""
    return field_path(path)


def value_at(data: Any, path: FieldPath, default: Any = None) -> Any:
    """The value at a field path, or default when any step is missing."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return default
    return data


def with_value(data: dict[str, Any], path: FieldPath, value: Any) -> dict[str, Any]:
    """A copy of data with the value at path replaced (None removes an optional key)."""
    new = copy.deepcopy(data)
    target: Any = new
    for i, part in enumerate(path[:-1]):
        if isinstance(target, dict) and part not in target:
            target[part] = {} if isinstance(path[i + 1], str) else []
        target = target[part]
    last = path[-1]
    if value is None and isinstance(target, dict):
        target.pop(last, None)
    else:
        target[last] = copy.deepcopy(value)
    return new


class EditCommand(QUndoCommand):
    """One edit: the whole document before and after; keystrokes in one field merge."""

    def __init__(self, document: DealDocument, old: dict, new: dict, text: str, merge_key: str | None):
        super().__init__(text)
        self._document = document
        self.old, self.new, self.merge_key = old, new, merge_key

    def id(self) -> int:
        """Commands that may merge share one id; mergeWith checks the field."""
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        """Merge consecutive keystrokes typed into the same field."""
        if not isinstance(other, EditCommand) or self.merge_key is None:
            return False
        if other.merge_key != self.merge_key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        """Apply the new snapshot."""
        self._document._show(self.new)

    def undo(self) -> None:
        """Bring back the old snapshot."""
        self._document._show(self.old)


class DealDocument(QObject):
    """The deal being edited; every change goes through the undo stack."""

    changed = Signal()
    file_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.path: Path | None = None
        self._data: dict[str, Any] = {}
        self.verdict = Verdict(None)
        self.typing = False  # True while a keystroke's change is announced (the preview waits longer)
        self.stack.cleanChanged.connect(self._clean_changed)

    @property
    def data(self) -> dict[str, Any]:
        """The current snapshot (treat as read-only: edits go through set_value/replace)."""
        return self._data

    @property
    def dirty(self) -> bool:
        """True when there are changes not saved to the file."""
        return not self.stack.isClean()

    def reset(self, data: dict[str, Any], path: Path | None, *, dirty: bool = False) -> None:
        """Start over on new contents (open, new, restore): clears undo history."""
        self.stack.clear()
        self.path = path
        self._show(copy.deepcopy(data))
        if dirty:
            self.stack.resetClean()
        else:
            self.stack.setClean()
        self.file_changed.emit()

    def set_value(self, path: FieldPath, value: Any, *, merge: bool = False) -> None:
        """Edit one field; typing (merge=True) in one field makes one undo step."""
        if value_at(self._data, path, object()) == value and value is not None:
            return
        new = with_value(self._data, path, value)
        leaf = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
        text = f"تعديل {FIELDS.get(leaf, leaf)}"
        self.replace(new, text, merge_key=path_text(path) if merge else None)

    def replace(self, new: dict[str, Any], text: str, merge_key: str | None = None) -> None:
        """Replace the whole document as one undoable step."""
        if new == self._data:
            return
        self.typing = merge_key is not None
        try:
            self.stack.push(EditCommand(self, self._data, copy.deepcopy(new), text, merge_key))
        finally:
            self.typing = False

    def mark_saved(self, path: Path) -> None:
        """The current contents are now what the file holds."""
        self.path = path
        self.stack.setClean()
        self.file_changed.emit()

    def snapshot_json(self) -> str:
        """The current contents as JSON text (autosave)."""
        return json.dumps(self._data, ensure_ascii=False, indent=2)

    def _clean_changed(self, _clean: bool) -> None:
        self.file_changed.emit()

    def _show(self, data: dict[str, Any]) -> None:
        self._data = data
        self.verdict = check_data(data)
        self.changed.emit()
