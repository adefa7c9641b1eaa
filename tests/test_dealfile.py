"""Deal files are read strictly: every refusal names the field and the reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine.dealfile import DealError, dump_deal, load_deal, parse_deal, save_deal
from engine.model import Deal, Precision


def problems(text: str) -> list[str]:
    with pytest.raises(DealError) as info:
        parse_deal(text)
    return [str(p) for p in info.value.problems]


def test_sample_has_every_figure_of_the_article(sample_deal: Deal) -> None:
    amounts = {c.id: (c.amount.value, c.amount.precision) for c in sample_deal.commitments}
    assert amounts["anthropic-azure"] == (30e9, Precision.exact)
    assert amounts["nvidia-anthropic"] == (10e9, Precision.up_to)
    assert amounts["microsoft-anthropic"] == (5e9, Precision.up_to)
    assert amounts["amazon-anthropic"] == (8e9, Precision.about)
    (capacity,) = sample_deal.capacities
    assert capacity.power.value == 1 and set(capacity.platforms) == {"Grace Blackwell", "Vera Rubin"}
    metrics = {m.id: m.value for m in sample_deal.metrics}
    assert metrics["azure-growth"].value == 39 and metrics["aws-growth"].value == 17.5
    assert metrics["ai-infra-2025"].value == 400e9 and metrics["ai-infra-2025"].precision is Precision.over
    assert (metrics["ai-infra-2030"].value, metrics["ai-infra-2030"].upper) == (3e12, 4e12)
    assert any(m.year == 2028 and m.kind == "profitability" for m in sample_deal.milestones)


def test_round_trip_is_identical(sample_deal: Deal, tmp_path: Path) -> None:
    path = tmp_path / "deal.json"
    save_deal(sample_deal, path)
    assert load_deal(path) == sample_deal
    assert path.read_text(encoding="utf-8") == dump_deal(sample_deal)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "file is empty"),
        ('{"id": "a", "id": "b"}', "id: duplicate key"),
        ('{"x": NaN}', "NaN"),
        ('{"x": -Infinity}', "-Infinity"),
        ('{"x": 1e400}', "too large"),
        ('{"schema_version": 1, "id": ', "invalid JSON"),
        ("[1, 2]", "JSON object"),
        ("[" * 5000 + "]" * 5000, "nested deeper"),
        ('{"schema_version": 7}', "schema_version: version 7 is newer"),
    ],
)
def test_malformed_files_are_refused(text: str, fragment: str) -> None:
    assert any(fragment in p for p in problems(text))


def mutate(data: dict[str, Any], path: str, value: Any) -> str:
    node: Any = data
    keys = [int(k) if k.isdigit() else k for k in path.split(".")]
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (
            "commitments.0.amount.value",
            -5,
            "commitments[0].amount.value: Input should be greater than or equal to 0",
        ),
        (
            "commitments.0.amount.value",
            1e308,
            "commitments[0].amount.value: Input should be less than or equal",
        ),
        ("commitments.0.amount.value", "30", "commitments[0].amount.value: Input should be a valid number"),
        ("commitments.0.prior", "yes", "commitments[0].prior: Input should be a valid boolean"),
        ("commitments.0.amount.precision", "maybe", "commitments[0].amount.precision: Input should be"),
        ("commitments.0.from_party", "ghost", "commitments[0].from_party: unknown party 'ghost'"),
        ("milestones.0.year", 99999, "milestones[0].year: Input should be less than or equal to 2200"),
        ("milestones.0.year", 1066, "milestones[0].year: Input should be greater than or equal to 1900"),
        ("date", "3025-01-01", "date: year must be between 1900 and 2200"),
        ("title_ar", "x" * 60_000, "title_ar: String should have at most 300 characters"),
        ("narrative.summary", "ن" * 60_000, "narrative.summary: String should have at most 4000 characters"),
        ("title_ar", "a\u0007b", "title_ar: control character U+0007 is not allowed"),
        ("parties.0.name_ar", "\u202eevil", "parties[0].name_ar: control character U+202E"),
        ("title_ar", "سطر\nسطر", "title_ar: line breaks are not allowed here"),
        ("options.digits", "roman", "options.digits: Input should be 'latn' or 'arab'"),
        ("options.accent_color", "red;}", "options.accent_color: String should match pattern"),
        (
            "metrics.0.value.upper",
            50,
            "metrics[0].value.upper: 'upper' is only allowed when precision is 'range'",
        ),
        ("parties", {"id": "x"}, "parties: Input should be a valid"),
    ],
)
def test_bad_values_name_their_field(deal_data: dict[str, Any], path: str, value: Any, fragment: str) -> None:
    found = problems(mutate(deal_data, path, value))
    assert any(fragment in p for p in found), found


def test_every_problem_is_reported_at_once(deal_data: dict[str, Any]) -> None:
    deal_data["commitments"][0]["amount"]["value"] = -1
    deal_data["commitments"][1]["kind"] = "gift"
    deal_data["risks"][0]["likelihood"] = "certain"
    found = problems(json.dumps(deal_data))
    assert len(found) == 3
    assert {p.split(":")[0] for p in found} == {
        "commitments[0].amount.value",
        "commitments[1].kind",
        "risks[0].likelihood",
    }


def test_unknown_fields_are_refused(deal_data: dict[str, Any]) -> None:
    deal_data["parties"][0]["ceo"] = "someone"
    assert any(p.startswith("parties[0].ceo: Extra inputs") for p in problems(json.dumps(deal_data)))
