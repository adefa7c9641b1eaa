"""The three built-in templates: page counts, table of contents, bookmarks, watermark, logo."""

from __future__ import annotations

import base64
import dataclasses
import io
import re
from pathlib import Path

import pikepdf
import pypdfium2
import pytest

from engine.context import build_context
from engine.dealfile import load_deal
from engine.model import Deal, Digits
from engine.pipeline import FIT_LEVELS, Rendered, render
from engine.plain import template_context
from engine.templating import render_html, template_names
from tests.pdfcheck import PRESENTATION_FORMS, embedded_fonts, page_texts

SECOND_DEAL = Path(__file__).parent / "fixtures" / "second_deal.json"
LIMITS = Path(__file__).parent / "fixtures" / "deals" / "limits.json"
BUNDLED = {
    "IBM-Plex-Sans-Arabic",
    "IBM-Plex-Sans-Arabic-Medium",
    "IBM-Plex-Sans-Arabic-Semi-Bold",
    "IBM-Plex-Sans-Arabic-Bold",
}
ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@pytest.fixture(scope="module")
def second_deal() -> Deal:
    return load_deal(SECOND_DEAL)


@pytest.fixture(scope="module")
def report(sample_deal: Deal) -> Rendered:
    return render(sample_deal, template="report", digits=Digits.latn)


@pytest.fixture(scope="module")
def second_report(second_deal: Deal) -> Rendered:
    return render(second_deal, template="report")


def outline(pdf: bytes) -> list[tuple[str, int]]:
    """(title, zero-based page index) of every bookmark, depth first."""
    found: list[tuple[str, int]] = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        pages = {page.objgen: i for i, page in enumerate(doc.pages)}

        def walk(items: list[pikepdf.OutlineItem]) -> None:
            for item in items:
                dest = item.destination
                found.append((item.title, pages[dest[0].objgen]))
                walk(item.children)

        with doc.open_outline() as tree:
            walk(tree.root)
    return found


def test_builtin_templates() -> None:
    assert {"briefing", "report", "onepage"} <= set(template_names())


@pytest.mark.parametrize("which", ["report", "second_report"])
def test_toc_page_numbers_match_bookmarked_pages(which: str, request: pytest.FixtureRequest) -> None:
    result: Rendered = request.getfixturevalue(which)
    pages = page_texts(result.pdf)
    assert len(pages) >= 4
    chapters = [(t, p) for t, p in outline(result.pdf) if re.match(r"^[0-9٠-٩]+\. ", t)]
    assert len(chapters) >= 6
    toc_page = pages[1]
    assert "المحتويات" in toc_page
    # Chapter numbers extract as ".1"; the footer "صفحة X من Y" is dropped; what is left are page numbers.
    body = "\n".join(line for line in toc_page.splitlines() if not line.startswith("صفحة"))
    found = re.findall(r"(?<![.0-9٠-٩])([0-9٠-٩]+)(?![0-9٠-٩])", body)
    toc_numbers = [int(n.translate(ARABIC_INDIC)) for n in found]
    expected = [p + 1 for _, p in chapters]
    # pdfium sometimes merges the TOC lines into one right-to-left run, read back reversed.
    assert expected in (toc_numbers, toc_numbers[::-1])
    # The numbers must be on the page, not pushed past its edge (WeasyPrint RTL floats do that).
    doc = pypdfium2.PdfDocument(result.pdf)
    page = doc[1]
    width, text = page.get_width(), page.get_textpage()
    boxes = [text.get_charbox(i) for i in range(text.count_chars())]
    assert boxes and all(left >= 0 and right <= width for left, _, right, _ in boxes)
    doc.close()


def test_bookmarks_are_the_arabic_headings(report: Rendered) -> None:
    titles = [t for t, _ in outline(report.pdf)]
    for heading in ("1. الملخص التنفيذي", "2. هيكل الصفقة", "3. الأطراف", "المخاطر", "المحتويات"):
        assert any(heading in t for t in titles), (heading, titles)
    assert titles[0] == "تحالف مايكروسوفت وإنفيديا وأنثروبيك"


def test_cover_has_no_running_header_and_later_pages_do(report: Rendered) -> None:
    pages = page_texts(report.pdf)
    assert "صفحة" not in pages[0]
    assert pages[2].count("مايكروسوفت") >= 1 and "صفحة 3 من" in pages[2]


def test_report_fonts_and_real_arabic(report: Rendered, second_report: Rendered) -> None:
    for result in (report, second_report):
        assert embedded_fonts(result.pdf) <= BUNDLED
        assert not PRESENTATION_FORMS.search("".join(page_texts(result.pdf)))
    assert 'id="src-1"' in report.html
    # Figures are numbered by the page (a CSS counter), 1..n in the order they appear.
    numbers = re.findall(r"شكل :?([0-9])", "".join(page_texts(report.pdf)))
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and len(numbers) == 5


