"""Numbers, amounts, percentages, dates and direction, as a financial journalist writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.amounts import format_amount
from engine.bidi import isolate
from engine.dates import format_date
from engine.model import Calendar, Digits, Quantity
from engine.numerals import ALM, LRI, PDI, RLI, format_number, format_percent, localize_prose_numbers

BARE = {"isolate": False}


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (Quantity(value=30e9), "30 مليار دولار"),
        (Quantity(value=10e9, precision="up_to"), "حتى 10 مليارات دولار"),
        (Quantity(value=5e9, precision="up_to"), "حتى 5 مليارات دولار"),
        (Quantity(value=8e9, precision="about"), "نحو 8 مليارات دولار"),
        (Quantity(value=3e12, upper=4e12, precision="range"), "3–4 تريليونات دولار"),
        (Quantity(value=400e9, precision="over"), "أكثر من 400 مليار دولار"),
        (Quantity(value=1e9), "مليار دولار"),
        (Quantity(value=2e9), "ملياري دولار"),
        (Quantity(value=11e9), "11 مليار دولار"),
        (Quantity(value=103e9), "103 مليارات دولار"),
        (Quantity(value=1.5e12), "1.5 تريليون دولار"),
        (Quantity(value=7e6, unit="SAR"), "7 ملايين ريال"),
        (Quantity(value=1, unit="GW", precision="up_to"), "حتى جيجاواط واحد"),
        (Quantity(value=250, unit="MW"), "250 ميجاواط"),
        (Quantity(value=5), "5 دولارات"),
    ],
)
def test_amount_words_agree_with_number(quantity: Quantity, expected: str) -> None:
    assert format_amount(quantity, Digits.latn, **BARE) == expected


def test_amount_in_arabic_indic_digits() -> None:
    q = Quantity(value=3e12, upper=4e12, precision="range")
    assert format_amount(q, Digits.arab, **BARE) == "٣–٤ تريليونات دولار"
    assert format_amount(Quantity(value=1.5e9), Digits.arab, **BARE) == "١٫٥ مليار دولار"


def test_amount_is_isolated_right_to_left() -> None:
    text = format_amount(Quantity(value=30e9), Digits.latn)
    assert text.startswith(RLI) and text.endswith(PDI)


def test_percent_convention_is_the_same_in_both_digit_settings() -> None:
    # The Arabic letter mark inside an RTL isolate puts the sign left of the digits anywhere.
    assert format_percent(17.5, Digits.latn) == f"{RLI}{ALM}17.5%{PDI}"
    assert format_percent(39, Digits.arab) == f"{RLI}{ALM}٣٩٪{PDI}"


def test_number_grouping_and_decimals() -> None:
    assert format_number(1234567.5, Digits.latn) == "1,234,567.5"
    assert format_number(1234567.5, Digits.arab) == "١٬٢٣٤٬٥٦٧٫٥"
    assert format_number(3.0, Digits.latn) == "3"


def test_prose_numbers_follow_digit_setting_but_latin_tokens_do_not() -> None:
    text = "نمو 39% و17.5% بين 3–4 تريليونات في 2030 مع GPT-4 و$30B وA100"
    arab = localize_prose_numbers(text, Digits.arab)
    assert "٣٩٪" in arab and "١٧٫٥٪" in arab and "٢٠٣٠" in arab and "٣–٤" in arab
    assert "GPT-4" in arab and "$30B" in arab and "A100" in arab
    latn = localize_prose_numbers(text, Digits.latn)
    assert f"{RLI}{ALM}39%{PDI}" in latn and "2030" in latn


def test_prose_figures_typed_in_arabic_indic_digits_follow_the_setting_too() -> None:
    text = "نما ٣٩٪ إلى ١٢٬٥ مليار في ۲۰۲۵ بنسبة ١٧٫٥٪"
    latn = localize_prose_numbers(text, Digits.latn)
    assert f"{RLI}{ALM}39%{PDI}" in latn and "12,5" in latn and "2025" in latn and f"{ALM}17.5%" in latn
    assert not any("\u0660" <= c <= "\u0669" or "\u06f0" <= c <= "\u06f9" for c in latn)
    arab = localize_prose_numbers(text, Digits.arab)
    assert f"{RLI}{ALM}٣٩٪{PDI}" in arab and "١٢٬٥" in arab and "٢٠٢٥" in arab


def test_figures_already_in_the_reports_digits_are_not_cut() -> None:
    """A formatted range in Arabic-Indic digits passed again keeps each figure whole."""
    again = localize_prose_numbers("٥٫٠٥–٧٫٥٨ تريليون وحدة", Digits.arab)
    assert again.replace(RLI, "").replace(ALM, "").replace(PDI, "") == "٥٫٠٥–٧٫٥٨ تريليون وحدة"
    assert "٥٫٠٥–٧٫٥٨" in again
    formatted = format_percent(39, Digits.arab)
    assert localize_prose_numbers(formatted, Digits.arab) == formatted


def test_dates_in_each_calendar() -> None:
    day = dt.date(2025, 11, 29)
    assert format_date(day, Digits.latn, Calendar.gregorian) == "29 نوفمبر 2025"
    assert format_date(day, Digits.latn, Calendar.hijri) == "8 جمادى الآخرة 1447 هـ"
    both = format_date(day, Digits.arab, Calendar.both)
    assert both == "٨ جمادى الآخرة ١٤٤٧ هـ الموافق ٢٩ نوفمبر ٢٠٢٥ م"


def test_dates_outside_hijri_tables_fall_back_to_gregorian() -> None:
    assert format_date(dt.date(2150, 1, 1), Digits.latn, Calendar.hijri) == "1 يناير 2150"


@pytest.mark.parametrize(
    ("text", "opening"),
    [("Microsoft Corp.", LRI), ("$30B", LRI), ("أنثروبيك", RLI), ("AWS أمازون", LRI), ("أمازون AWS", RLI)],
)
def test_user_values_are_isolated_in_their_own_direction(text: str, opening: str) -> None:
    assert isolate(text) == f"{opening}{text}{PDI}"
