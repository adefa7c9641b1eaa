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


_PROSE_NUMBER = re.compile(
    r"(?<![A-Za-z0-9$€£_\-./])(\d+(?:[.,]\d+)*)(\s?%)?(?:[–-](\d+(?:[.,]\d+)*)(\s?%)?)?(?![A-Za-z0-9$€£_])"
)


def localize_prose_numbers(text: str, digits: Digits) -> str:
    """Figures typed in Arabic prose, shown in the report's digits and percent convention.

    Digits that belong to a Latin token ("GPT-4", "$30B", "A100") are left alone.
    """

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
