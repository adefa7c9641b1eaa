"""Preflight: after layout, the engine checks the document it made and reports what would embarrass it."""

from __future__ import annotations

from typing import Any

from engine.preflight.findings import Finding, format_findings


def __getattr__(name: str) -> Any:
    """`check_document` loads WeasyPrint: imported on first use, so findings alone stay light."""
    if name == "check_document":
        from engine.preflight.run import check_document

        return check_document
    raise AttributeError(f"module 'engine.preflight' has no attribute '{name}'")


__all__ = ["Finding", "check_document", "format_findings"]
