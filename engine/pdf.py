"""HTML to PDF with WeasyPrint: bundled fonts only, restricted fetching, atomic files."""

from __future__ import annotations

import logging
from pathlib import Path

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from engine.dealfile import write_atomic
from engine.fetcher import AssetFetcher, ResourceRefused
from engine.paths import TEMPLATES

# WeasyPrint reports unsupported CSS and missing resources as warnings on its logger;
# they are surfaced by the tests, not printed at the analyst.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class RenderError(ValueError):
    """A report could not be produced from this input; the message says why."""


def html_to_pdf(html: str, *, attachments: list[object] | None = None, **options: object) -> bytes:
    """Lay out the HTML and return the PDF bytes."""
    fetcher = AssetFetcher()
    try:
        document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher)
        return document.write_pdf(
            font_config=FontConfiguration(), attachments=attachments, uncompressed_pdf=False, **options
        )
    except ResourceRefused as exc:
        raise RenderError(str(exc)) from None


def write_pdf_file(data: bytes, path: Path) -> Path:
    """Write PDF bytes atomically: an existing file is replaced whole or not at all."""
    path = Path(path)
    if not data.startswith(b"%PDF-"):
        raise RenderError("refusing to write something that is not a PDF")
    write_atomic(path, data)
    return path
