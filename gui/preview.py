"""The live preview: the real PDF of the chosen template, rendered in the worker, shown page by page."""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from engine.dealfile import dump_deal
from engine.model import Deal
from gui.findings import FindingsList
from gui.preview_cache import PreviewCache
from gui.preview_controls import PreviewControls
from gui.render_process import RenderProcess

# Keystrokes commit one by one: wait for a pause in the typing before rendering, so a half-typed
# value does not keep the worker busy. A finished edit (a table cell, a list, a choice, undo)
# is rendered almost at once; the short wait only gathers the signals of one action.
DEBOUNCE_MS = 350
COMMIT_MS = 30
INVALID = "في الصفقة قيم غير صالحة؛ تبقى آخر معاينة سليمة معروضة"
FAILED = "تعذّر تحديث المعاينة: {0} — تبقى آخر معاينة سليمة معروضة"
FROM_CACHE = "معاينة الصفقة كما عُرضت آخر مرة (لم تتغير)؛ جارٍ تحديثها…"
CURRENT = "المعاينة محدَّثة"
# Fresh previews of this session kept in memory: undo, redo or a template chosen again show at once.
RECENT = 8


def content_hash(deal_json: str) -> str:
    """Identity of a snapshot: unchanged content is not rendered twice."""
    return hashlib.sha256(deal_json.encode("utf-8")).hexdigest()


