"""The deal model: a typed, validated, immutable description of a strategic deal."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from engine.problems import fail, reference_error
from engine.references import reference_problems

SCHEMA_VERSION = 2  # version 1 files are upgraded on reading by engine.migrate

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
        char = f"U+{ord(bad.group()):04X}"
        raise fail("control_character", "control character {char} is not allowed", char=char)
    if not multiline and ("\n" in value or "\t" in value):
        raise fail("line_break", "line breaks are not allowed here")
    return unicodedata.normalize("NFC", value).strip()


def _line(value: str) -> str:
    return _clean_text(value, multiline=False)


def _block(value: str) -> str:
    return _clean_text(value, multiline=True)


Line = Annotated[str, Field(max_length=300), AfterValidator(_line)]
ShortLine = Annotated[str, Field(max_length=120), AfterValidator(_line)]
Paragraphs = Annotated[str, Field(max_length=4_000), AfterValidator(_block)]
Ident = Annotated[str, Field(pattern=_ID_PATTERN)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
Number = Annotated[float, Field(ge=0, le=MAX_VALUE, allow_inf_nan=False)]


def _sane_date(value: dt.date) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise fail("year_out_of_range", "year must be between {min} and {max}", min=MIN_YEAR, max=MAX_YEAR)
    return value


Date = Annotated[dt.date, AfterValidator(_sane_date)]

MAX_LOGO_URI = 700_000  # a 512 KB image, base64-encoded, with its prefix


def _checked_logo(value: str) -> str:
    if not value:
        return value
    from engine.logo import LogoError, check_logo_uri  # engine.logo imports nothing from the model

    try:
        return check_logo_uri(value)
    except LogoError as exc:
        english = exc.english.replace("{", "{{").replace("}", "}}")  # already written out
        raise fail(exc.code, english, **exc.params) from None


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
    technology_partner = "technology_partner"
    supplier = "supplier"
    joint_venture = "joint_venture"
    lender = "lender"
    other = "other"


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


class Party(Frozen):
    """A company or body taking part in the deal."""

    id: Ident
    name_ar: Line = Field(min_length=1)
    name_en: Line = ""
    role: Role = Role.other  # the main role
    other_roles: tuple[Role, ...] = Field(default=(), max_length=5)  # e.g. investor and technology partner

    @property
    def roles(self) -> tuple[Role, ...]:
        """Every role, the main one first, without repeats."""
        return tuple(dict.fromkeys((self.role, *self.other_roles)))


class CommitmentKind(StrEnum):
    """The instrument of a commitment: what passes from one side to the other."""

    equity_investment = "equity_investment"  # cash for a stake
    cash = "cash"  # a payment or grant with no stake
    warrant = "warrant"  # a right to buy shares, usually vesting at milestones
    options = "options"
    compute_purchase = "compute_purchase"
    hardware_purchase = "hardware_purchase"
    hardware_supply = "hardware_supply"  # from the supplier's side: chips, systems
    revenue_share = "revenue_share"
    loan = "loan"
    partnership = "partnership"
    other = "other"


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


class Period(Frozen):
    """How long a commitment runs: "على مدى 4 سنوات", "من 2026 إلى 2030", or both."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    years: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] | None = None

    @model_validator(mode="after")
    def _check_order(self) -> Period:
        if self.start is None and self.end is None and self.years is None:
            raise fail("empty_period", "a period needs a start, an end or a number of years")
        if self.start is not None and self.end is not None and self.end.end <= self.start.start:
            raise fail("period_reversed", "the period ends before it starts", field="end")
        return self


class Stage(Frozen):
    """One step of a commitment: an amount released (or vesting) at a milestone, or per unit of progress."""

    label_ar: Line = Field(min_length=1)  # "عند نشر أول جيجاواط"
    amount: Quantity | None = None
    per_ar: ShortLine = ""  # a rate: "جيجاواط يُنشر" reads "10 مليارات دولار لكل جيجاواط يُنشر"
    milestone: Ident | None = None


class Commitment(Frozen):
    """What one side promises the other: money, shares, hardware, compute, a revenue share.

    `from_party`/`to_party` are the first party of each side; `also_from`/`also_to` add the others
    (a joint venture's partners). A tranche names its whole in `part_of` and is never counted twice.
    """

    id: Ident
    from_party: Ident
    to_party: Ident
    also_from: tuple[Ident, ...] = Field(default=(), max_length=6)
    also_to: tuple[Ident, ...] = Field(default=(), max_length=6)
    kind: CommitmentKind
    amount: Quantity
    part_of: Ident | None = None  # the commitment this one is a tranche of
    label_ar: Line = ""  # "الشريحة الأولى"
    period: Period | None = None
    stages: tuple[Stage, ...] = Field(default=(), max_length=6)
    prior: bool = False  # made before this deal (e.g. Amazon's earlier stake)
    note_ar: Line = ""
    sources: tuple[Ident, ...] = ()

    @property
    def payers(self) -> tuple[str, ...]:
        """Every party on the giving side, the first one first."""
        return tuple(dict.fromkeys((self.from_party, *self.also_from)))

    @property
    def payees(self) -> tuple[str, ...]:
        """Every party on the receiving side, the first one first."""
        return tuple(dict.fromkeys((self.to_party, *self.also_to)))


class Capacity(Frozen):
    """Compute capacity contracted under the deal."""

    id: Ident
    provider: Ident
    consumer: Ident
    power: Quantity
    platforms: tuple[ShortLine, ...] = Field(default=(), max_length=10)
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

    schema_version: Literal[2] = SCHEMA_VERSION
    id: Ident
    title_ar: Line = Field(min_length=1)
    subtitle_ar: Line = ""
    date: Date
    parties: tuple[Party, ...] = Field(min_length=1, max_length=20)
    commitments: tuple[Commitment, ...] = Field(default=(), max_length=40)
    capacities: tuple[Capacity, ...] = Field(default=(), max_length=10)
    metrics: tuple[Metric, ...] = Field(default=(), max_length=30)
    milestones: tuple[Milestone, ...] = Field(default=(), max_length=24)
    risks: tuple[Risk, ...] = Field(default=(), max_length=20)
    narrative: Narrative = Narrative()
    sources: tuple[Source, ...] = Field(default=(), max_length=30)
    options: ReportOptions = ReportOptions()

    @model_validator(mode="after")
    def _check_references(self) -> Deal:
        found = reference_problems(self.model_dump(mode="json"))
        if found:
            # Every problem at once, each with its code; engine.problems splits them back apart.
            raise reference_error(found)
        return self

    def party(self, party_id: str) -> Party:
        """The party with this id (references are checked at validation)."""
        return next(p for p in self.parties if p.id == party_id)

    def milestone(self, milestone_id: str) -> Milestone:
        """The milestone with this id (references are checked at validation)."""
        return next(m for m in self.milestones if m.id == milestone_id)

    def wholes(self) -> tuple[Commitment, ...]:
        """The commitments that are not a tranche of another: what totals and charts count."""
        return tuple(c for c in self.commitments if c.part_of is None)

    def tranches(self, commitment_id: str) -> tuple[Commitment, ...]:
        """The tranches that are parts of this commitment, in file order."""
        return tuple(c for c in self.commitments if c.part_of == commitment_id)
