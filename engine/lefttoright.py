"""Words with marks on a line pdfium reads left to right: drawn chunk by chunk, in reading order.

pdfium (5.x: `CPDF_TextPage::CloseTempLine`, `CFX_BidiString` in core/fxcrt/fx_bidi.cpp) does
not run the Unicode bidi algorithm over a line. It cuts the characters it collected for the
line (text objects sorted by where they start, glyphs in drawing order) into runs of one
kind: right-to-left letters (R, AL), left-to-right letters (L), "weak" characters (digits,
combining marks, separators, format and control characters) and neutrals. The line reads
right to left when it has at least as many right-to-left runs as left-to-right ones
(`nR2L >= nL2R`); otherwise every run stays where it is, a right-to-left run reversed in
place, a weak one kept as it is. A combining mark is a run of its own, so on a line read
left to right (a role beside a Latin company name) the two halves of a word around a
shadda or damma come back swapped: «مورّد» as «دّ» + «مور» (seed 39 of the generated corpus).

On such a line a word with marks is drawn in one text operator, chunk by chunk in reading
order: the letters from the start of the word up to a marked letter (left to right, as
drawn), then a blank glyph spelling that letter's marks, then the next chunk. pdfium
reverses each chunk in place and keeps the marks between them, so the word comes back as
typed. Every letter is drawn where it was: the TJ adjustments jump right, then back. The
marks themselves are drawn after the run from the silent copy of the font (they spell
nothing). poppler orders glyphs by position, not by drawing order: it finds each blank
glyph at the right edge of the letter left of the marked one (spanning its last 0.001 em),
so between the two letters, and reads the word as typed too.

Which lines pdfium reads left to right is decided here as pdfium decides it, over the text
that pdfium will collect for the line (`reads_left_to_right`); a line read right to left
keeps the stage's usual drawing, which pdfium reads right.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import pikepdf

from engine.textfonts import ANCHOR_CODE, SILENT_WIDTH, TextFont, is_mark, is_rtl_letter
from engine.textruns import PLACES, Glyph, Instruction, TextState, fold_gaps, letter_of_marks, op

__all__ = ["Chunked", "chunked", "draw_chunked", "reads_left_to_right"]

# The advance of the blank glyph that spells a letter's marks (thousandths of an em): it spans
# the last 0.001 em of the letter on its left, where poppler puts it between the two letters.
CARRIER_WIDTH = Decimal(1)
# What pdfium collects for a silent mark and its blank anchor: the codes themselves (weak).
_SILENT_TEXT = "\u0002\u0093"
_WEAK = frozenset({"AN", "EN", "NSM", "CS", "ES", "ET", "BN"})


def _kind(ch: str) -> str:
    cls = unicodedata.bidirectional(ch)
    if cls in ("R", "AL"):
        return "R"
    if cls == "L":
        return "L"
    return "W" if cls in _WEAK or not cls else "N"


def reads_left_to_right(text: str) -> bool:
    """Whether pdfium reads a line of this text (in the order it collects it) left to right."""
    runs = {"R": 0, "L": 0, "W": 0, "N": 0}
    last = ""
    for ch in text:
        kind = _kind(ch)
        if kind != last:
            runs[kind] += 1
            last = kind
    return not (runs["R"] > 0 and runs["R"] >= runs["L"])


@dataclass
class Chunked:
    """A run's glyphs re-ordered for a line read left to right: what is drawn, in order."""

    glyphs: list[Glyph]  # in drawing order; a mark stands for its carrier (after its chunk)
    carried: dict[int, tuple[Glyph, int]]  # id(mark) → (its base, its place among the base's marks)
    words: dict[int, list[Glyph]]  # after how many drawn glyphs a word ends → its letters (marks drawn there)
    text: str  # what pdfium collects for the run, in order


