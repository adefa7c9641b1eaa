"""Charts placed onto the laid-out PDF as vector forms, where WeasyPrint laid out a placeholder.

Drawing a matplotlib SVG (text as paths) inside WeasyPrint costs about as much as laying out
the rest of a briefing. So the template gets a placeholder of the chart's exact size instead: an
SVG holding a 4×1-pixel image whose pixels are the chart's cache key. WeasyPrint lays it out and
draws it as an image XObject inside the figure's tagged content (its alt text and /Figure tag
for PDF/UA stay as they are); afterwards that image is swapped for the chart's own PDF drawing
(matplotlib's PDF backend, text as paths) as a form XObject scaled to the same unit square.
"""

from __future__ import annotations

import base64
import contextlib
import io
import re
import struct
import zlib
from collections.abc import Mapping

MARKER_PIXELS = 4  # 12 bytes of the key: one chart's marker is never another's
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]")


def marker_of(key: str) -> bytes:
    """The placeholder's pixel bytes for a drawing's cache key (hex digest)."""
    return bytes.fromhex(key[: MARKER_PIXELS * 6])


def drawing_size(pdf: bytes) -> tuple[float, float] | None:
    """Width and height in points of a one-page chart PDF (None when it is not one)."""
    match = MEDIA_BOX.search(pdf[:4000]) or MEDIA_BOX.search(pdf)
    return (float(match.group(1)), float(match.group(2))) if match else None


def _png(marker: bytes) -> bytes:
    """An RGB PNG one pixel high whose pixels are the marker bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", len(marker) // 3, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + marker)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def placeholder_uri(marker: bytes, width_pt: float, height_pt: float) -> str:
    """A data: URI of an SVG of the chart's exact size, filled by the marker image."""
    png = base64.b64encode(_png(marker)).decode("ascii")
    w, h = f"{width_pt:.4f}", f"{height_pt:.4f}"
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}">'
        f'<image width="{w}" height="{h}" preserveAspectRatio="none" '
        f'xlink:href="data:image/png;base64,{png}"/></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("ascii")).decode("ascii")


def place_drawings(pdf: bytes, drawings: Mapping[bytes, bytes]) -> bytes:
    """The PDF with every marker image replaced by its chart drawing (a vector form XObject)."""
    if not drawings:
        return pdf
    import pikepdf

    with contextlib.ExitStack() as stack:
        doc = stack.enter_context(pikepdf.open(io.BytesIO(pdf)))
        forms: dict[bytes, pikepdf.Object] = {}

        def form_for(marker: bytes) -> pikepdf.Object:
            if marker not in forms:
                source = stack.enter_context(pikepdf.open(io.BytesIO(drawings[marker])))
                form = doc.copy_foreign(source.pages[0].as_form_xobject())
                x0, y0, x1, y1 = (float(v) for v in form.BBox)
                # An image fills the unit square of its placement: so does the form.
                form.Matrix = pikepdf.Array(
                    [1 / (x1 - x0), 0, 0, 1 / (y1 - y0), -x0 / (x1 - x0), -y0 / (y1 - y0)]
                )
                forms[marker] = form
            return forms[marker]

        placed = 0
        seen: set[tuple[int, int]] = set()
        pending = [page.obj for page in doc.pages]
        while pending:
            holder = pending.pop()
            xobjects = holder.get("/Resources", {}).get("/XObject", {})
            for name in list(xobjects.keys()):
                xobject = xobjects[name]
                if xobject.objgen in seen:
                    continue
                if xobject.get("/Subtype") == "/Form":
                    seen.add(xobject.objgen)
                    pending.append(xobject)
                elif xobject.get("/Subtype") == "/Image" and xobject.get("/Height") == 1:
                    marker = xobject.read_bytes()
                    if marker in drawings:
                        xobjects[name] = form_for(marker)
                        placed += 1
        if not placed:
            return pdf
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return out.getvalue()
