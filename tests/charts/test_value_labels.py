"""Value labels of the market metrics chart: wrapped where Arabic reads well, inside their panel,
above the bars they span and clear of each other and of the ticks, for deals whose labels outgrow
their bars (the generated corpus found them: «ما» alone on a line, a label into the next panel)."""

from __future__ import annotations

from typing import Any

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from engine.amounts import PREFIXES
from engine.charts import chart_options, draw_figure, growth
from engine.charts.text import visual
from engine.charts.textcheck import text_findings
from engine.charts.valuelabels import units, wrap_to_fit
from engine.model import Deal, Digits
from tests.generated.deals import fixed_set

PHRASES = [p.strip() for p in PREFIXES.values() if p.strip()]


def metric(
    n: int, group: str, label: str, amount: tuple[float, str, str], upper: float | None = None
) -> dict[str, Any]:
    value, unit, precision = amount
    quantity = {"value": value, "unit": unit, "precision": precision, "upper": upper}
    return {"id": f"m{n}", "group": group, "label_ar": label, "value": quantity}


def deal(metrics: list[dict[str, Any]], digits: Digits) -> Deal:
    return Deal.model_validate(
        {
            "id": "labels",
            "title_ar": "صفقة",
            "date": "2025-11-18",
            "parties": [{"id": "a", "name_ar": "شركة"}],
            "metrics": metrics,
            "options": {"digits": digits.value},
        }
    )


# Three panels of two or three bars, a tiny bar beside a tall one, long labels on both: the shapes
# of corpus seeds 10, 18 and 23 (a floor in fils at the panel's edge, «مئات التريليونات من
# الجنيهات الإسترلينية» over its bar, a 4,800-trillion floor by the value ticks).
CROWDED = [
    metric(1, "نمو", "نمو", (38900, "percent", "range"), 100000),
    metric(2, "نمو", "ثانية", (69600, "percent", "magnitude")),
    metric(3, "مراكز", "استثمار", (21.9, "AED", "at_least")),
    metric(4, "مراكز", "الحوسبة", (10, "AED", "magnitude")),
    metric(5, "مراكز", "مايكروسوفت المتحدة", (0.0223, "AED", "at_least")),
    metric(6, "سوق", "توسعة أولى", (471e12, "GBP", "magnitude")),
    metric(7, "سوق", "البنية", (47900, "GBP", "over")),
    metric(8, "سوق", "صندوق", (4.8e15, "GBP", "at_least")),
]


def values(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_gid() == "value"]


def lines(text: Text) -> list[str]:
    return text.get_text().split("\n")


@pytest.mark.parametrize("digits", list(Digits))
def test_crowded_panels_are_clean_and_each_value_stays_in_its_panel(digits: Digits) -> None:
    d = deal(CROWDED, digits)
    fig = draw_figure(growth, growth.extract(d), chart_options(d))
    assert text_findings(fig) == ()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    shown = values(fig)
    assert len(shown) == len(CROWDED)
    for text in shown:
        box, panel = text.get_window_extent(renderer), text.axes.get_window_extent(renderer)
        assert panel.x0 <= box.x0 and box.x1 <= panel.x1 and box.y1 <= panel.y1, text.get_text()


@pytest.mark.parametrize("digits", list(Digits))
def test_a_wrapped_value_keeps_its_precision_phrase_on_one_line(digits: Digits) -> None:
    d = deal(CROWDED, digits)
    fig = draw_figure(growth, growth.extract(d), chart_options(d))
    wrapped = [t for t in values(fig) if "\n" in t.get_text()]
    assert wrapped  # these labels are wider than their bars' slots
    for text in wrapped:
        assert visual("ما") not in lines(text) and visual("أكثر") not in lines(text)
    floors = [t for t in wrapped if t._source.startswith("ما لا يقل عن")]  # type: ignore[attr-defined]
    assert floors and all(visual("ما لا يقل عن") in lines(t) for t in floors)


@pytest.mark.parametrize("digits", list(Digits))
@pytest.mark.parametrize("seed", [10, 18, 23, 28])
def test_the_corpus_deals_that_crowded_it_draw_it_clean(seed: int, digits: Digits) -> None:
    ((_, data),) = fixed_set((seed,))
    d = Deal.model_validate({**data, "options": {**data["options"], "digits": digits.value}})
    fig = draw_figure(growth, growth.extract(d), chart_options(d))
    assert text_findings(fig) == ()


def test_a_line_never_breaks_inside_a_phrase_or_between_a_figure_and_its_word() -> None:
    for phrase in PHRASES:
        text = f"{phrase} 4,800 تريليون درهم"
        for max_px in range(1, len(text) + 1):
            first, *_ = wrap_to_fit(text, max_px, len).split("\n")
            assert first.startswith(phrase), (max_px, first)
            assert "4,800" not in first.split() or "تريليون" in first  # the figure keeps its word
    assert units("مئات الملايين من الدولارات") == ["مئات", "الملايين", "من الدولارات"]


def test_the_lines_are_balanced_not_one_word_then_the_rest() -> None:
    text = "مئات التريليونات من الجنيهات الإسترلينية"
    wrapped = wrap_to_fit(text, 25, len)
    assert wrapped == "مئات التريليونات\nمن الجنيهات الإسترلينية"
    assert wrap_to_fit(text, len(text), len) == text  # fits on one line: left on one line


def test_a_panel_is_as_wide_as_its_own_bars_need() -> None:
    """Three bars in the first (right-hand) panel, one in each other: the first is the widest."""
    metrics = [metric(i, "نمو", f"بند {i}", (10 + i, "percent", "exact")) for i in range(3)]
    metrics += [metric(5, "سعة", "سعة", (2, "GW", "exact")), metric(6, "سوق", "سوق", (3, "USD", "exact"))]
    d = deal(metrics, Digits.latn)
    fig = draw_figure(growth, growth.extract(d), chart_options(d))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    widths = {len(ax.get_xticklabels()): ax.get_window_extent(renderer).width for ax in fig.axes}
    assert widths[3] > 1.2 * widths[1]


LONG = "مايكروسوفت أولى البيانات هيوماين للحوسبة الخليج الوطنية سوق السحابية طاقة مراكز إنفيديا العامة"
RUN = "السحابيةتوسعةإيراداتإيهأوبنإنفيدياالوطنيةالقابضةمراكزمجموعةالرقائقصندوق"  # no space to break at


def test_each_category_label_is_drawn_fitted_to_its_bar() -> None:
    """Labels fitted to their slots stay fitted once drawn (each layout rewrites the tick labels from
    the axis' formatter). Panels of 1, 3 and 2 bars, the last two of long names (corpus seed 300)."""
    metrics = [metric(1, "نمو", "توسعة العربي القابضة استثمار السحابية", (100000, "percent", "up_to"))]
    metrics += [metric(2 + i, "الم", "الب", (v, "GW", "exact")) for i, v in enumerate((500, 54.1, 14.1))]
    metrics += [metric(6, "Nvi", LONG, (1000, "GW", "at_least")), metric(7, "Nvi", RUN, (157, "GW", "exact"))]
    for digits in Digits:
        d = deal(metrics, digits)
        fig = draw_figure(growth, growth.extract(d), chart_options(d))  # drawn: the ticks as printed
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        for ax in fig.axes:
            ticks = ax.get_xticklabels()
            slot = ax.get_window_extent(renderer).width / len(ticks)
            assert all(t.get_window_extent(renderer).width <= slot for t in ticks), [
                t.get_text() for t in ticks
            ]
        assert text_findings(fig) == ()
