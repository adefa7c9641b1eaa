"""The PDF's text is the analyst's text: Arabic words extract intact with pdftotext and pdfium.

Measured on the PDF, never on the HTML. Definitions used here:
- normalisation: bidi controls removed (U+200E, U+200F, U+061C, U+202A–U+202E,
  U+2066–U+2069), then NFC;
- word: a maximal run of Arabic letters, harakat (U+064B–U+065F, U+0670) and
  tatweel after normalisation; digits, Latin, punctuation and spaces separate words;
- the words a report shows: the words of the visible text of the HTML the PDF was
  laid out from (everything in <body> but attributes), i.e. the deal's titles, names,
  prose and formatted amounts, plus the template's own labels;
- intact: the word appears, as a word, in the text the extractor returns for the PDF;
- a word the layout itself breaks across lines (an unbroken run of letters wider than its
  column, as the generated corpus has) is not counted: no extractor can join it back.
  Which words stay whole on a line is read from WeasyPrint's line boxes, consulted only
  when some word is missing.
The share is over distinct words. Each PDF is rendered once per session.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from itertools import product

import pypdfium2
import pytest
from lxml import html as lxml_html

from engine.dealfile import deal_from_data, load_deal
from engine.model import Deal, Digits
from engine.paths import ROOT
from engine.pdf import document_to_pdf, layout
from engine.pdftext import extractable_text, reads_backwards
from engine.pipeline import Rendered, render
from engine.preflight import format_findings
from tests.generated.deals import FIXED_SEEDS, fixed_set
from tests.text.generated import generated_deal

BIDI_CONTROLS = re.compile(r"[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff]+")
TEMPLATES = ("briefing", "report", "onepage")
DIGITS = (Digits.latn, Digits.arab)
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.json"))
SEEDS = (1,)
# From the generated corpus (tests/generated/deals.py): a small draft deal (watermark) in the default
# run; every fixed seed under the `slow` marker.
CORPUS_SEEDS = (15,)
# pdfium reads a line whose Latin words outnumber its Arabic ones left to right, and there a combining
# mark is a run of its own: a word with a shadda or a damma came back with its halves swapped (seed 39:
# «مورّد» and «مُقرض» beside a Latin name, 105 of 107 words; seed 13: 102 of 105). The stage now draws
# such a word chunk by chunk in reading order, its marks spelled by blank glyphs between the chunks
# (engine/lefttoright.py): 100% on both seeds.

# Measured with this stage (poppler 22.12, pdfium 5.15): 100% with either extractor on the sample,
# the fixtures and the generated deals, every template, both digit settings; without it, 70-75%.
TARGET = 0.99

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


# Invisible marks that are never part of the letters an analyst typed: the zero-width space and
# joiner the layout puts inside overlong words as break opportunities (a word is the run of
# letters between real separators, so these must not cut it in two).
INVISIBLE_IN_WORDS = re.compile(r"[\u200b\u200d]")


def words(text: str) -> set[str]:
    """The distinct Arabic words of a text, normalised."""
    text = INVISIBLE_IN_WORDS.sub("", BIDI_CONTROLS.sub("", text))
    return set(ARABIC_WORD.findall(unicodedata.normalize("NFC", text)))


def shown_words(html: str) -> set[str]:
    """The Arabic words of the visible text of a report's HTML."""
    doc = lxml_html.fromstring(html)
    for hidden in doc.xpath("//head | //script | //style | //title"):
        hidden.drop_tree()
    return words(" ".join(doc.xpath("//body//text()")))


def whole_on_a_line(html: str) -> set[str]:
    """The Arabic words the layout keeps whole on one line, from WeasyPrint's own line boxes.

    A word wider than its column (an unbroken run of letters in a name or title) is broken
    across lines by the layout itself; no extractor can join it back, so it is not counted.
    """
    from weasyprint.formatting_structure import boxes

    found: set[str] = set()
    stack = [page._page_box for page in layout(html).pages]
    while stack:
        box = stack.pop()
        if not isinstance(box, boxes.LineBox):
            stack.extend(box.children if isinstance(box, boxes.ParentBox) else [])
            continue
        found |= words(_line_text(box, stack))
    return found


