"""Archival and accessible PDF: the PDF variant, the embedded deal file, and reading it back."""

from __future__ import annotations

import datetime as dt
import io
import re
import zlib
from pathlib import Path
from typing import Any

from engine.dealfile import MAX_FILE_BYTES, DealError, Problem, dump_deal, parse_deal_bytes
from engine.model import Deal
from engine.safefile import FileRefused, read_capped

DEAL_ATTACHMENT = "deal.json"
MAX_ATTACHMENT = MAX_FILE_BYTES  # decompressed size of the embedded deal file
MAX_IMPORT_BYTES = 200_000_000  # a report PDF read for its deal (CLI import, the editor's File › Open)
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


def declares_both(deal: Deal) -> bool:
    """Whether the report is archival and accessible at once (PDF/A-3b that must also claim PDF/UA-1)."""
    return deal.options.archival and deal.options.accessible


def declare_pdfua(pdf: bytes) -> bytes:
    """The tagged PDF/A with the PDF/UA-1 identification (pdfuaid:part) added to its XMP metadata.

    WeasyPrint writes one variant: with both options it writes a tagged PDF/A-3b
    (structure tree, /Lang, alt text) that only declares PDF/A. Nothing else changes;
    the /ID is derived from the content, so the same deal still gives the same bytes.
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdfuaid:part"] = "1"
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
        return out.getvalue()


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


def _inflate(stream: Any, name: str) -> bytes:
    """The attachment's bytes, decompressed a bounded piece at a time: never more than the cap."""
    import pikepdf

    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        filters = filters[0] if len(filters) == 1 else filters
    params = stream.get("/DecodeParms")
    raw = stream.read_raw_bytes()
    if filters is None:
        data = raw
    elif filters == pikepdf.Name.FlateDecode and params is None:
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(raw, MAX_ATTACHMENT + 1)
        except zlib.error:
            raise DealError(
                [Problem("", f"{name}: the embedded deal file is damaged", "unreadable_pdf")]
            ) from None
        if inflater.unconsumed_tail:
            data += b"!"  # more output is waiting: larger than the cap
    else:
        raise DealError(
            [Problem("", f"{name}: the embedded deal file uses an unsupported encoding", "unreadable_pdf")]
        )
    if len(data) > MAX_ATTACHMENT:
        raise _too_large(f"{name}: the embedded deal file", MAX_ATTACHMENT)
    return data


def _too_large(what: str, limit: int) -> DealError:
    """The refusal of something past its size limit, in megabytes."""
    megabytes = limit // 1_000_000
    return DealError(
        [Problem("", f"{what} is larger than {megabytes} MB", "file_too_large", {"megabytes": megabytes})]
    )


def deal_from_pdf(data: bytes, name: str = "PDF") -> Deal:
    """The deal embedded in a report PDF (`name` names it in messages); DealError when there is none."""
    import pikepdf

    if len(data) > MAX_IMPORT_BYTES:
        raise _too_large(f"{name}: file", MAX_IMPORT_BYTES)
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                message = f"{name}: the PDF is encrypted; reports are never encrypted"
                raise DealError([Problem("", message, "encrypted_pdf")])
            files = pdf.attachments
            if DEAL_ATTACHMENT not in files:
                raise DealError(
                    [
                        Problem(
                            "",
                            f"{name}: this PDF carries no deal file (export it with --pdfa)",
                            "no_deal_in_report",
                        )
                    ]
                )
            raw = _inflate(files[DEAL_ATTACHMENT].get_file().obj, name)
    except DealError:
        raise
    except pikepdf.PasswordError:
        message = f"{name}: the PDF is encrypted; reports are never encrypted"
        raise DealError([Problem("", message, "encrypted_pdf")]) from None
    except (pikepdf.PikepdfError, RuntimeError, ValueError, TypeError, KeyError) as exc:
        # qpdf reports damage in many ways; none of them is the analyst's to debug
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        first = re.sub(r"<_io\.\w+ object at 0x[0-9a-fA-F]+>:?\s*", "", first)[:120]
        raise DealError([Problem("", f"{name}: not a readable PDF ({first})", "unreadable_pdf")]) from None
    return parse_deal_bytes(raw)


def deal_from_pdf_file(path: Path) -> Deal:
    """The deal embedded in a report PDF file: a regular file, read with a cap."""
    try:
        data = read_capped(path, MAX_IMPORT_BYTES)
    except FileRefused as exc:
        raise DealError([Problem("", str(exc), "unreadable", {"file": str(exc)})]) from None
    return deal_from_pdf(data, str(path))
