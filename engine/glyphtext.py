"""What each glyph of the bundled fonts spells: its letters, from the cmap and the GSUB substitutions.

WeasyPrint maps each glyph of a PDF to the text of the first cluster it drew, so a
glyph first met beside a mark maps to the whole cluster or to nothing (the lam-alef
of «عميلًا» spelled "" everywhere in that PDF). The text layer stage reads the
letters of a glyph from this table instead, computed once from the font files:
cmap code points (presentation forms through NFKC), then single, alternate and
ligature substitutions to a fixed point. `python -m engine.glyphtext` regenerates
`assets/fonts/glyph-text.json`; a test checks it matches the fonts.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from engine.paths import FONTS

TABLE = FONTS / "glyph-text.json"
_PRESENTATION = re.compile(r"[\ufb50-\ufdff\ufe70-\ufeff]")


def font_key(name: str) -> str:
    """A font name reduced to match a BaseFont to a file: XYZ+IBM-Plex-Sans-Arabic → ibmplexsansarabic."""
    key = re.sub(r"[^a-z0-9]", "", name.rsplit("+", maxsplit=1)[-1].lower())
    return key.removesuffix("regular")


def _subtables(lookup: Any) -> list[tuple[int, Any]]:
    out = []
    for sub in lookup.SubTable:
        if lookup.LookupType == 7:
            out.append((sub.ExtSubTable.LookupType, sub.ExtSubTable))
        else:
            out.append((lookup.LookupType, sub))
    return out


def spell_font(path: Path) -> dict[int, str]:
    """Glyph id → the letters it draws, for one font file."""
    from fontTools.ttLib import TTFont

    with TTFont(path) as font:
        order = font.getGlyphOrder()
        text: dict[str, str] = {}
        # Plain code points first, so a glyph shared with a presentation form spells the letter.
        for cp, name in sorted(
            font.getBestCmap().items(), key=lambda item: (bool(_PRESENTATION.match(chr(item[0]))), item[0])
        ):
            text.setdefault(
                name, unicodedata.normalize("NFKC", chr(cp)) if _PRESENTATION.match(chr(cp)) else chr(cp)
            )
        subtables = (
            [st for lookup in font["GSUB"].table.LookupList.Lookup for st in _subtables(lookup)]
            if "GSUB" in font
            else []
        )
        changed = True
        while changed:
            changed = False
            for kind, sub in subtables:
                pairs: list[tuple[str, list[str]]] = []
                if kind == 1:
                    pairs = [(target, [source]) for source, target in sub.mapping.items()]
                elif kind == 3:
                    pairs = [(alt, [source]) for source, alts in sub.alternates.items() for alt in alts]
                elif kind == 4:
                    pairs = [
                        (lig.LigGlyph, [first, *lig.Component])
                        for first, ligs in sub.ligatures.items()
                        for lig in ligs
                    ]
                for target, sources in pairs:
                    if target not in text and all(s in text for s in sources):
                        text[target] = "".join(text[s] for s in sources)
                        changed = True
        return {gid: text[name] for gid, name in enumerate(order) if name in text}


def mark_centres(path: Path) -> dict[int, int]:
    """Glyph id → horizontal centre of the ink (font units) of every glyph that spells only marks."""
    from fontTools.ttLib import TTFont

    spelled = spell_font(path)
    with TTFont(path) as font:
        order, glyf = font.getGlyphOrder(), font["glyf"]
        centres = {}
        for gid, text in spelled.items():
            if text and all(unicodedata.category(ch) == "Mn" for ch in text):
                glyph = glyf[order[gid]]
                if glyph.numberOfContours:
                    centres[gid] = (glyph.xMin + glyph.xMax) // 2
        return centres


def build() -> dict[str, dict[str, Any]]:
    """The table for every bundled font, keyed by font_key of the file name."""
    return {
        font_key(path.stem): {
            "text": {str(gid): text for gid, text in spell_font(path).items()},
            "mark_centre": {str(gid): x for gid, x in mark_centres(path).items()},
        }
        for path in sorted(FONTS.glob("*.ttf"))
    }


@cache
def _table() -> dict[str, dict[str, Any]]:
    try:
        return json.loads(TABLE.read_text(encoding="utf-8"))
    except OSError:
        return {}


def glyph_texts(base_font: str) -> dict[int, str]:
    """Glyph id → letters for the bundled font a PDF BaseFont names; empty for any other font."""
    return {int(gid): text for gid, text in _table().get(font_key(base_font), {}).get("text", {}).items()}


def mark_centre(base_font: str) -> dict[int, int]:
    """Glyph id → ink centre (font units) of the mark glyphs of the bundled font a BaseFont names."""
    return {int(gid): x for gid, x in _table().get(font_key(base_font), {}).get("mark_centre", {}).items()}


if __name__ == "__main__":
    TABLE.write_text(
        json.dumps(build(), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    sys.exit(0)
