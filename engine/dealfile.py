"""Deal files: strict JSON reading, one-line problems with field paths, atomic saving."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.fonts import undrawable_fields
from engine.migrate import upgrade
from engine.model import SCHEMA_VERSION, Deal
from engine.paths import SAMPLE_DEAL
from engine.problems import ENGLISH, Problem, field_path, problems_from
from engine.references import reference_problems
from engine.safefile import FileRefused, read_capped, write_atomic

__all__ = ["DealError", "Problem", "Verdict", "check_data", "field_path", "problems_from", "write_atomic"]

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 12
MAX_INT_DIGITS = 20  # far above any figure a deal holds (values stop at 1e16), far below int trouble


class DealError(ValueError):
    """A deal file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DealError([Problem(key, "duplicate key", "duplicate_key")])
        result[key] = value
    return result


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise DealError([Problem("", f"number {text[:20]} is too large", "number_too_large")])
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise DealError(
            [Problem("", f"number {text[:20]}… has more than {MAX_INT_DIGITS} digits", "number_too_large")]
        )
    return int(text)


def _refuse_constant(name: str) -> float:
    raise DealError(
        [Problem("", f"{name} is not a number a deal file may contain", "not_finite", {"value": name})]
    )


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than any deal needs, before the parser recurses."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise DealError([Problem("", f"nested deeper than {MAX_DEPTH} levels", "too_deep")])
        elif ch in "]}":
            depth -= 1


def parse_json(text: str) -> Any:
    """Parse deal JSON strictly: no NaN/Infinity, no duplicate keys, bounded depth."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise DealError([_too_large()])
    if not text.strip():
        raise DealError([Problem("", "file is empty", "empty_file")])
    _check_depth(text)
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_float=_finite_float,
            parse_int=_bounded_int,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as exc:
        message = f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        position = {"line": exc.lineno, "column": exc.colno}
        raise DealError([Problem("", message, "invalid_json", position)]) from None


def _too_large() -> Problem:
    megabytes = MAX_FILE_BYTES // 1_000_000
    return Problem("", f"file is larger than {megabytes} MB", "file_too_large", {"megabytes": megabytes})


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking parsed deal data: the Deal when valid, else every problem."""

    deal: Deal | None
    problems: list[Problem] = field(default_factory=list)

    def at(self, path: str) -> list[Problem]:
        """Problems of a field path and of everything inside it."""
        return [
            p
            for p in self.problems
            if p.path == path or p.path.startswith(path + ".") or p.path.startswith(path + "[")
        ]


def check_data(data: Any) -> Verdict:
    """The one validation of a deal: used by export, `main.py validate` and the editor alike."""
    if not isinstance(data, dict):
        return Verdict(None, [Problem("", "a deal file must hold a JSON object", "not_an_object")])
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        message = f"version {version} is newer than this program ({SCHEMA_VERSION})"
        params = {"version": version, "supported": SCHEMA_VERSION}
        return Verdict(None, [Problem("schema_version", message, "newer_version", params)])
    data = upgrade(data)
    # Only the bundled fonts draw a report: a character they lack is refused, named.
    undrawable = [
        Problem(
            field_path(loc),
            ENGLISH["undrawable_character"].format(chars=chars),
            "undrawable_character",
            {"chars": chars},
        )
        for loc, chars in undrawable_fields(data)
    ]
    try:
        deal = Deal.model_validate_json(json.dumps(data, ensure_ascii=False), strict=True)
    except ValidationError as exc:
        problems = problems_from(exc) + undrawable
    else:
        return Verdict(None, undrawable) if undrawable else Verdict(deal)
    # Cross-references are checked by the model only once every field is valid: check a draft's too.
    known = {(p.path, p.code) for p in problems}
    for loc, code, params in reference_problems(data):
        problem = Problem(field_path(loc), ENGLISH[code].format(**params), code, params)
        if (problem.path, code) not in known:
            problems.append(problem)
    return Verdict(None, problems)


def deal_from_data(data: Any) -> Deal:
    """Validate already-parsed JSON data into a Deal, strictly (no type coercion); older versions upgraded."""
    verdict = check_data(data)
    if verdict.deal is None:
        raise DealError(verdict.problems)
    return verdict.deal


def parse_deal(text: str) -> Deal:
    """A Deal from the text of a deal file."""
    return deal_from_data(parse_json(text))


def load_deal(path: Path | None = None) -> Deal:
    """Read a deal file (the bundled sample when no path is given)."""
    path = SAMPLE_DEAL if path is None else path
    try:
        raw = read_capped(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise DealError([Problem("", str(exc), "unreadable", {"file": str(exc)})]) from None
    return parse_deal_bytes(raw)


def read_deal_data(path: Path) -> Any:
    """The parsed JSON of a deal file, read the way load_deal reads it (regular file, with a cap)."""
    try:
        raw = read_capped(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise DealError([Problem("", str(exc), "unreadable", {"file": str(exc)})]) from None
    try:
        return parse_json(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DealError([Problem("", "file is not UTF-8 text", "not_utf8")]) from None


def parse_deal_bytes(raw: bytes) -> Deal:
    """A Deal from the bytes of a deal file (UTF-8, with or without a byte-order mark)."""
    if len(raw) > MAX_FILE_BYTES:
        raise DealError([_too_large()])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DealError([Problem("", "file is not UTF-8 text", "not_utf8")]) from None
    return parse_deal(text)


def dump_deal(deal: Deal) -> str:
    """The canonical JSON text of a deal (what save writes)."""
    return json.dumps(deal.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def save_deal(deal: Deal, path: Path) -> None:
    """Save a deal as JSON, atomically."""
    write_atomic(path, dump_deal(deal).encode("utf-8"))
