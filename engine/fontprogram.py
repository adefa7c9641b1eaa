"""Embedded TrueType programs given glyphs whose advance is the width the text layer declares.

PDF/A (ISO 19005-2/3, 6.2.11.5) wants every shown glyph's declared width (/W) to match
the advance of that glyph in the embedded program within 1/1000 em. The text layer stage
declares other widths for the same outline: a glyph before a folded kerning gap advances
over the gap, a silent mark or blank anchor advances SILENT_WIDTH. Each such (glyph,
width) gets its own glyph id here: a copy of the outline appended to the program, its
hmtx advance the declared width. The outline is the same, so pages draw the same pixels;
existing glyph ids are untouched.
"""

from __future__ import annotations

import copy
import io
import zlib
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import pikepdf


class FontProgram:
    """One FontFile2 stream, read once, with the glyphs added to it."""

    def __init__(self, stream: pikepdf.Stream) -> None:
        from fontTools.ttLib import TTFont

        self.stream = stream
        # No timestamp change: the same PDF in gives the same bytes out. No bounding boxes
        # recomputed: the subset keeps the whole font's (head, hhea, maxp), and poppler sizes
        # its glyph rasters from head's box (a smaller box rendered every glyph differently).
        self.font = TTFont(io.BytesIO(stream.read_bytes()), recalcTimestamp=False, recalcBBoxes=False)
        self.order = list(self.font.getGlyphOrder())
        self.per_em = Decimal(self.font["head"].unitsPerEm)
        self.added: dict[tuple[int, int], int] = {}

    def _units(self, width: Decimal) -> int:
        return int((width * self.per_em / 1000).quantize(Decimal(1), ROUND_HALF_EVEN))

    def advance(self, gid: int) -> Decimal:
        """The advance of a glyph, in thousandths of an em."""
        name = self.order[gid] if gid < len(self.order) else self.order[0]
        return Decimal(self.font["hmtx"][name][0]) * 1000 / self.per_em

    def glyph_advancing(self, gid: int, width: Decimal) -> int:
        """A glyph id drawing glyph `gid`'s outline whose advance is `width` (thousandths of an em)."""
        if gid >= len(self.order):
            gid = 0
        units = self._units(width)
        hmtx = self.font["hmtx"]
        name = self.order[gid]
        if hmtx[name][0] == units:
            return gid
        key = (gid, units)
        if key not in self.added:
            glyf = self.font["glyf"]
            new = len(self.order)
            new_name = f"glyph{new:05d}"
            glyf[new_name] = copy.deepcopy(glyf[name])
            hmtx[new_name] = (units, hmtx[name][1])
            self.order.append(new_name)
            self.added[key] = new
        return self.added[key]

    def save(self) -> None:
        """Write the program back into its stream, when glyphs were added."""
        if not self.added:
            return
        self.font.setGlyphOrder(self.order)
        self.font["glyf"].setGlyphOrder(self.order)
        out = io.BytesIO()
        self.font.save(out)
        data = out.getvalue()
        self.stream.write(zlib.compress(data, 9), filter=pikepdf.Name.FlateDecode)
        self.stream.Length1 = len(data)


class FontPrograms:
    """The embedded programs of a document, shared by every font dictionary that points at them."""

    def __init__(self) -> None:
        self._programs: dict[tuple[int, int], FontProgram] = {}

    def of(self, descriptor: Any) -> FontProgram | None:
        """The TrueType program a FontDescriptor embeds, or None."""
        stream = descriptor.get("/FontFile2") if descriptor is not None else None
        if not isinstance(stream, pikepdf.Stream):
            return None
        if stream.objgen not in self._programs:
            self._programs[stream.objgen] = FontProgram(stream)
        return self._programs[stream.objgen]

    def save(self) -> None:
        """Write every changed program back."""
        for program in self._programs.values():
            program.save()
