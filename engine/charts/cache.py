"""A small in-process cache: a chart is drawn once per distinct data and options."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CACHE_SIZE = 64  # five charts per deal: a dozen deals' worth of previews


@dataclass(frozen=True)
class CacheInfo:
    """How the cache has been used since it was last cleared."""

    hits: int
    misses: int
    size: int


class ChartCache:
    """Least-recently-used map from a chart's input key to its encoded image."""

    def __init__(self, maxsize: int = CACHE_SIZE) -> None:
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._maxsize = maxsize
        self._hits = 0
        self._misses = 0

    @staticmethod
    def key(*parts: object) -> str:
        """A digest of the chart's inputs (frozen dataclasses and plain values, by repr)."""
        return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()

    def get_or_draw[T](self, key: str, draw: Callable[[], T]) -> T:
        """The cached value for `key`, or draw it once and remember it."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self._hits += 1
                return self._items[key]
            self._misses += 1
        value = draw()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._maxsize:
                self._items.popitem(last=False)
        return value

    def values(self) -> list[Any]:
        """The cached values, oldest first (a snapshot)."""
        with self._lock:
            return list(self._items.values())

    def info(self) -> CacheInfo:
        """Hits, misses and entries so far."""
        with self._lock:
            return CacheInfo(self._hits, self._misses, len(self._items))

    def clear(self) -> None:
        """Forget every drawn chart and reset the counters."""
        with self._lock:
            self._items.clear()
            self._hits = self._misses = 0


CHART_CACHE = ChartCache()
