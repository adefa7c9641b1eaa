"""The sample and the hand-written deals export clean in every template and digit setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.dealfile import load_deal
from engine.model import Digits
from engine.paths import SAMPLE_DEAL
from engine.pipeline import render
from engine.preflight import format_findings
from engine.templating import template_names

FIXTURES = Path(__file__).parent.parent / "fixtures" / "deals"
HAND_WRITTEN = [SAMPLE_DEAL, *sorted(p for p in FIXTURES.glob("*.json") if p.stem != "limits")]


# Hand-written deals with a defect the preflight still reports (a strict xfail each): none now.
KNOWN_DEFECTS: dict[str, str] = {}
OWN_TEMPLATE = [
    pytest.param(p, id=p.stem, marks=pytest.mark.xfail(strict=True, reason=KNOWN_DEFECTS[p.stem]))
    if p.stem in KNOWN_DEFECTS
    else pytest.param(p, id=p.stem)
    for p in HAND_WRITTEN
]


@pytest.mark.parametrize("path", OWN_TEMPLATE)
def test_each_deal_is_clean_in_its_own_template(path: Path) -> None:
    deal = load_deal(path)
    result = render(deal)
    assert format_findings(result.findings, deal.options.digits) == []


@pytest.mark.slow
@pytest.mark.parametrize("digits", list(Digits))
@pytest.mark.parametrize("template", template_names())
@pytest.mark.parametrize("path", [*HAND_WRITTEN, FIXTURES / "limits.json"], ids=lambda p: p.stem)
def test_every_template_and_digit_setting_is_clean(path: Path, template: str, digits: Digits) -> None:
    result = render(load_deal(path), template=template, digits=digits)
    assert format_findings(result.findings, digits) == []
