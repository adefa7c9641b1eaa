"""The embedded fonts as the text layer sees them: codes, letters, advances, aliases and silent copies.

A code of a Type0 (Identity-H) font draws one glyph (CIDToGIDMap) with a declared
advance (W) and a text (ToUnicode). The text layer stage (engine.pdftext) changes
those three tables: an alias is a new code drawing the same glyph with another
text; a silent code draws a glyph that text extractors skip (a mark whose letter
already carries it). Where such a code declares another advance than its glyph's, the
embedded program gets a copy of the glyph with that advance (engine.fontprogram), so
declared and embedded widths agree as PDF/A requires. Nothing here changes what is drawn.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pikepdf

from engine.fontprogram import FontPrograms
from engine.glyphtext import glyph_texts, mark_centre

_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>(\s+)<([0-9A-Fa-f]*)>")
_RTL_OR_MARK = frozenset({"R", "AL", "NSM"})
_MAX_CID = 0xFFFF
# Codes with no text that pdfium drops as control characters (it falls back to the
# code itself when ToUnicode is empty); poppler skips a code whose text is empty.
SILENT_CODES = (0xFFFE, 0x0093, 0x0094, 0x0096, 0x0097, 0x0098)
# The advance declared for a silent code: wide, so that pdfium's line and space
# heuristics never take a raised mark for a new line or a word break.
SILENT_WIDTH = Decimal(2000)
# A code of every silent copy drawing the font's blank glyph (the space), also spelling
# nothing (pdfium drops U+0002 as a control character). Drawn in the same operator as a
# raised mark, its empty box at the raised baseline stretches the operator's box down to
# that baseline, so pdfium's line test sees it overlap the letter under the mark.
ANCHOR_CODE = 0x0002


def reads_backwards(text: str) -> bool:
    """Whether extractors reverse this glyph's text: two or more right-to-left letters or marks."""
    return len(text) > 1 and all(unicodedata.bidirectional(ch) in _RTL_OR_MARK for ch in text)


def is_mark(text: str) -> bool:
    """Only combining marks (harakat, shadda, tanween)."""
    return bool(text) and all(unicodedata.category(ch) == "Mn" for ch in text)


