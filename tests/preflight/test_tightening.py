"""A report whose last page would hold a line or two is set a little tighter instead."""

from __future__ import annotations

from typing import Any

import pypdfium2

from engine.model import Deal
from engine.pdf import layout
from engine.pipeline import run_stages
from engine.preflight import ends_near_empty

# A4 with the base margins leaves 982 px of page area: 50 lines at the base leading (1.55 × 9.5pt),
# 53 at the tight one (1.45): 51 lines end on a second page holding one line, unless set tight.
LINES = 51


def html_of(context: dict[str, Any], *, honour_tight: bool = True) -> str:
    tight = " tight" if context["tight"] and honour_tight else ""
    lines = "".join(f"<div>السطر رقم {n} من نص التقرير</div>" for n in range(LINES))
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
    <link rel="stylesheet" href="css/base.css"><style>@page {{ size: A4 }}</style></head>
    <body class="{tight}">{lines}</body></html>"""


def pages(pdf: bytes) -> int:
    return len(pypdfium2.PdfDocument(pdf))


def test_the_page_of_one_line_is_found() -> None:
    assert ends_near_empty(layout(html_of({"tight": False})))
    assert not ends_near_empty(layout(html_of({"tight": True})))


def test_a_report_ending_on_one_line_is_set_tighter(sample_deal: Deal) -> None:
    result = run_stages(sample_deal, html_of)
    assert pages(result.pdf) == 1 and "tight" in result.html
    assert [f.code for f in result.findings if f.code == "near-empty-page"] == []


def test_when_tightening_does_not_help_the_page_is_reported(sample_deal: Deal) -> None:
    result = run_stages(sample_deal, lambda context: html_of(context, honour_tight=False))
    assert pages(result.pdf) == 2
    assert "near-empty-page" in {f.code for f in result.findings}
