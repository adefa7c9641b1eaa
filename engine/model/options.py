"""How a report is produced: template, digits, calendar, paper, label, colour, logo, archival and tagging."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field

from engine.model.values import COLOR_PATTERN, Frozen, Line
from engine.problems import fail

MAX_LOGO_URI = 700_000  # a 512 KB image, base64-encoded, with its prefix


def _checked_logo(value: str) -> str:
    if not value:
        return value
    from engine.logo import LogoError, check_logo_uri  # engine.logo imports nothing from the model

    try:
        return check_logo_uri(value)
    except LogoError as exc:
        english = exc.english.replace("{", "{{").replace("}", "}}")  # already written out
        raise fail(exc.code, english, **exc.params) from None


class Digits(StrEnum):
    """Digit shapes used for every figure of a report."""

    latn = "latn"
    arab = "arab"


class Calendar(StrEnum):
    """Calendar(s) in which dates are written."""

    gregorian = "gregorian"
    hijri = "hijri"
    both = "both"


class Paper(StrEnum):
    """Page size."""

    A4 = "A4"
    Letter = "Letter"


class Classification(StrEnum):
    """Distribution label printed on the report."""

    public = "public"
    internal = "internal"
    confidential = "confidential"
    draft = "draft"


class ReportOptions(Frozen):
    """How the report is produced."""

    template: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")] = "briefing"
    digits: Digits = Digits.latn
    calendar: Calendar = Calendar.gregorian
    paper: Paper = Paper.A4
    classification: Classification = Classification.internal
    accent_color: Annotated[str, Field(pattern=COLOR_PATTERN)] = "#0b5c6b"
    author: Line = ""
    # A data: URI (PNG or SVG, checked by engine.logo) so the deal file stays self-contained.
    logo: Annotated[str, Field(max_length=MAX_LOGO_URI), AfterValidator(_checked_logo)] = ""
    archival: bool = False  # PDF/A-3b with the deal file embedded as an attachment
    accessible: bool = False  # tagged PDF/UA-1: structure tree, language, alt text
