"""Run every preflight check over a laid-out WeasyPrint document and the charts it shows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from weasyprint.document import Document

from engine.model import Digits
from engine.preflight import layout, text
from engine.preflight.findings import Finding
from engine.preflight.geometry import PageContent, page_content


def _chart_findings(page: PageContent, chart_notes: Mapping[str, Iterable[Finding]]) -> Iterator[Finding]:
    """Findings a chart made about its own text, placed on the page that shows the chart."""
    for placed in page.images:
        element = placed.box.element
        src = element.get("src") if element is not None else None
        for finding in chart_notes.get(src or "", ()):
            yield Finding(finding.code, page.number, finding.sample)


def check_document(
    document: Document,
    *,
    digits: Digits,
    one_page: bool = False,
    chart_notes: Mapping[str, Iterable[Finding]] | None = None,
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
        findings.extend(_chart_findings(page, chart_notes or {}))
    return tuple(dict.fromkeys(findings))
