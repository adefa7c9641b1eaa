"""Cross-references of a deal (ids, parties, sources): one check for valid models and raw drafts alike."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.problems import Location

Found = tuple[Location, str, dict[str, Any]]

LISTS = ("parties", "commitments", "capacities", "metrics", "milestones", "risks", "sources")
# Fields that name a party, by list; and the lists whose records cite sources.
PARTY_FIELDS: dict[str, tuple[str, ...]] = {
    "commitments": ("from_party", "to_party", "also_from", "also_to"),
    "capacities": ("provider", "consumer"),
    "metrics": ("subject",),
}
CITING = ("commitments", "capacities", "metrics", "milestones")
UNIT_RULES: dict[str, tuple[str, frozenset[str], str]] = {
    "capacities": ("power", frozenset({"GW", "MW"}), "not_a_power_unit"),
}


def _records(data: dict[str, Any], name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = data.get(name)
    if isinstance(items, list | tuple):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _ids(data: dict[str, Any], name: str) -> set[str]:
    return {r["id"] for _, r in _records(data, name) if isinstance(r.get("id"), str)}


def reference_problems(data: Any) -> list[Found]:
    """Duplicate ids, unknown parties and sources, wrong units: every one, on plain deal data."""
    if not isinstance(data, dict):
        return []
    found: list[Found] = []
    for name in LISTS:
        seen: set[str] = set()
        for i, record in _records(data, name):
            ident = record.get("id")
            if isinstance(ident, str) and ident in seen:
                found.append(((name, i, "id"), "duplicate_id", {"ref": ident}))
            if isinstance(ident, str):
                seen.add(ident)
    parties, sources = _ids(data, "parties"), _ids(data, "sources")
    for name in ("commitments", "capacities", "metrics", "milestones"):
        for i, record in _records(data, name):
            for key in PARTY_FIELDS.get(name, ()):
                refs = record.get(key)
                for ref in refs if isinstance(refs, list | tuple) else [refs]:
                    if isinstance(ref, str) and ref and ref not in parties:
                        found.append(((name, i, key), "unknown_party", {"ref": ref}))
            if name in UNIT_RULES:
                key, allowed, code = UNIT_RULES[name]
                quantity = record.get(key)
                unit = quantity.get("unit", "USD") if isinstance(quantity, dict) else None
                if isinstance(unit, str) and unit not in allowed:
                    found.append(((name, i, key, "unit"), code, {}))
            cited = record.get("sources")
            if name in CITING and isinstance(cited, list | tuple):
                for ref in cited:
                    if isinstance(ref, str) and ref not in sources:
                        found.append(((name, i, "sources"), "unknown_source", {"ref": ref}))
    found += _stage_problems(data)
    found += _tranche_problems(data)
    return found


def _stage_problems(data: dict[str, Any]) -> list[Found]:
    milestones = _ids(data, "milestones")
    found: list[Found] = []
    for i, record in _records(data, "commitments"):
        stages = record.get("stages")
        for j, stage in enumerate(stages if isinstance(stages, list | tuple) else ()):
            ref = stage.get("milestone") if isinstance(stage, dict) else None
            if isinstance(ref, str) and ref not in milestones:
                found.append(
                    (("commitments", i, "stages", j, "milestone"), "unknown_milestone", {"ref": ref})
                )
    return found


def _high(record: dict[str, Any]) -> float | None:
    amount = record.get("amount")
    if not isinstance(amount, dict):
        return None
    high = amount.get("upper") if amount.get("upper") is not None else amount.get("value")
    return float(high) if isinstance(high, int | float) and not isinstance(high, bool) else None


def _unit(record: dict[str, Any]) -> Any:
    amount = record.get("amount")
    return amount.get("unit", "USD") if isinstance(amount, dict) else None


def _tranche_problems(data: dict[str, Any]) -> list[Found]:
    """A tranche names an existing whole, in the same unit, no larger, and never (through others) itself."""
    by_id = {r["id"]: r for _, r in _records(data, "commitments") if isinstance(r.get("id"), str)}
    found: list[Found] = []
    for i, record in _records(data, "commitments"):
        whole_id = record.get("part_of")
        if not isinstance(whole_id, str):
            continue
        loc: Location = ("commitments", i, "part_of")
        if whole_id not in by_id:
            found.append((loc, "unknown_commitment", {"ref": whole_id}))
            continue
        seen, step = {record.get("id")}, by_id.get(whole_id)
        while step is not None and step.get("id") not in seen:
            seen.add(step.get("id"))
            parent = step.get("part_of")
            step = by_id.get(parent) if isinstance(parent, str) else None
        if step is not None:
            found.append((loc, "tranche_loop", {"ref": whole_id}))
            continue
        whole = by_id[whole_id]
        high, whole_high = _high(record), _high(whole)
        if _unit(whole) != _unit(record):
            found.append((loc, "tranche_unit", {"unit": _unit(whole)}))
        elif high is not None and whole_high is not None and high > whole_high:
            found.append((loc, "tranche_too_large", {}))
    return found


def references_to(data: Any, list_name: str, ident: str) -> list[Location]:
    """Where a party or source is referred to (asked before deleting it)."""
    if not isinstance(data, dict):
        return []
    places: list[Location] = []
    for name in ("commitments", "capacities", "metrics", "milestones"):
        for i, record in _records(data, name):
            if list_name == "sources" and ident in (record.get("sources") or ()):
                places.append((name, i, "sources"))
            elif list_name == "parties":
                for key in PARTY_FIELDS.get(name, ()):
                    value = record.get(key)
                    if value == ident or (isinstance(value, list | tuple) and ident in value):
                        places.append((name, i, key))
            elif list_name == "milestones":
                stages = record.get("stages") or ()
                places += [
                    (name, i, "stages", j, "milestone")
                    for j, stage in enumerate(stages)
                    if isinstance(stage, dict) and stage.get("milestone") == ident
                ]
            elif list_name == "commitments" and record.get("part_of") == ident:
                places.append((name, i, "part_of"))
    return places
