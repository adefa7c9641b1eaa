"""A content stream's text runs as glyphs: what each text-showing operator draws, where, with which code.

A run is a sequence of TJ, Tf and Ts operators (WeasyPrint's only text operators inside a
text object); its glyphs are placed from the pen at the run's start (x = 0), in text space
units, by the declared advances and the TJ adjustments, exactly as viewers place them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pikepdf

from engine.textfonts import TextFont

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


def op(name: str, *operands: Any) -> Instruction:
    """A content stream operator with its operands."""
    return pikepdf.ContentStreamInstruction(list(operands), pikepdf.Operator(name))
