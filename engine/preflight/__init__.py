"""Preflight: after layout, the engine checks the document it made and reports what would embarrass it."""

from __future__ import annotations

from typing import Any

from engine.preflight.findings import Finding, format_findings


def __getattr__(name: str) -> Any:
    """The checks load WeasyPrint: imported on first use, so findings alone stay light."""
    if name in ("check_document", "ends_near_empty"):
        from engine.preflight import run

        return getattr(run, name)
    raise AttributeError(f"module 'engine.preflight' has no attribute '{name}'")


__all__ = ["Finding", "check_document", "ends_near_empty", "format_findings"]
