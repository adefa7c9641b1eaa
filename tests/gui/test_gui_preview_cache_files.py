"""The stored previews are files the editor reads at launch: anything else in their place is a miss."""

from __future__ import annotations

import os
from pathlib import Path

from gui.preview_cache import PreviewCache, preview_key

DEAL = '{"title": "x"}'


def test_a_stored_preview_round_trips(tmp_path: Path) -> None:
    cache = PreviewCache(tmp_path)
    cache.put(DEAL, b"%PDF-1.7 body", [(1, "line")])
    assert cache.get(DEAL) == (b"%PDF-1.7 body", [(1, "line")])


def test_a_fifo_in_place_of_a_stored_preview_is_a_miss_not_a_hang(tmp_path: Path) -> None:
    """A FIFO with no writer would block a plain read forever; it must be refused at once."""
    cache = PreviewCache(tmp_path)
    cache.put(DEAL, b"%PDF-1.7 body", [])
    pdf = tmp_path / f"{preview_key(DEAL)}.pdf"
    pdf.unlink()
    os.mkfifo(pdf)
    assert cache.get(DEAL) is None
