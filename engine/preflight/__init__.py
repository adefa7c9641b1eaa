"""Preflight: after layout, the engine checks the document it made and reports what would embarrass it."""

from __future__ import annotations

from engine.preflight.findings import Finding, format_findings
from engine.preflight.run import check_document

__all__ = ["Finding", "check_document", "format_findings"]
