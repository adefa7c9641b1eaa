"""PDF/A 6.2.11.5: declared glyph widths agree with the embedded font programs.

The text layer stage declares widths of its own (a glyph before a folded kerning gap
advances over the gap; silent marks and the blank anchor advance 2000). Measured on
main before the fix: 19 codes of the second deal's archival report (10-21 per export
of the sample and second deal) disagreed with the embedded program's hmtx advance.
"""

from __future__ import annotations

import io

import pikepdf
import pytest

from engine.dealfile import load_deal
from engine.model import Deal
from engine.paths import ROOT
from engine.pipeline import render
from tests.text.fontwidths import width_mismatches

TEMPLATES = ("briefing", "report", "onepage")
DEALS = {"sample": None, "second_deal": ROOT / "tests" / "fixtures" / "second_deal.json"}


def _archival(deal: Deal) -> Deal:
    return deal.model_copy(update={"options": deal.options.model_copy(update={"archival": True})})


@pytest.fixture(scope="module")
def archival_pdfs() -> dict[tuple[str, str], bytes]:
    """The sample and the second deal exported as PDF/A in every template, once."""
    return {
        (name, template): render(_archival(load_deal(path)), template=template).pdf
        for name, path in DEALS.items()
        for template in TEMPLATES
    }


def _silent_copies(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len({str(n) for page in doc.pages for n in page.Resources.Font if ".m" in str(n)})


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", DEALS)
def test_declared_widths_match_the_embedded_programs(
    archival_pdfs: dict[tuple[str, str], bytes], name: str, template: str
) -> None:
    pdf = archival_pdfs[name, template]
    # Not vacuous: the text stage added silent copies (whose widths are its own) to this export.
    assert _silent_copies(pdf) >= 1
    assert width_mismatches(pdf) == []


def test_the_check_finds_a_width_changed_by_hand(archival_pdfs: dict[tuple[str, str], bytes]) -> None:
    """A declared width moved by 50/1000 em is reported, with the code and both widths."""
    with pikepdf.open(io.BytesIO(archival_pdfs["sample", "briefing"])) as doc:
        name, font = next((str(n), f) for n, f in doc.pages[0].Resources.Font.items() if ".m" not in str(n))
        descendant = font.DescendantFonts[0]
        spec = list(descendant.W)
        first = next(i for i in range(len(spec) - 1) if isinstance(spec[i + 1], pikepdf.Array))
        code, width = int(spec[first]), float(spec[first + 1][0])
        spec[first + 1][0] = width + 50
        descendant.W = pikepdf.Array(spec)
        out = io.BytesIO()
        doc.save(out)
    found = [m for m in width_mismatches(out.getvalue()) if m.font == name and m.code == code]
    # The code is reported only if a page shows it; the first /W entry is a shown glyph in practice.
    assert len(found) == 1
    assert found[0].declared == width + 50
    assert abs(found[0].embedded - width) <= 1
