"""Dates in Arabic, in the Gregorian calendar, the Hijri (Umm al-Qura) calendar, or both."""

from __future__ import annotations

import datetime as dt

from hijridate import Gregorian

from engine.model import Calendar, DateParts, Digits, Period, Relation
from engine.numerals import format_year, to_digits

GREGORIAN_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
HIJRI_MONTHS = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
)  # fmt: skip

# hijridate's Umm al-Qura tables cover 1343–1500 AH.
_HIJRI_FIRST = dt.date(1924, 8, 1)
_HIJRI_LAST = dt.date(2077, 11, 16)


def gregorian_text(day: dt.date, digits: Digits) -> str:
    """ "18 نوفمبر 2025"."""
    return (
        f"{to_digits(str(day.day), digits)} {GREGORIAN_MONTHS[day.month - 1]} {format_year(day.year, digits)}"
    )


def hijri_text(day: dt.date, digits: Digits) -> str | None:
    """ "27 جمادى الأولى 1447 هـ", or None outside the Umm al-Qura tables."""
    if not _HIJRI_FIRST <= day <= _HIJRI_LAST:
        return None
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    return f"{to_digits(str(h.day), digits)} {HIJRI_MONTHS[h.month - 1]} {format_year(h.year, digits)} هـ"


def format_date(day: dt.date, digits: Digits, calendar: Calendar) -> str:
    """A date in the report's calendar setting."""
    greg = gregorian_text(day, digits)
    hijri = hijri_text(day, digits)
    if calendar is Calendar.gregorian or hijri is None:
        return greg
    if calendar is Calendar.hijri:
        return hijri
    return f"{hijri} الموافق {greg} م"


def format_month(year: int, month: int | None, digits: Digits) -> str:
    """ "نوفمبر 2025", or just the year."""
    if month is None:
        return format_year(year, digits)
    return f"{GREGORIAN_MONTHS[month - 1]} {format_year(year, digits)}"


QUARTERS = ("الربع الأول", "الربع الثاني", "الربع الثالث", "الربع الرابع")
HALVES = ("النصف الأول", "النصف الثاني")
RELATION_WORDS: dict[Relation, str] = {Relation.on: "", Relation.by: "بحلول", Relation.not_before: "ليس قبل"}


def format_when(when: DateParts, digits: Digits, calendar: Calendar = Calendar.gregorian) -> str:
    """A date as precisely as it is known: «18 نوفمبر 2025»، «نوفمبر 2025»، «الربع الثالث من 2025»،
    «النصف الثاني من 2026»، «2026». Only a full day can be written in the Hijri calendar."""
    year = format_year(when.year, digits)
    if when.half is not None:
        return f"{HALVES[when.half - 1]} من {year}"
    if when.quarter is not None:
        return f"{QUARTERS[when.quarter - 1]} من {year}"
    if when.month is not None and when.day is not None:
        return format_date(dt.date(when.year, when.month, when.day), digits, calendar)
    return format_month(when.year, when.month, digits)


def format_relation(
    when: DateParts, relation: Relation, digits: Digits, calendar: Calendar = Calendar.gregorian
) -> str:
    """A date with its relation: «بحلول النصف الثاني من 2026»، «ليس قبل 2028»، «نوفمبر 2025»."""
    word = RELATION_WORDS[relation]
    text = format_when(when, digits, calendar)
    return f"{word} {text}" if word else text


def format_period(period: Period, digits: Digits) -> str:
    """How long a commitment runs: «على مدى 4 سنوات»، «من 2026 إلى 2030»، «ابتداءً من النصف الثاني من 2026»."""
    from engine.counting import NOUNS, count

    parts = []
    if period.years is not None:
        parts.append(f"على مدى {count(period.years, NOUNS['year'], digits, oblique=True)}")
    start = format_when(period.start, digits) if period.start else ""
    end = format_when(period.end, digits) if period.end else ""
    if start and end:
        parts.append(f"من {start} إلى {end}")
    elif start:
        parts.append(f"ابتداءً من {start}")
    elif end:
        parts.append(f"حتى {end}")
    return "، ".join(parts)
