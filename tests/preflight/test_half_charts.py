"""The briefing sets its two charts side by side only when both hold at half a column."""

from __future__ import annotations

import random

from engine.dealfile import load_deal
from engine.model import Deal
from engine.pipeline import render
from engine.preflight import format_findings
from tests.generated.deals import deal_data

HALF = 'class="chart half'


def test_the_sample_pairs_its_charts() -> None:
    result = render(load_deal(), template="briefing")
    assert result.html.count(HALF) == 2


def test_charts_that_do_not_fit_half_take_the_full_column() -> None:
    """A generated deal with commitments in four currencies (seed 16), given the sample's market
    metrics so the briefing has both charts: at half a column its commitment labels run off the
    drawing's edge, so each chart takes the full column, and the page is clean."""
    data = deal_data(random.Random(16))
    data["metrics"] = load_deal().model_dump(mode="json")["metrics"]
    for metric in data["metrics"]:  # the sample's parties and sources are not in this deal
        metric.pop("subject", None)
        metric["sources"] = []
    deal = Deal.model_validate(data)
    result = render(deal, template="briefing")
    assert 'id="fig-commitments"' in result.html and 'id="fig-growth"' in result.html
    assert result.html.count(HALF) == 0
    assert format_findings(result.findings, deal.options.digits) == []