def _line_text(box, blocks: list) -> str:
    """A line's own text in order; inline blocks inside it (which have lines of their own) go to `blocks`."""
    from weasyprint.formatting_structure import boxes

    parts = []
    for child in box.children:
        if isinstance(child, boxes.TextBox):
            parts.append(child.text)
        elif isinstance(child, boxes.InlineBox):
            parts.append(_line_text(child, blocks))
        elif isinstance(child, boxes.ParentBox):
            blocks.append(child)
    return "".join(parts)


def poppler_text(pdf: bytes) -> str:
    """The PDF's text as pdftotext (poppler) extracts it."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def pdfium_text(pdf: bytes) -> str:
    """The PDF's text as pdfium extracts it."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def _deals() -> dict[str, Deal]:
    deals = {"sample": load_deal()}
    deals.update({path.stem: load_deal(path) for path in FIXTURES})
    deals.update({f"generated-{seed}": deal_from_data(generated_deal(seed)) for seed in SEEDS})
    return deals


def _rendered(deals: dict[str, Deal]) -> dict[tuple[str, str, str], Rendered]:
    return {
        (name, template, digits.value): render(deal, template=template, digits=digits)
        for (name, deal), template, digits in product(deals.items(), TEMPLATES, DIGITS)
    }


@pytest.fixture(scope="session")
def reports() -> dict[tuple[str, str, str], Rendered]:
    """Every hand-written deal (and the prose generator's) in every template and digit setting, once."""
    return _rendered(_deals())


@pytest.fixture(scope="session")
def corpus_reports() -> dict[tuple[str, str, str], Rendered]:
    """A few deals of the generated corpus in every template and digit setting, rendered once."""
    return _rendered({f"corpus-{seed}": deal_from_data(data) for seed, data in fixed_set(CORPUS_SEEDS)})


def share_intact(rendered: Rendered, extract) -> float:
    """The share of the report's distinct Arabic words that the extractor returns intact."""
    expected = shown_words(rendered.html)
    found = words(extract(rendered.pdf))
    if expected - found:  # only then is the layout consulted (it costs a second layout)
        expected -= (expected - found) - whole_on_a_line(rendered.html)
    return len(expected & found) / len(expected)


def _shares(reports: dict[tuple[str, str, str], Rendered], extract) -> dict[tuple[str, str, str], float]:
    return {key: share_intact(rendered, extract) for key, rendered in reports.items()}


def _assert_target(reports: dict[tuple[str, str, str], Rendered], extract) -> None:
    shares = _shares(reports, extract)
    worst = min(shares, key=shares.__getitem__)
    assert shares[worst] >= TARGET, f"{worst}: {shares[worst]:.1%} of the words intact"


def assert_same_pixels(raw: bytes, fixed: bytes, *, scales: tuple[float, ...]) -> None:
    """Both PDFs render to the same pages: no pixel off by more than 1/255, at most 20 off at all."""
    import numpy as np

    before, after = pypdfium2.PdfDocument(raw), pypdfium2.PdfDocument(fixed)
    try:
        assert len(before) == len(after)
        for page_before, page_after in zip(before, after, strict=True):
            for scale in scales:
                a = np.asarray(page_before.render(scale=scale).to_pil(), dtype=np.int16)
                b = np.asarray(page_after.render(scale=scale).to_pil(), dtype=np.int16)
                diff = np.abs(a - b).max(axis=2)
                assert diff.max() <= 1 and np.count_nonzero(diff) <= 20, (scale, int(diff.max()))
    finally:
        before.close()
        after.close()


EXTRACTORS = pytest.mark.parametrize("extract", [poppler_text, pdfium_text], ids=["pdftotext", "pdfium"])


