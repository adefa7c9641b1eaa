"""Text checks: fonts that are not bundled, characters with no glyph, digits against the report's setting."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from functools import cache
from typing import Any

from weasyprint.text.ffi import ffi, pango

from engine.model import Digits
from engine.paths import FONTS
from engine.preflight.findings import Finding
from engine.preflight.geometry import PageContent, Placed, walk_boxes

LATIN_DIGIT = re.compile(r"[0-9]")
ARABIC_DIGIT = re.compile(r"[\u0660-\u0669\u06f0-\u06f9]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
# A run opened by LRI/FSI is a Latin token as the user typed it (a product name, a URL).
ISOLATED = re.compile(r"[\u2066\u2068][^\u2069]*\u2069?")


@cache
def bundled_families() -> frozenset[str]:
    """Family names of the fonts shipped in assets/fonts."""
    from fontTools.ttLib import TTFont

    names = set()
    for path in FONTS.glob("*.[ot]tf"):
        with TTFont(path, lazy=True) as font:
            for record in font["name"].names:
                if record.nameID in (1, 16):
                    names.add(record.toUnicode())
    return frozenset(names)


Run = tuple[str, list[int], str]
# Everything of a style that Layout.setup and set_text use to shape a line (sizes and spacing included).
SHAPING = [
    "font_family",
    "font_style",
    "font_stretch",
    "font_weight",
    "font_size",
    "font_variant_ligatures",
    "font_variant_position",
    "font_variant_caps",
    "font_variant_numeric",
    "font_variant_alternates",
    "font_variant_east_asian",
    "font_feature_settings",
    "font_variation_settings",
    "font_language_override",
    "font_kerning",
    "lang",
    "direction",
    "letter_spacing",
    "word_spacing",
    "overflow_wrap",
    "white_space",
    "tab_size",
    "text_decoration_line",
]
SHAPED_MAX = 20_000  # lines remembered per font configuration (a report at every limit has ~5 000)
# Per font configuration (what fonts a family resolves to): line key → its shaped runs. A render
# shapes each text box again to read its glyphs; the editor's previews of one deal repeat almost
# every line, so they are shaped once per process.
_shaped: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], list[Run]]] = weakref.WeakKeyDictionary()


def _runs(placed: Placed) -> list[Run]:
    """(font family, glyph ids, characters) of each shaped run of a text box's first line."""
    layout = getattr(placed.box, "pango_layout", None)
    if layout is None:
        return []
    if hasattr(layout, "layout"):  # still active: shaped as it stands
        return list(_shaped_runs(layout))
    style = placed.box.style
    key = (layout.text, layout.justification_spacing, *(repr(style[name]) for name in SHAPING))
    lines = _shaped.setdefault(style.font_config, {})
    if key not in lines:
        # WeasyPrint frees the Pango layout after line breaking and shapes it again to draw; so do we.
        layout.reactivate(style)
        try:
            runs = list(_shaped_runs(layout))
        finally:
            layout.deactivate()
        if len(lines) >= SHAPED_MAX:
            lines.clear()
        lines[key] = runs
    return lines[key]


def _shaped_runs(layout: object) -> Iterator[tuple[str, list[int], str]]:
    line, _ = layout.get_first_line()  # type: ignore[attr-defined]
    run = line.runs
    while run != ffi.NULL:
        item = run.data
        run = run.next
        font = item.item.analysis.font
        description = pango.pango_font_describe_with_absolute_size(font)
        family = ffi.string(pango.pango_font_description_get_family(description)).decode("utf-8")
        pango.pango_font_description_free(description)
        glyphs = item.glyphs
        ids = [glyphs.glyphs[i].glyph for i in range(glyphs.num_glyphs)]
        utf8 = layout.text.encode("utf-8")  # type: ignore[attr-defined]
        chars = utf8[item.item.offset : item.item.offset + item.item.length].decode("utf-8", "replace")
        yield family, ids, chars


def fonts_and_glyphs(page: PageContent) -> Iterator[Finding]:
    """Runs set in a font that is not bundled, and characters drawn as .notdef boxes."""
    bundled = bundled_families()
    for placed in [*page.texts, *_margin_texts(page)]:
        for family, ids, chars in _runs(placed):
            if family not in bundled:
                codes = " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars))
                yield Finding("foreign-font", page.number, f"{family} ({codes}): {placed.box.text.strip()}")
            missing = [g for g in ids if g & pango.PANGO_GLYPH_UNKNOWN_FLAG]
            if missing:
                codes = " ".join(f"U+{g & ~pango.PANGO_GLYPH_UNKNOWN_FLAG:04X}" for g in missing)
                yield Finding("missing-glyph", page.number, f"{codes} {placed.box.text.strip()}")


def _margin_texts(page: PageContent) -> list[Placed]:
    found = []
    for margin in page.margin_boxes:
        for placed in walk_boxes(margin.box, None, True, False):
            if placed.box is not margin.box and hasattr(placed.box, "text") and placed.box.text.strip():
                found.append(placed)
    return found


def stray_digits(text: str, digits: Digits) -> list[str]:
    """The tokens of `text` written in the other digit set (Latin tokens, such as 'MI450', excepted)."""
    if digits is Digits.latn:
        return [t for t in text.split() if ARABIC_DIGIT.search(t)]
    outside = ISOLATED.sub(lambda m: " " if LATIN_LETTER.search(m.group()) else m.group(), text)
    return [t for t in outside.split() if LATIN_DIGIT.search(t) and not LATIN_LETTER.search(t)]


def digit_setting(page: PageContent, digits: Digits) -> Iterator[Finding]:
    """Figures that do not follow the report's digit setting, in the body and the header/footer."""
    for placed in [*page.texts, *_margin_texts(page)]:
        text = placed.box.text
        if placed.box.style["direction"] == "ltr" and LATIN_LETTER.search(text):
            continue  # a URL or a Latin title, set left to right as typed
        wrong = stray_digits(text, digits)
        if wrong:
            yield Finding("wrong-digits", page.number, " ".join(wrong))
