"""The preflight findings of the report on screen, one Arabic line each; choosing one shows its page."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

PAGE_ROLE = Qt.ItemDataRole.UserRole


class FindingsList(QListWidget):
    """A short list under the preview; empty (and hidden) when the report is clean."""

    page_chosen = Signal(int)  # 0-based page to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setMaximumHeight(110)
        self.setAccessibleName("ملاحظات الفحص المسبق")
        self.currentItemChanged.connect(self._chosen)
        self.found: list[tuple[int, str]] = []  # what is listed, as given
        self.hide()

    def show_findings(self, findings: list[tuple[int, str]]) -> None:
        """Replace the list with (1-based page, Arabic line) pairs; a page of 0 means the whole report."""
        self.clear()
        self.found = list(findings)
        for page, line in findings:
            item = QListWidgetItem(line)
            item.setData(PAGE_ROLE, page)
            self.addItem(item)
        self.setVisible(bool(findings))

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        page = item.data(PAGE_ROLE) if item is not None else 0
        if page:
            self.page_chosen.emit(int(page) - 1)
