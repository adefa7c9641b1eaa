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
