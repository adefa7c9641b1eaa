"""The bundled fonts are the only fonts: a fontconfig limited to assets/fonts, and what they can draw.

Rendering is hermetic: WeasyPrint (Pango) finds fonts through fontconfig, which by
default offers every font of the machine and silently falls back to one of them for
a character the bundled font lacks (Noto for U+061C, DejaVu for an emoji), so the
same deal gave different bytes, and different line heights, on different machines.
`use_bundled_fonts` points fontconfig at `assets/fonts/fonts.conf`, which lists the
bundled folder and nothing else; the deal check refuses characters those fonts
cannot draw, naming each one (see README, "Typographic conventions").
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from engine.paths import FONTS

FONTCONFIG_FILE = FONTS / "fonts.conf"
FAMILY = "IBM Plex Sans Arabic"
# Characters that are never drawn, whatever the font: line breaks and tabs, and the
# format characters (bidi isolates and marks, joiners), which shaping hides.
_NEVER_DRAWN = frozenset("\n\r\t")


def use_bundled_fonts() -> None:
    """Make fontconfig offer only the bundled fonts to this process (before Pango loads a font)."""
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    # A sysroot would be prefixed to our folder; the search path only matters for <include>.
    os.environ.pop("FONTCONFIG_SYSROOT", None)


def font_files() -> list[str]:
    """The bundled font files, one per weight."""
    return sorted(str(p) for p in FONTS.glob("*.ttf"))


@cache
def covered() -> frozenset[int]:
    """Code points every bundled weight can draw (text may appear in any weight)."""
    from fontTools.ttLib import TTFont

    common: set[int] | None = None
    for path in font_files():
        with TTFont(path, lazy=True) as font:
            points = set(font.getBestCmap())
        common = points if common is None else common & points
    return frozenset(common or ())


def drawable(ch: str) -> bool:
    """Whether the bundled fonts draw this character, or it is one that is never drawn."""
    return ord(ch) in covered() or ch in _NEVER_DRAWN or unicodedata.category(ch) == "Cf"


def undrawable(text: str) -> list[str]:
    """The distinct characters of the text the bundled fonts cannot draw, in order of appearance."""
    return list(dict.fromkeys(ch for ch in text if not drawable(ch)))


def describe(ch: str) -> str:
    """A character named for a message: U+1F600 GRINNING FACE."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED CHARACTER')}"


Location = tuple[int | str, ...]


def undrawable_fields(data: Any, loc: Location = ()) -> Iterator[tuple[Location, str]]:
    """(location, the characters named) for every string of the deal data that the fonts cannot draw."""
    if isinstance(data, str):
        missing = undrawable(data)
        if missing:
            names = ", ".join(describe(ch) for ch in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            yield loc, f"{names}{more}"
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from undrawable_fields(value, (*loc, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from undrawable_fields(value, (*loc, index))
