"""Amounts as analysts type them: «30 مليار», «30B», «٣٠ مليار», «1.5 تريليون», «400 مليون»."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from engine.counting import SCALES
from engine.model import Digits
from engine.numerals import format_number

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")

# Every written form of a scale word: Arabic singular, dual, plural (with and without hamza), English.
SCALE_WORDS: dict[str, int] = {}
for _size, _words in (
    (10**12, "تريليون تريليونات تريليونا تريليونين تريليوني trillion trillions tn t"),
    (10**9, "مليار مليارات مليارا مليارين ملياري billion billions bn b"),
    (10**6, "مليون ملايين مليونا مليونين مليوني million millions mn m mio"),
    (10**3, "ألف آلاف الف الاف ألفا ألفين ألفي thousand thousands k"),
):
    SCALE_WORDS.update(dict.fromkeys(_words.split(), _size))

_AMOUNT = re.compile(r"^([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+)\s*([^\s0-9]*)$")
_NOISE = re.compile(r"[$€£\u200e\u200f\u061c\u2066-\u2069]|\b(?:usd|eur|gbp|sar|aed)\b|دولار|يورو")


def parse_amount(text: str) -> int | float | None:
    """The number an analyst means, scale words and either digit set allowed; None if it is not one."""
    plain = _NOISE.sub("", text.translate(_DIGITS).strip().lower()).strip()
    plain = re.sub(r"(?<=\d)[\s_](?=\d{3}\b)", "", plain)  # "30 000 000"
    found = _AMOUNT.match(plain)
    if not found:
        return None
    number, word = found.groups()
    scale = 1
    if word:
        if word not in SCALE_WORDS:
            return None
        scale = SCALE_WORDS[word]
    try:
        value = Decimal(number.replace(",", "")) * scale
    except InvalidOperation:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def amount_text(value: float, digits: Digits = Digits.latn) -> str:
    """An amount written whole with its scale word, as it is typed back: «30 مليار», «1.5 تريليون»."""
    for size, noun in SCALES:
        if abs(value) >= size:
            count = value / size
            if round(count, 6) == round(count, 2):  # shown exactly with two decimals at most
                # Typed-back form: the plural for 3 to 10, else the singular («2 مليار», «30 مليار»).
                word = noun.plural if count == int(count) and 3 <= count <= 10 else noun.singular
                return f"{format_number(count, digits)} {word}"
    return format_number(value, digits, decimals=6)
