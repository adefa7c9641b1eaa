"""Run every preflight check over a laid-out WeasyPrint document and the charts it shows."""

from __future__ import annotations

from collections.abc import Mapping

from weasyprint.document import Document

from engine.model import Digits
from engine.preflight import layout, text
from engine.preflight.charts import ChartNotes, chart_findings
from engine.preflight.findings import Finding
from engine.preflight.geometry import page_content


def check_document(
    document: Document,
    *,
    digits: Digits,
    one_page: bool = False,
    chart_notes: Mapping[str, ChartNotes] | None = None,
) -> tuple[Finding, ...]:
    """Every finding of a laid-out document, deduplicated, in page order."""
    findings: list[Finding] = []
    pages = [page_content(page, number) for number, page in enumerate(document.pages, start=1)]
    if one_page and len(pages) > 1:
        findings.append(Finding("one-page-overflow", 0, f"{len(pages)}"))
    for page in pages:
        for check in layout.CHECKS:
            findings.extend(check(page))
        if len(pages) > 1:
            findings.extend(layout.near_empty(page))
        findings.extend(text.fonts_and_glyphs(page))
        findings.extend(text.digit_setting(page, digits))
        findings.extend(chart_findings(page, chart_notes or {}))
    return tuple(dict.fromkeys(findings))


def ends_near_empty(document: Document) -> bool:
    """Whether the last page of a document of several pages holds only a sliver (a line or two)."""
    if len(document.pages) < 2:
        return False
    return any(layout.near_empty(page_content(document.pages[-1], len(document.pages))))
