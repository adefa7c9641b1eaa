"""Every figure of a v2 deal reaches the PDF text in the report's digits; Latin tokens keep theirs."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from engine.dealfile import load_deal
from engine.model import Digits
from engine.pipeline import Rendered, render
from tests.pdfcheck import embedded_fonts, metadata, page_texts
from tests.test_templates import outline

AMD = Path(__file__).parent / "fixtures" / "amd_openai.json"
LATIN_DIGITS = re.compile(r"[0-9]+")
ARABIC_RUN = re.compile(r"[٠-٩][٠-٩٫٬]*")
LONE_ZERO = re.compile(r"(?<![٠-٩٫٬])٠(?![٠-٩٫٬])")


@pytest.fixture(scope="module")
def report() -> Rendered:
    return render(load_deal(AMD), template="report", digits=Digits.arab)


def latin_token(text: str, start: int, end: int) -> bool:
    """Whether Latin digits at text[start:end] belong to a Latin token (README, Typographic conventions).

    The token is the run of non-space characters around them: it holds a Latin letter or a currency
    sign (MI450, GB200, GPT-4, $30B), or it stands in Latin text, next to a Latin word ("Deploy 6
    Gigawatts", "Outlook 2026").
    """
    left = text[:start].split()
    right = text[end:].split()
    token = (left[-1] if left and not text[start - 1].isspace() else "") + text[start:end]
    token += right[0] if right and end < len(text) and not text[end].isspace() else ""
    if re.search(r"[A-Za-z$€£]", token):
        return True
    before = left[-1] if left and text[start - 1].isspace() else ""
    after = right[0] if right and text[end].isspace() else ""
    word = r"[A-Za-z][A-Za-z.,'-]*"
    return bool(re.fullmatch(word, before) or re.fullmatch(word, after))


def test_the_latin_token_rule() -> None:
    assert latin_token("معالجات MI450 الجديدة", 10, 13)
    assert latin_token("نحو $30B الآن", 6, 8)
    assert latin_token("to Deploy 6 Gigawatts of", 10, 11)
    assert not latin_token("نشر 6 جيجاواط", 4, 5)
    assert latin_token("Outlook 2026 ،", 8, 12)
    assert not latin_token("MI450 ثم 6 جيجاواط", 9, 10)


def test_no_latin_digit_outside_latin_tokens(report: Rendered) -> None:
    for number, text in enumerate(page_texts(report.pdf), start=1):
        stray = [
            text[max(0, m.start() - 20) : m.end() + 20]
            for m in LATIN_DIGITS.finditer(text)
            if not latin_token(text, m.start(), m.end())
        ]
        assert stray == [], f"page {number}: {stray}"


def test_no_figure_of_the_page_is_dropped_or_zeroed(report: Rendered) -> None:
    body = html.unescape(re.sub(r"<[^>]+>", " ", report.html.split("<body", 1)[1]))
    pdf_text = "\n".join(page_texts(report.pdf))
    # pdfium may read a run of Arabic-Indic digits from either end; a figure is found either way.
    found = set(ARABIC_RUN.findall(pdf_text)) | {run[::-1] for run in ARABIC_RUN.findall(pdf_text)}
    missing = sorted(set(ARABIC_RUN.findall(body)) - found)
    assert missing == []
    assert not LONE_ZERO.search(pdf_text), "a figure printed as a false zero"
    for figure in ("١٦٠ مليون سهم", "٦ جيجاواط", "٢٠٢٦", "٦٠٠", "١٠", "سنت واحد", "المليارات من"):
        assert figure in pdf_text


def test_title_bookmark_and_metadata_follow_the_digit_setting(report: Rendered) -> None:
    title = "إيه إم دي وأوبن إيه آي: ٦ جيجاواط من معالجات MI450 وضمان لشراء ١٦٠ مليون سهم"
    info = metadata(report.pdf)
    assert info["Title"] == title
    assert "٢٠٢٦" in info["Subject"] and not re.search(r"[\u2066-\u2069\u061c]", info["Subject"])
    assert outline(report.pdf)[0] == (title, 0)
    running = [text for text in page_texts(report.pdf)[1:] if "MI450" in text or "450MI" in text]
    assert running and all("١٦٠" in text and "160" not in text for text in running)


def test_the_new_marks_are_drawn_in_the_bundled_font(report: Rendered) -> None:
    # Stage and tranche marks, tanween and Arabic separators exist in IBM Plex Sans Arabic: no
    # symbol font is pulled in to draw them.
    assert not [name for name in embedded_fonts(report.pdf) if "DejaVu" in name or "Symbol" in name]
