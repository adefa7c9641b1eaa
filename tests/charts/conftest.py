"""Fixtures for the chart tests: the sample deal, an independent Gulf deal, a hostile 20-party deal."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from engine.charts import CHART_CACHE
from engine.model import Deal, Digits
from engine.paths import SAMPLE_DEAL

HERE = Path(__file__).parent
HOSTILE = "$30B 50% {x} \\path _sub ^sup 😀"


def with_digits(deal: Deal, digits: Digits) -> Deal:
    """The same deal with another digit setting."""
    return deal.model_copy(update={"options": deal.options.model_copy(update={"digits": digits})})


def drawn(fig: Figure) -> list[Text]:
    """Every Text the figure really draws: visible, non-empty, ticks inside their axis' view."""
    fig.canvas.draw()
    hidden: set[int] = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            span = (hi - lo) * 1e-9
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                loc = tick.get_loc()
                if not (ax.axison and axis.get_visible()) or loc is None or not lo - span <= loc <= hi + span:
                    hidden.update({id(tick.label1), id(tick.label2)})
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text() and id(t) not in hidden]


def texts(fig: Figure) -> list[str]:
    """Every string drawn in the figure (titles, ticks, labels, legends)."""
    return [t.get_text() for t in drawn(fig)]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    CHART_CACHE.clear()


@pytest.fixture(scope="session")
def sample() -> Deal:
    return Deal.model_validate_json(SAMPLE_DEAL.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gulf() -> Deal:
    return Deal.model_validate_json((HERE / "second_deal.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def crowded() -> Deal:
    """Twenty parties with 200-character names full of characters that break naive charts."""
    parties = []
    for i in range(20):
        base = f"شركة رقم {i} {HOSTILE} Very Long International Holding Company Name {i} "
        parties.append(
            {"id": f"p{i}", "name_ar": (base * 4)[:200], "role": "chip_maker" if i == 3 else "investor"}
        )
    commitments = [
        {
            "id": f"c{i}",
            "from_party": f"p{i}",
            "to_party": f"p{(i * 7 + 1) % 20}",
            "kind": "equity_investment",
            "amount": {
                "value": (i + 1) * 1.3e9,
                "unit": "USD",
                "precision": ["exact", "up_to", "about", "over"][i % 4],
            },
        }
        for i in range(20)
    ]
    metrics = [
        {
            "id": f"m{i}",
            "label_ar": (f"مؤشر {i} {HOSTILE} " * 8)[:200],
            "group": "مجموعة {x} $ %",
            "value": {"value": 3.5 * i + 1, "unit": "percent"},
        }
        for i in range(20)
    ]
    milestones = [
        {
            "id": f"s{i}",
            "label_ar": (f"محطة {i} {HOSTILE} " * 8)[:200],
            "year": 2025 + i % 4,
            "month": 1 + i % 12,
        }
        for i in range(20)
    ]
    capacities = [{"id": "cap", "provider": "p0", "consumer": "p1", "power": {"value": 2, "unit": "GW"}}]
    return Deal.model_validate(
        {
            "id": "crowded",
            "title_ar": "صفقة مزدحمة",
            "date": "2025-01-01",
            "parties": parties,
            "commitments": commitments,
            "capacities": capacities,
            "metrics": metrics,
            "milestones": milestones,
        }
    )
