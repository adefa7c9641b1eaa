"""Reading rendered PDFs back in tests: fonts, text, metadata (see ARABIC_NOTES.md)."""

from __future__ import annotations

import io
import re

import pikepdf
import pypdfium2

PRESENTATION_FORMS = re.compile(r"[\ufb50-\ufdff\ufe70-\ufeff]")
BIDI_MARKS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def embedded_fonts(pdf: bytes) -> set[str]:
    """Base names of every font the PDF embeds, without the subset prefix."""
    names = set()
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                names.add(str(obj.get("/FontName")).lstrip("/").split("+")[-1])
    return names


def page_texts(pdf: bytes) -> list[str]:
    """Text of each page, in (mostly) logical order, bidi marks removed."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        texts = []
        for page in doc:
            textpage = page.get_textpage()
            texts.append(BIDI_MARKS.sub("", textpage.get_text_range()).replace("\r\n", "\n"))
        return texts
    finally:
        doc.close()


def metadata(pdf: bytes) -> dict[str, str]:
    """The document information dictionary and catalog language."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        info = {str(k).lstrip("/"): str(v) for k, v in doc.docinfo.items()}
        info["Lang"] = str(doc.Root.get("/Lang", ""))
        return info
