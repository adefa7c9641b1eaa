"""A Qt table model over one list of the working document (parties, commitments, ...)."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from engine.amount_input import parse_amount
from engine.amounts import format_amount
from engine.field_names import describe
from engine.model import Digits, Quantity
from gui.document import DealDocument, FieldPath, path_text, value_at, with_value

Index = QModelIndex | QPersistentModelIndex
INVALID_BRUSH = QBrush(QColor("#fbd5d9"))
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
_GROUPING = re.compile(r"[,\u066c_\s]")


@dataclass(frozen=True)
class Column:
    """One column: where its value lives in a record, its Arabic title, and how it is edited."""

    key: tuple[str, ...]
    title: str
    kind: str = "text"  # text | number | int | choice | party | list | bool | words (read-only)
    choices: dict[str, str] = field(default_factory=dict)
    optional: bool = False


def typed_number(text: str, *, integer: bool = False) -> Any:
    """A number from what the analyst typed (Arabic digits and grouping allowed); else the text itself."""
    plain = _GROUPING.sub("", text.translate(_ARABIC_DIGITS))
    try:
        if integer or not re.search(r"[.eE]", plain):
            return int(plain)
        value = float(plain)
    except ValueError:
        return text  # kept as typed: validation says why it is wrong
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def number_text(value: Any) -> str:
    """A stored number as the analyst would type it (no exponent, no trailing .0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return "" if value is None else str(value)


def quantity_words(value: Any, digits: Any) -> str:
    """A quantity as the report writes it ("حتى 10 مليارات دولار"), or "" while it is invalid."""
    try:
        quantity = Quantity.model_validate_json(json.dumps(value), strict=True)
        return format_amount(quantity, Digits(digits), isolate=False)
    except (ValueError, TypeError):
        return ""


class RecordTableModel(QAbstractTableModel):
    """Rows are the records of one document list; edits become undoable document edits."""

    def __init__(self, document: DealDocument, list_path: FieldPath, columns: list[Column]) -> None:
        super().__init__(document)
        self.document, self.list_path, self.columns = document, list_path, columns
        self._records: list[Any] = self.records()
        self._problems = self.problem_lines()
        document.changed.connect(self.refresh)

    def records(self) -> list[Any]:
        """The list as the document holds it now."""
        records = value_at(self.document.data, self.list_path, [])
        return records if isinstance(records, list) else []

    def cell_path(self, row: int, column: int) -> FieldPath:
        """The document path of one cell."""
        return (*self.list_path, row, *self.columns[column].key)

    def cell_problems(self, row: int, column: int) -> list[str]:
        """Arabic reasons the cell's value is invalid."""
        return [p.arabic for p in self.document.verdict.at(path_text(self.cell_path(row, column)))]

    def problem_lines(self) -> list[str]:
        """Every problem inside this list, naming the record and the field in Arabic."""
        prefix = path_text(self.list_path)
        data = self.document.data
        return [
            f"{describe(p.location, data)}: {p.arabic}"
            for p in self.document.verdict.problems
            if p.path == prefix or p.path.startswith(prefix + "[")
        ]

    def refresh(self) -> None:
        """Follow the document: reset on a changed row count, else repaint what changed."""
        records, problems = self.records(), self.problem_lines()
        if len(records) != len(self._records):
            self.beginResetModel()
            self._records, self._problems = copy.deepcopy(records), problems
            self.endResetModel()
        elif records != self._records or problems != self._problems:
            self._records, self._problems = copy.deepcopy(records), problems
            if records:
                self.dataChanged.emit(self.index(0, 0), self.index(len(records) - 1, len(self.columns) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        """Number of records."""
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        """Arabic column titles; row numbers."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return str(section + 1)

    def raw(self, row: int, column: int) -> Any:
        """The stored value of a cell."""
        return value_at(self._records[row], self.columns[column].key)

    def display(self, row: int, column: int) -> str:
        """A cell as shown: Arabic labels for choices, party names for references."""
        col, value = self.columns[column], self.raw(row, column)
        if col.kind == "choice":
            return col.choices.get(str(value), "" if value is None else str(value))
        if col.kind == "party":
            for party in value_at(self.document.data, ("parties",), []) or []:
                if isinstance(party, dict) and party.get("id") == value:
                    return str(party.get("name_ar") or value)
            return "" if value is None else str(value)
        if col.kind == "list":
            return "، ".join(map(str, value)) if isinstance(value, list) else number_text(value)
        if col.kind == "bool":
            return ""
        if col.kind == "words":
            return quantity_words(value, value_at(self.document.data, ("options", "digits"), "latn"))
        if col.kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
            return f"{value:,}".removesuffix(".0")  # grouped for reading; edited without grouping
        return number_text(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display, edit, check state, and the invalid-cell colour and reason."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        col = self.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            value = self.raw(row, column)
            if col.kind == "list":
                return ", ".join(map(str, value)) if isinstance(value, list) else number_text(value)
            return value if col.kind in ("choice", "party") else number_text(value)
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "bool":
            return Qt.CheckState.Checked if self.raw(row, column) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and self.cell_problems(row, column):
            return INVALID_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(self.cell_problems(row, column)) or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every cell is editable; yes/no cells are check boxes."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind == "words":
            return base
        if self.columns[index.column()].kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Turn what was typed into a stored value and make it an undoable edit."""
        if not index.isValid():
            return False
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "bool":
            stored: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole:
            stored = self.stored(col, value)
        else:
            return False
        self.document.set_value(self.cell_path(index.row(), index.column()), stored)
        return True

    @staticmethod
    def stored(col: Column, value: Any) -> Any:
        """The JSON value for what the editor produced."""
        text = "" if value is None else str(value)
        if col.optional and not text.strip():
            return None
        if col.kind == "number":
            amount = parse_amount(text)
            return text if amount is None else amount
        if col.kind == "int":
            return typed_number(text.strip(), integer=True) if text.strip() else text
        if col.kind == "list":
            return [part.strip() for part in re.split(r"[,،]", text) if part.strip()]
        return text

    def insert_record(self, record: dict[str, Any]) -> int:
        """Append a record; returns its row."""
        records = [*self.records(), record]
        self._replace(records, "إضافة صف")
        return len(records) - 1

    def remove_record(self, row: int) -> None:
        """Remove one record."""
        records = self.records()
        if 0 <= row < len(records):
            self._replace(records[:row] + records[row + 1 :], "حذف صف")

    def move_record(self, row: int, delta: int) -> int:
        """Move a record up or down; returns its new row."""
        records, target = self.records(), row + delta
        if not (0 <= row < len(records) and 0 <= target < len(records)):
            return row
        records = list(records)
        records[row], records[target] = records[target], records[row]
        self._replace(records, "نقل صف")
        return target

    def _replace(self, records: list[Any], text: str) -> None:
        self.document.replace(with_value(self.document.data, self.list_path, records), text)
