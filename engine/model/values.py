"""The value types every record is made of: clean one-line and multi-line text, ids, years,
figures and days, each refusing what would corrupt a report; and the immutable base of every record."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from engine.problems import fail

MIN_YEAR = 1900
MAX_YEAR = 2200
MAX_VALUE = 1e16  # ten quadrillion: above any real deal, far below float trouble

_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
# Characters that would corrupt the output or the reading order if taken from user text:
# C0/C1 controls (tab and newline are allowed in multi-line text) and explicit
# bidi embeddings/overrides/isolates, which the renderer places itself.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clean_text(value: str, *, multiline: bool) -> str:
    """Refuse control characters; normalise to NFC; strip outer spaces."""
    bad = _FORBIDDEN.search(value)
    if bad:
        char = f"U+{ord(bad.group()):04X}"
        raise fail("control_character", "control character {char} is not allowed", char=char)
    if not multiline and ("\n" in value or "\t" in value):
        raise fail("line_break", "line breaks are not allowed here")
    return unicodedata.normalize("NFC", value).strip()


def _line(value: str) -> str:
    return _clean_text(value, multiline=False)


def _block(value: str) -> str:
    return _clean_text(value, multiline=True)


Line = Annotated[str, Field(max_length=300), AfterValidator(_line)]
ShortLine = Annotated[str, Field(max_length=120), AfterValidator(_line)]
Paragraphs = Annotated[str, Field(max_length=4_000), AfterValidator(_block)]
Ident = Annotated[str, Field(pattern=_ID_PATTERN)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
Number = Annotated[float, Field(ge=0, le=MAX_VALUE, allow_inf_nan=False)]


def _sane_date(value: dt.date) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise fail("year_out_of_range", "year must be between {min} and {max}", min=MIN_YEAR, max=MAX_YEAR)
    return value


Date = Annotated[dt.date, AfterValidator(_sane_date)]


class Frozen(BaseModel):
    """Base for every model: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)
