"""One list of the deal as master–detail: the records by name, and a form for the selected one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from engine.field_names import describe, record_label
from engine.references import references_to
from gui.document import DealDocument, FieldPath, path_text, value_at
from gui.fields import BoundField, CheckField, ChoiceField, DateField, ErrorLabel, LineField, TextField
from gui.record_fields import (
    AmountField,
    IntegerField,
    ListTextField,
    NounField,
    PeriodField,
    ReferenceField,
    SourcesField,
    TickListField,
    WhenField,
    WordsField,
    records_by_name,
)
from gui.record_model import Column, RecordTableModel
from gui.sections import Section, fresh_id
from gui.stages_field import StagesField

MARK = "⚠ "


def field_for(document: DealDocument, path: FieldPath, column: Column) -> BoundField:
    """The form field that edits one column of a record."""
    kind, optional = column.kind, column.optional
    makers: dict[str, Callable[[], BoundField]] = {
        "number": lambda: AmountField(document, path, optional=optional),
        "int": lambda: IntegerField(document, path, optional=optional),
        "choice": lambda: ChoiceField(document, path, column.choices),
        "party": lambda: ReferenceField(document, path, "parties", optional=optional),
        "commitment": lambda: ReferenceField(document, path, "commitments", optional=optional),
        "parties": lambda: TickListField(document, path, lambda data: records_by_name(data, "parties")),
        "choices": lambda: TickListField(document, path, lambda _data: dict(column.choices)),
        "bool": lambda: CheckField(document, path, column.title),
        "words": lambda: WordsField(document, path),
        "when": lambda: WhenField(document, path),
        "noun": lambda: NounField(document, path),
        "period": lambda: PeriodField(document, path),
        "stages": lambda: StagesField(document, path),
        "long": lambda: TextField(document, path),
        "date": lambda: DateField(document, path, optional=optional),
        "list": lambda: (
            SourcesField(document, path) if column.key[-1] == "sources" else ListTextField(document, path)
        ),
    }
    return makers.get(kind, lambda: LineField(document, path))()


class ListEditor(QWidget):
    """The records of one list by name (marked when they have problems) beside the selected record's form."""

    def __init__(self, document: DealDocument, section: Section) -> None:
        super().__init__()
        self.document, self.section = document, section
        self.model = RecordTableModel(document, (section.key,), section.fields)
        self.records = QListWidget()
        self.records.setObjectName(section.key)
        self.records.currentRowChanged.connect(self._selected)

        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("add", "إضافة", self.add_row),
            ("remove", "حذف", self.remove_row),
            ("up", "نقل لأعلى", lambda: self.move_row(-1)),
            ("down", "نقل لأسفل", lambda: self.move_row(1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)

        scroll = self._build_form()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.records, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([220, 500])
        self.records.setMinimumHeight(110)
        self.errors = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.errors)
        self._updating = False
        self._bound_row = 0
        document.changed.connect(self.refresh)
        self.refresh()
        self.select_row(0)

    def _build_form(self) -> QScrollArea:
        """The selected record's form, one field per column, in a scrolling pane."""
        document, section = self.document, self.section
        self.form_page = QWidget()
        page_layout = QVBoxLayout(self.form_page)
        self.form = QFormLayout()
        page_layout.addLayout(self.form)
        page_layout.addStretch(1)  # rows stay together at the top, however tall the pane
        self.fields: dict[tuple[str, ...], BoundField] = {}
        columns = list(section.fields)
        if section.long_text:
            columns.append(Column((section.long_text[0],), section.long_text[1], "long"))
        for column in columns:
            field = field_for(document, (section.key, 0, *column.key), column)
            self.fields[column.key] = field
            self.form.addRow("" if column.kind == "bool" else column.title, field)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_page)
        return scroll

    # ----- questions (tests replace this) ----------------------------------------------------------
    def confirm_delete(self, label: str, places: list[str]) -> bool:
        """Ask before deleting a record that others refer to, listing them."""
        text = f"يشير إلى {label} ما يلي:\n" + "\n".join(places) + "\n\nهل تريد حذفه رغم ذلك؟"
        buttons = QMessageBox.StandardButton
        return QMessageBox.question(self, "حذف", text, buttons.Yes | buttons.No, buttons.No) == buttons.Yes

    # ----- rows ------------------------------------------------------------------------------------
    def current_row(self) -> int:
        """The selected record, or -1."""
        return self.records.currentRow()

    def select_row(self, row: int) -> None:
        """Make a record current and show its form."""
        if 0 <= row < self.records.count():
            self.records.setCurrentRow(row)
        self._selected(self.current_row())

    def field(self, key: tuple[str, ...]) -> BoundField:
        """The form field of a column key, e.g. ("amount", "value")."""
        return self.fields[key]

    def field_at(self, rest: tuple[str | int, ...]) -> BoundField | None:
        """The form field that edits a path inside a record (the longest matching column)."""
        for length in range(len(rest), 0, -1):
            found = self.fields.get(tuple(str(p) for p in rest[:length]))
            if found is not None:
                return found
        return None

    def add_row(self) -> None:
        """Append a new record with valid defaults and a generated id."""
        records = self.model.records()
        row = self.model.insert_record(
            self.section.new_record(self.document.data, fresh_id(self.section, records))
        )
        self.select_row(row)

    def remove_row(self) -> None:
        """Remove the selected record, asking first when other records refer to it."""
        row = self.current_row()
        records = self.model.records()
        if not 0 <= row < len(records):
            return
        ident = records[row].get("id") if isinstance(records[row], dict) else None
        places = references_to(self.document.data, self.section.key, ident) if ident else []
        if places:
            label = describe((self.section.key, row), self.document.data)
            lines = [describe(loc, self.document.data) for loc in places]
            if not self.confirm_delete(label, lines):
                return
        self.model.remove_record(row)
        self.select_row(min(row, self.records.count() - 1))

    def move_row(self, delta: int) -> None:
        """Move the selected record up (-1) or down (+1)."""
        row = self.current_row()
        if row >= 0:
            self.select_row(self.model.move_record(row, delta))

    # ----- following the document ------------------------------------------------------------------
    def _selected(self, row: int) -> None:
        if self._updating:
            return
        self.form_page.setEnabled(row >= 0)
        self._bound_row = row
        for key, field in self.fields.items():
            field.rebind((self.section.key, max(row, 0), *key))

    def problem_count(self) -> int:
        """How many problems this list has."""
        prefix = path_text((self.section.key,))
        return sum(
            1 for p in self.document.verdict.problems if p.path == prefix or p.path.startswith(prefix + "[")
        )

    def refresh(self) -> None:
        """Relabel the records (marking those with problems) and show problems of the list itself."""
        records: list[Any] = value_at(self.document.data, (self.section.key,), []) or []
        if not isinstance(records, list):
            records = []
        data = self.document.data
        self._updating = True
        try:
            row = self.current_row()
            while self.records.count() > len(records):
                self.records.takeItem(self.records.count() - 1)
            for i, record in enumerate(records):
                bad = bool(self.document.verdict.at(path_text((self.section.key, i))))
                label = record_label(record, i, data)
                if label.count("«") == 1 and label.startswith("«") and label.endswith("»"):
                    label = label[1:-1]  # a lone name needs no quotes in its own list
                text = (MARK if bad else "") + label
                item = self.records.item(i) or QListWidgetItem(self.records)
                if item.text() != text:
                    item.setText(text)
            if row >= len(records) or (row < 0 and records):
                self.records.setCurrentRow(len(records) - 1 if row >= 0 else 0)
        finally:
            self._updating = False
        if self.current_row() != self._bound_row:
            self._selected(self.current_row())
        own = path_text((self.section.key,))
        self.errors.show_messages([p.arabic for p in self.document.verdict.problems if p.path == own])
