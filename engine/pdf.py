"""HTML to PDF with WeasyPrint: bundled fonts only, restricted fetching, atomic files."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from engine.dealfile import write_atomic
from engine.errors import RenderError
from engine.fetcher import AssetFetcher, ResourceRefused
from engine.paths import TEMPLATES

# WeasyPrint reports unsupported CSS and missing resources as warnings on its logger;
# they are surfaced by the tests, not printed at the analyst.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

__all__ = ["RenderError", "document_to_pdf", "html_to_pdf", "layout", "write_pdf_file"]


def layout(html: str, base_url: Path = TEMPLATES, **options: Any) -> Document:
    """Lay out the HTML into pages (resources through the restricted fetcher only)."""
    options.pop("attachments", None)
    try:
        document = HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=AssetFetcher())
        return document.render(font_config=FontConfiguration(), **options)
    except ResourceRefused as exc:
        raise RenderError(str(exc)) from None


def document_to_pdf(document: Document, **options: Any) -> bytes:
    """The PDF bytes of a laid-out document (options: pdf_variant, pdf_tags, attachments)."""
    try:
        return document.write_pdf(uncompressed_pdf=False, **options)
    except ResourceRefused as exc:
        raise RenderError(str(exc)) from None


def html_to_pdf(html: str, **options: Any) -> bytes:
    """Lay out the HTML and return the PDF bytes."""
    return document_to_pdf(layout(html, **options), **options)


def write_pdf_file(data: bytes, path: Path) -> Path:
    """Write PDF bytes atomically: an existing file is replaced whole or not at all."""
    path = Path(path)
    if not data.startswith(b"%PDF-"):
        raise RenderError("refusing to write something that is not a PDF")
    write_atomic(path, data)
    return path
