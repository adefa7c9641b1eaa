"""A content stream's text runs as glyphs: what each text-showing operator draws, where, with which code.

A run is a sequence of TJ, Tf and Ts operators (WeasyPrint's only text operators inside a
text object); its glyphs are placed from the pen at the run's start (x = 0), in text space
units, by the declared advances and the TJ adjustments, exactly as viewers place them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any

import pikepdf

from engine.textfonts import TextFont, is_rtl_letter

# A gap inside a word wider than this (in em) is folded into the glyph before it. poppler
# cuts a word where a raised mark is drawn (another baseline) and joins the two halves
# without a space only when the gap between them is under 0.03 em (its maxCharSpacing).
GAP_EM = Decimal("0.02")
# TJ adjustments are written to this precision (thousandths of an em, so 1e-9 em).
PLACES = Decimal("0.000001")

Instruction = pikepdf.ContentStreamInstruction


@dataclass
class Glyph:
    """One glyph of a run: the code drawn, where, and what the text layer stage decides for it."""

    code: int
    x: Decimal  # origin, in text space units from the start of the run
    font: str
    size: Decimal
    rise: Decimal
    text: str
    raised: bool = False  # drawn by a text-showing operator of its own, with rise
    draw_code: int = -1  # the code it is drawn with, when it changes
    silent_font: str = ""  # the silent copy it is drawn from, for a mark re-spelled by its base
    shift: Decimal = Decimal(0)  # TJ adjustment after it, keeping the next glyph in place
    marks: list[Glyph] = field(default_factory=list)  # raised marks drawn right after this base


@dataclass
class TextState:
    """The text state a run starts from (font resource, size, rise)."""

    font: str | None = None
    size: Decimal = Decimal(0)
    rise: Decimal = Decimal(0)


def simulate(run: list[Instruction], fonts: dict[str, TextFont], state: TextState) -> list[Glyph] | None:
    """The run's glyphs at their positions, in drawing order; None if a font is not understood."""
    glyphs: list[Glyph] = []
    font, size, rise, pen = state.font, state.size, state.rise, Decimal(0)
    for ins in run:
        name = str(ins.operator)
        if name == "Tf":
            font, size = str(ins.operands[0]), Decimal(str(ins.operands[1]))
        elif name == "Ts":
            rise = Decimal(str(ins.operands[0]))
        else:
            if font not in fonts:
                return None
            known = fonts[font]
            first = len(glyphs)
            for item in ins.operands[0]:
                if isinstance(item, pikepdf.String):
                    raw = bytes(item)
                    for k in range(0, len(raw) - 1, 2):
                        code = int.from_bytes(raw[k : k + 2], "big")
                        glyphs.append(Glyph(code, pen, font, size, rise, known.texts.get(code, "")))
                        pen += known.width(code) * size / 1000
                else:
                    pen -= Decimal(str(item)) * size / 1000
            if rise and len(glyphs) - first == 1:
                glyphs[-1].raised = True
    return glyphs


def run_end(
    run: list[Instruction], fonts: dict[str, TextFont], state: TextState
) -> tuple[Decimal, TextState]:
    """Where the pen stands after the run (as `simulate` places it) and the text state it leaves."""
    font, size, rise, pen = state.font, state.size, state.rise, Decimal(0)
    for ins in run:
        name = str(ins.operator)
        if name == "Tf":
            font, size = str(ins.operands[0]), Decimal(str(ins.operands[1]))
        elif name == "Ts":
            rise = Decimal(str(ins.operands[0]))
        else:
            known = fonts[font] if font is not None else None
            for item in ins.operands[0]:
                if isinstance(item, pikepdf.String):
                    raw = bytes(item)
                    for k in range(0, len(raw) - 1, 2):
                        if known is not None:
                            pen += known.width(int.from_bytes(raw[k : k + 2], "big")) * size / 1000
                else:
                    pen -= Decimal(str(item)) * size / 1000
    return pen, TextState(font, size, rise)


def op(name: str, *operands: Any) -> Instruction:
    """A content stream operator with its operands."""
    return pikepdf.ContentStreamInstruction(list(operands), pikepdf.Operator(name))


def fold_gaps(groups: list[list[Glyph]], fonts: dict[str, TextFont]) -> None:
    """Give a letter followed by a kerning gap (inside a word) an alias advancing over the gap.

    `groups` are the run's glyphs in drawing order, each base first (its marks after it).
    """
    for before, after in itertools.pairwise(groups):
        a, b = before[0], after[0]
        if not (is_rtl_letter(a.text) and is_rtl_letter(b.text)) or (a.font, a.size, a.rise) != (
            b.font,
            b.size,
            0,
        ):
            continue
        font = fonts[a.font]
        code = a.draw_code if a.draw_code >= 0 else a.code
        # Whole units: viewers keep declared advances as integers, and an exact sum keeps
        # every later glyph on the same device pixel.
        gap = ((b.x - (a.x + font.width(code) * a.size / 1000)) * 1000 / a.size).to_integral_value(
            ROUND_FLOOR
        )
        if gap > GAP_EM * 1000:
            a.draw_code = font.alias(code, font.shown_text(code), font.width(code) + gap)
            a.shift += gap


def letter_of_marks(group: list[Glyph], font: TextFont) -> list[int]:
    """For each mark of a group, the index of the base letter it sits on.

    On a ligature («لًا» or «لاً») a mark belongs to the letter under its ink, the
    letters taken right to left across the ligature's advance.
    """
    base = group[0]
    count = len(base.text)
    span = font.width(base.code) * base.size / 1000
    out = []
    for mark in group[1:]:
        index = count - 1
        centre = font.centres.get(font.gid(mark.code))
        if count > 1 and centre is not None and span > 0:
            x = mark.x + Decimal(centre) * mark.size / 1000
            index = min(count - 1, max(0, int((base.x + span - x) / (span / count))))
        out.append(index)
    return out
