"""Direction of user-entered text: each value isolated in its own direction."""

from __future__ import annotations

from bidi import get_base_level

from engine.numerals import LRI, PDI, RLI


def is_rtl(text: str) -> bool:
    """Whether the first strong character of the text is right-to-left."""
    return bool(text) and get_base_level(text) == 1


def text_direction(text: str) -> str:
    """ "rtl" or "ltr", for a block's dir attribute; text with no strong letter counts as rtl."""
    if not any(ch.isalpha() for ch in text):
        return "rtl"
    return "rtl" if is_rtl(text) else "ltr"


def isolate(text: str) -> str:
    """The text wrapped in an isolate of its own direction, so neighbours cannot reorder it.

    "Microsoft Corp." stays one left-to-right run in an Arabic line (its final dot
    does not jump to the other end), and "$30B" keeps its sign before the digits.
    """
    if not text:
        return ""
    return f"{RLI if text_direction(text) == 'rtl' else LRI}{text}{PDI}"