@needs_pdftotext
@EXTRACTORS
def test_target_99_percent(reports: dict[tuple[str, str, str], Rendered], extract) -> None:
    """The issue's target: 99% of the distinct words of every report intact, with either extractor."""
    for key, rendered in reports.items():
        assert len(shown_words(rendered.html)) > 50, key  # the measure is about real prose
    _assert_target(reports, extract)


@needs_pdftotext
@EXTRACTORS
def test_target_99_percent_on_generated_deals(
    corpus_reports: dict[tuple[str, str, str], Rendered], extract
) -> None:
    """The same target on deals of the generated corpus (names, titles and prose of any shape)."""
    _assert_target(corpus_reports, extract)


@pytest.mark.slow
@needs_pdftotext
@pytest.mark.parametrize(
    "seed",
    FIXED_SEEDS,
)
def test_the_whole_corpus_is_clean_and_extracts(seed: int) -> None:
    """Every deal of the fixed generated corpus, in every template and digit setting: preflight-clean
    (issue 11), and 99% of its words intact with either extractor. One render serves both checks:
    the corpus is the slowest part of CI."""
    ((_, data),) = fixed_set((seed,))
    reports = _rendered({f"corpus-{seed}": deal_from_data(data)})
    for (_, template, digits), rendered in reports.items():
        assert format_findings(rendered.findings, Digits(digits)) == [], f"seed {seed}, {template}, {digits}"
    for extract in (poppler_text, pdfium_text):
        _assert_target(reports, extract)


@needs_pdftotext
def test_ligature_words_extract_in_order(reports: dict[tuple[str, str, str], Rendered]) -> None:
    """The words the issue reported reversed inside ligatures now extract as typed."""
    rendered = reports[("sample", "briefing", "latn")]
    for extract in (poppler_text, pdfium_text):
        found = words(extract(rendered.pdf))
        assert {"أنثروبيك", "في", "للاستخدام"} <= found, extract.__name__
        assert not {"أنرثوبيك", "يف", "لالستخدام"} & found, extract.__name__


def test_reversed_entries_are_right_to_left_runs() -> None:
    """Only multi-character right-to-left text (letters, marks) is reversed; Latin and digits never."""
    assert reads_backwards("لا") and reads_backwards("ثر") and reads_backwards("َّ")
    assert not reads_backwards("fi") and not reads_backwards("ل") and not reads_backwards("1ل")


def test_stage_does_not_change_the_pixels(sample_deal: Deal) -> None:
    """Every glyph stays where it was: the pages render to the same pixels.

    The one allowed difference: a raised mark is now drawn after its letter instead of
    before, and compositing the same colour in the other order can round a pixel that
    both cover by 1/255 (measured: at most 7 such pixels a page, none at scale 2).
    """

    rendered = render(sample_deal, template="briefing")
    raw = document_to_pdf(layout(rendered.html))
    fixed = extractable_text(raw)
    assert fixed != raw
    assert_same_pixels(raw, fixed, scales=(1.5, 2))
    assert extractable_text(raw) == fixed  # same input, same bytes


@needs_pdftotext
def test_marks_and_ligatures_extract_as_typed() -> None:
    """Raised shadda/tanween, marks on ligatures (both tanween spellings) and kerning gaps."""
    from engine.pdf import html_to_pdf

    typed = "عميلًا طويلاً كبيرًا تسرّع مزوّد أكثر سنويًا يضخّم يُرجَّح أرباحًا مصنّع مورّد يرسّخ للاستخدام"
    head = '<head><link rel="stylesheet" href="css/base.css"></head>'
    html = f'<html lang="ar" dir="rtl">{head}<body><p>{typed}</p></body></html>'
    pdf = extractable_text(html_to_pdf(html))
    for extract in (poppler_text, pdfium_text):
        assert words(extract(pdf)) == words(typed), extract.__name__


