"""Template context of schema-2 deals: tranches under their whole, joint sides, stages, titles in digits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine.context import build_context
from engine.dealfile import load_deal, parse_deal
from engine.model import Deal

AMD = Path(__file__).parent / "fixtures" / "amd_openai.json"
CONTROLS = "\u2066\u2067\u2068\u2069\u061c"


def bare(text: str) -> str:
    return "".join(ch for ch in text if ch not in CONTROLS)


@pytest.fixture(scope="module")
def amd() -> Deal:
    return load_deal(AMD)


def test_a_tranche_is_listed_under_its_whole_and_never_as_a_key_figure(amd: Deal) -> None:
    context = build_context(amd, {})
    rows = [(bare(c["amount"]), c["tranche"]) for c in context.commitments]
    # Money first; then the other units, largest first; the tranche right under its whole.
    assert rows == [
        ("عشرات المليارات من الدولارات", False),
        ("حتى ١٦٠ مليون سهم", False),
        ("٦ جيجاواط", False),
        ("جيجاواط واحد", True),
    ]
    assert bare(context.commitments[3]["label"]) == "الشريحة الأولى"
    assert "جيجاواط واحد" not in [bare(f.value) for f in context.key_figures]


def test_a_milestone_names_the_stages_it_releases(amd: Deal) -> None:
    milestones = build_context(amd, {}).milestones
    first_gw = next(m for m in milestones if m["when"] == "النصف الثاني من ٢٠٢٦")
    assert [bare(r) for r in first_gw["releases"]] == ["حق شراء أسهم (ضمان اكتتاب): تستحق الشريحة الأولى"]


def test_periods_and_stages_are_written_out(amd: Deal) -> None:
    supply, warrant = build_context(amd, {}).commitments[2], build_context(amd, {}).commitments[1]
    assert bare(supply["period"]) == "ابتداءً من النصف الثاني من ٢٠٢٦"
    assert [bare(s) for s in warrant["stages"]] == [
        "تستحق الشريحة الأولى (النصف الثاني من ٢٠٢٦)",
        "تستحق شرائح تالية مع توسّع النشر حتى ٦ جيجاواط",
        "تستحق الشريحة الأخيرة حين يبلغ سعر سهم إيه إم دي: ٦٠٠ دولار",
    ]


def _joint(title: str, digits: str = "arab") -> dict[str, Any]:
    return {
        "id": "joint",
        "title_ar": title,
        "date": "2026-01-01",
        "parties": [
            {"id": "a", "name_ar": "صندوق 1"},
            {"id": "b", "name_ar": "Partner 2"},
            {"id": "c", "name_ar": "المشروع"},
        ],
        "commitments": [
            {
                "id": "gw",
                "from_party": "a",
                "also_from": ["b"],
                "to_party": "c",
                "kind": "cash",
                "amount": {"value": 100e9, "unit": "USD", "precision": "up_to"},
                "period": {"years": 4},
                "stages": [{"label_ar": "مع كل مرحلة", "amount": {"value": 10e9}, "per_ar": "جيجاواط يُنشر"}],
            }
        ],
        "options": {"digits": digits},
    }


def test_a_side_with_several_parties_and_a_rate_per_stage() -> None:
    context = build_context(parse_deal(json.dumps(_joint("مشروع"), ensure_ascii=False)), {})
    row = context.commitments[0]
    # An Arabic name takes the report's digits; a Latin one keeps its own.
    assert bare(row["source"]) == "صندوق ١ وPartner 2"
    assert bare(row["period"]) == "على مدى ٤ سنوات"
    assert bare(row["stages"][0]) == "مع كل مرحلة: ١٠ مليارات دولار لكل جيجاواط يُنشر"
    assert bare(context.key_figures[0].detail) == "صندوق ١ وPartner 2 ← المشروع"


@pytest.mark.parametrize(
    ("title", "digits", "page", "meta"),
    [
        (
            "OpenAI وإيه إم دي: 6 جيجاواط",
            "arab",
            "OpenAI وإيه إم دي: ٦ جيجاواط",
            "OpenAI وإيه إم دي: ٦ جيجاواط",
        ),
        ("صفقة 500 مليار مع GB200", "arab", "صفقة ٥٠٠ مليار مع GB200", "صفقة ٥٠٠ مليار مع GB200"),
        ("صفقة 500 مليار مع GB200", "latn", "صفقة 500 مليار مع GB200", "صفقة 500 مليار مع GB200"),
        ("Stargate 2025", "arab", "Stargate 2025", "Stargate 2025"),
    ],
)
def test_titles_follow_the_digit_setting_by_the_latin_token_rule(
    title: str, digits: str, page: str, meta: str
) -> None:
    context = build_context(parse_deal(json.dumps(_joint(title, digits), ensure_ascii=False)), {})
    assert bare(context.title) == page
    assert context.meta["title"] == meta and not set(context.meta["title"]) & set(CONTROLS)
    # One isolate around the whole title, right-to-left whenever it holds an Arabic letter (even
    # when it begins with a Latin name), left-to-right for Latin-only text.
    opening = "\u2066" if title == "Stargate 2025" else "\u2067"
    assert context.title == f"{opening}{page}\u2069"


def test_a_joint_venture_tranche_counts_once() -> None:
    """ "$100B now, of up to $500B over four years", paid by four partners into their joint venture."""
    deal = load_deal(Path(__file__).parent / "fixtures" / "stargate.json")
    context = build_context(deal, {})
    assert [bare(f.value) for f in context.key_figures] == ["حتى 500 مليار دولار"]
    whole, part = context.commitments
    assert bare(whole["source"]) == "سوفت بنك، أوبن إيه آي، أوراكل وإم جي إكس"
    assert bare(whole["period"]) == "على مدى 4 سنوات، من 2025 إلى 2029"
    assert part["tranche"] and bare(part["amount"]) == "100 مليار دولار"
    # A day in January comes before "the first half", whose middle is in April.
    assert [m["when"] for m in context.milestones] == ["21 يناير 2025", "النصف الأول من 2025", "2029"]


@pytest.mark.parametrize(
    ("period", "digits", "expected"),
    [
        # A value with no letter is a bare figure: it follows the digit setting (README, Latin-token rule).
        ("2024", "arab", "٢٠٢٤"),
        ("2026–2027", "arab", "٢٠٢٦–٢٠٢٧"),
        ("2024", "latn", "2024"),
        # Latin letters and no Arabic one: a Latin token, kept as typed.
        ("FY2024", "arab", "FY2024"),
        ("خلال 2025", "arab", "خلال ٢٠٢٥"),
    ],
)
def test_a_period_typed_as_a_bare_year_follows_the_digit_setting(
    period: str, digits: str, expected: str
) -> None:
    raw = _joint("مشروع", digits)
    raw["metrics"] = [{"id": "m", "label_ar": "إيرادات", "value": {"value": 5e6}, "period_ar": period}]
    context = build_context(parse_deal(json.dumps(raw, ensure_ascii=False)), {})
    assert bare(context.metrics[0]["period"]) == expected
