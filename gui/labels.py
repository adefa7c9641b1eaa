"""Arabic names for the deal model's fields and choices, as the analyst reads them."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from engine import field_names
from engine import vocabulary as words
from engine.model import (
    Calendar,
    Classification,
    CommitmentKind,
    Digits,
    Level,
    MilestoneKind,
    Paper,
    Precision,
    Relation,
    Role,
    Unit,
)


def _by_value(names: Mapping[StrEnum, str]) -> dict[str, str]:
    return {member.value: label for member, label in names.items()}


# The report's own words, so a choice reads the same in the form and on the page. Only the
# precision list carries form hints ("حتى (سقف)") that help the analyst pick.
CHOICES: dict[type[StrEnum], dict[str, str]] = {
    Role: _by_value(words.ROLES),
    Precision: {
        "exact": "دقيق",
        "up_to": "حتى (سقف)",
        "about": "نحو (تقريبي)",
        "range": "نطاق (من… إلى)",
        "over": "أكثر من",
        "at_least": "ما لا يقل عن (حد أدنى)",
        "magnitude": "عشرات/مئات (رتبة تقريبية)",
    },
    Unit: _by_value(words.UNITS),
    CommitmentKind: _by_value(words.COMMITMENT_KINDS),
    MilestoneKind: _by_value(words.MILESTONE_KINDS),
    Relation: _by_value(words.RELATIONS),
    Level: _by_value(words.LEVELS),
    Digits: _by_value(words.DIGITS),
    Calendar: _by_value(words.CALENDARS),
    Paper: {"A4": "A4", "Letter": "Letter (رسالة أمريكية)"},
    Classification: _by_value(words.CLASSIFICATIONS),
}

TEMPLATES = {"briefing": "إحاطة", "report": "تقرير", "onepage": "صفحة واحدة"}

FIELDS = field_names.FIELDS


def choice_label(enum: type[StrEnum], value: object) -> str:
    """The Arabic label of an enum value; unknown values are shown as typed."""
    return CHOICES[enum].get(str(value), str(value))


def template_label(name: str) -> str:
    """The Arabic name of a template, with its file name for ones we do not know."""
    return TEMPLATES.get(name, name)