@needs_pdftotext
@pytest.mark.parametrize("watermark", [False, True], ids=["plain", "draft-watermark"])
@pytest.mark.parametrize("size", ["11pt", "21pt", "28pt", "36pt"])
def test_raised_marks_in_large_titles_and_under_the_watermark(watermark: bool, size: str) -> None:
    """Shadda on letters of every height, in title sizes, with and without the draft watermark.

    Extractor behaviours that broke such words (measured on second_deal's title and here): pdfium
    ends a line where a large raised mark's box sits wholly above the letters' («يُرجَّح» at 36pt);
    pdfium takes a text object of one glyph for vertical text when the page's first text is the
    large rotated watermark (its height, doubled, exceeds the page's text width); pdfium skips a
    text object of blank glyphs, losing the space after «رنّ»; poppler, which cuts the word where
    the mark is drawn, reads the kerning gap after «و» (0.04 em) as a space.
    """
    from engine.pdf import html_to_pdf

    typed = (
        "شراكة صندوق سيادي خليجي مع مصنّع رقائق ومزوّد سحابي، يموّل فتوزّع يُرجَّح سنويًا عميلًا طويلاً"
        " مورّد يضخّم مزوّر نوّر تقدّم رنّ ونّ جنّ"
    )
    head = '<head><link rel="stylesheet" href="css/base.css"></head>'
    mark = '<div class="watermark" aria-hidden="true">مسودة</div>' if watermark else ""
    # A page of text: pdfium compares its extent with twice the height of the first text object.
    body = f'{mark}<h1 style="font-size: {size}">{typed}</h1>' + f"<p>{typed}</p>" * 30
    pdf = extractable_text(html_to_pdf(f'<html lang="ar" dir="rtl">{head}<body>{body}</body></html>'))
    for extract in (poppler_text, pdfium_text):
        assert words(typed) <= words(extract(pdf)), extract.__name__


@needs_pdftotext
def test_raised_marks_in_large_type_overlap_their_letters() -> None:
    """pdfium ends a line where a text object's box lies wholly above the previous one's.

    A raised mark drawn alone in large type is such a box (measured: «يُرجَّح» cut at 36pt);
    the blank anchor drawn with it stretches its box down to the mark's baseline.
    """
    from engine.pdf import html_to_pdf

    typed = "مزوّر توّج نوّر يُرجَّح دوّن زوّد رنّ ونّ مدوّنة تطوّر ورّد مسوّدة تقدّم"
    head = '<head><link rel="stylesheet" href="css/base.css"></head>'
    body = "".join(f'<p style="font-size: {size}">{typed}</p>' for size in ("20pt", "28pt", "36pt"))
    pdf = extractable_text(html_to_pdf(f'<html lang="ar" dir="rtl">{head}<body>{body}</body></html>'))
    for extract in (poppler_text, pdfium_text):
        assert words(typed) <= words(extract(pdf)), extract.__name__


@needs_pdftotext
@EXTRACTORS
def test_marks_on_a_line_of_latin_names(extract) -> None:
    """A role beside Latin names: pdfium reads the line left to right, and the marked words still come back.

    pdfium keeps each right-to-left run in place on such a line (reversed inside), so a mark, a run
    of its own, used to swap the halves of its word («مزوّد» → «دّ» + «مزو»).
    """
    from engine.pdf import html_to_pdf

    typed = "مزوّد مصنّع سنويًا مُقرض يُرجَّح مُوَرِّد"
    head = '<head><link rel="stylesheet" href="css/base.css"></head>'
    body = "".join(f"<p>Compute Systems Capital Gulf Partners · {word}</p>" for word in typed.split())
    pdf = extractable_text(html_to_pdf(f'<html lang="ar" dir="rtl">{head}<body>{body}</body></html>'))
    assert words(typed) <= words(extract(pdf))


