"""A whole deal file: everything a report is made from, its cross-references checked at once."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from engine.model.analysis import Metric, Narrative, Risk, Source
from engine.model.commitments import Capacity, Commitment
from engine.model.milestones import Milestone
from engine.model.options import ReportOptions
from engine.model.parties import Party
from engine.model.values import Date, Frozen, Ident, Line
from engine.problems import reference_error
from engine.references import reference_problems

SCHEMA_VERSION = 2  # version 1 files are upgraded on reading by engine.migrate


class Deal(Frozen):
    """A whole deal file: everything a report is made from."""

    schema_version: Literal[2] = SCHEMA_VERSION
    id: Ident
    title_ar: Line = Field(min_length=1)
    subtitle_ar: Line = ""
    date: Date
    parties: tuple[Party, ...] = Field(min_length=1, max_length=25)
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
