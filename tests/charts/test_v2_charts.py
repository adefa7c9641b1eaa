"""Charts of schema-2 deals: tranches never counted twice, several parties per side, half-year dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from engine.charts import chart_options, commitments, draw_charts, draw_figure, flows, timeline
from engine.charts.text import visual
from engine.dealfile import load_deal
from engine.model import Deal, Digits
from tests.charts.conftest import texts, with_digits

AMD = Path(__file__).parent.parent / "fixtures" / "amd_openai.json"


@pytest.fixture(scope="module")
def amd() -> Deal:
    return load_deal(AMD)


def joint_venture(n_commitments: int = 1) -> Deal:
    """Two founders pay a joint venture together; optionally many small commitments besides."""
    parties = [
        {"id": "a", "name_ar": "الشريك الأول"},
        {"id": "b", "name_ar": "الشريك الثاني"},
        {"id": "jv", "name_ar": "المشروع المشترك", "role": "joint_venture"},
    ]
    joint: dict[str, Any] = {
        "id": "founding",
        "from_party": "a",
        "also_from": ["b"],
        "to_party": "jv",
        "kind": "cash",
        "amount": {"value": 7e9, "unit": "USD"},
    }
    small = [
        {
            "id": f"s{i}",
            "from_party": "jv",
            "to_party": "a",
            "kind": "other",
            "amount": {"value": 1e6 * (i + 1), "unit": "USD"},
        }
        for i in range(n_commitments - 1)
    ]
    return Deal.model_validate(
        {
            "id": "jv",
            "title_ar": "مشروع",
            "date": "2026-01-01",
            "parties": parties,
            "commitments": [joint, *small],
        }
    )


def test_a_tranche_is_drawn_inside_its_whole_not_as_a_bar(amd: Deal) -> None:
    panels = commitments.extract(amd)
    assert panels is not None
    drawn_bars = [bar for panel in panels for bar in panel.bars]
    assert len(drawn_bars) == len(amd.wholes()) == len(amd.commitments) - 1
    supply = next(bar for bar in drawn_bars if bar.parts)
    assert supply.amount.value == 6 and [q.value for _, q in supply.parts] == [1]
    fig = draw_figure(commitments, panels, chart_options(amd))
    strips = [p for p in fig.findobj(Rectangle) if p.get_gid() == "tranche"]
    assert len(strips) == 1 and strips[0].get_width() == pytest.approx(1)
    shown = texts(fig)
    # One panel per unit, each headed by what it counts.
    for heading in ("قدرة (جيجاواط)", "أسهم", "بالدولار الأمريكي"):
        assert visual(heading) in shown


def test_joint_commitment_is_labelled_once(amd: Deal) -> None:
    deal = joint_venture()
    data = flows.extract(deal)
    assert data is not None
    by_pair = {(e.source, e.target): e for e in data.edges}
    assert by_pair[("a", "jv")].amounts and not by_pair[("a", "jv")].shared
    assert by_pair[("b", "jv")].shared and not by_pair[("b", "jv")].amounts
    shown = texts(draw_figure(flows, data, chart_options(deal)))
    assert sum(text == visual("7 مليارات دولار") for text in shown) == 1
    assert visual("شريك في التزام مكتوب على سهم آخر") in shown


def test_flows_between_the_same_parties_share_one_arrow(amd: Deal) -> None:
    data = flows.extract(amd)
    assert data is not None
    pairs = [(e.source, e.target) for e in data.edges]
    assert len(pairs) == len(set(pairs))
    amd_to_openai = next(e for e in data.edges if (e.source, e.target) == ("amd", "openai"))
    assert sorted(q.unit.value for q in amd_to_openai.amounts) == ["GW", "shares"]  # the tranche is not here
    assert draw_charts(amd)["flows"].title_ar.startswith("مسارات القيمة")


def test_half_year_and_quarter_dates_on_the_timeline(amd: Deal) -> None:
    events = timeline.extract(amd)
    assert events is not None
    h2 = next(e for e in events if e.date.half == 2)
    q4 = next(e for e in events if e.date.quarter == 4)
    assert h2.when == pytest.approx(2026.75) and h2.span == (2026.5, 2027.0)
    assert q4.when == pytest.approx(2026.875) and q4.span == (2026.75, 2027.0)
    options = chart_options(amd)
    assert timeline.event_text(h2, options).startswith("النصف الثاني من ٢٠٢٦\n")
    assert timeline.event_text(q4, options).startswith("ليس قبل الربع الرابع من ٢٠٢٦\n")
    fig = draw_figure(timeline, events, options)
    spans = [line for line in fig.findobj(Line2D) if line.get_gid() == "span"]
    assert sorted(tuple(line.get_xdata()) for line in spans) == [(2026.5, 2027.0), (2026.75, 2027.0)]
    # Each span's ends are marked in white, so periods that touch do not read as one long band.
    ends = [line for line in fig.findobj(Line2D) if line.get_gid() == "span-end"]
    assert sorted(tuple(line.get_xdata()) for line in ends) == [(2026.5, 2027.0), (2026.75, 2027.0)]
    assert all(line.get_color() == "white" and line.get_zorder() > spans[0].get_zorder() for line in ends)


@pytest.mark.parametrize(
    ("extra", "digits", "label"),
    [
        # MAX_BARS + extra commitments: MAX_BARS - 1 bars, and one bar summing the extra + 1 smallest.
        (1, Digits.latn, "التزامان آخران"),
        (2, Digits.latn, "3 التزامات أخرى"),
        (7, Digits.arab, "٨ التزامات أخرى"),
        (11, Digits.arab, "١٢ التزامًا آخر"),
    ],
)
def test_the_others_bar_counts_in_the_report_digits(extra: int, digits: Digits, label: str) -> None:
    deal = with_digits(joint_venture(commitments.MAX_BARS + extra), digits)
    panels = commitments.extract(deal)
    assert panels is not None and len(panels[0].bars) == commitments.MAX_BARS
    assert panels[0].bars[-1].others == extra + 1
    drawn = texts(draw_figure(commitments, panels, chart_options(deal)))
    assert any(t.startswith(visual(label)) for t in drawn)


def test_four_partners_of_a_joint_venture_one_amount() -> None:
    deal = load_deal(AMD.parent / "stargate.json")
    data = flows.extract(deal)
    assert data is not None
    labelled = [e for e in data.edges if e.amounts]
    assert [(e.source, e.target) for e in labelled] == [("softbank", "stargate")]
    assert [q.value for q in labelled[0].amounts] == [500e9]  # the $100B tranche is inside it
    assert sorted(e.source for e in data.edges if e.shared) == ["mgx", "openai", "oracle"]


@pytest.mark.parametrize(
    ("n", "digits", "line"),
    [
        # Arabic counting: 2 takes the dual, 3–10 the plural after the figure (README, counting rule).
        (2, Digits.latn, "منها شريحتان"),
        (3, Digits.arab, "منها ٣ شرائح"),
        (3, Digits.latn, "منها 3 شرائح"),
    ],
)
def test_several_tranches_are_counted_under_their_whole_and_drawn_apart(
    n: int, digits: Digits, line: str
) -> None:
    raw: dict[str, Any] = {
        "id": "round",
        "title_ar": "جولة",
        "date": "2025-09-15",
        "parties": [{"id": "lead", "name_ar": "الصندوق"}, {"id": "co", "name_ar": "الشركة"}],
        "commitments": [
            {
                "id": "whole",
                "from_party": "lead",
                "to_party": "co",
                "kind": "equity_investment",
                "amount": {"value": 450e6, "unit": "EUR", "precision": "up_to"},
            },
        ]
        + [
            {
                "id": f"t{i}",
                "from_party": "lead",
                "to_party": "co",
                "kind": "equity_investment",
                "amount": {"value": 100e6, "unit": "EUR"},
                "part_of": "whole",
                "label_ar": f"الدفعة {i}",
            }
            for i in range(n)
        ],
        "options": {"digits": digits.value},
    }
    deal = Deal.model_validate(raw)
    panels = commitments.extract(deal)
    assert panels is not None
    (bar,) = [bar for panel in panels for bar in panel.bars]
    label = commitments.bar_label(bar, chart_options(deal))
    assert label.splitlines()[-1] == line
    fig = draw_figure(commitments, panels, chart_options(deal))
    strips = [p for p in fig.findobj(Rectangle) if p.get_gid() == "tranche"]
    # One strip per tranche, side by side, each edged in white so they read apart.
    assert [s.get_x() for s in strips] == pytest.approx([100e6 * i for i in range(n)])
    assert all(s.get_edgecolor()[:3] == (1.0, 1.0, 1.0) for s in strips)


@pytest.mark.parametrize(
    ("payers", "first_line"),
    [
        # Both names fit the line: Arabic lists them with «و» on the last one.
        (["أ", "ب"], "أ وب ← المشروع المشترك"),
        # Too long together: the first name and how many others («طرف آخر», dual «طرفان آخران»),
        # never a cut that hides a payer.
        (["الشريك الأول", "الشريك الثاني"], "الشريك الأول وطرف آخر ← المشروع المشترك"),
        (["الصندوق", "البنك الأوروبي", "الشريك الثالث"], "الصندوق وطرفان آخران ← المشروع المشترك"),
        # A first name too long for what is left is cut at a word, the count kept.
        (["صندوق الاستثمارات العامة", "مبادلة"], "صندوق… وطرف آخر ← المشروع المشترك"),
    ],
)
def test_a_bar_with_several_payers_names_or_counts_them_all(payers: list[str], first_line: str) -> None:
    ids = [f"p{i}" for i in range(len(payers))]
    deal = Deal.model_validate(
        {
            "id": "jv",
            "title_ar": "مشروع",
            "date": "2026-01-01",
            "parties": [
                *({"id": i, "name_ar": n} for i, n in zip(ids, payers, strict=True)),
                {"id": "jv", "name_ar": "المشروع المشترك", "role": "joint_venture"},
            ],
            "commitments": [
                {
                    "id": "c",
                    "from_party": ids[0],
                    "also_from": ids[1:],
                    "to_party": "jv",
                    "kind": "cash",
                    "amount": {"value": 7e9, "unit": "USD"},
                },
            ],
        }
    )
    panels = commitments.extract(deal)
    assert panels is not None
    label = commitments.bar_label(panels[0].bars[0], chart_options(deal))
    assert label.splitlines()[0] == first_line


def test_a_narrow_chart_cuts_a_joint_side_after_a_whole_word() -> None:
    deal = Deal.model_validate(
        {
            "id": "jv",
            "title_ar": "مشروع",
            "date": "2026-01-01",
            "parties": [
                {"id": "pif", "name_ar": "صندوق الاستثمارات العامة"},
                {"id": "mub", "name_ar": "مبادلة"},
                {"id": "h", "name_ar": "هيوماين"},
            ],
            "commitments": [
                {
                    "id": "c",
                    "from_party": "pif",
                    "also_from": ["mub"],
                    "to_party": "h",
                    "kind": "loan",
                    "amount": {"value": 4e9, "unit": "SAR"},
                },
            ],
        }
    )
    panels = commitments.extract(deal)
    assert panels is not None
    narrow = chart_options(deal, width_in=2.2)
    assert commitments.side(panels[0].bars[0].payers, narrow) == "صندوق… وطرف آخر"


def test_a_co_payer_with_its_own_commitment_still_shows_its_share_in_the_joint_one() -> None:
    raw = joint_venture().model_dump(mode="json")
    raw["commitments"].append(
        {
            "id": "own",
            "from_party": "b",
            "to_party": "jv",
            "kind": "equity_investment",
            "amount": {"value": 3e9},
        }
    )
    deal = Deal.model_validate(raw)
    data = flows.extract(deal)
    assert data is not None
    edge = next(e for e in data.edges if (e.source, e.target) == ("b", "jv"))
    assert [q.value for q in edge.amounts] == [3e9] and edge.partner_in == 1
    shown = texts(draw_figure(flows, data, chart_options(deal)))
    # Its own amount, then its part in the joint commitment whose amount is on the first payer's arrow.
    assert visual("3 مليارات دولار\nوشريك في التزام آخر") in shown
    assert "وشريك في التزام مشترك" in flows.alt(data, chart_options(deal))


@pytest.mark.parametrize(
    ("n", "line"),
    [(1, "وشريك في التزام آخر"), (2, "وشريك في التزامين آخرين"), (3, "وشريك في 3 التزامات أخرى")],
)
def test_the_partner_line_counts_by_arabic_grammar(n: int, line: str) -> None:
    # After «في» the dual is oblique (التزامين) and its adjective agrees (آخرين); 3–10 take a plural
    # and the feminine singular adjective (أخرى).
    assert flows.partner_line(n, chart_options(joint_venture())) == line
