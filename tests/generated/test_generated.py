"""The generated corpus: valid deals across the model, exported in every template and digit setting, clean."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from engine.model import Deal, Digits
from engine.pipeline import render
from engine.preflight import format_findings
from tests.generated.deals import MAX_PARTIES, MAX_PROSE, SIZES, deal_data, deals, fixed_set

# A small fixed subset rendered on every run (the whole set is marked slow). Known defects the
# preflight still reports are kept visible as strict xfails: fixing one turns its case red until
# the mark is removed.
# Seed 11 (years 1900–2200, five units): its chart labels no longer collide, its unbroken name no
# longer overhangs (engine/wordbreak.py), its flows arrows bend around the ring's parties and the
# one-pager draws its chart for the slot's height (engine/charts/commitments.py: fitted).
ALWAYS = [
    (3, "briefing"),
    (3, "report"),
    (3, "onepage"),  # an unbroken 24pt title (engine/wordbreak.py)
    (11, "briefing"),  # its unbroken 200-character name breaks where Arabic allows (engine/wordbreak.py)
    (11, "report"),  # flows arrows routed around the ring's parties (engine/charts/flows.py)
    (11, "onepage"),  # its commitments chart drawn for the one-page slot
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deals())
def test_the_generator_only_makes_valid_deals(data: dict[str, Any]) -> None:
    Deal.model_validate(data)


def test_the_generator_reaches_the_limits_of_the_model() -> None:
    corpus = [deal_data(random.Random(seed)) for seed in range(200)]
    parties = [len(d["parties"]) for d in corpus]
    names = [len(p["name_ar"]) for d in corpus for p in d["parties"]]
    units = {c["amount"]["unit"] for d in corpus for c in d["commitments"]}
    precisions = {c["amount"]["precision"] for d in corpus for c in d["commitments"]}
    values = [c["amount"]["value"] for d in corpus for c in d["commitments"]]
    prose = [len(d["narrative"]["summary"]) for d in corpus]
    assert min(parties) == 1 and max(parties) == MAX_PARTIES
    assert min(names) <= 3 and max(names) == 200
    assert units >= {"USD", "EUR", "GBP", "SAR", "AED", "shares", "equity_percent", "units", "counted"}
    assert precisions == {"exact", "up_to", "about", "range", "over", "at_least", "magnitude"}
    assert min(values) == 0.001 and max(values) == 1e16
    assert 0 in prose and MAX_PROSE in prose
    assert any(not d["commitments"] for d in corpus) and any(
        len(d["commitments"]) == SIZES["commitments"] for d in corpus
    )


def _assert_clean(data: dict[str, Any], template: str, digits: Digits) -> None:
    deal = Deal.model_validate(data)
    result = render(deal, template=template, digits=digits)
    assert result.pdf.startswith(b"%PDF-")
    assert format_findings(result.findings, digits) == []


@pytest.mark.parametrize(("seed", "template"), ALWAYS)
def test_a_fixed_subset_is_preflight_clean(seed: int, template: str) -> None:
    ((_, data),) = fixed_set((seed,))
    _assert_clean(data, template, Digits.arab if seed % 2 else Digits.latn)


# The whole fixed set, in every template and digit setting, is checked under the `slow` marker by
# tests/text/test_extraction.py::test_the_whole_corpus_is_clean_and_extracts: preflight-clean and
# its words extracting intact, from one render of each case.
