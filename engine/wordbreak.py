"""Break opportunities inside overlong words, placed where Arabic letters keep their shapes.

A 200-letter name with no space has to break somewhere. Left to `overflow-wrap: anywhere`,
WeasyPrint lets Pango pick the break from the widths of the unbroken word, then shapes each
line on its own: the letter before the break takes its final form, up to 0.64 em wider than
the medial form that was measured (ب ت ث in IBM Plex Sans Arabic Bold), so the line overhangs
its box and, at title sizes, the page area. It also ignores that property after an inline block
whose next text opens with a bidi isolate (WeasyPrint applies it only at the start of a line).

CSS Text asks that a word broken this way keep its shapes. This module gives long words
break opportunities (U+200B ZERO WIDTH SPACE, invisible and transparent to Arabic joining):

- after a letter that never joins the next one (ا د ذ ر ز و ة ء …): the break changes no
  shape, so nothing is measured wrong;
- inside a longer stretch of joining letters, wrapped in ZERO WIDTH JOINERs: the letters on
  both sides of the break keep their joined forms, so the line is as wide as measured.

Only words longer than any Arabic dictionary word (LONG_WORD characters) are touched: ordinary
prose never breaks inside a word.
"""

from __future__ import annotations

import itertools
import re

ZWSP = "\u200b"
ZWJ = "\u200d"
LONG_WORD = 20  # characters without a space: longer than any Arabic word («فأسقيناكموه» has 11)
# Break opportunities are kept apart: WeasyPrint measures an inline block's narrowest width by
# splitting its text at every opportunity, so their number costs layout time (a 200-letter name
# with one after every third letter made a large briefing 40 % slower). A line may end up to
# MAX_GAP letters short, about one em at these sizes.
MIN_GAP = 8  # letters before a break after a non-joining letter is offered again
MAX_GAP = 12  # letters at most between two break opportunities (joiners keep the shapes)

# Arabic letters that join only to the letter before them (joining type R) or to none (U).
_NOT_FORWARD = frozenset("\u0621\u0622\u0623\u0624\u0625\u0627\u0629\u062f\u0630\u0631\u0632\u0648\u0671")
_LAM = "\u0644"
_ALEFS = frozenset("\u0622\u0623\u0625\u0627\u0671")  # lam + alef is one mandatory ligature: never split
_LETTER = re.compile(r"[\u0620-\u063f\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_WORD = re.compile(rf"\S{{{LONG_WORD},}}")


def _is_letter(ch: str) -> bool:
    return bool(_LETTER.fullmatch(ch))


def _open(word: str) -> str:
    out = [word[0]]
    stretch = 1  # letters since the last break opportunity
    for before, after in itertools.pairwise(word):
        if _is_letter(before) and _is_letter(after):
            if stretch >= MIN_GAP and before in _NOT_FORWARD:
                out.append(ZWSP)
                stretch = 0
            elif stretch >= MAX_GAP and not (before == _LAM and after in _ALEFS):
                out.append(ZWJ + ZWSP + ZWJ)
                stretch = 0
        out.append(after)
        stretch += 1
    return "".join(out)


def breakable(text: str) -> str:
    """`text` with break opportunities inside its overlong words (shorter words are left alone)."""
    return _WORD.sub(lambda m: _open(m.group()), text) if len(text) >= LONG_WORD else text


def unbreakable(text: str) -> str:
    """`text` without the break opportunities `breakable` added (for metadata and comparisons)."""
    return text.replace(ZWJ + ZWSP + ZWJ, "").replace(ZWSP, "")
