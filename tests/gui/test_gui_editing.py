"""The editor's forms: Arabic right-to-left, typing Arabic, inline reasons for bad values, undo/redo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_driver import type_text

from engine.model import ReportOptions
from gui.sections import SECTIONS


def test_window_is_arabic_right_to_left_in_the_bundled_font(window: Any) -> None:
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft()
    assert QApplication.font().family() == "IBM Plex Sans Arabic"
    assert window.menuBar().actions()[0].text() == "ملف"
    tabs = [window.editor.tabText(i) for i in range(window.editor.count())]
    assert tabs[0] == "عام" and tabs[-1] == "خيارات التقرير"
    assert set(window.editor.lists) == {s.key for s in SECTIONS}
    # The editor is the first (right-hand) side of the splitter, the preview the other.
    assert window.splitter.widget(0) is window.left and window.splitter.widget(1) is window.preview
    assert window.left.widget(0) is window.editor and window.left.widget(1) is window.problem_list


def test_every_part_of_the_model_has_an_editor(window: Any) -> None:
    fields = set(window.editor.fields)
    assert {"title_ar", "subtitle_ar", "date", "id"} <= fields
    assert {f"narrative.{k}" for k in ("summary", "analysis", "market_context", "outlook")} <= fields
    options = set(ReportOptions.model_fields)
    assert {f"options.{k}" for k in options} <= fields
    amount = [c.key for c in window.editor.lists["commitments"].model.columns]
    assert {("amount", k) for k in ("value", "unit", "precision", "upper")} <= set(amount)


def test_typing_arabic_is_one_undo_step(window: Any) -> None:
    field = window.editor.fields["title_ar"]
    old = window.document.data["title_ar"]
    field.editor.end(False)
    type_text(field.editor, " الجديدة")
    assert window.document.data["title_ar"] == old + " الجديدة"
    assert window.document.dirty and window.isWindowModified()
    assert window.document.stack.count() == 1  # keystrokes in one field merged
    window.undo_action.trigger()
    assert window.document.data["title_ar"] == old
    assert field.editor.text() == old
    window.redo_action.trigger()
    assert field.editor.text() == old + " الجديدة"


def test_invalid_values_are_explained_inline_and_kept(window: Any) -> None:
    date = window.editor.fields["date"]
    date.editor.selectAll()
    type_text(date.editor, "2025-13-40")
    assert window.document.data["date"] == "2025-13-40"  # what was typed is kept
    assert not date.error.isHidden()
    assert "تاريخ غير صالح" in date.error.text()
    assert date.editor.text() == "2025-13-40"

    listing = window.editor.lists["commitments"]
    model = listing.model
    column = next(i for i, c in enumerate(model.columns) if c.key == ("amount", "value"))
    model.setData(model.index(1, column), "عشرة")
    assert window.document.data["commitments"][1]["amount"]["value"] == "عشرة"
    assert model.index(1, column).data(Qt.ItemDataRole.ToolTipRole) == "يجب أن يكون عددًا"
    assert model.index(1, column).data(Qt.ItemDataRole.BackgroundRole) is not None
    listing.select_row(1)
    assert listing.field(("amount", "value")).error.text() == "يجب أن يكون عددًا"
    assert "الالتزام من «إنفيديا» إلى «أنثروبيك» ← المبلغ ← القيمة: يجب أن يكون عددًا" in (
        window.problem_list.lines()
    )
    assert window.problems_label.text() == "قيم غير صالحة: 2"

    model.setData(model.index(1, column), "١٢٫٥ مليار")  # Arabic-Indic digits and a scale word
    assert window.document.data["commitments"][1]["amount"]["value"] == 12_500_000_000
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.document.verdict.deal is not None
    assert date.error.isHidden() and listing.field(("amount", "value")).error.isHidden()
    assert window.problem_list.count() == 0


def test_cross_field_problems_land_on_their_cell(window: Any) -> None:
    model = window.editor.lists["commitments"].model
    column = next(i for i, c in enumerate(model.columns) if c.key == ("from_party",))
    model.setData(model.index(0, column), "ghost")
    assert model.index(0, column).data(Qt.ItemDataRole.ToolTipRole) == "لا يوجد طرف بالمعرّف \u2068ghost\u2069"
    precision = next(i for i, c in enumerate(model.columns) if c.key == ("amount", "precision"))
    model.setData(model.index(0, column), "anthropic")
    model.setData(model.index(0, precision), "range")
    upper = next(i for i, c in enumerate(model.columns) if c.key == ("amount", "upper"))
    assert model.index(0, upper).data(Qt.ItemDataRole.ToolTipRole) == "النطاق يحتاج إلى حد أعلى"
    model.setData(model.index(0, upper), "40000000000")
    assert window.document.verdict.deal is not None


def test_rows_add_remove_reorder_with_undo(window: Any) -> None:
    listing = window.editor.lists["risks"]
    ids = [r["id"] for r in window.document.data["risks"]]
    listing.add_row()
    assert len(window.document.data["risks"]) == len(ids) + 1
    assert window.document.verdict.deal is not None  # a new row starts valid
    listing.select_row(0)
    listing.move_row(1)
    assert [r["id"] for r in window.document.data["risks"]][:2] == [ids[1], ids[0]]
    listing.remove_row()
    assert ids[0] not in [r["id"] for r in window.document.data["risks"]]
    for _ in range(3):
        window.document.stack.undo()
    assert [r["id"] for r in window.document.data["risks"]] == ids
    for _ in range(3):
        window.document.stack.redo()
    assert ids[0] not in [r["id"] for r in window.document.data["risks"]]


def test_risk_detail_is_edited_in_a_multi_line_editor(window: Any) -> None:
    listing = window.editor.lists["risks"]
    listing.select_row(1)
    detail = listing.field(("detail_ar",)).editor
    assert detail.toPlainText() == window.document.data["risks"][1]["detail_ar"]
    detail.setPlainText("سطر أول\nسطر ثان")
    assert window.document.data["risks"][1]["detail_ar"] == "سطر أول\nسطر ثان"


def test_options_and_logo(window: Any, tmp_path: Path) -> None:
    digits = window.editor.fields["options.digits"].editor
    digits.setCurrentIndex(digits.findData("arab"))
    digits.activated.emit(digits.currentIndex())
    assert window.document.data["options"]["digits"] == "arab"
    logo = window.editor.logo_field
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not a png")
    assert not logo.use_file(bad)
    assert "ليس ملف PNG" in logo.error.text()
    svg = tmp_path / "logo.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    )
    assert logo.use_file(svg)
    assert window.document.data["options"]["logo"].startswith("data:image/svg+xml;base64,")
    assert logo.error.isHidden()
