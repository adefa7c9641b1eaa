"""The deal model: a typed, validated, immutable description of a strategic deal."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = 1

MIN_YEAR = 1900
MAX_YEAR = 2200
MAX_VALUE = 1e16  # ten quadrillion: above any real deal, far below float trouble

_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
# Characters that would corrupt the output or the reading order if taken from user text:
# C0/C1 controls (tab and newline are allowed in multi-line text) and explicit
# bidi embeddings/overrides/isolates, which the renderer places itself.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clean_text(value: str, *, multiline: bool) -> str:
    """Refuse control characters; normalise to NFC; strip outer spaces."""
    bad = _FORBIDDEN.search(value)
    if bad:
        raise ValueError(f"control character U+{ord(bad.group()):04X} is not allowed")
    if not multiline and ("\n" in value or "\t" in value):
        raise ValueError("line breaks are not allowed here")
    return unicodedata.normalize("NFC", value).strip()


def _line(value: str) -> str:
    return _clean_text(value, multiline=False)


def _block(value: str) -> str:
    return _clean_text(value, multiline=True)


Line = Annotated[str, Field(max_length=300), AfterValidator(_line)]
ShortLine = Annotated[str, Field(max_length=120), AfterValidator(_line)]
Paragraphs = Annotated[str, Field(max_length=12_000), AfterValidator(_block)]
Ident = Annotated[str, Field(pattern=_ID_PATTERN)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
Number = Annotated[float, Field(ge=0, le=MAX_VALUE, allow_inf_nan=False)]


def _sane_date(value: dt.date) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"year must be between {MIN_YEAR} and {MAX_YEAR}")
    return value


Date = Annotated[dt.date, AfterValidator(_sane_date)]

MAX_LOGO_URI = 700_000  # a 512 KB image, base64-encoded, with its prefix


def _checked_logo(value: str) -> str:
    if not value:
        return value
    from engine.logo import check_logo_uri  # engine.logo imports nothing from the model

    return check_logo_uri(value)


class Frozen(BaseModel):
    """Base for every model: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class Role(StrEnum):
    """What a party is in the deal."""

    investor = "investor"
    cloud_provider = "cloud_provider"
    chip_maker = "chip_maker"
    ai_developer = "ai_developer"
    customer = "customer"
    other = "other"


class Precision(StrEnum):
    """How exact a figure is: the words a journalist puts before it."""

    exact = "exact"
    up_to = "up_to"  # a cap: "حتى 10 مليارات"
    about = "about"  # an approximation: "نحو 8 مليارات"
    range = "range"  # "3–4 تريليونات": value is the low end, upper the high end
    over = "over"  # a floor: "أكثر من 400 مليار"


class Unit(StrEnum):
    """Unit of a quantity: a currency code, a percentage or a power unit."""

    USD = "USD"
    EUR = "EUR"
    GBP = "GBP"
    SAR = "SAR"
    AED = "AED"
    percent = "percent"
    GW = "GW"
    MW = "MW"


CURRENCIES = frozenset({Unit.USD, Unit.EUR, Unit.GBP, Unit.SAR, Unit.AED})


class Quantity(Frozen):
    """A figure with its unit and precision; a range carries its upper end."""

    value: Number
    unit: Unit = Unit.USD
    precision: Precision = Precision.exact
    upper: Number | None = None

    @model_validator(mode="after")
    def _check_range(self) -> Quantity:
        if self.precision is Precision.range:
            if self.upper is None:
                raise ValueError("a range needs an 'upper' value")
            if self.upper <= self.value:
                raise ValueError("'upper' must be greater than 'value'")
        elif self.upper is not None:
            raise ValueError("'upper' is only allowed when precision is 'range'")
        if self.unit is Unit.percent and self.high > 100_000:
            raise ValueError("a percentage above 100000% is not plausible")
        return self

    @property
    def high(self) -> float:
        """The largest value the figure can take."""
        return self.upper if self.upper is not None else self.value


class Party(Frozen):
    """A company or body taking part in the deal."""

    id: Ident
    name_ar: Line = Field(min_length=1)
    name_en: Line = ""
    role: Role = Role.other


class CommitmentKind(StrEnum):
    """What kind of money flow a commitment is."""

    equity_investment = "equity_investment"
    compute_purchase = "compute_purchase"
    hardware_purchase = "hardware_purchase"
    loan = "loan"
    partnership = "partnership"
    other = "other"


class Commitment(Frozen):
    """Money promised by one party to another."""

    id: Ident
    from_party: Ident
    to_party: Ident
    kind: CommitmentKind
    amount: Quantity
    prior: bool = False  # made before this deal (e.g. Amazon's earlier stake)
    note_ar: Line = ""
    sources: tuple[Ident, ...] = ()


class Capacity(Frozen):
    """Compute capacity contracted under the deal."""

    id: Ident
    provider: Ident
    consumer: Ident
    power: Quantity
    platforms: tuple[ShortLine, ...] = Field(default=(), max_length=20)
    note_ar: Line = ""
    sources: tuple[Ident, ...] = ()


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


