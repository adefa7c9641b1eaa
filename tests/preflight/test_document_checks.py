"""Each class of defect the preflight claims to catch, provoked on purpose in a real WeasyPrint layout."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from engine.model import Digits
from engine.pdf import Renderer, layout
from engine.preflight import Finding, check_document
from engine.preflight.charts import MIN_CHART_TEXT_PT, ChartNotes

PAGE = "@page { size: A4; margin: 20mm; }"


def findings(
    body: str, *, digits: Digits = Digits.latn, one_page: bool = False, own_fonts: bool = False, **kwargs
) -> set[str]:
    """Codes found in a small document set in the bundled font, laid out by the real engine.

    `own_fonts`: laid out by a renderer of its own, so a font the body embeds stays out of the
    process's shared font configuration.
    """
    html = f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
    <link rel="stylesheet" href="css/base.css"><style>{PAGE}</style></head><body>{body}</body></html>"""
    document = Renderer().layout(html) if own_fonts else layout(html)
    return {f.code for f in check_document(document, digits=digits, one_page=one_page, **kwargs)}


def svg_uri(width_mm: int, height_mm: int) -> str:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_mm}mm" height="{height_mm}mm">'
        f'<rect width="100%" height="100%" fill="#888"/></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def test_a_plain_arabic_page_is_clean() -> None:
    assert findings("<h2>الخلاصة</h2><p>نص عربي عادي يشرح الصفقة في سطرين أو ثلاثة.</p>") == set()


def test_two_texts_drawn_on_top_of_each_other_are_overprint() -> None:
    spot = "position: absolute; top: 30mm; right: 20mm;"
    body = f'<div style="{spot}">مايكروسوفت</div><div style="{spot}">شركة أخرى</div>'
    assert "overprint" in findings(body)


def test_text_past_the_paper_edge_is_outside_the_page() -> None:
    assert "outside-page" in findings('<div style="margin-right: -30mm">نص يخرج من حافة الورقة</div>')


def test_text_in_the_top_margin_is_under_the_header() -> None:
    body = '<div style="position: absolute; top: -12mm; right: 0">نص في منطقة الترويسة</div>'
    assert "under-margin" in findings(body)


def test_an_image_cut_by_its_container_is_clipped() -> None:
    body = f'<div style="height: 10mm; overflow: hidden"><img src="{svg_uri(50, 60)}"></div>'
    assert "clipped-image" in findings(body)


def test_an_image_taller_than_the_page_is_clipped() -> None:
    assert "clipped-image" in findings(f'<img src="{svg_uri(100, 400)}">')


@pytest.mark.parametrize(
    "body",
    [
        '<p style="color: transparent">نص شفاف</p>',
        '<div style="height: 0; overflow: hidden">نص في صندوق بلا ارتفاع</div>',  # the old running title
        '<p style="font-size: 1pt">نص مجهري</p>',
    ],
)
def test_text_in_the_pdf_that_nobody_can_see_is_invisible(body: str) -> None:
    assert "invisible-text" in findings(body)


def test_text_cut_by_a_box_that_hides_its_overflow_is_clipped_text() -> None:
    box = "width: 45mm; white-space: nowrap; overflow: hidden"
    body = f'<div style="{box}">اسم شركة طويل لا يتسع في هذا الصندوق الضيق</div>'
    assert "clipped-text" in findings(body)


def test_text_that_fits_its_box_is_not_clipped_text() -> None:
    box = "width: 80mm; white-space: nowrap; overflow: hidden"
    assert findings(f'<div style="{box}">اسم شركة قصير</div>') == set()


def test_text_pushed_off_the_paper_is_clipped_text() -> None:
    body = '<div style="position: absolute; top: -23mm; right: 0">نص يخرج من أعلى الورقة</div>'
    assert "clipped-text" in findings(body)


def test_a_long_word_that_widens_a_table_past_the_page_is_a_wide_table() -> None:
    word = "شركةبلامسافات" * 12
    body = (
        '<table style="table-layout: auto; overflow-wrap: normal"><tr>'
        f"<td>{word}</td><td>المبلغ</td></tr></table>"
    )
    assert "table-overflow" in findings(body)