@needs_pdftotext
@pytest.mark.parametrize(
    "extract",
    [
        pytest.param(
            poppler_text,
            marks=pytest.mark.xfail(
                strict=True,
                reason="poppler puts a mark ending the leftmost word of the line outside it (so did main)",
            ),
        ),
        pdfium_text,
    ],
    ids=["pdftotext", "pdfium"],
)
def test_word_final_marks_on_a_line_of_latin_names(extract) -> None:
    """A tanween on the last letter, at the left end of a line read left to right.

    pdfium gets the word whole (its carrier comes after the last chunk). poppler reads the
    line left to right too and takes the mark, the leftmost character, for a word of its own
    in the line's direction: «مُقرضٌ» comes back as «ٌ» + «مُقرض», with or without this stage.
    """
    from engine.pdf import html_to_pdf

    typed = "مُوَرِّدٌ كبيرٌ مُقرضٌ"
    head = '<head><link rel="stylesheet" href="css/base.css"></head>'
    body = "".join(f"<p>Compute Systems Capital Gulf Partners · {word}</p>" for word in typed.split())
    pdf = extractable_text(html_to_pdf(f'<html lang="ar" dir="rtl">{head}<body>{body}</body></html>'))
    assert words(typed) <= words(extract(pdf))


@needs_pdftotext
@EXTRACTORS
def test_marks_in_table_rows_of_latin_names(extract) -> None:
    """pdfium reads a table row as one line: its direction comes from every cell together.

    Row 1 has more Arabic runs (read right to left, the usual drawing), row 2 more Latin
    ones (read left to right, chunked words); on main pdfium lost «مُقرض» and «مصنّع» here.
    """
    from engine.pdf import html_to_pdf

    rows = [
        ("شركة الاستثمارات العامة الخليجية القابضة للطاقة", "Compute Systems Capital Gulf Partners · مزوّد"),
        ("مُقرض", "Compute Systems Capital Gulf Partners · مزوّد"),
        ("Compute Systems Capital", "Gulf Partners · مصنّع"),
    ]
    head = '<head><link rel="stylesheet" href="css/base.css"></head>'
    body = "<table>" + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows) + "</table>"
    pdf = extractable_text(html_to_pdf(f'<html lang="ar" dir="rtl">{head}<body>{body}</body></html>'))
    assert words(" ".join(a + " " + b for a, b in rows)) <= words(extract(pdf))


def test_chunked_words_keep_their_pixels() -> None:
    """Words drawn chunk by chunk on lines read left to right render as before the stage.

    Every letter is drawn at its own position, the blank glyphs draw nothing; the one
    allowed difference is the 1/255 rounding of a pixel shared by a mark and its letter,
    now drawn in the other order (see test_stage_does_not_change_the_pixels).
    """

    from engine.pdf import html_to_pdf

    typed = "مزوّد مصنّع سنويًا مُقرض يُرجَّح مُوَرِّدٌ"
    head = '<head><link rel="stylesheet" href="css/base.css"></head>'
    body = "".join(f"<p>Compute Systems Capital Gulf Partners · {word}</p>" for word in typed.split())
    raw = html_to_pdf(f'<html lang="ar" dir="rtl">{head}<body>{body}</body></html>')
    fixed = extractable_text(raw)
    assert words("مزوّد مُقرض") <= words(pdfium_text(fixed))  # drawn chunk by chunk
    assert_same_pixels(raw, fixed, scales=(1, 150 / 72))


def test_pdfium_line_direction() -> None:
    """pdfium's rule (CFX_BidiString): right to left when R runs >= L runs; digits and marks are weak."""
    from engine.lefttoright import reads_left_to_right

    assert not reads_left_to_right("Compute Systems · مزوّد")  # the shadda cuts the word: 2 against 2
    assert not reads_left_to_right("مزود Compute")  # 1 against 1: right to left
    assert reads_left_to_right("Compute Systems · مزود")  # 2 against 1
    assert not reads_left_to_right("شركة 2024 ومزود Compute")  # digits are weak: 2 against 1
    assert reads_left_to_right("Compute 2024")  # no right-to-left run at all


def test_glyph_table_matches_the_fonts() -> None:
    """assets/fonts/glyph-text.json is what the bundled fonts spell (python -m engine.glyphtext)."""
    import json

    from engine.glyphtext import TABLE, build

    assert json.loads(TABLE.read_text(encoding="utf-8")) == json.loads(
        json.dumps(build(), ensure_ascii=False)
    )
