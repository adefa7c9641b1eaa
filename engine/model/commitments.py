"""What one side promises the other: instruments, tranches, periods and stages; and contracted capacity."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from engine.model.dates import PartialDate
from engine.model.quantities import Quantity
from engine.model.values import Frozen, Ident, Line, ShortLine
from engine.problems import fail


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