def test_a_page_holding_a_single_line_is_near_empty() -> None:
    body = "<p>الصفحة الأولى</p>" * 3 + '<p style="break-before: page">سطر وحيد</p>'
    assert "near-empty-page" in findings(body)


def test_a_one_page_template_over_one_page_is_reported() -> None:
    body = "<p>الصفحة الأولى</p>" * 30 + '<p style="break-before: page">' + "<br>".join(["سطر"] * 30) + "</p>"
    assert "one-page-overflow" in findings(body, one_page=True)


def test_a_character_no_bundled_font_has_is_a_missing_glyph() -> None:
    assert "missing-glyph" in findings("<p>رمز خاص: \ue000</p>")


def test_a_line_checked_again_is_found_again() -> None:
    # Lines are shaped once per font configuration: the second check reads the runs remembered.
    body = "<p>رمز آخر: \ue001 في سطر يُفحص مرتين</p>"
    assert "missing-glyph" in findings(body)
    assert "missing-glyph" in findings(body)


def test_a_font_that_is_not_bundled_is_reported() -> None:
    # Layout sees only the bundled fonts (assets/fonts/fonts.conf), so a font that is not bundled
    # can only come in embedded by a template: one of the machine's Latin fonts, as a data: URI.
    folder = Path("/usr/share/fonts")
    latin = (
        sorted(folder.rglob("DejaVuSans*.ttf")) + sorted(folder.rglob("Liberation*.ttf"))
        if folder.is_dir()
        else []
    )
    if not latin:
        pytest.skip("no Latin font on this machine besides the bundled ones")
    font = base64.b64encode(latin[0].read_bytes()).decode()
    found = findings(
        f"<style>@font-face {{ font-family: Foreign; src: url(data:font/ttf;base64,{font}); }}</style>"
        '<p style="font-family: Foreign">Latin text in a font that is not bundled</p>',
        own_fonts=True,
    )
    assert "foreign-font" in found


def test_latin_digits_in_an_arabic_digit_report_are_reported() -> None:
    assert "wrong-digits" in findings("<p>بلغت الصفقة 30 مليار دولار</p>", digits=Digits.arab)
    assert "wrong-digits" in findings("<p>بلغت الصفقة ٣٠ مليار دولار</p>", digits=Digits.latn)


def test_latin_tokens_keep_their_digits() -> None:
    body = "<p>على أنظمة \u2066MI450\u2069 و\u2066Vera Rubin 2\u2069 بقيمة ٣٠ مليار دولار</p>"
    assert "wrong-digits" not in findings(body, digits=Digits.arab)


def test_a_charts_own_findings_are_placed_on_the_page_that_shows_it() -> None:
    uri = svg_uri(80, 40)
    notes = {uri: ChartNotes((Finding("chart-text-overlap", 0, "أ / ب"),))}
    html_body = "<p>الصفحة الأولى</p>" * 3 + f'<div style="break-before: page"><img src="{uri}"></div>'
    html = f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
    <link rel="stylesheet" href="css/base.css"><style>{PAGE}</style></head><body>{html_body}</body></html>"""
    found = check_document(layout(html), digits=Digits.latn, chart_notes=notes)
    assert Finding("chart-text-overlap", 2, "أ / ب") in found


def test_chart_text_below_the_floor_once_placed_is_reported() -> None:
    # A drawing of 80 x 40 mm whose smallest text is 8 pt: shown at its size it prints at 8 pt;
    # squeezed into 30 mm of width (scale 0.375) it prints at 3 pt, under the 6 pt floor.
    uri = svg_uri(80, 40)
    size_pt = (80 / 25.4 * 72, 40 / 25.4 * 72)
    notes = {uri: ChartNotes((), 8.0, "١٠ مليارات دولار", size_pt)}
    natural = findings(f'<img src="{uri}">', chart_notes=notes)
    squeezed = findings(f'<img src="{uri}" style="width: 30mm">', chart_notes=notes)
    tall_box = findings(
        f'<img src="{uri}" style="width: 80mm; height: 12mm; object-fit: contain">', chart_notes=notes
    )
    assert "chart-text-small" not in natural
    assert "chart-text-small" in squeezed
    assert "chart-text-small" in tall_box  # contained in a short box: scaled by its height
    assert 8.0 * 30 / 80 < MIN_CHART_TEXT_PT < 8.0
