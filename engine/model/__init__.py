"""The deal model: a typed, validated, immutable description of a strategic deal.

The model lives in small modules named for what they hold (values, quantities, parties, dates,
commitments, milestones, analysis, options, deal); every name is re-exported here, so
`from engine.model import Deal` is the one import the rest of the program (and the editor) uses.
"""

from __future__ import annotations

from engine.model.analysis import Level, Metric, Narrative, Risk, Source
from engine.model.commitments import Capacity, Commitment, CommitmentKind, Period, Stage
from engine.model.dates import DateParts, DayNumber, HalfNumber, MonthNumber, PartialDate, QuarterNumber
from engine.model.deal import SCHEMA_VERSION, Deal
from engine.model.milestones import Milestone, MilestoneKind, Relation
from engine.model.options import MAX_LOGO_URI, Calendar, Classification, Digits, Paper, ReportOptions
from engine.model.parties import Party, Role
from engine.model.quantities import (
    CURRENCIES,
    PERCENT_UNITS,
    POWER_UNITS,
    CountedNoun,
    Precision,
    Quantity,
    Unit,
)
from engine.model.values import (
    MAX_VALUE,
    MAX_YEAR,
    MIN_YEAR,
    Date,
    Frozen,
    Ident,
    Line,
    Number,
    Paragraphs,
    ShortLine,
    Year,
)

__all__ = [
    "CURRENCIES",
    "MAX_LOGO_URI",
    "MAX_VALUE",
    "MAX_YEAR",
    "MIN_YEAR",
    "PERCENT_UNITS",
    "POWER_UNITS",
    "SCHEMA_VERSION",
    "Calendar",
    "Capacity",
    "Classification",
    "Commitment",
    "CommitmentKind",
    "CountedNoun",
    "Date",
    "DateParts",
    "DayNumber",
    "Deal",
    "Digits",
    "Frozen",
    "HalfNumber",
    "Ident",
    "Level",
    "Line",
    "Metric",
    "Milestone",
    "MilestoneKind",
    "MonthNumber",
    "Narrative",
    "Number",
    "Paper",
    "Paragraphs",
    "PartialDate",
    "Party",
    "Period",
    "Precision",
    "Quantity",
    "QuarterNumber",
    "Relation",
    "ReportOptions",
    "Risk",
    "Role",
    "ShortLine",
    "Source",
    "Stage",
    "Unit",
    "Year",
]
