"""A table editor for one list of the deal: add, remove, reorder, and inline reasons for bad cells."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.document import DealDocument, value_at
from gui.fields import ErrorLabel
from gui.record_model import RecordTableModel
from gui.sections import Section, fresh_id

Index = QModelIndex | QPersistentModelIndex


class CellDelegate(QStyledItemDelegate):
    """Combo boxes for choices and party references, plain line editors for the rest."""

    def __init__(self, model: RecordTableModel) -> None:
        super().__init__(model)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        """A combo box for closed choices, the default editor otherwise."""
        col = self.model.columns[index.column()]
        if col.kind not in ("choice", "party"):
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        if col.optional:
            combo.addItem("—", "")
        if col.kind == "choice":
            for value, label in col.choices.items():
                combo.addItem(label, value)
        else:
            for party in value_at(self.model.document.data, ("parties",), []) or []:
                if isinstance(party, dict):
                    combo.addItem(f"{party.get('name_ar', '')} ({party.get('id', '')})", party.get("id"))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        """Select the stored value in a combo box."""
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            found = editor.findData(value if value is not None else "")
            if found < 0 and value:
                editor.addItem(str(value), value)
                found = editor.count() - 1
            editor.setCurrentIndex(found)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        """Store the chosen value (the data, not the label)."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class ListEditor(QWidget):
    """One list of the deal in a table, with buttons to add, remove and reorder rows."""

    def __init__(self, document: DealDocument, section: Section) -> None:
        super().__init__()
        self.document, self.section = document, section
        self.model = RecordTableModel(document, (section.key,), section.columns)
        self.table = QTableView()
        self.table.setObjectName(section.key)
        self.table.setModel(self.model)
        self.table.setItemDelegate(CellDelegate(self.model))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultSectionSize(120)
        self.table.horizontalHeader().setMaximumSectionSize(320)
        self.table.resizeColumnsToContents()
        self.errors = ErrorLabel(self)

        buttons = QHBoxLayout()
        for text, slot in (
            ("إضافة", self.add_row),
            ("حذف", self.remove_row),
            ("نقل لأعلى", lambda: self.move_row(-1)),
            ("نقل لأسفل", lambda: self.move_row(1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.errors)
        self.long_text: QPlainTextEdit | None = None
        if section.long_text:
            layout.addWidget(QLabel(section.long_text[1]))
            self.long_text = QPlainTextEdit()
            self.long_text.setObjectName(f"{section.key}.{section.long_text[0]}")
            self.long_text.setTabChangesFocus(True)
            self.long_text.textChanged.connect(self._long_text_edited)
            self.table.selectionModel().currentRowChanged.connect(lambda *_: self.refresh())
            layout.addWidget(self.long_text)
        self._updating = False
        document.changed.connect(self.refresh)
        self.refresh()

    def current_row(self) -> int:
        """The selected row, or -1."""
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        """Make a row current and visible."""
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))

    def add_row(self) -> None:
        """Append a new record with valid defaults and a fresh id."""
        records = self.model.records()
        self.select_row(
            self.model.insert_record(
                self.section.new_record(self.document.data, fresh_id(self.section, records))
            )
        )

    def remove_row(self) -> None:
        """Remove the selected record."""
        row = self.current_row()
        if row >= 0:
            self.model.remove_record(row)
            self.select_row(min(row, self.model.rowCount() - 1))

    def move_row(self, delta: int) -> None:
        """Move the selected record up (-1) or down (+1)."""
        row = self.current_row()
        if row >= 0:
            self.select_row(self.model.move_record(row, delta))

    def refresh(self) -> None:
        """Show the list's problems and the selected row's long text."""
        self.errors.show_messages(self.model.problem_lines())
        if self.long_text is None or self.section.long_text is None:
            return
        row = self.current_row()
        self.long_text.setEnabled(row >= 0)
        text = (
            value_at(self.document.data, (self.section.key, row, self.section.long_text[0]), "")
            if row >= 0
            else ""
        )
        self._updating = True
        try:
            if self.long_text.toPlainText() != (text or ""):
                self.long_text.setPlainText(str(text or ""))
        finally:
            self._updating = False

    def _long_text_edited(self) -> None:
        row = self.current_row()
        if self._updating or row < 0 or self.section.long_text is None:
            return
        path = (self.section.key, row, self.section.long_text[0])
        self.document.set_value(path, self.long_text.toPlainText(), merge=True)
