"""Deal files of earlier schema versions, upgraded step by step to the current one on reading."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from engine.model import SCHEMA_VERSION

FIRST_VERSION = 1


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds concepts (instruments, units, parties per side, tranches, periods, stages,
    dates by half or quarter, precisions): every version-1 field keeps its name and meaning."""
    data["schema_version"] = 2
    return data


# STEPS[n] turns a version-n file into a version-(n + 1) file.
STEPS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def file_version(data: dict[str, Any]) -> int | None:
    """The schema version a deal file declares (version 1 files could leave it out); None if unusable."""
    version = data.get("schema_version", FIRST_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        return None
    return version


def upgrade(data: Any) -> Any:
    """The deal data at the current schema version; the input is never modified.

    Anything that is not a deal object of a known older version is returned as it is, for
    validation to explain.
    """
    if not isinstance(data, dict):
        return data
    version = file_version(data)
    if version is None or not FIRST_VERSION <= version < SCHEMA_VERSION:
        return data
    data = copy.deepcopy(data)
    while version < SCHEMA_VERSION:
        data = STEPS[version](data)
        version += 1
    return data


def needs_upgrade(data: Any) -> bool:
    """Whether the data is a deal file of an older schema version."""
    if not isinstance(data, dict):
        return False
    version = file_version(data)
    return version is not None and FIRST_VERSION <= version < SCHEMA_VERSION
