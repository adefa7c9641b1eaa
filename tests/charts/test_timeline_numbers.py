"""A timeline too crowded for its labels: numbered markers that share a label, and no leader crossing one."""

from __future__ import annotations

import pytest

from engine.charts import chart_options, draw_figure, timeline
from engine.charts.text import visual
from engine.charts.textcheck import text_report
from engine.dealfile import load_deal
from engine.model import Digits, MilestoneKind, PartialDate, Relation
from tests.charts.conftest import drawn, with_digits

BIDI = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u061c\u200e\u200f"))


def crowded() -> tuple[timeline.Event, ...]:
    """Seven milestones within one year at one end of a long axis, five at the other (as the corpus has)."""
    near = [PartialDate(year=2030, month=m) for m in (1, 2, 3, 5, 7, 9, 11)]
    far = [PartialDate(year=2200, month=m) for m in (1, 3, 6, 9, 12)]
    return tuple(
        timeline.Event(f"محطة رقم {i + 1} من مراحل تنفيذ الاتفاق", MilestoneKind.other, date, Relation.by)
        for i, date in enumerate(near + far)
    )


@pytest.mark.parametrize(
    ("digits", "near", "far"),
    [(Digits.latn, "1–7", "8–12"), (Digits.arab, "١–٧", "٨–١٢")],
)
def test_markers_together_share_one_numbered_label(digits: Digits, near: str, far: str) -> None:
    options = chart_options(with_digits(load_deal(), digits))
    fig = draw_figure(timeline, crowded(), options)
    labels = [t.get_text().translate(BIDI) for t in drawn(fig) if t.get_gid() == "event"]
    # Every milestone is still listed under the axis, by its own number.
    listed = [t.get_text() for t in drawn(fig) if t.get_gid() == "event-list"]
    assert len(listed) == 12
    # The twelve numbers above the axis: a marker cluster at each end, each read from the right.
    # As handed to matplotlib (reordered beforehand on the reshape path of matplotlib < 3.11).
    assert sorted(labels) == sorted(visual(f"\u2067\u061c{r}\u2069").translate(BIDI) for r in (near, far))
    assert text_report(fig).findings == ()


def test_markers_apart_keep_their_own_numbers() -> None:
    """Only markers too close to label apart share one: spread milestones keep a number each."""
    events = tuple(
        timeline.Event(
            "محطة طويلة الوصف لا تتسع لها المسافة بين العلامات", MilestoneKind.other, d, Relation.on
        )
        for d in (PartialDate(year=y) for y in range(2025, 2045))
    )
    fig = draw_figure(timeline, events, chart_options(with_digits(load_deal(), Digits.latn)))
    labels = [t.get_text().translate(BIDI) for t in drawn(fig) if t.get_gid() == "event"]
    assert sorted(labels, key=int) == [str(n) for n in range(1, 21)]
    assert text_report(fig).findings == ()
