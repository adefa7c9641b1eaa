"""Amounts typed with scale words, in Arabic or English, in either digit set."""

from __future__ import annotations

import pytest

from engine.amount_input import amount_text, parse_amount
from engine.model import Digits


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("30 مليار", 30_000_000_000),
        ("30B", 30_000_000_000),
        ("30 billion", 30_000_000_000),
        ("$30bn", 30_000_000_000),
        ("٣٠ مليار", 30_000_000_000),
        ("۳۰ مليار", 30_000_000_000),  # Persian digits, as some keyboards type them
        ("1.5 تريليون", 1_500_000_000_000),
        ("١٫٥ تريليون", 1_500_000_000_000),
        ("400 مليون", 400_000_000),
        ("7 مليارات", 7_000_000_000),  # plural after 3-10
        ("3 ملايين", 3_000_000),
        ("2.5k", 2_500),
        ("10 آلاف", 10_000),
        ("30,000,000,000", 30_000_000_000),
        ("٣٠٬٠٠٠", 30_000),
        ("17.5", 17.5),
        ("0", 0),
    ],
)
def test_typed_amounts(typed: str, value: float) -> None:
    assert parse_amount(typed) == value


@pytest.mark.parametrize("typed", ["", "ثلاثون", "30 foo", "30 مليار مليار", "1,2,3", "B30"])
def test_not_amounts(typed: str) -> None:
    assert parse_amount(typed) is None


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (30e9, Digits.latn, "30 مليار"),
        (30e9, Digits.arab, "٣٠ مليار"),
        (1.5e12, Digits.latn, "1.5 تريليون"),
        (400e6, Digits.latn, "400 مليون"),
        (3e9, Digits.latn, "3 مليارات"),
        (12_345_678_901, Digits.latn, "12,345,678,901"),  # no scale word shows it exactly: written whole
        (950, Digits.latn, "950"),
    ],
)
def test_amounts_are_shown_whole(value: float, digits: Digits, shown: str) -> None:
    assert amount_text(value, digits) == shown
    assert parse_amount(shown) == value  # what is shown can be typed back
