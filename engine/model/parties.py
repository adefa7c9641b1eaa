"""The parties of a deal and the roles they play in it."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from engine.model.values import Frozen, Ident, Line


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