def is_rtl_letter(text: str) -> bool:
    """Only right-to-left letters (one, or the letters of a ligature)."""
    return bool(text) and all(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _mixed(text: str) -> bool:
    marks = [unicodedata.category(ch) == "Mn" for ch in text]
    return any(marks) and not all(marks)


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _bfchar_blocks(entries: list[tuple[int, str]]) -> bytes:
    return b"".join(
        f"{len(entries[i : i + 100])} beginbfchar\n".encode()
        + "".join(f"<{code:04X}> <{_utf16(text)}>\n" for code, text in entries[i : i + 100]).encode()
        + b"endbfchar\n"
        for i in range(0, len(entries), 100)
    )


_SILENT_CMAP_HEAD = (
    b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
)
_CMAP_TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


@dataclass
class SilentCopy:
    """A copy of a font whose few codes draw marks and spell nothing."""

    name: str
    obj: pikepdf.Dictionary
    codes: dict[int, int] = field(default_factory=dict)  # glyph → code


@dataclass
class TextFont:
    """A Type0 font of the PDF: what each code draws, spells and advances, and what was added."""

    doc: pikepdf.Pdf
    obj: pikepdf.Dictionary
    name: str
    texts: dict[int, str]
    widths: dict[int, Decimal]
    default_width: Decimal
    gid_of: dict[int, int] | None  # None: CIDToGIDMap /Identity
    next_code: int
    centres: dict[int, int]
    aliases: dict[tuple[int, str, Decimal], int] = field(default_factory=dict)
    alias_gid: dict[int, int] = field(default_factory=dict)
    copies: list[SilentCopy] = field(default_factory=list)
    silent: dict[int, tuple[str, int]] = field(default_factory=dict)
    blank_gid: int | None = None  # the space's glyph, which draws nothing
    blank_code: int | None = None  # a code drawing it

    @property
    def has_anchor(self) -> bool:
        """Whether the silent copies have a blank anchor code (ANCHOR_CODE)."""
        return self.blank_gid is not None

    def width(self, code: int) -> Decimal:
        """The declared advance of a code, in thousandths of an em."""
        return self.widths.get(code, self.default_width)

    def gid(self, code: int) -> int:
        """The glyph a code draws."""
        if code in self.alias_gid:
            return self.alias_gid[code]
        return code if self.gid_of is None else self.gid_of.get(code, 0)

    def shown_text(self, code: int) -> str:
        """The text of a code as stored for extractors (a ligature's letters reversed)."""
        text = self.texts.get(code, "")
        if code in self.alias_gid or not reads_backwards(text):
            return text
        return text[::-1]

    def alias(self, code: int, text: str, width: Decimal) -> int:
        """A code drawing the same glyph as `code`, spelling `text` (as stored), advancing `width`."""
        if text == self.shown_text(code) and width == self.width(code):
            return code
        key = (self.gid(code), text, width)
        if key not in self.aliases:
            if self.next_code > _MAX_CID:
                raise OverflowError("no glyph codes left for aliases")
            new = self.aliases[key] = self.next_code
            self.alias_gid[new] = key[0]
            self.texts[new], self.widths[new] = text, width
            self.next_code += 1
        return self.aliases[key]

    def silent_code(self, code: int) -> tuple[str, int]:
        """(font resource name, code) drawing the glyph of `code` and spelling nothing."""
        gid = self.gid(code)
        if gid not in self.silent:
            if not self.copies or len(self.copies[-1].codes) == len(SILENT_CODES):
                self.copies.append(self._new_copy())
            copy = self.copies[-1]
            copy.codes[gid] = SILENT_CODES[len(copy.codes)]
            self.silent[gid] = (copy.name, copy.codes[gid])
        return self.silent[gid]

    def _new_copy(self) -> SilentCopy:
        descendant = self.obj.DescendantFonts[0]
        cid_font = self.doc.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.CIDFontType2,
                BaseFont=descendant.BaseFont,
                CIDSystemInfo=descendant.CIDSystemInfo,
                FontDescriptor=descendant.FontDescriptor,
            )
        )
        obj = self.doc.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.Type0,
                BaseFont=self.obj.BaseFont,
                Encoding=pikepdf.Name("/Identity-H"),
                DescendantFonts=pikepdf.Array([cid_font]),
            )
        )
        return SilentCopy(f"{self.name}.m{len(self.copies)}", obj)

    def write(self, programs: FontPrograms) -> None:
        """Store texts (ligatures reversed), aliases and silent copies in the font dictionaries.

        A code whose declared advance differs from its glyph's in the embedded program
        draws a copy of that glyph given the declared advance (PDF/A 6.2.11.5).
        """
        cmap = self.obj.ToUnicode
        data = cmap.read_bytes()
        start, end = data.find(b"beginbfchar"), data.rfind(b"endbfchar")
        if start < 0 or end < 0:
            return
        start = data.rfind(b"\n", 0, start) + 1
        entries = [(code, self.shown_text(code)) for code in self.texts]
        cmap.write(data[:start] + _bfchar_blocks(entries) + data[end + len(b"endbfchar") :].lstrip(b"\n"))
        descendant = self.obj.DescendantFonts[0]
        program = programs.of(descendant.get("/FontDescriptor"))

        def fitted(gid: int, width: Decimal) -> int:
            return gid if program is None else program.glyph_advancing(gid, width)

        if self.aliases:
            extra: list[Any] = []
            drawn_gid = dict(self.alias_gid)
            for (gid, _text, width), code in self.aliases.items():
                extra += [code, pikepdf.Array([width.normalize()])]
                drawn_gid[code] = fitted(gid, width)
            descendant.W = pikepdf.Array([*descendant.get("/W", []), *extra])
            gids = b"".join(
                (drawn_gid[code] if code in drawn_gid else self.gid(code)).to_bytes(2, "big")
                for code in range(self.next_code)
            )
            descendant.CIDToGIDMap = self.doc.make_stream(gids)
        for copy in self.copies:
            gids = bytearray(2 * (max(copy.codes.values()) + 1))
            widths: list[Any] = []
            drawn = sorted((code, gid) for gid, code in copy.codes.items())
            if self.blank_gid is not None:
                drawn.insert(0, (ANCHOR_CODE, self.blank_gid))
            for code, gid in drawn:
                gids[2 * code : 2 * code + 2] = fitted(gid, SILENT_WIDTH).to_bytes(2, "big")
                widths += [code, pikepdf.Array([SILENT_WIDTH])]
            silent_cmap = _SILENT_CMAP_HEAD + b"".join(
                f"1 beginbfchar\n<{code:04X}> <>\nendbfchar\n".encode() for code, _gid in drawn
            )
            copy.obj.ToUnicode = self.doc.make_stream(silent_cmap + _CMAP_TAIL)
            copy.obj.DescendantFonts[0].W = pikepdf.Array(widths)
            copy.obj.DescendantFonts[0].CIDToGIDMap = self.doc.make_stream(bytes(gids))


