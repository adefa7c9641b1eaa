"""Every problem of the deal in one list: where (record and field, in Arabic) and why; a click jumps there."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from engine.field_names import describe
from gui.document import DealDocument

PathRole = Qt.ItemDataRole.UserRole


class ProblemList(QListWidget):
    """The problems of the working deal, the engine's own list in its order; activating one asks to jump."""

    jump = Signal(tuple)  # the problem's location

    def __init__(self, document: DealDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setObjectName("problems")
        self.setWordWrap(True)
        self.itemClicked.connect(self._go)
        self.itemActivated.connect(self._go)
        document.changed.connect(self.refresh)
        self.refresh()

    def lines(self) -> list[str]:
        """The text of every listed problem."""
        return [self.item(i).text() for i in range(self.count())]

    def refresh(self) -> None:
        """List the current problems; the list hides when there are none."""
        data = self.document.data
        self.clear()
        for problem in self.document.verdict.problems:
            where = describe(problem.location, data) if problem.path else ""
            item = QListWidgetItem(f"{where}: {problem.arabic}" if where else problem.arabic, self)
            item.setData(PathRole, problem.location)
            item.setToolTip(problem.code)
        self.setVisible(self.count() > 0)

    def _go(self, item: QListWidgetItem) -> None:
        self.jump.emit(tuple(item.data(PathRole)))
