"""A commitment's stages in its form: a small list editor, each stage linked to a milestone."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.model import Precision, Unit
from gui.document import DealDocument, FieldPath, path_text, value_at
from gui.fields import BoundField, ChoiceField, LineField
from gui.labels import CHOICES
from gui.record_fields import AmountField, ReferenceField, WordsField

MARK = "⚠ "
NEW_STAGE = {"label_ar": "مرحلة جديدة"}


class StageAmountField(AmountField):
    """A stage's optional amount: typing a figure makes it, emptying the box removes it whole
    (a unit or precision left behind without a figure would be a problem with nothing to fix)."""

    def __init__(self, document: DealDocument, path: FieldPath) -> None:
        super().__init__(document, path, optional=True)
        self.editor.setPlaceholderText("اختياري: مثل 10 مليارات")

    def commit(self, value: Any, *, merge: bool = False) -> None:
        """None removes the stage's whole amount, not just its figure."""
        if value is None and not self._updating:
            self.document.set_value(self.path[:-1], None, merge=merge)
        else:
            super().commit(value, merge=merge)


class StagesField(BoundField):
    """The stages of one commitment: listed by description beside buttons, the selected one's form below.

    Adding, removing and moving a stage are each one undo step; typing in a stage's field merges
    like any other field. The last stage removed takes the `stages` key with it.
    """

    def __init__(self, document: DealDocument, path: FieldPath) -> None:
        box = QWidget()
        super().__init__(document, path, box)
        self.list = QListWidget()
        self.list.setMaximumHeight(96)
        self.list.currentRowChanged.connect(self._selected)
        self.buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("add", "إضافة مرحلة", self.add_stage),
            ("remove", "حذف", self.remove_stage),
            ("up", "لأعلى", lambda: self.move_stage(-1)),
            ("down", "لأسفل", lambda: self.move_stage(1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.setContentsMargins(12, 0, 0, 0)
        self.fields: dict[tuple[str, ...], BoundField] = {}
        self._row = 0
        for key, title, make in self._columns():
            field = make(document, self._stage_path(key))
            self.fields[key] = field
            form.addRow(title, field)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        layout.addWidget(self.form_box)
        self.refresh()

    @staticmethod
    def _columns() -> list[tuple[tuple[str, ...], str, Any]]:
        units, precisions = CHOICES[Unit], CHOICES[Precision]
        return [
            (("label_ar",), "وصف المرحلة", lambda d, p: LineField(d, p, "مثل: عند تشغيل أول جيجاواط")),
            (
                ("milestone",),
                "المعلم الذي يطلقها",
                lambda d, p: ReferenceField(d, p, "milestones", optional=True),
            ),
            (("amount", "value"), "المبلغ", StageAmountField),
            (("amount",), "كما يظهر في التقرير", WordsField),
            (("amount", "unit"), "الوحدة", lambda d, p: ChoiceField(d, p, units)),
            (("amount", "precision"), "الدقة", lambda d, p: ChoiceField(d, p, precisions)),
            (("amount", "upper"), "الحد الأعلى (للنطاق)", lambda d, p: AmountField(d, p, optional=True)),
            (("per_ar",), "لكل (معدّل)", lambda d, p: LineField(d, p, "مثل: جيجاواط يُنشر")),
        ]

    def _stage_path(self, key: tuple[str, ...], row: int | None = None) -> FieldPath:
        return (*self.path, max(self._row if row is None else row, 0), *key)

    def stages(self) -> list[Any]:
        """The commitment's stages as stored (an empty list when it has none)."""
        value = self.value()
        return list(value) if isinstance(value, list) else []

    def current_stage(self) -> int:
        """The selected stage, or -1."""
        return self.list.currentRow()

    def field(self, key: tuple[str, ...]) -> BoundField:
        """The field of the selected stage's form for a key, e.g. ("amount", "value")."""
        return self.fields[key]

    # ----- edits: each one undo step ----------------------------------------------------------------
    def add_stage(self) -> None:
        """Append a stage with a description to replace, and select it."""
        stages = [*self.stages(), dict(NEW_STAGE)]
        self.commit(stages)
        self.select_stage(len(stages) - 1)

    def remove_stage(self) -> None:
        """Remove the selected stage; with the last one, the commitment has no stages any more."""
        stages, row = self.stages(), self.current_stage()
        if not 0 <= row < len(stages):
            return
        del stages[row]
        self.commit(stages or None)
        self.select_stage(min(row, len(stages) - 1))

    def move_stage(self, delta: int) -> None:
        """Move the selected stage up (-1) or down (+1)."""
        stages, row = self.stages(), self.current_stage()
        target = row + delta
        if not (0 <= row < len(stages) and 0 <= target < len(stages)):
            return
        stages[row], stages[target] = stages[target], stages[row]
        self.commit(stages)
        self.select_stage(target)

    def select_stage(self, row: int) -> None:
        """Make a stage current and show its form."""
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        self._selected(self.current_stage())

    # ----- following the document --------------------------------------------------------------------
    def _selected(self, row: int) -> None:
        if self._updating:
            return
        self._row = row
        for key, field in self.fields.items():
            field.rebind(self._stage_path(key))
        self._enable()

    def _enable(self) -> None:
        stages, row = self.stages(), self.current_stage()
        self.form_box.setEnabled(0 <= row < len(stages))
        has_amount = 0 <= row < len(stages) and isinstance(value_at(stages[row], ("amount",)), dict)
        for key in (("amount", "unit"), ("amount", "precision"), ("amount", "upper")):
            self.fields[key].setEnabled(has_amount)
        self.buttons["remove"].setEnabled(0 <= row < len(stages))
        self.buttons["up"].setEnabled(row > 0)
        self.buttons["down"].setEnabled(0 <= row < len(stages) - 1)

    def show_value(self, value: Any) -> None:
        """One line per stage (marked when it has a problem), the selection kept, its form rebound."""
        if not hasattr(self, "fields"):
            return  # the first refresh, before the form exists
        stages = value if isinstance(value, list) else []
        milestones = {
            m.get("id"): m.get("label_ar", "")
            for m in value_at(self.document.data, ("milestones",), []) or []
        }
        row = self.current_stage()
        self.list.blockSignals(True)
        try:
            while self.list.count() > len(stages):
                self.list.takeItem(self.list.count() - 1)
            for i, raw in enumerate(stages):
                stage = raw if isinstance(raw, dict) else {}
                text = str(stage.get("label_ar") or f"مرحلة {i + 1}")
                if stage.get("milestone"):
                    text += f" ← {milestones.get(stage['milestone'], stage['milestone'])}"
                if self.document.verdict.at(path_text((*self.path, i))):
                    text = MARK + text
                item = self.list.item(i) or QListWidgetItem(self.list)
                if item.text() != text:
                    item.setText(text)
            if stages and not 0 <= row < len(stages):
                row = min(max(row, 0), len(stages) - 1)
                self.list.setCurrentRow(row)
        finally:
            self.list.blockSignals(False)
        row = self.current_stage()
        if row != self._row or self.fields[("label_ar",)].path != self._stage_path(("label_ar",), row):
            self._row = row
            for key, field in self.fields.items():
                field.rebind(self._stage_path(key))
        self._enable()

    def rebind(self, path: FieldPath) -> None:
        """Another commitment: its first stage selected."""
        self.path = path
        self.editor.setObjectName(path_text(path))
        self.list.setCurrentRow(-1)
        self._row = 0
        self.refresh()
        if self.list.count():
            self.select_stage(0)

    def refresh(self) -> None:
        """As any field, but a problem of the list marks the list, not every widget of the form."""
        super().refresh()
        invalid = self.editor.styleSheet()
        self.editor.setStyleSheet("")
        self.list.setStyleSheet(invalid)

    def problems(self) -> list[str]:
        """Problems of the list itself (too many stages); a stage's own show under its fields."""
        own = path_text(self.path)
        return [p.arabic for p in self.document.verdict.problems if p.path == own]
