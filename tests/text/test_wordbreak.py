"""Overlong words get break opportunities that keep Arabic shapes; ordinary words are left alone."""

from __future__ import annotations

import re

import pytest

from engine.model import Digits
from engine.pdf import layout
from engine.preflight import check_document
from engine.preflight.geometry import page_content
from engine.wordbreak import MAX_GAP, ZWJ, ZWSP, breakable, unbreakable

TITLE = "عنوانطويلجدابلامسافات" * 13  # limits.json: a 273-letter title without a space
JOINING_ONLY = "سبتنمي" * 30  # no letter in it stops the joining
# Letters that never join the next one (Unicode joining types R and U).
NOT_FORWARD = "ءآأؤإادذرزوةٱ"


def test_ordinary_prose_is_left_alone() -> None:
    prose = "أعلنت مايكروسوفت وإنفيديا والمستثمرون «فأسقيناكموه» عن شراكة بقيمة 30 مليار دولار."
    assert breakable(prose) == prose


def test_a_long_word_breaks_only_where_no_letter_changes_shape() -> None:
    opened = breakable(TITLE)
    assert unbreakable(opened) == TITLE
    for before, joiner in re.findall(rf"(.)({ZWJ}?{ZWSP})", opened):
        # A bare break follows a letter that does not join on; elsewhere joiners keep both shapes.
        assert before in NOT_FORWARD or joiner == ZWJ + ZWSP
    assert "ل" + ZWSP not in opened and "ل" + ZWJ + ZWSP + ZWJ + "ا" not in opened  # lam-alef stays one


@pytest.mark.parametrize("word", [TITLE, JOINING_ONLY])
def test_a_long_word_breaks_often_enough(word: str) -> None:
    opened = breakable(word)
    stretches = opened.replace(ZWJ, "").split(ZWSP)
    assert len(stretches) > 1 and max(len(s) for s in stretches) <= MAX_GAP


def test_a_broken_title_stays_inside_the_page_area() -> None:
    # Broken anywhere by overflow-wrap, these lines overhang the page area by 9–19 px at 24–30pt.
    body = "".join(
        f'<h1 style="font-size: {size}">{breakable(w)}</h1>'
        for w in (TITLE, JOINING_ONLY)
        for size in ("24pt", "30pt")
    )
    html = f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
    <link rel="stylesheet" href="css/base.css"><style>@page {{ size: A4; margin: 20mm }}</style></head>
    <body>{body}</body></html>"""
    document = layout(html)
    assert {f.code for f in check_document(document, digits=Digits.latn)} <= {"near-empty-page"}
    for number, page in enumerate(document.pages, start=1):
        content = page_content(page, number)
        left, right = content.area[0], content.area[0] + content.area[2]
        for text in content.texts:
            assert left - 0.5 <= text.rect[0] and text.rect[0] + text.rect[2] <= right + 0.5, text.box.text[
                :20
            ]
