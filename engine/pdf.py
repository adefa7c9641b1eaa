"""HTML to PDF with WeasyPrint: bundled fonts only (engine.fonts), restricted fetching, one warm renderer."""

from __future__ import annotations

import logging
import threading
from functools import cache
from pathlib import Path
from typing import Any

from engine.fonts import use_bundled_fonts

use_bundled_fonts()  # before WeasyPrint loads fontconfig: only the bundled fonts exist

from weasyprint import HTML  # noqa: E402
from weasyprint.document import Document  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from engine.dealfile import write_atomic  # noqa: E402
from engine.errors import RenderError  # noqa: E402
from engine.fetcher import AssetFetcher, ResourceRefused  # noqa: E402
from engine.paths import TEMPLATES  # noqa: E402

# WeasyPrint reports unsupported CSS and missing resources as warnings on its logger;
# they are surfaced by the tests, not printed at the analyst.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

__all__ = [
    "RenderError",
    "Renderer",
    "document_to_pdf",
    "html_to_pdf",
    "layout",
    "renderer",
    "write_pdf_file",
]


class Renderer:
    """WeasyPrint kept warm: one font configuration (fonts loaded once) reused by every render.

    A new FontConfiguration per render re-reads the @font-face files and leaks about 0.25 MB
    each time; one per process keeps a long-lived worker's memory flat. Not thread-safe: use
    one per process (the editor's worker, each batch worker).
    """

    def __init__(self) -> None:
        use_bundled_fonts()  # FontConfiguration reads it: nothing else in the process may widen it
        self.font_config = FontConfiguration()
        self.fetcher = AssetFetcher()
        self.renders = 0

    def layout(self, html: str, base_url: Path = TEMPLATES, **options: Any) -> Document:
        """Lay out the HTML into pages (resources through the restricted fetcher only)."""
        options.pop("attachments", None)
        try:
            document = HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=self.fetcher)
            laid_out = document.render(font_config=self.font_config, **options)
        except ResourceRefused as exc:
            raise RenderError(str(exc)) from None
        self.renders += 1
        return laid_out

    def write(self, document: Document, **options: Any) -> bytes:
        """The PDF bytes of a laid-out document (options: pdf_variant, pdf_tags, attachments)."""
        try:
            return document.write_pdf(uncompressed_pdf=False, **options)
        except ResourceRefused as exc:
            raise RenderError(str(exc)) from None

    def html_to_pdf(self, html: str, **options: Any) -> bytes:
        """Lay out the HTML and return the PDF bytes."""
        return self.write(self.layout(html, **options), **options)

    def warm_up(self) -> None:
        """Load the bundled fonts and WeasyPrint's lazy parts with a tiny Arabic page."""
        self.html_to_pdf(WARM_UP_PAGE)


WARM_UP_PAGE = (
    '<html lang="ar" dir="rtl"><head><link rel="stylesheet" href="css/base.css"></head>'
    "<body><p>تهيئة <b>١٢٣</b> 123</p></body></html>"
)

_lock = threading.Lock()


@cache
def _process_renderer() -> Renderer:
    return Renderer()


def renderer() -> Renderer:
    """This process's warm renderer (made on first use)."""
    with _lock:
        return _process_renderer()


def layout(html: str, base_url: Path = TEMPLATES, **options: Any) -> Document:
    """Lay out the HTML with this process's renderer."""
    return renderer().layout(html, base_url, **options)


def document_to_pdf(document: Document, **options: Any) -> bytes:
    """The PDF bytes of a laid-out document (options: pdf_variant, pdf_tags, attachments)."""
    return renderer().write(document, **options)


def html_to_pdf(html: str, **options: Any) -> bytes:
    """Lay out the HTML and return the PDF bytes."""
    return renderer().html_to_pdf(html, **options)


def write_pdf_file(data: bytes, path: Path) -> Path:
    """Write PDF bytes atomically: an existing file is replaced whole or not at all."""
    path = Path(path)
    if not data.startswith(b"%PDF-"):
        raise RenderError("refusing to write something that is not a PDF")
    write_atomic(path, data)
    return path
