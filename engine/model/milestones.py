"""Dated events and horizons of a deal, as precise as their date is known."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from engine.model.dates import DateParts, DayNumber, HalfNumber, MonthNumber, PartialDate, QuarterNumber
from engine.model.values import Frozen, Ident, Line, Year


class MilestoneKind(StrEnum):
    """What a milestone marks on the timeline."""

    announcement = "announcement"
    investment = "investment"
    capacity = "capacity"
    profitability = "profitability"
    market = "market"
    other = "other"


class Relation(StrEnum):
    """How a milestone relates to its date."""

    on = "on"
    by = "by"  # "بحلول"
    not_before = "not_before"  # "ليس قبل"


class Milestone(DateParts, Frozen):
    """A dated event or horizon of the deal; its date is as precise as known (year … day)."""

    id: Ident
    label_ar: Line = Field(min_length=1)
    kind: MilestoneKind = MilestoneKind.other
    year: Year
    half: HalfNumber | None = None
    quarter: QuarterNumber | None = None
    month: MonthNumber | None = None
    day: DayNumber | None = None
    relation: Relation = Relation.on
    sources: tuple[Ident, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Milestone:
        self.check_parts()
        return self

    @property
    def when(self) -> PartialDate:
        """The milestone's date alone."""
        parts = {name: getattr(self, name) for name in ("year", "half", "quarter", "month", "day")}
        return PartialDate(**parts)
