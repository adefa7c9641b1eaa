"""Schema version 2: several parties per side, tranches, periods, stages, dates as precise as known."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from engine.dates import format_period, format_relation, format_when
from engine.dealfile import DealError, load_deal, parse_deal
from engine.model import Digits, PartialDate, Period, Relation

AMD = Path(__file__).parent / "fixtures" / "amd_openai.json"
L, A = Digits.latn, Digits.arab


@pytest.fixture
def data() -> dict[str, Any]:
    return json.loads(AMD.read_text(encoding="utf-8"))


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DealError) as caught:
        parse_deal(json.dumps(data, ensure_ascii=False))
    return [str(p) for p in caught.value.problems]


def one_problem(data: dict[str, Any], where: str, why: str) -> None:
    """Exactly one problem, at this field (or inside it), saying why."""
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(where) and why in found[0], found


def test_the_hand_written_deal_uses_the_new_concepts() -> None:
    deal = load_deal(AMD)
    kinds = {c.kind.value for c in deal.commitments}
    assert {"warrant", "hardware_supply"} <= kinds
    tranche = next(c for c in deal.commitments if c.part_of)
    assert tranche.part_of == "gpu-supply" and deal.tranches("gpu-supply") == (tranche,)
    assert tranche not in deal.wholes()
    assert any(m.half == 2 for m in deal.milestones)
    assert deal.party("openai").roles[0].value == "ai_developer" and len(deal.party("openai").roles) == 3


def test_several_parties_on_each_side(data: dict[str, Any]) -> None:
    data["parties"].append({"id": "mgx", "name_ar": "إم جي إكس"})
    c = data["commitments"][2]
    c["also_from"] = ["mgx"]
    deal = parse_deal(json.dumps(data, ensure_ascii=False))
    assert deal.commitments[2].payers == ("openai", "mgx")
    c["also_to"] = ["nobody"]
    one_problem(data, "commitments[2].also_to", "unknown party 'nobody'")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"part_of": "missing"}, "commitments[1].part_of: unknown commitment 'missing'"),
        (
            {"amount": {"value": 7, "unit": "GW"}},
            "commitments[1].part_of: a tranche cannot be larger than its whole",
        ),
        (
            {"amount": {"value": 1e9, "unit": "USD"}},
            "commitments[1].part_of: a tranche must be in the unit of its whole (GW)",
        ),
    ],
)
def test_a_tranche_must_fit_its_whole(data: dict[str, Any], change: dict[str, Any], expected: str) -> None:
    data["commitments"][1].update(change)
    assert problems(data) == [expected]


def test_tranches_cannot_loop(data: dict[str, Any]) -> None:
    data["commitments"][0]["part_of"] = "first-gigawatt"
    found = problems(data)
    assert any(p.startswith("commitments[0].part_of") and "tranches form a loop" in p for p in found)


def test_a_stage_names_an_existing_milestone(data: dict[str, Any]) -> None:
    data["commitments"][3]["stages"][0]["milestone"] = "someday"
    one_problem(data, "commitments[3].stages[0].milestone", "unknown milestone 'someday'")


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"half": 2, "quarter": 3}, "give only one of half, quarter and month"),
        ({"day": 5}, "a day needs its month"),
        ({"month": 2, "day": 30}, "day 30 is not in month 2 of 2026"),
        ({"quarter": 5}, "less than or equal to 4"),
    ],
)
def test_a_milestone_date_names_one_period(data: dict[str, Any], parts: dict[str, int], message: str) -> None:
    milestone = data["milestones"][1]
    milestone.pop("half")
    milestone.update(parts)
    one_problem(data, "milestones[1]", message)


def test_a_period_ends_after_it_starts(data: dict[str, Any]) -> None:
    data["commitments"][0]["period"] = {"start": {"year": 2027}, "end": {"year": 2026, "half": 2}}
    one_problem(data, "commitments[0].period", "the period ends before it starts")


def test_precision_and_unit_limits(data: dict[str, Any]) -> None:
    bad = copy.deepcopy(data)
    bad["metrics"][0]["value"] = {"value": 120, "unit": "equity_percent"}
    one_problem(bad, "metrics[0].value", "a share of equity above 100% is not possible")
    bad = copy.deepcopy(data)
    bad["commitments"][2]["amount"] = {"value": 5, "unit": "USD", "precision": "magnitude"}
    one_problem(bad, "commitments[2].amount", "needs a value of 10 or more")


@pytest.mark.parametrize(
    ("date", "digits", "expected"),
    [
        (PartialDate(year=2025, quarter=3), A, "الربع الثالث من ٢٠٢٥"),
        (PartialDate(year=2026, half=2), L, "النصف الثاني من 2026"),
        (PartialDate(year=2026, half=1), L, "النصف الأول من 2026"),
        (PartialDate(year=2026), A, "٢٠٢٦"),
        (PartialDate(year=2025, month=11), L, "نوفمبر 2025"),
        (PartialDate(year=2025, month=11, day=18), A, "١٨ نوفمبر ٢٠٢٥"),
    ],
)
def test_dates_are_written_as_precisely_as_they_are_known(
    date: PartialDate, digits: Digits, expected: str
) -> None:
    assert format_when(date, digits) == expected


def test_dates_with_their_relation() -> None:
    assert format_relation(PartialDate(year=2026, half=2), Relation.by, L) == "بحلول النصف الثاني من 2026"
    assert format_relation(PartialDate(year=2028), Relation.not_before, A) == "ليس قبل ٢٠٢٨"
    assert format_relation(PartialDate(year=2025, quarter=4), Relation.on, L) == "الربع الرابع من 2025"


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period(years=4), "على مدى 4 سنوات"),
        (Period(years=2), "على مدى سنتين"),  # the oblique dual after «مدى»
        (Period(years=1), "على مدى سنة واحدة"),
        (Period(start=PartialDate(year=2026), end=PartialDate(year=2030)), "من 2026 إلى 2030"),
        (Period(start=PartialDate(year=2026, half=2)), "ابتداءً من النصف الثاني من 2026"),
        (Period(years=5, end=PartialDate(year=2030)), "على مدى 5 سنوات، حتى 2030"),
    ],
)
def test_periods(period: Period, expected: str) -> None:
    assert format_period(period, L) == expected


def test_milestones_order_by_the_start_of_their_period() -> None:
    h2 = PartialDate(year=2026, half=2)
    q3 = PartialDate(year=2026, quarter=3)
    july = PartialDate(year=2026, month=7)
    assert h2.start == q3.start == july.start == 2026.5
    assert h2.end == 2027.0 and q3.end == 2026.75
