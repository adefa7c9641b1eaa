"""The last previews on disk: an unchanged deal shows its preview at once when the editor opens.

A render is a pure function of the deal's bytes (its options carry the template and the digits)
and of the program: the engine's code, the built-in templates, the bundled fonts and the
versions of the libraries that lay out and draw. An entry is keyed by a digest of all of them,
so what it holds is the very document a fresh render makes (the editor renders afresh anyway
and swaps it in). Only built-in templates are kept: a user template is not part of the key.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from importlib import metadata
from pathlib import Path

from engine.dealfile import write_atomic
from engine.paths import FONTS, PACKAGE, TEMPLATES
from engine.safefile import FileRefused, read_capped

CACHE_DIR_ENV = "DEAL_BRIEFING_CACHE_DIR"
KEEP = 8  # previews kept (the least recently shown go first)
MAX_PDF = 20_000_000  # a larger file is not a preview we wrote: ignored
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "pikepdf", "matplotlib", "numpy", "fonttools")


@cache
def program_fingerprint() -> str:
    """A digest of everything besides the deal that a render depends on."""
    digest = hashlib.sha256()
    for folder, pattern in ((PACKAGE, "*.py"), (TEMPLATES, "*"), (FONTS, "*")):
        for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
            digest.update(path.relative_to(folder.parent).as_posix().encode())
            digest.update(path.read_bytes())
    for name in LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode())
    return digest.hexdigest()


def preview_folder() -> Path:
    """$DEAL_BRIEFING_CACHE_DIR/previews, else the platform's user cache folder."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override) / "previews"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("deal-briefing", appauthor=False)) / "previews"


def preview_key(deal_json: str) -> str:
    """The entry's name: the deal's bytes and the program."""
    return hashlib.sha256(f"{program_fingerprint()}\n{deal_json}".encode()).hexdigest()


class PreviewCache:
    """PDF and preflight findings of recent previews; every failure is a miss (or a skipped write)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder

    @property
    def folder(self) -> Path:
        """The folder in use (read from the environment each time unless given)."""
        return self._folder or preview_folder()

    def get(self, deal_json: str) -> tuple[bytes, list[tuple[int, str]]] | None:
        """The stored preview of this deal on this program, or None."""
        base = self.folder / preview_key(deal_json)
        try:
            pdf_path = base.with_suffix(".pdf")
            # Regular files only, capped, never blocking (a FIFO put in the cache folder is a miss).
            pdf = read_capped(pdf_path, MAX_PDF)
            found = json.loads(read_capped(base.with_suffix(".json"), MAX_PDF).decode("utf-8"))
            os.utime(pdf_path)  # recently shown: kept longest
        except (OSError, ValueError, FileRefused):
            return None
        if not pdf.startswith(b"%PDF-") or not isinstance(found, list):
            return None
        try:
            return pdf, [(int(page), str(line)) for page, line in found]
        except (TypeError, ValueError):
            return None

    def put(self, deal_json: str, pdf: bytes, found: list[tuple[int, str]]) -> None:
        """Keep this preview (findings first: a PDF is only ever read beside its findings)."""
        base = self.folder / preview_key(deal_json)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(base.with_suffix(".json"), json.dumps(found, ensure_ascii=False).encode("utf-8"))
            write_atomic(base.with_suffix(".pdf"), pdf)
            self.trim()
        except OSError:
            pass  # a read-only or full disk only costs the next launch its instant preview

    def trim(self) -> None:
        """Keep the KEEP most recently shown previews."""
        entries = []
        for path in self.folder.glob("*.pdf"):
            with contextlib.suppress(OSError):
                entries.append((path.stat().st_mtime, path))
        for _, path in sorted(entries, reverse=True)[KEEP:]:
            path.unlink(missing_ok=True)
            path.with_suffix(".json").unlink(missing_ok=True)