def read_font(doc: pikepdf.Pdf, obj: pikepdf.Dictionary, name: str) -> TextFont | None:
    """The font's codes, texts and advances, or None when it is not one this layer understands."""
    if obj.get("/Subtype") != "/Type0" or obj.get("/Encoding") != "/Identity-H":
        return None
    cmap = obj.get("/ToUnicode")
    descendant = obj.DescendantFonts[0]
    if not isinstance(cmap, pikepdf.Stream) or descendant.get("/Subtype") != "/CIDFontType2":
        return None
    texts: dict[int, str] = {}
    for code, _space, hextext in _BFCHAR.findall(cmap.read_bytes()):
        try:
            texts[int(code, 16)] = bytes.fromhex(hextext.decode("ascii")).decode("utf-16-be")
        except ValueError:
            continue
    widths: dict[int, Decimal] = {}
    spec = list(descendant.get("/W", []))
    i = 0
    while i + 1 < len(spec):
        first = int(spec[i])
        if isinstance(spec[i + 1], pikepdf.Array):
            for k, width in enumerate(spec[i + 1]):
                widths[first + k] = Decimal(str(width))
            i += 2
        else:
            for code in range(first, int(spec[i + 1]) + 1):
                widths[code] = Decimal(str(spec[i + 2]))
            i += 3
    mapping = descendant.get("/CIDToGIDMap", pikepdf.Name.Identity)
    gid_of = None
    if isinstance(mapping, pikepdf.Stream):
        raw = mapping.read_bytes()
        gid_of = {code: int.from_bytes(raw[2 * code : 2 * code + 2], "big") for code in range(len(raw) // 2)}
    # WeasyPrint's entry is the first cluster the glyph drew: beside a mark, it is the
    # whole cluster or nothing. The font says what the glyph spells.
    base_font = str(obj.get("/BaseFont", ""))
    spelled = glyph_texts(base_font)
    for code, text in list(texts.items()):
        letters = spelled.get(code if gid_of is None else gid_of.get(code, 0))
        if letters and (not text or (_mixed(text) and not _mixed(letters))):
            texts[code] = letters
    used = [*texts, *widths, *(gid_of or {})]
    spaces = sorted(code for code, text in texts.items() if text == " ")
    blank = (spaces[0] if gid_of is None else gid_of.get(spaces[0])) if spaces else None
    return TextFont(
        doc=doc,
        obj=obj,
        name=name,
        texts=texts,
        widths=widths,
        default_width=Decimal(str(descendant.get("/DW", 1000))),
        gid_of=gid_of,
        next_code=max(used, default=0) + 1,
        centres=mark_centre(base_font),
        blank_gid=blank,
        blank_code=spaces[0] if spaces else None,
    )
