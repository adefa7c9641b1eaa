"""The analyst's material around the deal terms: market metrics, risks, the prose and its sources."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from engine.model.quantities import Quantity
from engine.model.values import Date, Frozen, Ident, Line, Paragraphs, ShortLine, Year


class Metric(Frozen):
    """A market figure with its period, e.g. a growth rate or a spending level."""

    id: Ident
    label_ar: Line = Field(min_length=1)
    subject: Ident | None = None  # a party id, when the metric is about one party
    group: ShortLine = ""  # metrics of one group are compared in one chart
    value: Quantity
    period_ar: ShortLine = ""
    year: Year | None = None
    sources: tuple[Ident, ...] = ()


class Level(StrEnum):
    """Three-step scale for likelihood and impact."""

    low = "low"
    medium = "medium"
    high = "high"


class Risk(Frozen):
    """A risk an investor should weigh."""

    id: Ident
    title_ar: Line = Field(min_length=1)
    detail_ar: Annotated[Paragraphs, Field(max_length=1_000)] = ""
    likelihood: Level = Level.medium
    impact: Level = Level.medium


class Narrative(Frozen):
    """The prose of the briefing, one field per section; paragraphs split on blank lines."""

    summary: Paragraphs = ""
    analysis: Paragraphs = ""
    market_context: Paragraphs = ""
    outlook: Paragraphs = ""


class Source(Frozen):
    """Where a figure comes from; the URL is shown as text, never fetched."""

    id: Ident
    title: Line = Field(min_length=1)
    publisher: Line = ""
    date: Date | None = None
    url: Line = ""