class PreviewPane(QWidget):
    """Shows the latest good PDF; newer edits supersede older renders, never the reverse."""

    updated = Signal(int)  # generation now shown
    render_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, time_limit: float = 30.0) -> None:
        super().__init__(parent)
        self.status = QLabel("جارٍ إعداد المعاينة…")
        self.status.setWordWrap(True)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # pages keep their own direction
        self.controls = PreviewControls(self.view, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.controls)
        layout.addWidget(self.view, 1)
        self.findings = FindingsList(self)
        self.findings.page_chosen.connect(self.show_page)
        layout.addWidget(self.findings)
        self._checked: dict[int, list[tuple[int, str]]] = {}

        self.worker = RenderProcess(self, time_limit=time_limit)
        self.worker.checked.connect(self._remember_findings)
        self.worker.rendered.connect(self._rendered)
        self.worker.failed.connect(self._failed)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.render_now)
        self.typing_ms, self.commit_ms = DEBOUNCE_MS, COMMIT_MS  # waits before a render, by edit kind

        self.generation = 0  # of the newest snapshot asked for
        self.shown_generation = 0
        self.shown_hash = ""
        self.shown_from_cache = False  # the PDF on screen came from the disk, not yet from the worker
        self.disk = PreviewCache()
        self.cached_templates: set[str] = set()  # templates whose previews are kept (the built-in ones)
        self._shown_json = ""
        # digest → (PDF, findings, worker pid) of recent fresh renders of built-in templates
        self._recent: OrderedDict[str, tuple[bytes, list[tuple[int, str]], int]] = OrderedDict()
        self._keepable: set[str] = set()  # digests of snapshots whose template is built in
        self.pdf = b""  # bytes of the PDF on screen
        self.last_worker_pid = 0
        self._latest: tuple[str, str] | None = None  # (json, hash) of the newest valid snapshot
        self._pending: tuple[int, str, str] | None = None
        self._inflight: tuple[int, int, str, str] | None = None  # (job, generation, hash, json)
        self._asked_at: dict[int, float] = {}
        self.document: QPdfDocument | None = None
        self._buffer: QBuffer | None = None

    def start(self) -> None:
        """Start the worker early so the first preview does not wait for imports."""
        self.worker.start()

    def shutdown(self) -> None:
        """Stop the worker process; keep the preview on screen for the next launch."""
        self.debounce.stop()
        self.worker.stop()
        self.keep_on_disk()

    def keep_on_disk(self) -> None:
        """Store the fresh preview on screen, so reopening the unchanged deal shows it at once."""
        if self.pdf and self._shown_json and not self.shown_from_cache:
            self.disk.put(self._shown_json, self.pdf, self.findings.found)

    def follow(self, deal: Deal | None, *, typing: bool = False) -> None:
        """A new working state: debounce valid snapshots; invalid ones keep the last good preview.

        `typing`: the change is a keystroke, so more may follow (a longer wait than a finished edit).
        """
        if deal is None:
            self._latest = None
            self.debounce.stop()
            self.status.setText(INVALID)
            return
        text = dump_deal(deal)
        self._latest = (text, content_hash(text))
        if deal.options.template in self.cached_templates:
            self._keepable.add(self._latest[1])
        if not self.pdf and self._inflight is None:
            self.render_now()  # nothing on screen yet (the window just opened): no reason to wait
            self._show_cached(deal, *self._latest)  # (after the job is sent: the worker starts at once)
            return
        self.debounce.start(self.typing_ms if typing else self.commit_ms)

    @property
    def is_current(self) -> bool:
        """True when the PDF on screen is the current valid working state."""
        return self._latest is not None and self._latest[1] == self.shown_hash and bool(self.pdf)

    def render_now(self) -> None:
        """Ask for the newest snapshot now (skipped when it is already shown or rendering)."""
        self.debounce.stop()
        if self._latest is None:
            return
        text, digest = self._latest
        shown = digest == self.shown_hash and not self.shown_from_cache
        if shown or (self._inflight and self._inflight[2] == digest):
            self._pending = None
            return
        recent = self._recent.get(digest)
        if recent is not None:  # rendered earlier in this session: the same document
            self._recent.move_to_end(digest)
            self.generation += 1
            self._pending = None
            self._display(self.generation, digest, text, recent)
            return
        self.generation += 1
        self._asked_at[self.generation] = time.perf_counter()
        self._pending = (self.generation, text, digest)
        self._pump()

    def _pump(self) -> None:
        if self.worker.busy or self._pending is None:
            return
        generation, text, digest = self._pending
        self._pending = None
        if not self.shown_from_cache:  # that message already says a fresh one is coming
            self.status.setText("جارٍ تحديث المعاينة…")
        self._inflight = (self.worker.submit(text), generation, digest, text)

    def _show_cached(self, deal: Deal, text: str, digest: str) -> None:
        """Show the stored preview of this very deal and program, if there is one (the window just opened)."""
        if deal.options.template not in self.cached_templates:
            return
        stored = self.disk.get(text)
        if stored is None:
            return
        pdf, found = stored
        self._show(pdf)
        self.findings.show_findings(found)
        self.shown_hash, self.shown_from_cache, self._shown_json = digest, True, text
        self.status.setText(FROM_CACHE)
        self.updated.emit(self.shown_generation)

    def _remember_findings(self, job: int, found: list[tuple[int, str]]) -> None:
        self._checked[job] = found  # shown with the PDF of the same job, or dropped with it

    def _rendered(self, job: int, pdf: bytes, pid: int) -> None:
        if self._inflight is None or self._inflight[0] != job:
            return
        _, generation, digest, text = self._inflight
        self._inflight = None
        found = self._checked.pop(job, [])
        if digest in self._keepable:
            self._recent[digest] = (pdf, found, pid)
            self._recent.move_to_end(digest)
            while len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        if generation > self.shown_generation:  # an older result never replaces a newer one
            self._display(generation, digest, text, (pdf, found, pid))
        self._pump()

    def _display(
        self, generation: int, digest: str, text: str, rendered: tuple[bytes, list[tuple[int, str]], int]
    ) -> None:
        """Put a fresh render (PDF, findings, worker pid) on screen."""
        pdf, found, pid = rendered
        if pdf != self.pdf:  # the document a stored preview showed is not loaded twice
            self._show(pdf)
        self.findings.show_findings(found)
        self.shown_generation, self.shown_hash, self.last_worker_pid = generation, digest, pid
        self.shown_from_cache = False
        self._shown_json = text
        self.status.setText(CURRENT if self._pending is None else "جارٍ تحديث المعاينة…")
        self.updated.emit(generation)

    def _failed(self, job: int, message: str) -> None:
        if self._inflight is None or self._inflight[0] != job:
            return
        self._inflight = None
        self.status.setText(FAILED.format(message))
        self.render_failed.emit(message)
        self._pump()

    def _show(self, pdf: bytes) -> None:
        """Swap in the new PDF, keeping the page and scroll position."""
        bars = (self.view.verticalScrollBar(), self.view.horizontalScrollBar())
        position = [bar.value() for bar in bars]
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument(self)
        document.load(buffer)
        old, old_buffer = self.document, self._buffer
        self.document, self._buffer, self.pdf = document, buffer, pdf
        self.view.setDocument(document)
        for bar, value in zip(bars, position, strict=True):
            bar.setValue(value)
        self.controls.update_state()
        if old is not None:
            old.deleteLater()
        if old_buffer is not None:
            old_buffer.deleteLater()

    def show_page(self, page: int) -> None:
        """Scroll the preview to a page (0-based), as chosen in the findings list."""
        if self.document is not None and 0 <= page < self.document.pageCount():
            self.controls.go(page)  # keeps the page box and buttons in step

    def control_actions(self) -> list:
        """The preview's zoom and page actions (for the View menu)."""
        c = self.controls
        return [
            c.zoom_in_action,
            c.zoom_out_action,
            c.fit_width_action,
            c.fit_page_action,
            c.previous_action,
            c.next_action,
        ]

    def page_text(self, page: int) -> str:
        """The text of one page of the PDF on screen (as QtPdf extracts it)."""
        if self.document is None:
            return ""
        return self.document.getAllText(page).text()

    def latency(self, generation: int) -> float:
        """Seconds from asking for a generation to now (benchmarks)."""
        return time.perf_counter() - self._asked_at.get(generation, time.perf_counter())
