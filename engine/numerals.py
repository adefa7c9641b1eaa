"""Digits and plain numbers: one digit setting (Latin or Arabic-Indic) for every figure."""

from __future__ import annotations

import re

from engine.model import Digits

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ARABIC_DECIMAL = "\u066b"  # ٫
ARABIC_THOUSANDS = "\u066c"  # ٬
ARABIC_PERCENT = "\u066a"  # ٪

# Bidi controls: the isolates work in WeasyPrint (Pango), Qt and matplotlib alike,
# where the CSS unicode-bidi property does not (see ARABIC_NOTES.md).
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
ALM = "\u061c"  # Arabic letter mark: makes the digits after it "Arabic numbers"


def to_digits(text: str, digits: Digits) -> str:
    """Latin digits as the report's digits (separators are handled by format_number)."""
    return text.translate(_ARABIC_INDIC) if digits is Digits.arab else text


def format_number(value: float, digits: Digits, *, decimals: int = 2, grouping: bool = True) -> str:
    """A number with grouping and at most `decimals` decimals, trailing zeros dropped."""
    text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if digits is Digits.arab:
        text = text.replace(",", "\0").replace(".", ARABIC_DECIMAL).replace("\0", ARABIC_THOUSANDS)
    return to_digits(text, digits)


def format_year(year: int, digits: Digits) -> str:
    """A year: no grouping separator."""
    return to_digits(str(year), digits)


def format_percent(value: float, digits: Digits) -> str:
    """A percentage by the house convention, isolated so it reads the same anywhere.

    House convention: the sign follows the number in reading order, so in a
    right-to-left line it stands to the left of the digits: ٣٩٪ / 39% both show
    the sign on the left. The Arabic letter mark inside a right-to-left isolate
    makes that hold at the start, middle or end of a line, in any context.
    """
    sign = ARABIC_PERCENT if digits is Digits.arab else "%"
    return f"{RLI}{ALM}{format_number(value, digits, decimals=2)}{sign}{PDI}"


# ASCII digits only: `\d` would also match Arabic-Indic digits, and a text already in the report's
# digits («٥٫٠٥–٧٫٥٨») would get an isolate inside a figure.
_PROSE_NUMBER = re.compile(
    r"(?<![A-Za-z0-9$€£_\-./])([0-9]+(?:[.,][0-9]+)*)(\s?%)?(?:[–-]([0-9]+(?:[.,][0-9]+)*)(\s?%)?)?(?![A-Za-z0-9$€£_])"
)


# A figure typed in Arabic-Indic (or Persian) digits, with its separators and percent sign; one
# the formatter made (after an Arabic letter mark) is already in the report's digits.
_D = r"[\u0660-\u0669\u06f0-\u06f9]+(?:[٫٬][\u0660-\u0669\u06f0-\u06f9]+)*٪?"
_TYPED_ARABIC_NUMBER = re.compile(rf"(?<![\u061c\u0660-\u0669\u06f0-\u06f9٫٬–-]){_D}(?:–{_D})?")
_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪", "01234567890123456789.,%")


def localize_prose_numbers(text: str, digits: Digits) -> str:
    """Figures typed in Arabic prose, shown in the report's digits and percent convention.

    Typed in either set of digits: «٣٩٪» in a report set in Latin digits becomes «39%», as «39%»
    becomes «٣٩٪» in one set in Arabic-Indic digits. Digits that belong to a Latin token ("GPT-4",
    "$30B", "A100") are left alone.
    """
    text = _TYPED_ARABIC_NUMBER.sub(lambda m: m.group().translate(_TO_ASCII), text)

    def number(raw: str) -> str:
        if digits is Digits.latn:
            return raw
        return to_digits(raw.replace(",", ARABIC_THOUSANDS).replace(".", ARABIC_DECIMAL), digits)

    def replace(match: re.Match[str]) -> str:
        low, low_pct, high, high_pct = match.groups()
        sign = ARABIC_PERCENT if digits is Digits.arab else "%"
        if high is None:
            if low_pct:
                return f"{RLI}{ALM}{number(low)}{sign}{PDI}"
            return number(low)
        pct = sign if (low_pct or high_pct) else ""
        # A range reads low to high from the right: a right-to-left isolate keeps it so.
        return f"{RLI}{ALM}{number(low)}{pct}–{number(high)}{pct}{PDI}"

    return _PROSE_NUMBER.sub(replace, text)
