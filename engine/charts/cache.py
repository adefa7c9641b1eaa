"""The chart cache: in memory (least recently used) over a bounded folder on disk.

A chart is drawn once per distinct input: the key is a digest of the chart's data, its options
and the program version (the drawing code's own digest), so a repeat export, even in a new
process, reads the drawing back instead of importing matplotlib and drawing it again.
The folder is $DEAL_BRIEFING_CACHE_DIR, else the platform's user cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from engine.paths import ROOT

CACHE_SIZE = 64  # five charts per deal: a dozen deals' worth of previews
DISK_LIMIT = 64_000_000  # bytes on disk; the least recently used entries go first
MAX_ENTRY = 8_000_000  # an entry larger than this is not a chart we wrote: ignored
CACHE_DIR_ENV = "DEAL_BRIEFING_CACHE_DIR"


@cache
def program_version() -> str:
    """A digest of the engine's code and the drawing libraries' versions: any change invalidates."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "engine").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    for package in ("matplotlib", "numpy"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()[:16]


def cache_folder() -> Path:
    """Where drawn charts are kept: $DEAL_BRIEFING_CACHE_DIR or <user cache dir>/charts."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("deal-briefing", appauthor=False)) / "charts"


@dataclass(frozen=True)
class CacheInfo:
    """How the cache has been used since it was last cleared."""

    hits: int
    misses: int
    size: int
    disk_hits: int = 0


class DiskCache:
    """Files named by their key in one folder, bounded in total size; every failure is a miss."""

    def __init__(self, folder: Callable[[], Path] = cache_folder, limit: int = DISK_LIMIT) -> None:
        self._folder = folder
        self.limit = limit

    @property
    def folder(self) -> Path:
        """The folder now in use (read from the environment each time, so tests can redirect it)."""
        return self._folder()

    def get(self, key: str) -> bytes | None:
        """The stored bytes, or None (absent, unreadable or implausibly large)."""
        path = self.folder / key
        try:
            if path.stat().st_size > MAX_ENTRY:
                return None
            data = path.read_bytes()
            os.utime(path)  # recently used: trimmed last
        except OSError:
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store atomically (a reader never sees half a file), then trim to the size limit."""
        from engine.dealfile import write_atomic

        if len(data) > MAX_ENTRY:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / key, data)
            self.trim()
        except OSError:
            pass  # a read-only or full disk only costs a redraw next time

    def trim(self) -> None:
        """Delete the least recently used entries until the folder is within its limit."""
        entries = []
        for path in self.folder.iterdir():
            try:
                if path.is_file() and not path.name.startswith("."):
                    stat = path.stat()
                    entries.append((stat.st_mtime, stat.st_size, path))
            except OSError:
                continue
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            path.unlink(missing_ok=True)
            total -= size

    def clear(self) -> None:
        """Delete every stored chart."""
        folder = self.folder
        if folder.is_dir():
            for path in folder.iterdir():
                if path.is_file():
                    path.unlink(missing_ok=True)


class ChartCache:
    """Least-recently-used map from a chart's input key to its encoded drawing, over the disk."""

    def __init__(self, maxsize: int = CACHE_SIZE, disk: DiskCache | None = None) -> None:
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._maxsize = maxsize
        self.disk = disk
        self._hits = 0
        self._misses = 0
        self._disk_hits = 0

    @staticmethod
    def key(*parts: object) -> str:
        """A digest of the chart's inputs (frozen dataclasses and plain values, by repr)."""
        return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()

    def peek(self, key: str, accept: Callable[[bytes], bool] = bool) -> bytes | None:
        """The value for `key` from memory or disk without drawing (None when absent or not accepted)."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self._hits += 1
                return self._items[key]
            self._misses += 1
        value = self.disk.get(key) if self.disk is not None else None
        if value is not None and not accept(value):
            value = None  # damaged or foreign: drawn again and overwritten
        if value is not None:
            with self._lock:
                self._disk_hits += 1
                self._remember(key, value)
        return value

    def get_or_draw(
        self, key: str, draw: Callable[[], bytes], accept: Callable[[bytes], bool] = bool
    ) -> bytes:
        """The cached value for `key`, or draw it once and remember it (in memory and on disk)."""
        value = self.peek(key, accept)
        if value is not None:
            return value
        value = draw()
        with self._lock:
            self._remember(key, value)
        if self.disk is not None:
            self.disk.put(key, value)
        return value

    def _remember(self, key: str, value: bytes) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._maxsize:
            self._items.popitem(last=False)

    def info(self) -> CacheInfo:
        """Hits, misses and entries so far (a miss in memory may still be a disk hit)."""
        with self._lock:
            return CacheInfo(self._hits, self._misses, len(self._items), self._disk_hits)

    def clear(self, *, disk: bool = False) -> None:
        """Forget every chart held in memory (and on disk too when asked) and reset the counters."""
        with self._lock:
            self._items.clear()
            self._hits = self._misses = self._disk_hits = 0
        if disk and self.disk is not None:
            self.disk.clear()


CHART_CACHE = ChartCache(disk=DiskCache())