def test_watermark_only_when_classification_asks(report: Rendered, second_report: Rendered) -> None:
    assert 'class="watermark"' not in report.html
    assert '<div class="watermark" aria-hidden="true">مسودة</div>' in second_report.html
    assert all("مسودة" in page for page in page_texts(second_report.pdf))


def test_letter_paper(second_report: Rendered) -> None:
    with pikepdf.open(io.BytesIO(second_report.pdf)) as doc:
        box = [float(v) for v in doc.pages[0].mediabox]
    assert round(box[2]) == 612 and round(box[3]) == 792


@pytest.mark.parametrize("path", [None, SECOND_DEAL])
def test_onepage_is_one_page(path: Path | None) -> None:
    result = render(load_deal(path), template="onepage")
    assert len(page_texts(result.pdf)) == 1
    assert result.html.count('<figure class="chart') == 1


def test_onepage_shortens_long_text_instead_of_a_second_page(deal_data: dict[str, object]) -> None:
    long_para = "تحليل مطوّل لسوق الحوسبة السحابية وأثره على المستثمرين " * 23  # three fill the 4000 limit
    deal_data["narrative"] = {"summary": "\n\n".join([long_para] * 3)}  # type: ignore[index]
    deal_data["title_ar"] = "عنوان طويل جدًا " * 18
    deal_data["risks"] = [
        {"id": f"r{i}", "title_ar": "خطر طويل الوصف " * 18, "likelihood": "high", "impact": "high"}
        for i in range(20)  # the most a deal may have
    ]
    deal = Deal.model_validate(deal_data)
    result = render(deal, template="onepage")
    assert len(page_texts(result.pdf)) == 1
    assert "…" in result.html


@pytest.mark.parametrize("fit", range(FIT_LEVELS))
def test_onepage_links_only_to_the_sources_it_lists(fit: int) -> None:
    # 30 sources, cited by the key figures; the one-pager lists three, none from step 2 on.
    context = build_context(load_deal(LIMITS), {})
    html = render_html("onepage", template_context(dataclasses.replace(context, fit=fit)))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets <= set(re.findall(r'id="([^"]+)"', html))  # WeasyPrint: "No anchor #src-N"
    assert ('id="src-' in html) == (fit < 2)
    assert '<sup class="ref">[' in html  # the numbers are still printed, as plain text


def test_second_deal_briefing_is_short(second_deal: Deal) -> None:
    result = render(second_deal, template="briefing")
    assert 1 <= len(page_texts(result.pdf)) <= 2
    assert "١٥ مليار ريال" in result.html


def test_logo_is_embedded_as_data_uri(sample_deal: Deal, tmp_path: Path) -> None:
    from engine.logo import logo_data_uri

    svg = tmp_path / "logo.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="40" height="20" fill="#333"/></svg>'
    )
    uri = logo_data_uri(svg)
    deal = sample_deal.model_copy(update={"options": sample_deal.options.model_copy(update={"logo": uri})})
    result = render(deal, template="report")
    assert f'src="{uri}"' in result.html
    with pikepdf.open(io.BytesIO(result.pdf)) as doc:
        assert any("/XObject" in (page.Resources or {}) for page in doc.pages[:1])


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.svg", b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>', "DOCTYPE"),
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1/x.png"/></svg>',
            "reference",
        ),
        ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "script"),
        ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>', "event"),
        ("a.svg", b"<svg><style>@import url(http://127.0.0.1/)</style></svg>", "reference"),
        ("a.png", b"\x89PNG\r\n\x1a\nbroken", "damaged"),
        ("a.png", b"GIF89a", "not a PNG"),
        ("a.gif", b"GIF89a", "only .png and .svg"),
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 600_000, "larger than"),
    ],
)
def test_bad_logos_are_refused(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    from engine.logo import logo_data_uri

    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValueError, match=message):
        logo_data_uri(path)


def test_png_logo_and_model_validation(tmp_path: Path, deal_data: dict[str, object]) -> None:
    from PIL import Image

    from engine.logo import logo_data_uri

    path = tmp_path / "logo.png"
    Image.new("RGB", (30, 10), "black").save(path)
    assert logo_data_uri(path).startswith("data:image/png;base64,")
    deal_data["options"] = {
        "logo": "data:image/svg+xml;base64," + base64.b64encode(b"<svg><script/></svg>").decode()
    }
    with pytest.raises(ValueError, match="script"):
        Deal.model_validate(deal_data)
