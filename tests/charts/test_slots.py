"""Charts drawn for a slot of fixed height (the one-pager's), and the flows chart's routing."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from engine.charts import commitments
from engine.charts.drawing import plan
from engine.charts.figures import SLOTS_MM
from engine.charts.style import ChartOptions
from engine.model import CommitmentKind, Deal, Digits, Precision, Quantity, Unit
from engine.placement import drawing_size
from tests.generated.deals import deal_data

FIXTURES = Path(__file__).parents[1] / "fixtures"
MIN_PRINTED_PT = 6.0  # the preflight's floor for chart text as printed (README: chart-text-small)
MM = 72 / 25.4  # points per millimetre


def _deal(name: str) -> Deal:
    return Deal.model_validate_json((FIXTURES / "deals" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("mm", SLOTS_MM)
def test_the_commitments_chart_fits_each_one_page_slot_at_its_own_text_size(mm: int) -> None:
    # The Gulf venture has commitments in five units: drawn for a full column it is far taller
    # than any slot, and the slot squeezed its text to 3.7 pt.
    deal = _deal("gulf-ai-joint-venture.json")
    chart = plan(deal)["commitments"]
    width, height = drawing_size(chart.drawing(f"slot{mm}")) or (0.0, 0.0)
    notes = chart.notes(f"slot{mm}")
    assert height <= mm * MM + 0.5
    assert width == pytest.approx(170 * MM, abs=1)  # a full column wide
    assert notes.smallest_pt >= MIN_PRINTED_PT  # unscaled in the slot: printed at this size
    assert notes.findings == ()


@pytest.mark.parametrize("mm", SLOTS_MM)
def test_a_fitted_chart_still_counts_every_commitment(mm: int) -> None:
    deal = _deal("gulf-ai-joint-venture.json")
    panels = commitments.extract(deal)
    assert panels is not None
    fitted = commitments.fitted(panels, mm / 25.4)
    drawn = sum(bar.others or 1 for panel in fitted for bar in panel.bars)
    noted = sum(panel.omitted for panel in fitted)
    assert drawn + noted == len(list(deal.wholes()))
    assert commitments.height(fitted) <= mm / 25.4


def _stake(value: float) -> commitments.Bar:
    q = Quantity(value=value, unit=Unit.equity_percent, precision=Precision.exact)
    return commitments.Bar(("أ",), ("ب",), CommitmentKind.equity_investment, q, False)


def test_stakes_are_never_added_up_in_the_others_bar() -> None:
    # Four stakes of 60, 50, 40 and 30 % (in different companies) add up to 180 %: not a share.
    bars = commitments._aggregated([_stake(v) for v in (60, 50, 40, 30)], 2)
    assert [b.amount.value for b in bars] == [60, 50]
    rest = bars[-1]
    assert rest.others == 3 and rest.largest
    assert "أكبرها" in commitments.bar_label(rest, ChartOptions(digits=Digits.latn, accent="#000000"))


@pytest.mark.parametrize("seed", [5, 11])
def test_flows_amounts_and_arrows_keep_clear_of_each_other_and_of_the_parties(seed: int) -> None:
    # Seed 5: three parties with two-way flows whose amounts collided in the middle; seed 11:
    # a hub and seven parties on a ring, arrows between ring parties ran through other names.
    data = deal_data(random.Random(seed))
    chart = plan(Deal.model_validate(data))["flows"]
    assert chart.findings("full") == ()
