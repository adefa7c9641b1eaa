"""Deal files: strict JSON reading, one-line problems with field paths, atomic saving."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.fonts import undrawable_fields
from engine.migrate import upgrade
from engine.model import SCHEMA_VERSION, Deal
from engine.paths import SAMPLE_DEAL
from engine.safefile import FileRefused, read_capped, write_atomic

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 12
MAX_INT_DIGITS = 20  # far above any figure a deal holds (values stop at 1e16), far below int trouble


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deal file: where, and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DealError(ValueError):
    """A deal file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DealError([Problem(key, "duplicate key")])
        result[key] = value
    return result


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise DealError([Problem("", f"number {text[:20]} is too large")])
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise DealError([Problem("", f"number {text[:20]}… has more than {MAX_INT_DIGITS} digits")])
    return int(text)


def _refuse_constant(name: str) -> float:
    raise DealError([Problem("", f"{name} is not a number a deal file may contain")])


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
                raise DealError([Problem("", f"nested deeper than {MAX_DEPTH} levels")])
        elif ch in "]}":
            depth -= 1


def parse_json(text: str) -> Any:
    """Parse deal JSON strictly: no NaN/Infinity, no duplicate keys, bounded depth."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise DealError([Problem("", f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB")])
    if not text.strip():
        raise DealError([Problem("", "file is empty")])
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
        raise DealError(
            [Problem("", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")]
        ) from None


def field_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a dotted path: commitments[2].amount.value."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def problems_from(exc: ValidationError) -> list[Problem]:
    """Turn pydantic's errors into one-line problems with dotted field paths."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        message = str(err["msg"]).removeprefix("Value error, ")
        path = field_path(loc)
        for line in message.splitlines():
            # Cross-field checks name their own path inside the message.
            if ": " in line and err["type"] == "value_error" and "[" in line.split(": ", 1)[0]:
                sub, why = line.split(": ", 1)
                problems.append(Problem(f"{path}.{sub}" if path else sub, why))
            else:
                problems.append(Problem(path, line))
    return problems


def deal_from_data(data: Any) -> Deal:
    """Validate already-parsed JSON data into a Deal, strictly (no type coercion); older versions upgraded."""
    if not isinstance(data, dict):
        raise DealError([Problem("", "a deal file must hold a JSON object")])
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise DealError(
            [Problem("schema_version", f"version {version} is newer than this program ({SCHEMA_VERSION})")]
        )
    data = upgrade(data)
    try:
        deal = Deal.model_validate_json(json.dumps(data, ensure_ascii=False), strict=True)
    except ValidationError as exc:
        raise DealError(problems_from(exc)) from None
    # Only the bundled fonts draw a report: a character they lack is refused, named.
    undrawable = [Problem(field_path(loc), why) for loc, why in undrawable_fields(data)]
    if undrawable:
        raise DealError(undrawable)
    return deal


def parse_deal(text: str) -> Deal:
    """A Deal from the text of a deal file."""
    return deal_from_data(parse_json(text))


def load_deal(path: Path | None = None) -> Deal:
    """Read a deal file (the bundled sample when no path is given)."""
    path = SAMPLE_DEAL if path is None else path
    try:
        raw = read_capped(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise DealError([Problem("", str(exc))]) from None
    return parse_deal_bytes(raw)


def read_deal_data(path: Path) -> Any:
    """The parsed JSON of a deal file, read the way load_deal reads it (regular file, with a cap)."""
    try:
        raw = read_capped(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise DealError([Problem("", str(exc))]) from None
    try:
        return parse_json(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DealError([Problem("", "file is not UTF-8 text")]) from None


def parse_deal_bytes(raw: bytes) -> Deal:
    """A Deal from the bytes of a deal file (UTF-8, with or without a byte-order mark)."""
    if len(raw) > MAX_FILE_BYTES:
        raise DealError([Problem("", f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DealError([Problem("", "file is not UTF-8 text")]) from None
    return parse_deal(text)


def dump_deal(deal: Deal) -> str:
    """The canonical JSON text of a deal (what save writes)."""
    return json.dumps(deal.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def save_deal(deal: Deal, path: Path) -> None:
    """Save a deal as JSON, atomically."""
    write_atomic(path, dump_deal(deal).encode("utf-8"))
