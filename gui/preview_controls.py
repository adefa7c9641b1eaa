"""Controls of the preview: zoom (buttons, Ctrl+wheel, Ctrl+plus/minus), fit, page navigation and count."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence, QWheelEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QStyle, QToolButton, QWidget

from engine.problems import isolate

TIPS = {"العرض": "ملء العرض: الصفحة بعرض اللوحة", "الصفحة": "الصفحة كاملة في اللوحة"}
ZOOM_STEP = 1.2
ZOOM_RANGE = (0.25, 4.0)


class PreviewControls(QWidget):
    """A row of controls over a QPdfView; the page count follows the document shown."""

    def __init__(self, view: QPdfView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.zoom_out_action = self._action(
            "تصغير", "Ctrl+-", self.zoom_out, QStyle.StandardPixmap.SP_ArrowDown
        )
        self.zoom_in_action = self._action("تكبير +", "Ctrl+=", self.zoom_in, None)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.fit_width_action = self._action("العرض", "Ctrl+0", self.fit_width, None)
        self.fit_page_action = self._action("الصفحة", None, self.fit_page, None)
        self.previous_action = self._action(
            "الصفحة السابقة",
            "Ctrl+PgUp",
            lambda: self.go(self.page() - 1),
            QStyle.StandardPixmap.SP_ArrowRight,
        )
        self.next_action = self._action(
            "الصفحة التالية",
            "Ctrl+PgDown",
            lambda: self.go(self.page() + 1),
            QStyle.StandardPixmap.SP_ArrowLeft,
        )
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setToolTip("رقم الصفحة المعروضة")
        self.page_box.valueChanged.connect(lambda n: self.go(n - 1))
        self.count = QLabel()
        self.zoom_label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for action in (self.previous_action, self.next_action):
            layout.addWidget(self._button(action))
        layout.addWidget(self.page_box)
        layout.addWidget(self.count)
        layout.addStretch(1)
        for action in (
            self.zoom_out_action,
            self.zoom_in_action,
            self.fit_width_action,
            self.fit_page_action,
        ):
            layout.addWidget(self._button(action))
        layout.addWidget(self.zoom_label)
        view.pageNavigator().currentPageChanged.connect(self._page_changed)
        view.zoomFactorChanged.connect(lambda _z: self.update_state())
        view.zoomModeChanged.connect(lambda _m: self.update_state())
        view.viewport().installEventFilter(self)
        self.update_state()

    def _action(self, text: str, keys: str | None, slot: object, icon: object) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setToolTip(TIPS.get(text, text))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        has_icon = not action.icon().isNull()
        button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonIconOnly if has_icon else Qt.ToolButtonStyle.ToolButtonTextOnly
        )
        return button

    # ----- state -----------------------------------------------------------------------------------
    def pages(self) -> int:
        """Pages of the document shown (0 before the first preview)."""
        document = self.view.document()
        return document.pageCount() if document is not None else 0

    def page(self) -> int:
        """The page shown, from 0."""
        return self.view.pageNavigator().currentPage()

    def zoom(self) -> float:
        """The zoom factor in effect (1.0 = actual size)."""
        return self.view.zoomFactor()

    def update_state(self) -> None:
        """Page count, page number and zoom as the view has them now."""
        pages = self.pages()
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(pages, 1))
        self.page_box.setValue(min(self.page() + 1, max(pages, 1)))
        self.page_box.blockSignals(False)
        self.page_box.setEnabled(pages > 0)
        self.count.setText(f"من {isolate(pages)}")
        self.previous_action.setEnabled(self.page() > 0)
        self.next_action.setEnabled(self.page() < pages - 1)
        mode = self.view.zoomMode()
        custom = mode == QPdfView.ZoomMode.Custom
        self.zoom_label.setText(isolate(f"{round(self.zoom() * 100)}%") if custom else "")
        self.fit_width_action.setCheckable(True)
        self.fit_width_action.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.fit_page_action.setCheckable(True)
        self.fit_page_action.setChecked(mode == QPdfView.ZoomMode.FitInView)

    def _page_changed(self, _page: int) -> None:
        self.update_state()

    # ----- actions ---------------------------------------------------------------------------------
    def go(self, page: int) -> None:
        """Show a page (clamped to the document)."""
        pages = self.pages()
        if pages:
            self.view.pageNavigator().jump(max(0, min(page, pages - 1)), QPointF(), 0)
            self.update_state()

    def set_zoom(self, factor: float) -> None:
        """Zoom to a factor (the page really changes size: the view leaves its fit mode)."""
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], factor)))
        self.update_state()

    def _effective_zoom(self) -> float:
        """In a fit mode the factor Qt keeps is stale: measure the page as drawn instead."""
        document = self.view.document()
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or document is None or not self.pages():
            return self.zoom()
        width_points = document.pagePointSize(self.page()).width()
        dpi = self.logicalDpiX() or 96
        shown = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        return max(ZOOM_RANGE[0], shown / (width_points * dpi / 72)) if width_points else 1.0

    def zoom_in(self) -> None:
        """Enlarge by one step."""
        self.set_zoom(self._effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Shrink by one step."""
        self.set_zoom(self._effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        """The page as wide as the pane."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.update_state()

    def fit_page(self) -> None:
        """A whole page in the pane."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.update_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Ctrl+wheel zooms (instead of scrolling)."""
        wheel = event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent)
        if wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = event.angleDelta().y()
            if step:
                (self.zoom_in if step > 0 else self.zoom_out)()
            return True
        return super().eventFilter(watched, event)
