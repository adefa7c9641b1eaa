"""Printing the exact PDF pages: each QtPdf page painted on the QPrinter at the printer's resolution."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 600  # a full A4 page at 600 dpi is ~140 MB of pixels; more buys nothing on paper


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page (or the printer's page range) of the PDF; returns the number of pages printed."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = document.pageCount()
    if pages == 0:
        return 0
    first, last = printer.fromPage(), printer.toPage()
    numbers = range(max(first, 1) - 1, min(last or pages, pages)) if first else range(pages)
    size = document.pagePointSize(numbers[0]) if numbers else None
    if size is not None:
        printer.setFullPage(True)
        printer.setPageSize(QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for n, page in enumerate(numbers):
            if n:
                printer.newPage()
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            points = document.pagePointSize(page)
            image = document.render(
                page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            )
            painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
            printed += 1
    finally:
        painter.end()
        document.close()
    return printed
