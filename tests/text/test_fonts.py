"""Hermetic fonts: only bundled fonts are embedded, whatever the machine offers; undrawable text refused."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import matplotlib
import pikepdf
import pytest

from engine.bidi import isolate
from engine.dealfile import DealError, deal_from_data
from engine.fonts import drawable
from engine.model import Digits
from engine.numerals import format_percent, localize_prose_numbers
from engine.paths import ROOT
from tests.pdfcheck import embedded_fonts

BUNDLED = {
    "IBM-Plex-Sans-Arabic",
    "IBM-Plex-Sans-Arabic-Medium",
    "IBM-Plex-Sans-Arabic-Semi-Bold",
    "IBM-Plex-Sans-Arabic-Bold",
}


def _wide_fontconfig(tmp_path: Path) -> Path:
    """A fontconfig offering the system's fonts and matplotlib's DejaVu (present on any machine)."""
    mpl_fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><dir>/usr/share/fonts</dir><dir>{mpl_fonts}</dir></fontconfig>\n",
        encoding="utf-8",
    )
    return conf


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig tools not installed")
def test_export_embeds_only_bundled_fonts_when_the_machine_offers_more(tmp_path: Path) -> None:
    """The CLI, run with a fontconfig full of other fonts, embeds the bundled fonts only, same bytes."""
    conf = _wide_fontconfig(tmp_path)
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    offered = subprocess.run(
        ["fc-list", ":", "family"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "DejaVu Sans" in offered  # the precondition: other fonts really are on offer
    outputs = []
    for name, extra in (("wide", env), ("plain", dict(os.environ))):
        out = tmp_path / f"{name}.pdf"
        # The sample shows percentages (U+061C inside) and every weight.
        subprocess.run(
            [sys.executable, "main.py", "export", "--template", "report", "-o", str(out)],
            cwd=ROOT,
            env=extra,
            check=True,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
        assert embedded_fonts(outputs[-1]) == BUNDLED, name
    assert outputs[0] == outputs[1]  # same deal, same bytes, whatever fontconfig the machine has


def test_formatter_inserts_only_drawable_or_invisible_characters() -> None:
    """Percentages, ranges and isolates add only characters the fonts cover or format controls."""
    texts = [format_percent(39.5, d) for d in Digits] + [isolate("Microsoft Corp."), isolate("مايكروسوفت")]
    texts += [localize_prose_numbers("نمو 10-20% ثم 39% في 2025", d) for d in Digits]
    for text in texts:
        assert all(drawable(ch) for ch in text), text


def test_deal_with_an_emoji_is_refused_with_the_character_named(deal_data: dict[str, Any]) -> None:
    """Validation names the field and the character (code point and name), nothing is rendered."""
    deal_data["title_ar"] = "صفقة 😀 كبرى"
    with pytest.raises(DealError) as caught:
        deal_from_data(deal_data)
    assert str(caught.value) == (
        "title_ar: U+1F600 GRINNING FACE: not in the report's font (IBM Plex Sans Arabic); remove or replace"
    )


def test_cli_validate_refuses_undrawable_text(tmp_path: Path, deal_data: dict[str, Any]) -> None:
    """`validate` exits 2 with the field path and the character named."""
    deal_data["parties"][0]["name_en"] = "Snow\u2603man"
    path = tmp_path / "deal.json"
    path.write_text(json.dumps(deal_data, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "main.py", "validate", str(path)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "parties[0].name_en: U+2603 SNOWMAN" in result.stderr


def test_pdfa_and_pdfua_together_declare_both(sample_deal) -> None:
    """--pdfa --pdfua: PDF/A-3b and PDF/UA-1 in the XMP, deal attached, structure tree, same bytes twice."""
    from engine.archive import deal_from_pdf
    from engine.pipeline import render

    deal = sample_deal.model_copy(
        update={"options": sample_deal.options.model_copy(update={"archival": True, "accessible": True})}
    )
    pdf = render(deal, template="briefing").pdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "B"
        assert meta["pdfuaid:part"] == "1"
        assert "/StructTreeRoot" in doc.Root and doc.Root.MarkInfo.Marked
        assert str(doc.Root.Lang) == "ar"
        assert "deal.json" in doc.attachments
    assert deal_from_pdf(pdf) == deal
    assert render(deal, template="briefing").pdf == pdf


@pytest.mark.parametrize(
    "fixture",
    [None, *sorted((ROOT / "tests" / "fixtures").glob("*.json"))],
    ids=lambda p: p.stem if p else "sample",
)
def test_reports_draw_every_character_with_the_bundled_font(
    fixture: Path | None, caplog: pytest.LogCaptureFixture
) -> None:
    """No character of a report (deal text, formatter, template CSS) falls to a .notdef box."""
    import logging

    from engine.dealfile import load_deal
    from engine.pipeline import render

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        logging.getLogger("weasyprint").setLevel(logging.WARNING)
        try:
            render(load_deal(fixture), template="report")
        finally:
            logging.getLogger("weasyprint").setLevel(logging.ERROR)
    assert not [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()]
