"""Figures with their unit and precision: currencies, power, shares, hardware units, a counted noun."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from engine.model.values import Frozen, Number, ShortLine
from engine.problems import fail


class Precision(StrEnum):
    """How exact a figure is: the words a journalist puts before it."""

    exact = "exact"
    up_to = "up_to"  # a cap: "حتى 10 مليارات"
    about = "about"  # an approximation: "نحو 8 مليارات"
    range = "range"  # "3–4 تريليونات": value is the low end, upper the high end
    over = "over"  # strictly more: "أكثر من 400 مليار"
    at_least = "at_least"  # a floor that may be met: "ما لا يقل عن 10 جيجاواط"
    magnitude = "magnitude"  # only the order is known: "عشرات المليارات" (value: a figure of that order)


class Unit(StrEnum):
    """Unit of a quantity: a currency, a percentage, power, shares, hardware units or a counted noun."""

    USD = "USD"
    EUR = "EUR"
    GBP = "GBP"
    SAR = "SAR"
    AED = "AED"
    percent = "percent"
    GW = "GW"
    MW = "MW"
    shares = "shares"  # "160 مليون سهم"
    equity_percent = "equity_percent"  # "10٪ من رأس المال"
    units = "units"  # hardware units: "50 ألف وحدة"
    counted = "counted"  # a noun the deal names itself (Quantity.noun): "200 ألف معالج"


CURRENCIES = frozenset({Unit.USD, Unit.EUR, Unit.GBP, Unit.SAR, Unit.AED})
POWER_UNITS = frozenset({Unit.GW, Unit.MW})
PERCENT_UNITS = frozenset({Unit.percent, Unit.equity_percent})


class CountedNoun(Frozen):
    """A noun the deal counts in its own words, in the forms Arabic counting needs.

    `singular` follows 1 and 100+, `dual` (nominative) stands alone for 2, `plural` follows 3–10.
    The accusative singular (after 11–99) and the oblique dual are derived when left empty.
    """

    singular: ShortLine = Field(min_length=1)
    dual: ShortLine = Field(min_length=1)
    plural: ShortLine = Field(min_length=1)
    accusative: ShortLine = ""  # "معالجًا رسوميًا"; derived from the singular when empty
    dual_oblique: ShortLine = ""  # "معالجين"; derived from the dual when empty
    feminine: bool | None = None  # for "واحد/واحدة"; derived from a final ة when None


class Quantity(Frozen):
    """A figure with its unit and precision; a range carries its upper end."""

    value: Number
    unit: Unit = Unit.USD
    precision: Precision = Precision.exact
    upper: Number | None = None
    noun: CountedNoun | None = None  # only with unit "counted"

    @model_validator(mode="after")
    def _check_range(self) -> Quantity:
        if self.precision is Precision.range:
            if self.upper is None:
                raise fail("range_needs_upper", "a range needs an 'upper' value", field="upper")
            if self.upper <= self.value:
                raise fail("upper_not_above_value", "'upper' must be greater than 'value'", field="upper")
        elif self.upper is not None:
            raise fail(
                "upper_without_range", "'upper' is only allowed when precision is 'range'", field="upper"
            )
        if self.unit is Unit.percent and self.high > 100_000:
            raise fail("implausible_percent", "a percentage above 100000% is not plausible", field="value")
        if self.unit is Unit.equity_percent and self.high > 100:
            raise fail("equity_over_100", "a share of equity above 100% is not possible", field="value")
        if self.unit is Unit.counted and self.noun is None:
            raise fail("counted_needs_noun", "a counted quantity needs its 'noun'", field="noun")
        if self.unit is not Unit.counted and self.noun is not None:
            raise fail("noun_without_counted", "'noun' is only allowed when unit is 'counted'", field="noun")
        if self.precision is Precision.magnitude and self.value < 10:
            raise fail(
                "magnitude_too_small",
                "an order of magnitude ('tens of') needs a value of 10 or more",
                field="value",
            )
        return self

    @property
    def high(self) -> float:
        """The largest value the figure can take."""
        return self.upper if self.upper is not None else self.value
