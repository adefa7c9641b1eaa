"""Arabic validation messages and number entry, without an event loop."""

from __future__ import annotations

import copy
from typing import Any

from engine.dealfile import DealError, deal_from_data
from gui.record_model import typed_number
from gui.validation import check_deal


def test_check_deal_agrees_with_the_engine(deal_data: dict[str, Any]) -> None:
    assert check_deal(deal_data).deal == deal_from_data(deal_data)
    bad = copy.deepcopy(deal_data)
    bad["commitments"][0]["amount"]["value"] = -1
    bad["options"]["accent_color"] = "teal"
    bad["parties"][0]["id"] = "Bad Id"
    verdict = check_deal(bad)
    assert verdict.deal is None
    try:
        deal_from_data(bad)
    except DealError as exc:
        engine_paths = {p.path for p in exc.problems}
    assert {p.path for p in verdict.problems} == engine_paths
    assert verdict.at("commitments[0].amount") == ["يجب ألا يقل عن 0"]
    assert verdict.at("options.accent_color")[0].startswith("لون غير صالح")
    assert verdict.at("parties[0].id")[0].startswith("معرّف غير صالح")


def test_every_message_is_arabic(deal_data: dict[str, Any]) -> None:
    bad = copy.deepcopy(deal_data)
    bad["title_ar"] = "سطر\nثان"
    bad["date"] = "1800-01-01"
    bad["milestones"][0]["month"] = 13
    bad["metrics"][0]["value"]["upper"] = 50
    bad["risks"][0]["likelihood"] = "extreme"
    bad["extra"] = 1
    for problem in check_deal(bad).problems:
        assert any("\u0600" <= ch <= "\u06ff" for ch in problem.message), problem


def test_typed_numbers() -> None:
    assert typed_number("30,000,000,000") == 30_000_000_000
    assert typed_number("٣٠٬٥") == 305
    assert typed_number("17.5") == 17.5
    assert typed_number("1e9") == 1_000_000_000
    assert typed_number("٢٠٢٥", integer=True) == 2025
    assert typed_number("ثلاثون") == "ثلاثون"


def test_amounts_are_shown_as_the_report_writes_them(qtbot: Any, deal_data: dict[str, Any]) -> None:
    from PySide6.QtCore import Qt

    from gui.document import DealDocument
    from gui.record_model import RecordTableModel
    from gui.sections import SECTIONS

    document = DealDocument()
    document.reset(deal_data, None)
    section = next(s for s in SECTIONS if s.key == "commitments")
    model = RecordTableModel(document, ("commitments",), section.columns)
    words = next(i for i, c in enumerate(model.columns) if c.kind == "words")
    value = next(i for i, c in enumerate(model.columns) if c.key == ("amount", "value"))
    assert model.index(0, words).data() == "30 مليار دولار"
    assert model.index(1, words).data() == "حتى 10 مليارات دولار"
    assert not model.flags(model.index(0, words)) & Qt.ItemFlag.ItemIsEditable
    document.set_value(("options", "digits"), "arab")
    assert model.index(0, words).data() == "٣٠ مليار دولار"
    model.setData(model.index(0, value), "-5")
    assert model.index(0, words).data() == ""
    assert all("كما يظهر" not in line for line in model.problem_lines())
