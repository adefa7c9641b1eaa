"""Amounts in Arabic as a financial journalist writes them, with number–noun agreement."""

from __future__ import annotations

from dataclasses import dataclass

from engine.model import Digits, Precision, Quantity, Unit
from engine.numerals import PDI, RLI, format_number, format_percent


@dataclass(frozen=True)
class Noun:
    """The forms an Arabic counted noun takes after a number."""

    singular: str  # 1, and 11 and above: "مليار"
    dual: str  # 2, in the construct state used before another noun: "ملياري"
    plural: str  # 3 to 10: "مليارات"
    one: str = ""  # how "one" is written with this noun, when it differs: "مليار"


SCALES: tuple[tuple[float, Noun], ...] = (
    (1e12, Noun("تريليون", "تريليوني", "تريليونات")),
    (1e9, Noun("مليار", "ملياري", "مليارات")),
    (1e6, Noun("مليون", "مليوني", "ملايين")),
    (1e3, Noun("ألف", "ألفي", "آلاف")),
)

CURRENCY_NOUNS: dict[Unit, Noun] = {
    Unit.USD: Noun("دولار", "دولارين", "دولارات", "دولار واحد"),
    Unit.EUR: Noun("يورو", "يورو", "يورو", "يورو واحد"),
    Unit.GBP: Noun("جنيه إسترليني", "جنيهين إسترلينيين", "جنيهات إسترلينية", "جنيه إسترليني واحد"),
    Unit.SAR: Noun("ريال", "ريالين", "ريالات", "ريال واحد"),
    Unit.AED: Noun("درهم", "درهمين", "دراهم", "درهم واحد"),
}
# Loanwords for power units do not change with the number.
POWER_NOUNS: dict[Unit, Noun] = {
    Unit.GW: Noun("جيجاواط", "جيجاواط", "جيجاواط", "جيجاواط واحد"),
    Unit.MW: Noun("ميجاواط", "ميجاواط", "ميجاواط", "ميجاواط واحد"),
}

PREFIXES: dict[Precision, str] = {
    Precision.exact: "",
    Precision.up_to: "حتى ",
    Precision.about: "نحو ",
    Precision.range: "",
    Precision.over: "أكثر من ",
}


def noun_form(count: float, noun: Noun) -> str:
    """Which form of the noun follows this count (the count itself already written)."""
    if count != int(count):
        return noun.singular  # 1.5 مليار
    n = int(count)
    if n == 2:
        return noun.dual
    if 3 <= n % 100 <= 10:
        return noun.plural
    return noun.singular


def pick_scale(value: float) -> tuple[float, Noun | None]:
    """The largest scale word that keeps the count at or above one."""
    for size, noun in SCALES:
        if value >= size:
            return size, noun
    return 1.0, None


def _counted(count: float, noun: Noun, digits: Digits, *, tail: str = "") -> str:
    """ "30 مليار" / "ملياري" / "3 مليارات"; `tail` is the noun the scale word governs."""
    form = noun_form(count, noun)
    if count == 1:
        return (noun.one or noun.singular) if not tail else f"{noun.singular} {tail}"
    if count == 2 and int(count) == 2:
        return f"{form} {tail}".strip()
    return f"{format_number(count, digits)} {form} {tail}".strip()


def format_amount(quantity: Quantity, digits: Digits, *, isolate: bool = True) -> str:
    """A quantity in words: "حتى 10 مليارات دولار", "3–4 تريليونات دولار", "39%"."""
    if quantity.unit is Unit.percent:
        return _format_percent_quantity(quantity, digits)
    prefix = PREFIXES[quantity.precision]
    if quantity.unit in POWER_NOUNS:
        body = _plain_count(quantity, POWER_NOUNS[quantity.unit], digits)
    else:
        body = _money(quantity, CURRENCY_NOUNS[quantity.unit], digits)
    text = prefix + body
    return f"{RLI}{text}{PDI}" if isolate else text


def _plain_count(quantity: Quantity, noun: Noun, digits: Digits) -> str:
    if quantity.upper is not None:
        low, high = format_number(quantity.value, digits), format_number(quantity.upper, digits)
        return f"{low}–{high} {noun_form(quantity.upper, noun)}"
    return _counted(quantity.value, noun, digits)


def _money(quantity: Quantity, currency: Noun, digits: Digits) -> str:
    size, scale = pick_scale(quantity.value)
    if scale is None:
        return _plain_count(quantity, currency, digits)
    low = quantity.value / size
    if quantity.upper is not None:
        high = quantity.upper / size
        counts = f"{format_number(low, digits)}–{format_number(high, digits)}"
        return f"{counts} {noun_form(high, scale)} {currency.singular}"
    return _counted(low, scale, digits, tail=currency.singular)


def _format_percent_quantity(quantity: Quantity, digits: Digits) -> str:
    prefix = PREFIXES[quantity.precision]
    if quantity.upper is not None:
        low, high = format_percent(quantity.value, digits), format_percent(quantity.upper, digits)
        return f"{RLI}{low}–{high}{PDI}"
    return prefix + format_percent(quantity.value, digits)
