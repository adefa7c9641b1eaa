"""Amounts in Arabic as a financial journalist writes them, counted by engine.counting's one rule."""

from __future__ import annotations

from engine.counting import NOUNS, Noun, below_display, count, form, noun_of, pick_scale
from engine.model import CURRENCIES, PERCENT_UNITS, Digits, Precision, Quantity, Unit
from engine.numerals import PDI, RLI, format_number, format_percent

__all__ = ["CURRENCY_NOUNS", "PREFIXES", "format_amount", "pick_scale", "unit_noun"]

CURRENCY_NOUNS: dict[Unit, Noun] = {unit: NOUNS[unit.value] for unit in CURRENCIES}
MINOR_NOUNS: dict[Unit, Noun] = {unit: NOUNS[f"{unit.value}.minor"] for unit in CURRENCIES}

PREFIXES: dict[Precision, str] = {
    Precision.exact: "",
    Precision.up_to: "حتى ",
    Precision.about: "نحو ",
    Precision.range: "",
    Precision.over: "أكثر من ",
    Precision.at_least: "ما لا يقل عن ",
    Precision.magnitude: "",
}
BELOW = "أقل من "  # a positive figure too small for two decimals, instead of a false «0»
EQUITY_TAIL = " من رأس المال"
# Units counted with scale words («160 مليون سهم»); power is written in full («1,500 ميجاواط»).
SCALED = CURRENCIES | {Unit.shares, Unit.units, Unit.counted}


def unit_noun(quantity: Quantity) -> Noun:
    """The counted noun of a quantity's unit (not for percentages)."""
    if quantity.unit is Unit.counted and quantity.noun is not None:
        return noun_of(quantity.noun)
    return NOUNS[quantity.unit.value]


def format_amount(quantity: Quantity, digits: Digits, *, isolate: bool = True) -> str:
    """A quantity in words: «حتى 10 مليارات دولار»، «3–4 تريليونات دولار»، «2 جيجاواط»، «39٪»."""
    if quantity.unit in PERCENT_UNITS:
        text = _percent(quantity, digits)
    elif quantity.precision is Precision.magnitude:
        text = _magnitude(quantity)
    elif quantity.upper is not None:
        text = _range(quantity, digits)
    else:
        text = _single(quantity, digits)
    return f"{RLI}{text}{PDI}" if isolate else text


def _single(quantity: Quantity, digits: Digits) -> str:
    prefix = PREFIXES[quantity.precision]
    oblique = bool(prefix)  # «حتى»، «نحو»، «من»، «عن» all govern the genitive
    value, noun, unit = quantity.value, unit_noun(quantity), quantity.unit
    if unit in CURRENCIES and 0 < value < 1:
        value, noun = value * 100, MINOR_NOUNS[unit]  # «سنت واحد», not «0.01 دولار»
    if below_display(value):
        return _below(quantity, value, noun, digits)
    size, scale = pick_scale(value) if unit in SCALED else (1.0, None)
    if scale is not None:
        return prefix + count(value / size, scale, digits, oblique=oblique, tail=noun.singular)
    return prefix + count(value, noun, digits, oblique=oblique)


def _below(quantity: Quantity, value: float, noun: Noun, digits: Digits) -> str:
    """A positive figure too small to print: «أقل من 0.01 جيجاواط»; a floor keeps its own digits."""
    if quantity.precision in (Precision.over, Precision.at_least):
        decimals = next((d for d in range(3, 9) if not below_display(value, d)), 8)
        figure = format_number(value, digits, decimals=decimals)
        return f"{PREFIXES[quantity.precision]}{figure} {noun.singular}"
    if noun is MINOR_NOUNS.get(quantity.unit):
        return BELOW + count(1, noun, digits)  # «أقل من سنت واحد»
    return BELOW + f"{format_number(0.01, digits)} {noun.singular}"


def _range(quantity: Quantity, digits: Digits) -> str:
    """«3–4 تريليونات دولار»: one scale and one noun form, decided by the upper end."""
    low, high, noun, unit = quantity.value, quantity.high, unit_noun(quantity), quantity.unit
    if unit in CURRENCIES and high < 1:
        low, high, noun = low * 100, high * 100, MINOR_NOUNS[unit]
    size, scale = pick_scale(low) if unit in SCALED else (1.0, None)
    low, high = low / size, high / size
    decimals = 2 if not below_display(low) else next(d for d in range(3, 9) if not below_display(low, d))
    counts = f"{format_number(low, digits, decimals=decimals)}–{format_number(high, digits)}"
    if scale is not None:
        return f"{counts} {form(high, scale, construct=True, digit=True)} {noun.singular}"
    return f"{counts} {form(high, noun, digit=True)}"


def _magnitude(quantity: Quantity) -> str:
    """Only the order is known: «عشرات المليارات من الدولارات»، «مئات الملايين من الأسهم»."""
    noun = unit_noun(quantity)
    size, scale = pick_scale(quantity.value) if quantity.unit in SCALED else (1.0, None)
    order = "مئات" if quantity.value / size >= 100 else "عشرات"
    if scale is None:
        return f"{order} {noun.the_plural}"
    return f"{order} {scale.the_plural} من {noun.the_plural}"


def _percent(quantity: Quantity, digits: Digits) -> str:
    tail = EQUITY_TAIL if quantity.unit is Unit.equity_percent else ""
    if quantity.upper is not None:
        low, high = format_percent(quantity.value, digits), format_percent(quantity.upper, digits)
        return f"{RLI}{low}–{high}{PDI}{tail}"
    prefix = PREFIXES[quantity.precision]
    if below_display(quantity.value):
        if quantity.precision in (Precision.over, Precision.at_least):
            return prefix + _small_percent(quantity.value, digits) + tail
        return BELOW + format_percent(0.01, digits) + tail
    return prefix + format_percent(quantity.value, digits) + tail


def _small_percent(value: float, digits: Digits) -> str:
    from engine.numerals import ALM, ARABIC_PERCENT

    decimals = next((d for d in range(3, 9) if not below_display(value, d)), 8)
    sign = ARABIC_PERCENT if digits is Digits.arab else "%"
    return f"{RLI}{ALM}{format_number(value, digits, decimals=decimals)}{sign}{PDI}"
