"""The one boundary between the engine and templates: everything becomes plain, read-only data.

Templates (built-in and user) never see a model, a chart object or any other library object:
a pydantic model answers `parse_raw(..., allow_pickle=True)` and `parse_file('/etc/passwd')`,
so a template that can reach one can run code and read files. What they get is built only from
read-only mappings (`types.MappingProxyType`), tuples, `str`, `int`, `float`, `bool` and `None`.
A chart's pictures are drawn (or read from the cache) on first use, behind a read-only mapping.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

PLAIN_SCALARS = (str, int, float, bool, type(None))


class LazyChart(Mapping[str, Any]):
    """A chart for templates: a read-only mapping whose pictures (data_uri, half_uri, slot<mm>_uri)
    and `fits_half` (its half-column drawing has no text finding) come on first use."""

    __slots__ = ("__fields", "__lazy")

    def __init__(self, fields: dict[str, Any], lazy: dict[str, Callable[[], str | bool]]) -> None:
        self.__fields = fields
        self.__lazy = lazy

    def __getitem__(self, key: str) -> Any:
        if key in self.__lazy:
            return self.__lazy[key]()
        return self.__fields[key]

    def __iter__(self) -> Iterator[str]:
        yield from self.__fields
        yield from self.__lazy

    def __len__(self) -> int:
        return len(self.__fields) + len(self.__lazy)


def plain(value: Any) -> Any:
    """A deep, read-only copy of value made only of plain data; TypeError for anything else."""
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, PLAIN_SCALARS):
        return value
    if isinstance(value, BaseModel):
        return plain(value.model_dump(mode="json"))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): plain(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(plain(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain_dataclass(value)
    raise TypeError(f"{type(value).__name__} cannot be given to a template")


def _plain_dataclass(value: Any) -> Mapping[str, Any]:
    from engine.charts.figures import SLOTS_MM, Chart

    if isinstance(value, Chart):  # caption and alt text now; each picture when the template shows it
        fields = {name: plain(getattr(value, name)) for name in ("name", "number", "title_ar", "alt_ar")}
        lazy: dict[str, Callable[[], str | bool]] = {
            "data_uri": partial(value.uri, "full"),
            "half_uri": partial(value.uri, "half"),
            "fits_half": partial(value.fits, "half"),
        }
        lazy |= {f"slot{mm}_uri": partial(value.uri, f"slot{mm}") for mm in SLOTS_MM}  # one-page slots
        return LazyChart(fields, lazy)
    return MappingProxyType({f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)})


def template_context(context: Any) -> dict[str, Any]:
    """The template variables of a ReportContext: each one plain, read-only data."""
    variables = context.as_dict()
    return {name: plain(value) for name, value in variables.items()}
