"""Dates as precise as they are known: a year, a half, a quarter, a month or a day."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, model_validator

from engine.model.values import Frozen, Year
from engine.problems import fail

HalfNumber = Annotated[int, Field(ge=1, le=2)]
QuarterNumber = Annotated[int, Field(ge=1, le=4)]
MonthNumber = Annotated[int, Field(ge=1, le=12)]
DayNumber = Annotated[int, Field(ge=1, le=31)]


class DateParts:
    """What a date known to the year, half, quarter, month or day means on the time axis."""

    year: int
    half: int | None
    quarter: int | None
    month: int | None
    day: int | None

    def check_parts(self) -> None:
        """Refuse a date that names two periods at once, or a day that does not exist."""
        given = [name for name in ("half", "quarter", "month") if getattr(self, name) is not None]
        if len(given) > 1:
            raise fail(
                "two_periods",
                "give only one of half, quarter and month (got {given})",
                given=", ".join(given),
                field=given[-1],
            )
        if self.day is not None:
            if self.month is None:
                raise fail("day_needs_month", "a day needs its month", field="month")
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError:
                english = "day {day} is not in month {month} of {year}"
                raise fail(
                    "no_such_day", english, day=self.day, month=self.month, year=self.year, field="day"
                ) from None

    def span(self) -> tuple[float, float]:
        """The start and end of the named period, as fractions of its year."""
        if self.half is not None:
            return (self.half - 1) / 2, self.half / 2
        if self.quarter is not None:
            return (self.quarter - 1) / 4, self.quarter / 4
        if self.month is not None:
            if self.day is not None:
                day = (dt.date(self.year, self.month, self.day) - dt.date(self.year, 1, 1)).days
                return day / 366, (day + 1) / 366
            return (self.month - 1) / 12, self.month / 12
        return 0.0, 1.0

    @property
    def start(self) -> float:
        """Where the named period begins, in fractional years (for ordering and drawing)."""
        return self.year + self.span()[0]

    @property
    def end(self) -> float:
        """Where the named period ends, in fractional years."""
        return self.year + self.span()[1]

    @property
    def anchor(self) -> float:
        """Where the date sits in time order: the middle of a half or quarter, else its start
        (a year alone comes before its months, as it always has)."""
        if self.half is not None or self.quarter is not None:
            return (self.start + self.end) / 2
        return self.start


class PartialDate(DateParts, Frozen):
    """A date as precise as it is known: "2026", "النصف الثاني من 2026", "الربع الثالث من 2025"."""

    year: Year
    half: HalfNumber | None = None
    quarter: QuarterNumber | None = None
    month: MonthNumber | None = None
    day: DayNumber | None = None

    @model_validator(mode="after")
    def _check(self) -> PartialDate:
        self.check_parts()
        return self
