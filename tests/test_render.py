"""The rendered briefing: bundled fonts only, real Arabic text, one digit setting, metadata."""

from __future__ import annotations

import re

import pytest

from engine.model import Deal, Digits
from engine.pipeline import Rendered, render
from tests.pdfcheck import PRESENTATION_FORMS, embedded_fonts, metadata, page_texts

BUNDLED = {
    "IBM-Plex-Sans-Arabic",
    "IBM-Plex-Sans-Arabic-Medium",
    "IBM-Plex-Sans-Arabic-Semi-Bold",
    "IBM-Plex-Sans-Arabic-Bold",
}


@pytest.fixture(scope="module")
def latn(sample_deal: Deal) -> Rendered:
    return render(sample_deal, digits=Digits.latn)


@pytest.fixture(scope="module")
def arab(sample_deal: Deal) -> Rendered:
    return render(sample_deal, digits=Digits.arab)


def test_only_bundled_fonts_are_embedded(latn: Rendered, arab: Rendered) -> None:
    for result in (latn, arab):
        fonts = embedded_fonts(result.pdf)
        assert fonts, "no font embedded"
        assert fonts <= BUNDLED and "IBM-Plex-Sans-Arabic" in fonts, fonts


def test_briefing_is_one_or_two_pages_with_real_arabic(latn: Rendered) -> None:
    pages = page_texts(latn.pdf)
    assert 1 <= len(pages) <= 2
    text = "\n".join(pages)
    assert not PRESENTATION_FORMS.search(text), "pre-shaped Arabic in the PDF"
    # Text extraction splits some of the font's ligatures (ثر، لا), so these names are
    # checked here by words that extract whole, and in full on the HTML below.
    for name in ("مايكروسوفت", "إنفيديا", "أمازون", "Grace Blackwell", "Vera Rubin", "AWS"):
        assert name in text
    for figure in (
        "30 مليار",
        "10 مليارات",
        "5 مليارات",
        "8 مليارات",
        "400 مليار",
        "تريليونات",
        "17.5",
        "39",
    ):
        assert figure in text, figure


def test_html_carries_every_figure_in_words(latn: Rendered) -> None:
    html = latn.html
    for phrase in (
        "أنثروبيك",
        "30 مليار دولار",
        "حتى 10 مليارات دولار",
        "حتى 5 مليارات دولار",
        "نحو 8 مليارات دولار",
        "أكثر من 400 مليار دولار",
        "3–4 تريليونات دولار",
        "حتى جيجاواط واحد",
        "\u2067\u061c39%\u2069",
        "\u2067\u061c17.5%\u2069",
        "ليس قبل",
    ):
        assert phrase in html, phrase
    assert '<html lang="ar" dir="rtl">' in html


def test_arabic_indic_digits_everywhere(arab: Rendered) -> None:
    pages = page_texts(arab.pdf)
    for number, text in enumerate(pages, start=1):
        # Latin digits may only appear inside Latin tokens (names such as "A100").
        stray = [
            m.group()
            for m in re.finditer(r"[\w.%$]*[0-9][\w.%$]*", text)
            if not re.search("[A-Za-z]", m.group())
        ]
        assert not stray, (number, stray)
        assert f"صفحة {'١٢'[number - 1]} من {'١٢'[len(pages) - 1]}" in text
    assert "٣٠ مليار دولار" in arab.html and "٣–٤ تريليونات دولار" in arab.html
    assert "١٨ نوفمبر ٢٠٢٥" in arab.html


def test_latin_page_numbers(latn: Rendered) -> None:
    pages = page_texts(latn.pdf)
    assert f"صفحة 1 من {len(pages)}" in pages[0]


def test_pdf_metadata(latn: Rendered, sample_deal: Deal) -> None:
    info = metadata(latn.pdf)
    assert info["Title"] == sample_deal.title_ar
    assert info["Author"] == sample_deal.options.author
    assert info["Subject"] == sample_deal.subtitle_ar
    assert info["Lang"] == "ar"


def test_same_input_gives_same_bytes(sample_deal: Deal, latn: Rendered) -> None:
    assert render(sample_deal, digits=Digits.latn).pdf == latn.pdf


def test_briefing_numbers_its_own_figures_from_one(latn: Rendered) -> None:
    numbers = re.findall(r"شكل :?([0-9])", "".join(page_texts(latn.pdf)))
    assert sorted(numbers) == ["1", "2"]


def test_side_by_side_charts_are_drawn_for_half_a_column(latn: Rendered, sample_deal: Deal) -> None:
    """Drawn at the size they are shown, so their 8 pt labels are 8 pt on paper."""
    import base64

    from engine.charts import draw_charts

    charts = draw_charts(sample_deal)
    for name in ("commitments", "growth"):
        assert charts[name].half_uri in latn.html and charts[name].data_uri not in latn.html
        svg = base64.b64decode(charts[name].half_uri.split(",", 1)[1]).decode()
        width_pt = float(re.search(r'width="([0-9.]+)pt"', svg).group(1))
        assert 230 < width_pt < 240  # half of a 17 cm column, less the 10 pt gap
