"""What the charts draw, checked on the figures themselves: texts, bars, axes, digits, cache."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from engine.amounts import format_amount
from engine.charts import (
    CHART_CACHE,
    chart_options,
    commitments,
    draw_charts,
    draw_figure,
    flows,
    growth,
    spending,
    timeline,
)
from engine.charts.text import NATIVE_SHAPING, visual
from engine.model import Deal, Digits, Precision
from tests.charts.conftest import drawn, texts, with_digits

MODULES = {m.NAME: m for m in (commitments, flows, growth, spending, timeline)}
LATIN_DIGIT = re.compile(r"[0-9]")
ARABIC_DIGIT = re.compile(r"[٠-٩]")


def figure(name: str, deal: Deal) -> Figure:
    module = MODULES[name]
    return draw_figure(module, module.extract(deal), chart_options(deal))


def bars(fig: Figure, prefix: str = "bar-") -> list[Rectangle]:
    return [p for p in fig.findobj(Rectangle) if (p.get_gid() or "").startswith(prefix)]


def test_sample_has_all_five_charts_numbered_in_order(sample: Deal) -> None:
    charts = draw_charts(sample)
    assert list(charts) == ["commitments", "flows", "growth", "spending", "timeline"]
    assert [c.number for c in charts.values()] == [1, 2, 3, 4, 5]
    for chart in charts.values():
        drawing = chart.drawing("full")  # placed onto the page after layout, as a vector form
        assert drawing.startswith(b"%PDF-")
        with pikepdf.open(io.BytesIO(drawing)) as pdf:  # text as paths: no font to embed or extract
            assert not pdf.pages[0].Resources.get("/Font")
        assert re.search("[\u0600-\u06ff]", chart.title_ar)
        assert re.search("[\u0600-\u06ff]", chart.alt_ar)
    assert charts["growth"].title_ar == "نمو الإيرادات السحابية"


def test_commitment_bars_are_sorted_and_match_the_deal(sample: Deal) -> None:
    fig = figure("commitments", sample)
    drawn = bars(fig)
    expected = sorted((c.amount for c in sample.commitments), key=lambda q: -q.high)
    assert [b.get_width() for b in sorted(drawn, key=lambda b: b.get_y())] == [q.value for q in expected]
    by_kind = {b.get_gid(): b for b in drawn}
    assert by_kind["bar-up_to"].get_hatch() and by_kind["bar-up_to"].get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert by_kind["bar-about"].get_hatch() and by_kind["bar-about"].get_linestyle() == "dashed"
    assert not by_kind["bar-exact"].get_hatch()
    shown = texts(fig)
    for q in expected:
        assert visual(format_amount(q, Digits.latn, isolate=False)) in shown
    assert visual("حتى 10 مليارات دولار") in shown
    ax = fig.axes[0]
    assert ax.xaxis_inverted()  # bars grow leftwards from their labels on the right
    assert ax.yaxis.get_ticks_position() == "right"


def test_value_axis_on_the_right_and_percent_convention(sample: Deal) -> None:
    for name in ("growth", "spending"):
        ax = figure(name, sample).axes[0]
        assert ax.yaxis.get_ticks_position() == "right"
        assert ax.yaxis.get_label_position() == "right"
    fig = figure("growth", sample)
    heights = sorted(b.get_height() for b in bars(fig))
    assert heights == [17.5, 39.0]
    shown = texts(fig)
    assert visual("\u2067\u061c39%\u2069") in shown
    assert visual("\u2067\u061c17.5%\u2069") in shown


@pytest.mark.parametrize("name", list(MODULES))
def test_arabic_digits_everywhere_when_chosen(sample: Deal, name: str) -> None:
    shown = texts(figure(name, with_digits(sample, Digits.arab)))
    assert not [t for t in shown if LATIN_DIGIT.search(t)]
    assert any(ARABIC_DIGIT.search(t) for t in shown)


@pytest.mark.parametrize("name", list(MODULES))
@pytest.mark.parametrize("digits", list(Digits))
def test_nothing_clipped_nothing_overlapping_no_math(sample: Deal, name: str, digits: Digits) -> None:
    fig = figure(name, with_digits(sample, digits))
    _check_layout(fig)


def _check_layout(fig: Figure) -> None:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = fig.bbox
    shown = drawn(fig)
    for t in shown:
        assert t.get_parse_math() is False, t.get_text()
        box = t.get_window_extent(renderer)
        assert box.x0 >= frame.x0 - 1 and box.x1 <= frame.x1 + 1, t.get_text()
        assert box.y0 >= frame.y0 - 1 and box.y1 <= frame.y1 + 1, t.get_text()
    labels = [t for t in shown if t.get_gid() in ("value", "event", "flow-label", "point-label")]
    for ax in fig.axes:
        labels += [t for t in ax.get_yticklabels() + ax.get_xticklabels() if t in shown]
    boxes = [(t, t.get_window_extent(renderer)) for t in labels]
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1 :]:
            assert not b1.overlaps(b2), (t1.get_text(), t2.get_text())


def test_flows_mark_the_circular_money(sample: Deal) -> None:
    data = flows.extract(sample)
    assert data is not None
    loops = flows.in_cycle(data)
    assert ("anthropic", "microsoft") in loops and ("microsoft", "anthropic") in loops
    assert ("nvidia", "anthropic") in loops  # Anthropic pays Azure, which runs on Nvidia hardware
    assert ("amazon", "anthropic") not in loops
    implied = [e for e in data.edges if e.implied]
    assert [(e.source, e.target) for e in implied] == [("microsoft", "nvidia")]
    shown = texts(figure("flows", sample))
    assert visual("مال يعود إلى مصدره (حلقة دائرية)") in shown
    assert visual("30 مليار دولار") in shown


def test_spending_range_is_a_band(sample: Deal) -> None:
    fig = figure("spending", sample)
    band = [c for c in fig.findobj(PolyCollection) if c.get_gid() == "band"]
    assert len(band) == 1
    ys = band[0].get_paths()[0].vertices[:, 1]
    assert ys.max() == pytest.approx(4e12) and ys.min() == pytest.approx(4e11)
    assert visual("3–4 تريليونات دولار") in texts(fig)


def test_timeline_lists_every_milestone(sample: Deal) -> None:
    fig = figure("timeline", sample)
    events = [t.get_text() for t in fig.findobj(Text) if t.get_gid() == "event"]
    assert len(events) == len(sample.milestones)
    assert any(
        visual("ليس قبل 2028") in e.split("\n")[0] or visual("ليس قبل 2028") == e.split("\n")[0]
        for e in events
    )


def test_second_call_is_served_from_the_cache(sample: Deal) -> None:
    # Two entries per chart: its drawing, and beside it what its own text check found.
    first = draw_charts(sample)
    assert CHART_CACHE.info().misses == 2 * 5 and CHART_CACHE.info().hits == 0
    second = draw_charts(sample)
    assert CHART_CACHE.info().hits == 2 * 5 and CHART_CACHE.info().misses == 2 * 5
    assert second == first
    arab = draw_charts(with_digits(sample, Digits.arab))
    assert CHART_CACHE.info().misses == 2 * 10
    assert arab["growth"].data_uri != first["growth"].data_uri
    # Fields no chart shows do not cause a redraw.
    renamed = sample.model_copy(update={"title_ar": "عنوان آخر"})
    draw_charts(renamed)
    assert CHART_CACHE.info().misses == 2 * 10


def test_charts_without_data_are_left_out(sample: Deal) -> None:
    bare = sample.model_copy(update={"metrics": (), "milestones": ()})
    charts = draw_charts(bare)
    assert list(charts) == ["commitments", "flows"]
    assert [c.number for c in charts.values()] == [1, 2]
    empty = sample.model_copy(update={"metrics": (), "milestones": (), "commitments": (), "capacities": ()})
    assert draw_charts(empty) == {}
    only_metrics = sample.model_copy(update={"commitments": (), "capacities": (), "milestones": ()})
    assert [(c.name, c.number) for c in draw_charts(only_metrics).values()] == [
        ("growth", 1),
        ("spending", 2),
    ]


def test_independent_gulf_deal(gulf: Deal) -> None:
    charts = draw_charts(gulf)
    assert list(charts) == ["commitments", "flows", "growth", "spending", "timeline"]
    fig = figure("commitments", gulf)
    assert len(fig.axes) == 2  # riyals and dollars are not drawn on one scale
    widths = sorted(b.get_width() for b in bars(fig))
    assert 37.5e9 in widths and 1.2e9 in widths and 5e9 in widths
    assert {b.get_gid() for b in bars(fig, "bar-range-upper")} == {"bar-range-upper"}
    data = flows.extract(gulf)
    assert data is not None and not flows.in_cycle(data)
    groups = growth.extract(gulf)
    assert groups is not None and [g.name for g in groups] == ["حصص السوق", "السعة المركبة"]
    path = spending.extract(gulf)
    assert path is not None and [y for y, _ in path.series[0].points] == [2024, 2027, 2032]
    for name in MODULES:
        fig = figure(name, gulf)
        _check_layout(fig)
        assert not [t for t in texts(fig) if LATIN_DIGIT.search(t) and "MI355X" not in t]
    assert visual("نحو ٣٧٫٥ مليار ريال") in texts(figure("commitments", gulf))


def test_crowded_hostile_deal_draws_literally(crowded: Deal) -> None:
    charts = draw_charts(crowded)
    assert list(charts) == ["commitments", "flows", "growth", "timeline"]
    seen = ""
    for name in charts:
        fig = figure(name, crowded)
        _check_layout(fig)
        seen += "\n".join(texts(fig))
    tokens = (
        ["$30B", "{x}", "\\path", "_sub", "^sup", "😀", "50%"] if NATIVE_SHAPING else ["$30B", "_sub", "^sup"]
    )
    for token in tokens:
        assert token in seen, token
    assert bars(figure("commitments", crowded))
    assert Precision.up_to in {b.amount.precision for p in commitments.extract(crowded) or () for b in p.bars}