class Milestone(Frozen):
    """A dated event or horizon of the deal."""

    id: Ident
    label_ar: Line = Field(min_length=1)
    kind: MilestoneKind = MilestoneKind.other
    year: Year
    month: Annotated[int, Field(ge=1, le=12)] | None = None
    relation: Relation = Relation.on
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
    detail_ar: Paragraphs = ""
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


class Digits(StrEnum):
    """Digit shapes used for every figure of a report."""

    latn = "latn"
    arab = "arab"


class Calendar(StrEnum):
    """Calendar(s) in which dates are written."""

    gregorian = "gregorian"
    hijri = "hijri"
    both = "both"


class Paper(StrEnum):
    """Page size."""

    A4 = "A4"
    Letter = "Letter"


class Classification(StrEnum):
    """Distribution label printed on the report."""

    public = "public"
    internal = "internal"
    confidential = "confidential"
    draft = "draft"


class ReportOptions(Frozen):
    """How the report is produced."""

    template: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")] = "briefing"
    digits: Digits = Digits.latn
    calendar: Calendar = Calendar.gregorian
    paper: Paper = Paper.A4
    classification: Classification = Classification.internal
    accent_color: Annotated[str, Field(pattern=_COLOR_PATTERN)] = "#0b5c6b"
    author: Line = ""
    # A data: URI (PNG or SVG, checked by engine.logo) so the deal file stays self-contained.
    logo: Annotated[str, Field(max_length=MAX_LOGO_URI), AfterValidator(_checked_logo)] = ""
    archival: bool = False  # PDF/A-3b with the deal file embedded as an attachment
    accessible: bool = False  # tagged PDF/UA-1: structure tree, language, alt text


class Deal(Frozen):
    """A whole deal file: everything a report is made from."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: Ident
    title_ar: Line = Field(min_length=1)
    subtitle_ar: Line = ""
    date: Date
    parties: tuple[Party, ...] = Field(min_length=1, max_length=60)
    commitments: tuple[Commitment, ...] = Field(default=(), max_length=200)
    capacities: tuple[Capacity, ...] = Field(default=(), max_length=50)
    metrics: tuple[Metric, ...] = Field(default=(), max_length=200)
    milestones: tuple[Milestone, ...] = Field(default=(), max_length=100)
    risks: tuple[Risk, ...] = Field(default=(), max_length=100)
    narrative: Narrative = Narrative()
    sources: tuple[Source, ...] = Field(default=(), max_length=200)
    options: ReportOptions = ReportOptions()

    @model_validator(mode="after")
    def _check_references(self) -> Deal:
        problems: list[str] = []
        for name in ("parties", "commitments", "capacities", "metrics", "milestones", "risks", "sources"):
            problems += _duplicates(name, getattr(self, name))
        party_ids = {p.id for p in self.parties}
        source_ids = {s.id for s in self.sources}
        for i, c in enumerate(self.commitments):
            problems += _unknown(f"commitments[{i}].from_party", (c.from_party,), party_ids, "party")
            problems += _unknown(f"commitments[{i}].to_party", (c.to_party,), party_ids, "party")
            if c.amount.unit not in CURRENCIES:
                problems.append(f"commitments[{i}].amount.unit: must be a currency")
        for i, cap in enumerate(self.capacities):
            problems += _unknown(f"capacities[{i}].provider", (cap.provider,), party_ids, "party")
            problems += _unknown(f"capacities[{i}].consumer", (cap.consumer,), party_ids, "party")
            if cap.power.unit not in (Unit.GW, Unit.MW):
                problems.append(f"capacities[{i}].power.unit: must be GW or MW")
        for i, m in enumerate(self.metrics):
            if m.subject is not None:
                problems += _unknown(f"metrics[{i}].subject", (m.subject,), party_ids, "party")
        cited = [("commitments", self.commitments), ("capacities", self.capacities)]
        cited += [("metrics", self.metrics), ("milestones", self.milestones)]
        for name, items in cited:
            for i, item in enumerate(items):
                problems += _unknown(f"{name}[{i}].sources", item.sources, source_ids, "source")
        if problems:
            # One line per problem; dealfile.problems_from splits them back apart.
            raise ValueError("\n".join(problems))
        return self

    def party(self, party_id: str) -> Party:
        """The party with this id (references are checked at validation)."""
        return next(p for p in self.parties if p.id == party_id)


def _duplicates(name: str, items: tuple[Frozen, ...]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for i, item in enumerate(items):
        ident = item.id  # type: ignore[attr-defined]
        if ident in seen:
            problems.append(f"{name}[{i}].id: duplicate id '{ident}'")
        seen.add(ident)
    return problems


def _unknown(path: str, refs: tuple[str, ...], known: set[str], what: str) -> list[str]:
    return [f"{path}: unknown {what} '{ref}'" for ref in refs if ref not in known]
