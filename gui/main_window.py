"""The main window: editor beside live preview, menus, toolbar, status bar, files, export and print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
)

from engine.dealfile import dump_deal
from engine.model import SCHEMA_VERSION
from engine.paths import SAMPLE_DEAL
from engine.problems import isolate
from gui.autosave import Autosave, Recovery
from gui.deal_files import DealFileError, is_report, read_deal_file, write_deal_file
from gui.document import DealDocument, value_at
from gui.editor import DealEditor
from gui.preferences import Preferences
from gui.preview import PreviewPane
from gui.printing import print_pdf
from gui.problem_list import ProblemList
from gui.render_process import RenderProcess

APP_TITLE = "محرر الإحاطات الاستثمارية"
LRI = "\u2066"
# Qt reads the patterns from the final parentheses, so the isolate opened before them is closed by
# the end of the line (a PDI after ")" would hide the patterns from Qt).
DEAL_FILTER = f"ملفات الصفقات {LRI}(*.json)"
OPEN_FILTER = f"ملفات الصفقات وتقارير PDF/A {LRI}(*.json *.pdf)"
PDF_FILTER = f"تقارير PDF {LRI}(*.pdf)"


def fitted_size(width: int, height: int) -> tuple[int, int]:
    """The window's first size on a screen with this free area: 92% of it, at most 1500×950."""
    return min(1500, int(width * 0.92)), min(950, int(height * 0.92))


