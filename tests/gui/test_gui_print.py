"""Printing paints the exact PDF pages on a QPrinter; printed to a PDF file here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2
from PIL import ImageChops, ImageFilter, ImageStat
from PySide6.QtPrintSupport import QPrinter

from gui.printing import print_pdf


def pdf_printer(out: Path, dpi: int = 150) -> QPrinter:
    """A QPrinter that writes a PDF file."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(dpi)
    return printer


def test_printing_reproduces_the_preview_pages(window: Any, tmp_path: Path) -> None:
    source = pypdfium2.PdfDocument(window.preview.pdf)
    out = tmp_path / "printed.pdf"
    assert print_pdf(window.preview.pdf, pdf_printer(out)) == len(source)
    printed = pypdfium2.PdfDocument(out.read_bytes())
    try:
        assert len(printed) == len(source)
        for page, original in zip(printed, source, strict=True):
            assert abs(page.get_width() - original.get_width()) < 2
            assert abs(page.get_height() - original.get_height()) < 2
        # Same picture: printed and original first pages differ only in anti-aliasing (blurred away);
        # a wrong page or a shifted or scaled one differs by 20 or more.
        a, b = (
            doc[0].render(scale=0.5).to_pil().convert("L").filter(ImageFilter.GaussianBlur(2))
            for doc in (printed, source)
        )
        assert a.size == b.size
        assert ImageStat.Stat(ImageChops.difference(a, b)).mean[0] < 5
    finally:
        printed.close()
        source.close()


def test_printing_honours_the_page_range(window: Any, tmp_path: Path) -> None:
    out = tmp_path / "page2.pdf"
    printer = pdf_printer(out, dpi=72)
    printer.setFromTo(2, 2)
    assert print_pdf(window.preview.pdf, printer) == 1
    printed = pypdfium2.PdfDocument(out.read_bytes())
    try:
        assert len(printed) == 1
    finally:
        printed.close()
