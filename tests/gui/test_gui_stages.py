"""A commitment's stages edited in its form: added, typed, linked to a milestone, moved, removed, undone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from window_driver import type_text

from engine.dealfile import load_deal
from engine.model import Precision


def stages_of(window: Any, row: int) -> Any:
    return window.document.data["commitments"][row].get("stages")


def test_stages_are_added_linked_to_milestones_and_saved(window: Any, tmp_path: Path) -> None:
    listing = window.editor.lists["commitments"]
    listing.select_row(1)
    stages = listing.field(("stages",))
    assert stages.list.count() == 0 and not stages.form_box.isEnabled()  # the sample has no stages

    stages.buttons["add"].click()
    assert stages_of(window, 1) == [{"label_ar": "مرحلة جديدة"}] and stages.form_box.isEnabled()
    label = stages.field(("label_ar",)).editor
    label.selectAll()
    label.del_()
    type_text(label, "عند حجز أول جيجاواط")
    milestone = stages.field(("milestone",)).editor
    milestone.setCurrentIndex(milestone.findData("first-gigawatt"))  # picked by its Arabic label
    milestone.activated.emit(milestone.currentIndex())
    assert milestone.currentText() == "حجز سعة أولية تصل إلى جيجاواط واحد"
    assert not stages.field(("amount", "unit")).isEnabled()  # no unit without a figure
    type_text(stages.field(("amount", "value")).editor, "٥ مليارات")
    assert stages.field(("amount", "unit")).isEnabled()
    assert stages.field(("amount",)).editor.text() == "5 مليارات دولار"

    stages.buttons["add"].click()
    type_text(stages.field(("per_ar",)).editor, "جيجاواط يُنشر")
    assert stages.current_stage() == 1
    stages.buttons["up"].click()  # the second stage first
    assert [s["label_ar"] for s in stages_of(window, 1)] == ["مرحلة جديدة", "عند حجز أول جيجاواط"]
    assert stages.current_stage() == 0 and stages.field(("per_ar",)).editor.text() == "جيجاواط يُنشر"
    assert stages.list.item(1).text() == "عند حجز أول جيجاواط ← حجز سعة أولية تصل إلى جيجاواط واحد"

    target = tmp_path / "stages.json"
    assert window.save_to(target)
    saved = load_deal(target).commitments[1].stages
    assert [(s.label_ar, s.milestone, s.per_ar) for s in saved] == [
        ("مرحلة جديدة", None, "جيجاواط يُنشر"),
        ("عند حجز أول جيجاواط", "first-gigawatt", ""),
    ]
    assert saved[1].amount is not None and saved[1].amount.value == 5e9
    assert saved[1].amount.precision is Precision.exact
    assert window.document.verdict.deal is not None  # the edited deal is valid as it stands


def test_each_stage_edit_is_one_undo_step_and_the_last_removal_drops_the_list(window: Any) -> None:
    listing = window.editor.lists["commitments"]
    listing.select_row(0)
    stages = listing.field(("stages",))
    before = window.document.data
    stages.buttons["add"].click()
    stages.buttons["add"].click()
    type_text(stages.field(("label_ar",)).editor, " ثانية")  # typing merges into one step
    assert [s["label_ar"] for s in stages_of(window, 0)] == ["مرحلة جديدة", "مرحلة جديدة ثانية"]
    window.document.stack.undo()
    assert [s["label_ar"] for s in stages_of(window, 0)] == ["مرحلة جديدة", "مرحلة جديدة"]
    stages.select_stage(0)
    stages.buttons["remove"].click()
    stages.buttons["remove"].click()
    assert "stages" not in window.document.data["commitments"][0]  # no empty list left behind
    assert stages.list.count() == 0 and not stages.form_box.isEnabled()
    for _ in range(4):
        window.document.stack.undo()
    assert window.document.data == before


def test_a_stage_amount_emptied_is_removed_whole_and_problems_show_under_the_stage(window: Any) -> None:
    listing = window.editor.lists["commitments"]
    listing.select_row(0)
    stages = listing.field(("stages",))
    stages.buttons["add"].click()
    value = stages.field(("amount", "value")).editor
    type_text(value, "10")
    assert stages_of(window, 0)[0]["amount"] == {"value": 10}
    value.selectAll()
    value.del_()
    value.textEdited.emit("")
    assert "amount" not in stages_of(window, 0)[0]
    label = stages.field(("label_ar",))
    label.editor.selectAll()
    label.editor.del_()
    label.editor.textEdited.emit("")
    assert label.error.text()  # a stage needs its description
    assert stages.list.item(0).text().startswith("⚠ ")
    # Another commitment shows its own (no) stages; coming back shows this one's again.
    listing.select_row(1)
    assert stages.list.count() == 0
    listing.select_row(0)
    assert stages.list.count() == 1 and stages.field(("label_ar",)).path[:4] == (
        "commitments",
        0,
        "stages",
        0,
    )


def test_a_period_is_edited_to_the_half_quarter_or_month_and_worded_as_the_report_will(window: Any) -> None:
    listing = window.editor.lists["commitments"]
    listing.select_row(0)
    period = listing.field(("period",))
    start, end, _years = period.boxes
    type_text(start, "2026")
    assert period.words.text() == "ابتداءً من 2026"
    steps = window.document.stack.count()
    half = period.within["start"]
    half.setCurrentIndex(half.findText("النصف الثاني"))
    half.activated.emit(half.currentIndex())
    assert window.document.data["commitments"][0]["period"] == {"start": {"year": 2026, "half": 2}}
    assert window.document.stack.count() == steps + 1
    type_text(end, "2030")
    quarter = period.within["end"]
    quarter.setCurrentIndex(quarter.findText("الربع الثالث"))
    quarter.activated.emit(quarter.currentIndex())
    assert period.words.text() == "من النصف الثاني من 2026 إلى الربع الثالث من 2030"
    # The year of an existing end is an undoable edit of its own, its half kept.
    start.selectAll()
    start.del_()
    type_text(start, "2027")
    assert window.document.data["commitments"][0]["period"]["start"] == {"year": 2027, "half": 2}
    window.document.stack.undo()
    assert window.document.data["commitments"][0]["period"]["start"] == {"year": 2026, "half": 2}
    assert half.currentText() == "النصف الثاني" and start.text() == "2026"


def test_a_period_read_from_a_file_shows_its_half_and_month(window: Any) -> None:
    from engine.paths import ROOT

    assert window.open_path(ROOT / "tests" / "fixtures" / "deals" / "staged-series-c.json", confirm=False)
    listing = window.editor.lists["commitments"]
    listing.select_row(0)  # the round: from October 2025 to the second half of 2027
    period = listing.field(("period",))
    assert (period.within["start"].currentText(), period.within["end"].currentText()) == (
        "أكتوبر",
        "النصف الثاني",
    )
    assert period.words.text() == "من أكتوبر 2025 إلى النصف الثاني من 2027"
    stages = listing.field(("stages",))
    assert (
        stages.list.count() == 3
        and stages.field(("milestone",)).editor.currentText() == "الإغلاق وصرف الدفعة الأولى"
    )