def documents_folder() -> Path:
    """The user's documents folder (where exports go by default), or home when there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def available_templates() -> list[str]:
    """Template names from the engine (just the default before the engine is importable)."""
    try:
        from engine.templating import template_names

        return template_names() or ["briefing"]
    except ImportError:
        return ["briefing"]


class MainWindow(QMainWindow):
    """The deal editor window; every question to the analyst goes through a small overridable method."""

    exported = Signal(str)
    export_failed = Signal(str)

    def __init__(self, prefs: Preferences, *, autosave_dir: Path | None = None) -> None:
        super().__init__()
        self.prefs = prefs
        self.document = DealDocument(self)
        self.templates = available_templates()
        self.editor = DealEditor(self.document, self.templates)
        self.problem_list = ProblemList(self.document)
        self.problem_list.jump.connect(self.editor.jump_to)
        self.preview = PreviewPane(self)
        self.preview.cached_templates = set(self.templates)  # built-in: their previews are kept on disk
        self.exporter = RenderProcess(self, time_limit=120.0)
        self.autosave = Autosave(self.document, autosave_dir, self)
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.editor)
        self.left.addWidget(self.problem_list)
        self.left.setStretchFactor(0, 4)
        self.left.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._pending_print: str | None = None
        self._export_path: Path | None = None
        self._cancelling = False
        self._build_actions()
        self._build_status()

        self.document.changed.connect(self._document_changed)
        self.document.file_changed.connect(self._update_title)
        self.preview.updated.connect(self._preview_updated)
        self.exporter.exported.connect(self._exported)
        self.exporter.failed.connect(self._export_failed)
        if prefs.geometry is None or not self.restoreGeometry(prefs.geometry):
            self.fit_to_screen()
        else:
            self.fit_to_screen(only_if_larger=True)
        if prefs.splitter is not None:
            self.splitter.restoreState(prefs.splitter)

    # ----- construction -------------------------------------------------------------------------
    def fit_to_screen(self, *, only_if_larger: bool = False) -> None:
        """Open at most 90% of the screen's free area (centred), never larger than the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        if only_if_larger and self.width() <= area.width() and self.height() <= area.height():
            return
        self.resize(*fitted_size(area.width(), area.height()))
        self.move(
            area.x() + (area.width() - self.width()) // 2, area.y() + (area.height() - self.height()) // 2
        )

    def _action(self, text: str, slot: Any, shortcut: Any = None, icon: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        icons = QStyle.StandardPixmap
        self.new_action = self._action("جديد", self.new_deal, keys.New, icons.SP_FileIcon, "صفقة جديدة")
        self.open_action = self._action("فتح…", self.open_dialog, keys.Open, icons.SP_DialogOpenButton)
        self.save_action = self._action("حفظ", self.save, keys.Save, icons.SP_DialogSaveButton)
        self.save_as_action = self._action("حفظ باسم…", self.save_as, keys.SaveAs)
        self.export_action = self._action(
            "تصدير PDF…", self.export_dialog, "Ctrl+E", icons.SP_ArrowDown, "تصدير التقرير ملف PDF"
        )
        self.print_action = self._action(
            "طباعة…", lambda: self.request_print("print"), keys.Print, icons.SP_FileDialogDetailedView
        )
        self.print_preview_action = self._action("معاينة الطباعة…", lambda: self.request_print("preview"))
        self.quit_action = self._action("خروج", self.close, keys.Quit)
        self.undo_action = self.document.stack.createUndoAction(self, "تراجع")
        self.undo_action.setShortcut(keys.Undo)
        self.undo_action.setIcon(self.style().standardIcon(icons.SP_ArrowBack))
        self.redo_action = self.document.stack.createRedoAction(self, "إعادة")
        # Ctrl+Y and Ctrl+Shift+Z both redo, whatever the platform's own habit.
        redo_keys = [QKeySequence(keys.Redo), QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
        self.redo_action.setShortcuts(list(dict.fromkeys(k for k in redo_keys if not k.isEmpty())))
        self.redo_action.setIcon(self.style().standardIcon(icons.SP_ArrowForward))
        self.refresh_action = self._action("تحديث المعاينة الآن", self.preview.render_now, "F5")

        bar = self.menuBar()
        files = bar.addMenu("ملف")
        files.addActions([self.new_action, self.open_action])
        self.recent_menu = files.addMenu("الملفات الأخيرة")
        files.addSeparator()
        files.addActions([self.save_action, self.save_as_action])
        files.addSeparator()
        files.addActions([self.export_action, self.print_action, self.print_preview_action])
        files.addSeparator()
        files.addAction(self.quit_action)
        edit = bar.addMenu("تحرير")
        edit.addActions([self.undo_action, self.redo_action])
        view = bar.addMenu("عرض")
        view.addAction(self.refresh_action)
        view.addSeparator()
        view.addActions(self.preview.control_actions())

        tools = self.addToolBar("الأدوات الرئيسية")
        tools.setObjectName("main-toolbar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addActions([self.new_action, self.open_action, self.save_action])
        tools.addSeparator()
        tools.addActions([self.undo_action, self.redo_action])
        tools.addSeparator()
        tools.addActions([self.export_action, self.print_action])
        self._fill_recent()

    def _build_status(self) -> None:
        # Permanent widgets stay visible while the status bar shows a message (a save, an export).
        self.problems_label = QPushButton()
        self.problems_label.setFlat(True)
        self.problems_label.setToolTip("عرض قائمة المشكلات والانتقال إلى أولاها")
        self.problems_label.clicked.connect(self.show_problems)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.cancel_export_button = QPushButton("إلغاء التصدير")
        self.cancel_export_button.clicked.connect(self.cancel_export)
        self.cancel_export_button.hide()
        self.statusBar().addPermanentWidget(self.problems_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_export_button)

    def show_problems(self) -> None:
        """Show the problem list and go to the first problem."""
        if self.problem_list.count():
            self.problem_list.show()
            self.problem_list.setCurrentRow(0)
            self.editor.jump_to(tuple(self.problem_list.item(0).data(Qt.ItemDataRole.UserRole)))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.prefs.recent_files:
            self.recent_menu.addAction(path.name, lambda p=path: self.open_path(p)).setToolTip(str(path))
        self.recent_menu.setEnabled(bool(self.prefs.recent_files))

    # ----- questions to the analyst (tests replace these) ----------------------------------------
    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel' for unsaved changes."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            APP_TITLE,
            "في الصفقة تعديلات غير محفوظة. هل تريد حفظها؟",
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    @staticmethod
    def restore_question(recovery: Recovery) -> str:
        """The question asked about work left by a crash: its time and file isolated from the Arabic."""
        where = f"\nالملف: {isolate(recovery.source)}" if recovery.source else ""
        when = isolate(recovery.saved_at.replace("T", " ")[:16])
        return f"وُجد عمل غير محفوظ من جلسة انتهت فجأة ({when}).{where}\nهل تريد استعادته؟"

    def ask_restore(self, recovery: Recovery) -> str | bool:
        """'restore', 'discard' or 'later' for a draft left by a session that ended abruptly."""
        text = self.restore_question(recovery)
        no_buttons = QMessageBox.StandardButton.NoButton
        box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE, text, no_buttons, self)
        restore = box.addButton("استعادة", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("حذف المسودة", QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton("لاحقًا", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(later)
        box.exec()
        return {restore: "restore", discard: "discard"}.get(box.clickedButton(), "later")

    def warn(self, title: str, lines: list[str]) -> None:
        """Show a problem to the analyst."""
        QMessageBox.warning(self, title, "\n".join(lines))

    def inform(self, text: str, actions: dict[str, Any] | None = None) -> None:
        """Tell the analyst something finished (does not block), with buttons for what to do next."""
        self.statusBar().showMessage(text, 15_000)
        box = QMessageBox(QMessageBox.Icon.Information, APP_TITLE, text, QMessageBox.StandardButton.Ok, self)
        for label, act in (actions or {}).items():
            box.addButton(label, QMessageBox.ButtonRole.ActionRole).clicked.connect(act)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ----- session ----------------------------------------------------------------------------------
    def start(self, path: Path | None) -> bool:
        """Open the deal (the sample when None), then offer to restore work left by a crash."""
        self.preview.start()
        opened = self.open_path(path, confirm=False) if path else self._open_sample()
        if not opened and path is not None:
            self._open_sample()
        self.recover_drafts()
        return opened

    def recover_drafts(self) -> None:
        """Offer every draft of a crashed session in turn; delete only what the analyst restores or discards.

        One draft can be restored into the window; the ones after it are kept for the next start.
        """
        restored, kept = False, 0
        for recovery in self.autosave.leftovers():
            if restored:
                self.autosave.keep(recovery)
                kept += 1
                continue
            answer = self.ask_restore(recovery)
            if answer is True or answer == "restore":
                self._restore(recovery)
                self.autosave.save_now()
                if self.autosave.file.exists():  # the work is safe in this session's draft
                    self.autosave.forget(recovery)
                else:
                    self.autosave.keep(recovery)
                restored = True
            elif answer == "discard":
                self.autosave.forget(recovery)
            else:
                self.autosave.keep(recovery)
        if kept:
            self.inform(f"بقيت {kept} من المسودات غير المستعادة محفوظة، وستُعرض عند التشغيل التالي")

    def _restore(self, recovery: Recovery) -> None:
        """Bring back a crashed session's work as one undoable step over its file as saved."""
        opened = recovery.source is not None and recovery.source.is_file()
        if opened and recovery.source != self.document.path:
            opened = self.open_path(recovery.source, confirm=False)
        if opened or recovery.source is None:
            self.document.replace(recovery.data, "استعادة العمل غير المحفوظ")  # undo shows the file
        else:  # the file is gone: the draft is all there is
            self.document.reset(recovery.data, recovery.source, dirty=True)

    def _open_sample(self) -> bool:
        self.document.reset(read_deal_file(SAMPLE_DEAL), None)
        return True

    def new_deal(self) -> None:
        """A new, minimal, valid deal."""
        if not self.confirm_discard():
            return
        data = {
            "schema_version": SCHEMA_VERSION,
            "id": "new-deal",
            "title_ar": "صفقة جديدة",
            "subtitle_ar": "",
            "date": dt.date.today().isoformat(),
            "parties": [{"id": "party-1", "name_ar": "الطرف الأول", "name_en": "", "role": "other"}],
            "options": {"template": self.prefs.last_template},
        }
        self.document.reset(data, None)

    def open_dialog(self) -> None:
        """Choose a deal file and open it."""
        start = str(self.document.path.parent if self.document.path else Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "فتح صفقة", start, OPEN_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path | None, *, confirm: bool = True) -> bool:
        """Open a deal file; a malformed or newer file is explained and nothing changes."""
        if confirm and not self.confirm_discard():
            return False
        try:
            data = read_deal_file(path)
        except DealFileError as exc:
            self.warn("تعذّر فتح الملف", [isolate(path), *exc.lines])
            return False
        # A deal taken out of a report opens untitled: Save asks for a .json name.
        self.document.reset(data, None if is_report(path) else path)
        if path is not None:
            self.prefs.add_recent(path)
            self._fill_recent()
        if self.document.verdict.problems:
            # Opened as a draft to be fixed: its problems are listed, the first one shown.
            self.show_problems()
        return True

    def save(self) -> bool:
        """Save to the current file (asks for a name the first time)."""
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        """Save under a new name."""
        start = (
            self.document.path or documents_folder() / f"{value_at(self.document.data, ('id',), 'deal')}.json"
        )
        name, _ = QFileDialog.getSaveFileName(self, "حفظ الصفقة", str(start), DEAL_FILTER)
        return self.save_to(Path(name)) if name else False

    def save_to(self, path: Path) -> bool:
        """Write the deal atomically; a draft with problems is saved too, with a warning."""
        try:
            problems = write_deal_file(self.document.data, path)
        except DealFileError as exc:
            self.warn("تعذّر الحفظ", exc.lines)
            return False
        self.document.mark_saved(path)
        self.prefs.add_recent(path)
        self._fill_recent()
        self.autosave.save_now()
        self.statusBar().showMessage(f"حُفظت الصفقة في {isolate(path)}", 8000)
        if problems:
            count = isolate(len(problems))
            self.warn(
                "حُفظت مسودة فيها مشكلات",
                [
                    f"حُفظ الملف، وفيه {count} من القيم غير الصالحة.",
                    "يمكن فتحه وإكماله لاحقًا؛ التصدير يحتاج إلى تصحيحها.",
                ],
            )
        return True

    def confirm_discard(self) -> bool:
        """True when it is fine to drop the working state (saved, or the analyst said so)."""
        if not self.document.dirty:
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Ask about unsaved work, then save settings and stop the workers."""
        if not self.confirm_discard():
            event.ignore()
            return
        self.prefs.geometry = self.saveGeometry()
        self.prefs.splitter = self.splitter.saveState()
        self.prefs.sync()
        self.autosave.timer.stop()
        self.autosave.release()
        self.preview.shutdown()
        self.exporter.stop()
        event.accept()

    # ----- reactions ----------------------------------------------------------------------------------
    def _document_changed(self) -> None:
        verdict = self.document.verdict
        count = len(verdict.problems)
        self.problems_label.setText("لا أخطاء في الصفقة" if not count else f"قيم غير صالحة: {count}")
        self.problems_label.setEnabled(bool(count))
        template = value_at(self.document.data, ("options", "template"))
        if verdict.deal is not None and template in self.templates:
            self.prefs.last_template = template
        self.preview.follow(verdict.deal, typing=self.document.typing)

    def _update_title(self) -> None:
        if self.document.path is not None:
            name = isolate(self.document.path.name)
        else:
            name = str(value_at(self.document.data, ("title_ar",), "") or "صفقة غير محفوظة")
        self.setWindowTitle(f"{name}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.dirty)

    # ----- export --------------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        """Choose where to export (the documents folder by default), then export."""
        deal = self.document.verdict.deal
        if deal is None:
            self.warn("تعذّر التصدير", ["صحّح القيم غير الصالحة أولًا (انقر عدّاد المشكلات في شريط الحالة)."])
            self.show_problems()
            return
        folder = self.prefs.export_folder or documents_folder()
        start = folder / f"{deal.id}-{deal.options.template}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, "تصدير PDF", str(start), PDF_FILTER)
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        """Export in the worker process; progress and a cancel button show in the status bar."""
        deal = self.document.verdict.deal
        if deal is None or self.exporter.busy:
            return False
        self.export_action.setEnabled(False)
        self.progress.show()
        self.cancel_export_button.show()
        self.statusBar().showMessage(f"جارٍ التصدير إلى {isolate(path)}…")
        self._export_path = path
        self.exporter.submit(dump_deal(deal), str(path))
        return True

    def cancel_export(self) -> None:
        """Stop the export under way now; no PDF is written (nor a partial one left behind)."""
        if not self.exporter.busy:
            return
        self._cancelling = True
        try:
            self.exporter.kill("أُلغي التصدير")
        finally:
            self._cancelling = False
        path = self._export_path
        if path is not None:  # the worker writes through a temporary file beside the target
            for part in Path(path).parent.glob(f".{Path(path).name}.*.part"):
                part.unlink(missing_ok=True)
        self._export_ended()
        self.statusBar().showMessage("أُلغي التصدير", 8000)

    def _export_ended(self) -> None:
        self.progress.hide()
        self.cancel_export_button.hide()
        self.export_action.setEnabled(True)

    def _exported(self, _job: int, path: str) -> None:
        self._export_ended()
        self.prefs.export_folder = Path(path).parent
        pdf = Path(path)
        self.inform(
            f"صُدِّر التقرير إلى الملف: {isolate(pdf)}",
            {
                "فتح الملف": lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf))),
                "إظهار في المجلد": lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf.parent))),
            },
        )
        self.exported.emit(path)

    def _export_failed(self, _job: int, message: str) -> None:
        self._export_ended()
        if self._cancelling:
            return
        self.statusBar().clearMessage()
        self.warn("تعذّر التصدير", [message])
        self.export_failed.emit(message)

    # ----- print ---------------------------------------------------------------------------------------
    def request_print(self, mode: str) -> None:
        """Print (or preview the print of) the current PDF, waiting for the preview if it is stale."""
        if self.document.verdict.deal is None:
            self.warn("تعذّرت الطباعة", ["صحّح القيم غير الصالحة أولًا."])
            return
        if self.preview.is_current:
            self._print(mode)
            return
        self._pending_print = mode
        self.statusBar().showMessage("ستبدأ الطباعة حين تكتمل المعاينة…")
        self.preview.render_now()

    def _preview_updated(self) -> None:
        mode, self._pending_print = self._pending_print, None
        if mode and self.preview.is_current:
            self._print(mode)

    def _print(self, mode: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        pdf = self.preview.pdf
        if mode == "preview":
            dialog = QPrintPreviewDialog(printer, self)
            dialog.paintRequested.connect(lambda p: print_pdf(pdf, p))
            dialog.exec()
        elif QPrintDialog(printer, self).exec() == QPrintDialog.DialogCode.Accepted:
            pages = print_pdf(pdf, printer)
            self.statusBar().showMessage(f"أُرسلت {isolate(pages)} صفحة إلى الطابعة", 8000)
