"""Declared glyph widths against the embedded font programs, as PDF/A requires.

ISO 19005-2/3, rule 6.2.11.5 (veraPDF: "glyph width information in the font dictionary
and in the embedded font program shall be consistent"): for every glyph a page shows,
the width of its code in the font dictionary (/W and /DW of a CIDFontType2, /Widths of
a simple font) and the advance of the glyph in the embedded program (hmtx, scaled to
thousandths of an em) differ by at most 1/1000 em. This reads both independently of
the code that writes them: codes from the content streams (pages and the form
XObjects they draw), glyphs through the CIDToGIDMap (CID fonts) or the program's
cmap (simple TrueType fonts), advances with fontTools.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pikepdf
from fontTools.ttLib import TTFont

TOLERANCE = 1.0  # thousandths of an em (veraPDF's test for 6.2.11.5)


@dataclass(frozen=True)
class Mismatch:
    """One code of one font whose declared width disagrees with the embedded program."""

    font: str  # resource name (e.g. /SKOCTL.m0)
    base_font: str
    code: int
    gid: int
    declared: float
    embedded: float


def _cid_widths(descendant: pikepdf.Dictionary) -> dict[int, float]:
    widths: dict[int, float] = {}
    spec = list(descendant.get("/W", []))
    i = 0
    while i + 1 < len(spec):
        first = int(spec[i])
        if isinstance(spec[i + 1], pikepdf.Array):
            for k, width in enumerate(spec[i + 1]):
                widths[first + k] = float(width)
            i += 2
        else:
            for code in range(first, int(spec[i + 1]) + 1):
                widths[code] = float(spec[i + 2])
            i += 3
    return widths


def _used_codes(
    container: Any, resources: pikepdf.Dictionary, out: dict[tuple[int, int], tuple[str, Any, set[int]]]
) -> None:
    """The codes each font of a content stream shows, forms followed (keyed by font object)."""
    fonts = resources.get("/Font", {})
    font: Any = None
    name = ""
    for ins in pikepdf.parse_content_stream(container):
        op = str(ins.operator)
        if op == "Tf":
            name = str(ins.operands[0])
            font = fonts.get(name)
        elif op in ("TJ", "Tj", "'", '"') and font is not None:
            operand = ins.operands[-1]
            strings = [
                bytes(s)
                for s in (operand if isinstance(operand, pikepdf.Array) else [operand])
                if isinstance(s, pikepdf.String)
            ]
            two_byte = font.get("/Subtype") == "/Type0"
            entry = out.setdefault(font.objgen, (name, font, set()))
            for raw in strings:
                if two_byte:
                    entry[2].update(int.from_bytes(raw[k : k + 2], "big") for k in range(0, len(raw) - 1, 2))
                else:
                    entry[2].update(raw)
        elif op == "Do":
            xobj = resources.get("/XObject", {}).get(str(ins.operands[0]))
            if xobj is not None and xobj.get("/Subtype") == "/Form":
                _used_codes(xobj, xobj.get("/Resources", resources), out)


def _program(descriptor: pikepdf.Dictionary, cache: dict[tuple[int, int], TTFont]) -> TTFont | None:
    stream = descriptor.get("/FontFile2")
    if stream is None:
        return None
    if stream.objgen not in cache:
        cache[stream.objgen] = TTFont(io.BytesIO(stream.read_bytes()))
    return cache[stream.objgen]


def _advance(program: TTFont, gid: int) -> float:
    order = program.getGlyphOrder()
    name = order[gid] if gid < len(order) else order[0]
    return program["hmtx"][name][0] * 1000 / program["head"].unitsPerEm


def width_mismatches(pdf: bytes) -> list[Mismatch]:
    """Every (font, code) shown in the PDF whose declared width is off the embedded advance by > 1/1000 em."""
    out: list[Mismatch] = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        used: dict[tuple[int, int], tuple[str, Any, set[int]]] = {}
        for page in doc.pages:
            _used_codes(page, page.obj.get("/Resources", pikepdf.Dictionary()), used)
        programs: dict[tuple[int, int], TTFont] = {}
        for name, font, codes in sorted(used.values(), key=lambda e: e[0]):
            base = str(font.get("/BaseFont", ""))
            if font.get("/Subtype") == "/Type0":
                descendant = font.DescendantFonts[0]
                program = _program(descendant.FontDescriptor, programs)
                if program is None or descendant.get("/Subtype") != "/CIDFontType2":
                    continue
                declared = _cid_widths(descendant)
                default = float(descendant.get("/DW", 1000))
                mapping = descendant.get("/CIDToGIDMap", pikepdf.Name.Identity)
                raw = mapping.read_bytes() if isinstance(mapping, pikepdf.Stream) else None
                for code in sorted(codes):
                    gid = (
                        code
                        if raw is None
                        else int.from_bytes(raw[2 * code : 2 * code + 2] or b"\0\0", "big")
                    )
                    width, advance = declared.get(code, default), _advance(program, gid)
                    if abs(width - advance) > TOLERANCE:
                        out.append(Mismatch(name, base, code, gid, width, advance))
            elif font.get("/Subtype") == "/TrueType":
                program = _program(font.FontDescriptor, programs)
                if program is None:
                    continue
                first, widths = int(font.get("/FirstChar", 0)), list(font.get("/Widths", []))
                cmap = (
                    program["cmap"].getcmap(3, 0)
                    or program["cmap"].getcmap(1, 0)
                    or program["cmap"].getcmap(3, 1)
                )
                order = program.getGlyphOrder()
                for code in sorted(codes):
                    names = cmap.cmap if cmap is not None else {}
                    glyph = names.get(code) or names.get(0xF000 + code) or order[0]
                    gid = order.index(glyph)
                    width = float(widths[code - first]) if 0 <= code - first < len(widths) else 0.0
                    advance = _advance(program, gid)
                    if abs(width - advance) > TOLERANCE:
                        out.append(Mismatch(name, base, code, gid, width, advance))
    return out


if __name__ == "__main__":
    import sys
    from pathlib import Path

    total = 0
    for path in sys.argv[1:]:
        found = width_mismatches(Path(path).read_bytes())
        total += len(found)
        print(f"{path}: {len(found)} mismatches")
        for m in found:
            print(
                f"  {m.font} {m.base_font} code {m.code:#06x} gid {m.gid}:",
                f"W {m.declared:g} vs hmtx {m.embedded:g}",
            )
    print("total", total)