def _groups(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped base first: the marks drawn before a right-to-left letter go with it."""
    groups: list[list[Glyph]] = []
    i = 0
    while i < len(glyphs):
        j = i
        while j < len(glyphs) and is_mark(glyphs[j].text):
            j += 1
        if i < j < len(glyphs) and is_rtl_letter(glyphs[j].text):
            groups.append([glyphs[j], *glyphs[i:j]])
            i = j + 1
        else:
            groups.append([glyphs[i]])
            i += 1
    return groups


def _words(groups: list[list[Glyph]]) -> list[list[list[Glyph]]]:
    """The groups cut into words: runs of right-to-left letters in one font, size and rise."""
    words: list[tuple[tuple[str, Decimal, Decimal] | None, list[list[Glyph]]]] = []
    for group in groups:
        base = group[0]
        key = (base.font, base.size, base.rise) if is_rtl_letter(base.text) else None
        if key is not None and words and words[-1][0] == key:
            words[-1][1].append(group)
        else:
            words.append((key, [group]))
    return [word for _key, word in words]


def _inner_marks(group: list[Glyph], font: TextFont) -> bool:
    """Whether a mark of the group sits on a letter of a ligature other than its last."""
    last = len(group[0].text) - 1
    return any(index != last for index in letter_of_marks(group, font))


def chunked(glyphs: list[Glyph], fonts: dict[str, TextFont]) -> Chunked | None:
    """The run drawn for a line read left to right, or None when it has no word with marks.

    None too when a mark sits on a letter of a ligature other than its last: a blank glyph
    cannot cut the ligature's letters, and the whole run keeps the usual drawing.
    """
    groups = _groups(glyphs)
    if not any(len(group) > 1 for group in groups):
        return None
    order: list[Glyph] = []
    carried: dict[int, tuple[Glyph, int]] = {}
    ends: dict[int, list[Glyph]] = {}
    for word in _words(groups):
        marked = [k for k, group in enumerate(word) if len(group) > 1]
        if not marked:
            order += [glyph for group in word for glyph in group]
            continue
        if any(_inner_marks(word[k], fonts[word[k][0].font]) for k in marked):
            return None
        # Chunks from the right (the start of the word), each ending at a marked letter.
        end = len(word)
        for k in reversed(marked):
            order += [group[0] for group in word[k:end]]
            logical = list(reversed(word[k][1:]))  # marks are drawn before their letter
            for place, mark in enumerate(logical):
                carried[id(mark)] = (word[k][0], place)
                order.append(mark)
            end = k
        order += [group[0] for group in word[:end]]
        ends[len(order)] = [glyph for group in word for glyph in group]
    text = "".join(g.text for g in order)
    for count in sorted(ends, reverse=True):  # pdfium collects the silent marks after their word
        silent = sum(1 for g in ends[count] if is_mark(g.text))
        text = (
            text[: _text_length(order[:count])] + _SILENT_TEXT * silent + text[_text_length(order[:count]) :]
        )
    return Chunked(order, carried, ends, text)


def _text_length(glyphs: list[Glyph]) -> int:
    return sum(len(g.text) for g in glyphs)


class _Writer:
    """Text operators drawing glyphs at given positions, in any order, from a run's start state."""

    def __init__(self, start: TextState) -> None:
        self.out: list[Instruction] = []
        self.items: list[object] = []
        self.font, self.size, self.rise = start.font, start.size, start.rise
        self.pen = Decimal(0)

    def _flush(self) -> None:
        if self.items:
            self.out.append(op("TJ", pikepdf.Array(self.items)))
            self.items = []

    def _state(self, font: str | None, size: Decimal, rise: Decimal) -> None:
        if (font, size) != (self.font, self.size) and font is not None:
            self._flush()
            self.out.append(op("Tf", pikepdf.Name(font), size))
            self.font, self.size = font, size
        if rise != self.rise:
            self._flush()
            self.out.append(op("Ts", rise))
            self.rise = rise

    def _move(self, x: Decimal) -> None:
        adjust = ((self.pen - x) * 1000 / self.size).quantize(PLACES) if self.size else Decimal(0)
        if adjust:
            self.items.append(adjust.normalize())
            self.pen -= adjust * self.size / 1000

    def move_to(self, x: Decimal) -> None:
        """Bring the pen to `x` within the current text operator."""
        self._move(x)

    def draw(self, glyph: Glyph, font: str, x: Decimal, code: int, width: Decimal) -> None:
        """Draw `code` of `font` at `x` (the glyph gives size and rise); `width` is its declared advance."""
        self._state(font, glyph.size, glyph.rise)
        self._move(x)
        self.items.append(pikepdf.String(code.to_bytes(2, "big")))
        self.pen += width * self.size / 1000

    def finish(self, end: TextState, end_pen: Decimal) -> list[Instruction]:
        """The operators, leaving the pen and the text state where the original run left them."""
        self._flush()
        self._state(end.font, end.size, end.rise)
        self._move(end_pen)
        self._flush()
        return self.out


def _draw_marks(writer: _Writer, word: list[Glyph], fonts: dict[str, TextFont]) -> None:
    """The word's marks, from the silent copy, in a text operator that starts and ends at the word's end.

    The blank anchor drawn with each raised mark stretches the operator's box down to the
    mark's baseline (see ANCHOR_CODE); starting where the word ends, the operator sorts after
    it among pdfium's text objects, so what pdfium collects for it (the codes, weak
    characters) stands between this word and the next.
    """
    letters = [g for g in word if not is_mark(g.text)]
    right = max(
        g.x + fonts[g.font].width(g.draw_code if g.draw_code >= 0 else g.code) * g.size / 1000
        for g in letters
    )
    writer.move_to(right)
    for mark in (g for g in word if is_mark(g.text)):
        known = fonts[mark.font]
        silent_font, silent = known.silent_code(mark.code)
        if known.has_anchor:
            writer.draw(mark, silent_font, mark.x, ANCHOR_CODE, SILENT_WIDTH)
        writer.draw(mark, silent_font, mark.x, silent, SILENT_WIDTH)
    writer.move_to(right)


def draw_chunked(
    plan: Chunked,
    run_glyphs: list[Glyph],
    fonts: dict[str, TextFont],
    *,
    start: TextState,
    end: TextState,
    end_pen: Decimal,
) -> list[Instruction]:
    """The run's operators drawing `plan`: every glyph where it was, pen and state left as they were."""
    fold_gaps(_groups(run_glyphs), fonts)
    writer = _Writer(start)
    for count, glyph in enumerate(plan.glyphs):
        known = fonts[glyph.font]
        if id(glyph) in plan.carried:
            base, place = plan.carried[id(glyph)]
            if known.blank_code is None:
                raise ValueError("no blank glyph to spell marks with")
            code = known.alias(known.blank_code, glyph.text, CARRIER_WIDTH)
            x = base.x - (place + 1) * CARRIER_WIDTH * base.size / 1000
            writer.draw(base, base.font, x, code, CARRIER_WIDTH)
        else:
            code = glyph.draw_code if glyph.draw_code >= 0 else glyph.code
            writer.draw(glyph, glyph.font, glyph.x, code, known.width(code))
        if count + 1 in plan.words:
            _draw_marks(writer, plan.words[count + 1], fonts)
    return writer.finish(end, end_pen)
