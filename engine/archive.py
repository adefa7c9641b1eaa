"""Archival and accessible PDF: the PDF variant, the embedded deal file, and reading it back."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from engine.dealfile import MAX_FILE_BYTES, DealError, Problem, dump_deal, parse_deal_bytes
from engine.model import Deal

DEAL_ATTACHMENT = "deal.json"
MAX_ATTACHMENT = MAX_FILE_BYTES
PDF_VARIANT_ARCHIVAL = "pdf/a-3b"
PDF_VARIANT_ACCESSIBLE = "pdf/ua-1"


def pdf_options(deal: Deal) -> dict[str, Any]:
    """WeasyPrint write_pdf options for the deal's archival/accessible settings."""
    opts = deal.options
    options: dict[str, Any] = {}
    if opts.archival:
        # PDF/A-3b allows embedded files; with "accessible" too it is also tagged
        # (structure tree, /Lang, alt text), since WeasyPrint writes one variant.
        options["pdf_variant"] = PDF_VARIANT_ARCHIVAL
        options["pdf_tags"] = opts.accessible
        options["attachments"] = [deal_attachment(deal)]
    elif opts.accessible:
        options["pdf_variant"] = PDF_VARIANT_ACCESSIBLE
    return options


def deal_attachment(deal: Deal) -> object:
    """The deal file as a PDF attachment, with fixed dates so the same deal gives the same bytes."""
    from weasyprint import Attachment

    stamp = dt.datetime.combine(deal.date, dt.time(12, 0))
    return Attachment(
        string=dump_deal(deal).encode("utf-8"),
        name=DEAL_ATTACHMENT,
        description="ملف الصفقة (JSON) الذي أُعدّ منه هذا التقرير",
        created=stamp,
        modified=stamp,
        relationship="Source",
    )


def deal_from_pdf(data: bytes) -> Deal:
    """The deal embedded in a report PDF; DealError when there is none or it is invalid."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            files = pdf.attachments
            if DEAL_ATTACHMENT not in files:
                raise DealError([Problem("", "this PDF carries no deal file (export it with --pdfa)")])
            spec = files[DEAL_ATTACHMENT]
            stream = spec.get_file()
            if int(stream.size) > MAX_ATTACHMENT:
                raise DealError([Problem("", "the embedded deal file is too large")])
            raw = stream.read_bytes()
    except pikepdf.PdfError as exc:
        raise DealError([Problem("", f"not a readable PDF ({str(exc)[:120]})")]) from None
    return parse_deal_bytes(raw)
