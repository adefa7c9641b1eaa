"""Dates in Arabic, in the Gregorian calendar, the Hijri (Umm al-Qura) calendar, or both."""

from __future__ import annotations

import datetime as dt

from hijridate import Gregorian

from engine.model import Calendar, Digits
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
