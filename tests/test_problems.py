"""Problems: stable codes, every one with an Arabic message, naming the record and the field."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from engine.dealfile import check_data
from engine.field_names import FIELDS, describe
from engine.problems import ENGLISH, MESSAGES, Problem, arabic_message

ENGINE = Path(__file__).parents[1] / "engine"


def test_every_code_the_engine_raises_has_an_arabic_message() -> None:
    raised: set[str] = set()
    for source in ENGINE.rglob("*.py"):
        lines = source.read_text(encoding="utf-8").splitlines()
        for here, after in zip(lines, [*lines[1:], ""], strict=False):
            if "Problem(" in here or "fail(" in here:
                raised |= set(re.findall(r'"([a-z]+(?:_[a-z0-9]+)+)"', here + after))
    references = (ENGINE / "references.py").read_text(encoding="utf-8")
    raised |= set(re.findall(r'"((?:unknown|duplicate|not_a)_[a-z_]+)"', references))
    raised -= set(FIELDS)  # field names in paths, not codes
    assert {"range_needs_upper", "control_character", "unknown_party", "invalid_json"} <= raised
    assert raised <= set(MESSAGES), raised - set(MESSAGES)
    assert set(ENGLISH) <= set(MESSAGES)


def test_a_draft_reports_field_and_reference_problems_together(deal_data: dict[str, Any]) -> None:
    deal_data["commitments"][0]["amount"]["value"] = -1  # a field problem stops the model's own checks
    deal_data["commitments"][1]["from_party"] = "ghost"
    deal_data["commitments"][2]["to_party"] = "phantom"
    deal_data["metrics"][0]["subject"] = "nobody"
    deal_data["parties"][1]["id"] = deal_data["parties"][0]["id"]
    found = [(p.path, p.code) for p in check_data(deal_data).problems]
    assert found[0] == ("commitments[0].amount.value", "greater_than_equal")
    assert ("commitments[1].from_party", "unknown_party") in found
    assert ("commitments[2].to_party", "unknown_party") in found
    assert ("metrics[0].subject", "unknown_party") in found
    assert ("parties[1].id", "duplicate_id") in found


def test_messages_isolate_their_values_and_name_record_and_field(deal_data: dict[str, Any]) -> None:
    problem = Problem("commitments[1].from_party", "unknown party 'ghost'", "unknown_party", {"ref": "ghost"})
    assert problem.arabic == "لا يوجد طرف بالمعرّف \u2068ghost\u2069"
    assert describe(problem.location, deal_data) == "الالتزام من «إنفيديا» إلى «أنثروبيك» ← من"
    assert arabic_message("less_than_equal", {"le": 2200.0}) == "يجب ألا يزيد على \u20682200\u2069"
    # A field a newer model adds is still named (isolated, as typed) and explained by its error type.
    assert describe(("commitments", 0, "tranche_of"), deal_data).endswith("← \u2068tranche_of\u2069")
    assert arabic_message("some_future_check", {}) == "قيمة غير صالحة"


def test_problems_round_trip_through_json(deal_data: dict[str, Any]) -> None:
    deal_data["options"]["accent_color"] = "teal"
    (problem,) = check_data(json.loads(json.dumps(deal_data))).problems
    assert (problem.path, problem.code) == ("options.accent_color", "string_pattern_mismatch")
    assert problem.arabic == "لون غير صالح: اكتبه بالصيغة \u2068#0b5c6b\u2069"
