"""A first-time analyst's path through the editor: one test per point of the newcomer review."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from bidi import get_display
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence, QWheelEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QTableView
from window_driver import Dialogs, type_text, wait_for

from engine.cli import main as cli_main
from engine.paths import ROOT
from gui.autosave import Recovery
from gui.fields import BoundField
from gui.main_window import DEAL_FILTER, OPEN_FILTER, PDF_FILTER, documents_folder, fitted_size

ISO = "2025-11-18"


def shown(text: str) -> str:
    """The text in the order a right-to-left line displays it (the Unicode bidi algorithm)."""
    return get_display(text, base_dir="R")


# 1 ---------------------------------------------------------------------------------------------------
def test_latin_and_numeric_values_read_as_written_inside_arabic(window: Any, tmp_path: Path) -> None:
    date = window.editor.fields["date"]
    date.editor.selectAll()
    type_text(date.editor, "18/11/2025")
    assert ISO in shown(date.error.text())  # the hint no longer reads 18-11-2025
    assert ISO in shown(date.both.text())
    for pattern, text in (
        ("(*.json)", DEAL_FILTER),
        ("(*.json *.pdf)", OPEN_FILTER),
        ("(*.pdf)", PDF_FILTER),
    ):
        assert pattern in shown(text) and text.endswith(")")  # Qt reads patterns from the final ")"
    window.document.set_value(("date",), ISO)
    target = tmp_path / "x" / "deal.json"
    target.parent.mkdir()
    assert window.save_to(target)
    assert str(target) in shown(window.statusBar().currentMessage())
    question = window.restore_question(Recovery(target, {}, target, "2026-11-30T08:44:39"))
    assert "2026-11-30 08:44" in shown(question.splitlines()[0]) and str(target) in shown(question)


# 2 ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "value"),
    [("٣٠ مليار", 30e9), ("30B", 30e9), ("1.5 تريليون", 1.5e12), ("400 مليون", 400e6)],
)
def test_amounts_with_scale_words_in_a_record_form(window: Any, typed: str, value: float) -> None:
    listing = window.editor.lists["commitments"]
    assert not listing.findChildren(QTableView)  # a list of records and one form, not a wide table
    assert listing.records.item(1).text() == "من «إنفيديا» إلى «أنثروبيك»"
    listing.select_row(1)
    field = listing.field(("amount", "value"))
    field.editor.selectAll()
    type_text(field.editor, typed)
    assert window.document.data["commitments"][1]["amount"]["value"] == value
    assert field.editor.text() == typed  # what is typed stays as typed
    assert field.error.isHidden()
    window.document.set_value(("commitments", 1, "amount", "value"), 400_000_000_000)
    assert field.editor.text() == "400 مليار"  # shown whole, with its scale word
    assert listing.field(("amount",)).editor.text() == "حتى 400 مليار دولار"


# 3 ---------------------------------------------------------------------------------------------------
def test_standard_dialogs_speak_arabic(window: Any) -> None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_ar.qm").is_file()  # shipped in the PySide6 wheel
    box = QMessageBox(window)
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel | buttons.Yes | buttons.No)
    texts = [box.button(b).text().replace("&", "") for b in (buttons.Save, buttons.Cancel, buttons.Yes)]
    box.deleteLater()
    assert texts == ["احفظ", "ألغِ", "نعم"]  # Qt's own Arabic catalogue
    assert QCoreApplication.translate("QFileDialog", "Open") != "Open"


# 4 ---------------------------------------------------------------------------------------------------
def test_no_ids_to_type_references_by_name_and_deleting_asks(window: Any, dialogs: Dialogs) -> None:
    parties = window.editor.lists["parties"]
    count = len(window.document.data["parties"])
    parties.add_row()
    new = window.document.data["parties"][-1]
    assert new["id"] == f"party-{count + 1}" and window.document.verdict.deal is not None

    commitments = window.editor.lists["commitments"]
    commitments.select_row(0)
    payee = commitments.field(("to_party",)).editor
    names = [payee.itemText(i) for i in range(payee.count())]
    assert names == ["أنثروبيك", "مايكروسوفت", "إنفيديا", "أمازون", "طرف جديد"]  # names, not ids
    assert payee.currentText() == "مايكروسوفت"
    sources = commitments.field(("sources",)).editor
    assert [sources.item(i).text() for i in range(sources.count())] == [
        window.document.data["sources"][0]["title"]
    ]
    sources.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert window.document.data["commitments"][0]["sources"] == []
    sources.item(0).setCheckState(Qt.CheckState.Checked)
    assert window.document.data["commitments"][0]["sources"] == ["article"]

    parties.select_row(1)  # Microsoft: two commitments use it
    parties.remove_row()
    label, places = dialogs.deletions[-1]
    assert label == "الطرف «مايكروسوفت»"
    assert places[:2] == [
        "الالتزام من «أنثروبيك» إلى «مايكروسوفت» ← إلى",
        "الالتزام من «مايكروسوفت» إلى «أنثروبيك» ← من",
    ]
    assert "السعة «azure-capacity» ← المزوّد" in places
    assert window.document.data["parties"][1]["id"] == "microsoft"  # not deleted: the answer was no
    dialogs.delete_answer = True
    parties.remove_row()
    assert "microsoft" not in [p["id"] for p in window.document.data["parties"]]
    lines = window.problem_list.lines()
    assert len(lines) == len(places) and all("[" not in line and "_party" not in line for line in lines)
    assert (
        lines[0] == "الالتزام من «أنثروبيك» إلى «microsoft» ← إلى: لا يوجد طرف بالمعرّف \u2068microsoft\u2069"
    )


# 5 ---------------------------------------------------------------------------------------------------
def test_cli_and_editor_list_the_same_problems(
    window: Any, tmp_path: Path, sample_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = json.loads(json.dumps(sample_data))
    bad["commitments"][0]["from_party"] = "ghost"  # three cross-references...
    bad["capacities"][0]["consumer"] = "nobody"
    bad["milestones"][0]["sources"] = ["nowhere"]
    bad["commitments"][1]["amount"]["value"] = -3  # ... and field problems, in one file
    bad["risks"][0]["title_ar"] = ""
    bad["options"]["accent_color"] = "teal"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")

    assert cli_main(["validate", str(path)]) == 2
    cli = [line.removeprefix("error: ") for line in capsys.readouterr().err.splitlines()]
    assert cli_main(["validate", "--arabic", str(path)]) == 2
    cli_arabic = [line.removeprefix("error: ") for line in capsys.readouterr().err.splitlines()]

    assert window.open_path(path, confirm=False)
    problems = window.document.verdict.problems
    assert len(problems) == 6
    assert cli == [f"{p.path}: {p.message} [{p.code}]" for p in problems]
    assert window.problem_list.lines() == cli_arabic
    codes = {p.code for p in problems}
    assert {"unknown_party", "unknown_source", "greater_than_equal", "string_too_short"} <= codes


# 6 ---------------------------------------------------------------------------------------------------
def test_tabs_are_marked_and_a_problem_click_goes_to_its_field(window: Any, tmp_path: Path) -> None:
    window.document.set_value(("risks", 1, "title_ar"), "")
    window.document.set_value(("options", "accent_color"), "teal")
    risks = window.editor.indexOf(window.editor.lists["risks"])
    assert window.editor.tabText(risks) == "المخاطر (1)" and not window.editor.tabIcon(risks).isNull()
    assert window.editor.tabText(0) == "عام" and window.editor.tabIcon(0).isNull()
    item = window.problem_list.item(0)
    assert item.text().startswith("الخطر «")  # a record without a title is named by its id
    window.problem_list.itemClicked.emit(item)
    assert window.editor.currentIndex() == risks
    assert window.editor.lists["risks"].current_row() == 1
    field = window.editor.lists["risks"].field(("title_ar",))
    assert field.editor.objectName() == "risks[1].title_ar" and not field.error.isHidden()
    assert window.editor.jump_to(("options", "accent_color")) is window.editor.fields["options.accent_color"]
    # The count stays visible while the status bar shows a message, and it is a button.
    assert window.save_to(tmp_path / "deal.json")
    assert window.problems_label.isVisible() and window.problems_label.text() == "قيم غير صالحة: 2"
    window.problems_label.click()
    assert window.editor.currentIndex() == risks


# 7 is tested in test_gui_files (a draft with errors saves, and opens with its problems listed).
def test_export_needs_a_valid_deal_but_saving_does_not(window: Any, dialogs: Dialogs, tmp_path: Path) -> None:
    window.document.set_value(("title_ar",), "")
    window.export_dialog()
    assert dialogs.warnings[-1][0] == "تعذّر التصدير"
    assert window.save_to(tmp_path / "draft.json")


# 8 ---------------------------------------------------------------------------------------------------
def test_preview_zoom_and_page_navigation(window: Any) -> None:
    controls = window.preview.controls
    pages = window.preview.document.pageCount()
    assert pages >= 2 and controls.count.text() == f"من \u2068{pages}\u2069"
    controls.next_action.trigger()
    assert controls.page() == 1 and controls.page_box.value() == 2
    controls.page_box.setValue(1)
    assert controls.page() == 0 and not controls.previous_action.isEnabled()
    controls.zoom_in_action.trigger()
    view = window.preview.view
    assert view.zoomMode() == QPdfView.ZoomMode.Custom
    before = view.zoomFactor()
    wheel = QWheelEvent(
        QPointF(10, 10),
        QPointF(10, 10),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoomFactor() == pytest.approx(before * 1.2)
    assert controls.zoom_label.text() == f"\u2068{round(before * 120)}%\u2069"
    controls.fit_width_action.trigger()
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth


# 9 ---------------------------------------------------------------------------------------------------
def test_small_screens_reach_every_control(window: Any) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 720  # 768 less a task bar
    assert fitted_size(1366, 728) == (1256, 669)  # a 1366×768 screen less its task bar
    assert fitted_size(1920, 1040) == (1500, 950)
    window.resize(1366, 720)
    QApplication.processEvents()
    assert window.menuBar().isVisible() and window.menuBar().geometry().right() <= window.width()
    for i in range(window.editor.count()):
        page = window.editor.widget(i)
        # Every form scrolls inside its tab, so no field is ever cut off at the bottom.
        assert isinstance(page, QScrollArea) or page.findChild(QScrollArea) is not None, (
            window.editor.tabText(i)
        )


# 10 --------------------------------------------------------------------------------------------------
def test_what_document_editors_are_expected_to_have(window: Any, dialogs: Dialogs, tmp_path: Path) -> None:
    redo = [k.toString() for k in window.redo_action.shortcuts()]
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= set(redo)
    assert QKeySequence(
        "Ctrl+Z"
    ) in window.undo_action.shortcuts() or window.undo_action.shortcut() == QKeySequence(
        QKeySequence.StandardKey.Undo
    )
    for action in (window.new_action, window.open_action, window.save_action, window.export_action):
        assert not action.icon().isNull() and action.toolTip()
    fields = [*window.editor.fields.values()]
    for listing in window.editor.lists.values():
        fields += listing.fields.values()
    assert [f.path for f in fields if not (isinstance(f, BoundField) and f.tip)] == []
    summary = window.editor.fields["narrative.summary"]
    assert summary.editor.minimumHeight() >= 200
    assert summary.editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    text = window.document.data["narrative"]["summary"]
    assert summary.count.text().endswith(f"\u2068{len(text)}\u2069 من \u206812000\u2069 حرفًا")
    window.document.set_value(("date",), ISO)
    assert window.editor.fields["date"].both.text() == "18 نوفمبر 2025 م — 27 جمادى الأولى 1447 هـ"
    assert ROOT not in documents_folder().parents and documents_folder() != ROOT / "reports"

    out = tmp_path / "cancelled.pdf"
    assert window.export_to(out) and window.cancel_export_button.isVisible()
    window.cancel_export()
    assert not window.progress.isVisible() and window.export_action.isEnabled()
    wait_for(lambda: not window.exporter.busy)
    assert list(tmp_path.iterdir()) == []  # neither the PDF nor a partial file
    assert dialogs.warnings == []  # a cancel is not a failure
    done: list[str] = []
    window.exported.connect(done.append)
    try:
        assert window.export_to(tmp_path / "done.pdf")
        wait_for(lambda: done)
    finally:
        window.exported.disconnect(done.append)
    assert set(dialogs.actions) == {"فتح الملف", "إظهار في المجلد"}


def test_make_run_without_a_display_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    import main

    for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(key, raising=False)
    message = main.no_display()
    if not sys.platform.startswith("linux"):
        assert message == ""
        return
    assert "\n" not in message and "main.py export" in message
    assert main.main([]) == 2


def test_milestone_dates_show_as_precisely_as_known(window: Any) -> None:
    listing = window.editor.lists["milestones"]
    listing.select_row(0)
    when = listing.field(("when",)).editor
    window.document.set_value(("milestones", 0, "month"), None)
    window.document.set_value(("milestones", 0, "half"), 2)
    window.document.set_value(("milestones", 0, "year"), 2026)
    assert when.text() == "النصف الثاني من 2026"
    window.document.set_value(("milestones", 0, "half"), None)
    window.document.set_value(("milestones", 0, "month"), 11)
    window.document.set_value(("milestones", 0, "day"), 18)
    window.document.set_value(("milestones", 0, "year"), 2025)
    assert when.text() == "27 جمادى الأولى 1447 هـ الموافق 18 نوفمبر 2025 م"
    window.document.set_value(("milestones", 0, "quarter"), 3)  # two periods at once: no wording
    assert when.text() == "—"
    assert listing.field(("month",)).error.text() == "اختر واحدًا فقط من النصف والربع والشهر"


def test_counted_nouns_and_periods_are_edited_in_the_form(window: Any) -> None:
    listing = window.editor.lists["commitments"]
    listing.select_row(2)
    unit = listing.field(("amount", "unit")).editor
    unit.setCurrentIndex(unit.findData("counted"))
    unit.activated.emit(unit.currentIndex())
    assert "اسم المعدود" in window.problem_list.lines()[0]  # a counted unit needs its noun
    singular, dual, plural = listing.field(("amount", "noun")).boxes
    listing.field(("amount", "value")).editor.setText("")
    window.document.set_value(("commitments", 2, "amount", "value"), 200_000)
    for box, word in ((singular, "معالج"), (dual, "معالجان"), (plural, "معالجات")):
        box.setFocus()
        type_text(box, word)
    amount = window.document.data["commitments"][2]["amount"]
    assert amount["noun"] == {"singular": "معالج", "dual": "معالجان", "plural": "معالجات"}
    assert window.document.verdict.deal is not None
    assert listing.field(("amount",)).editor.text() == "حتى 200 ألف معالج"

    start, _end, years = listing.field(("period",)).boxes
    type_text(start, "٢٠٢٦")
    type_text(years, "4")
    assert window.document.data["commitments"][2]["period"] == {"start": {"year": 2026}, "years": 4}
    start.selectAll()
    start.del_()
    years.selectAll()
    years.del_()
    start.textEdited.emit("")
    assert "period" not in window.document.data["commitments"][2]  # an emptied period is removed
