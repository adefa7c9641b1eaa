"""Report logos: a local PNG or SVG file, validated and turned into a self-contained data: URI."""

from __future__ import annotations

import base64
import binascii
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

MAX_LOGO_BYTES = 512 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_PREFIXES = {"data:image/png;base64,": "png", "data:image/svg+xml;base64,": "svg"}
_SVG_NS = "{http://www.w3.org/2000/svg}"
_FORBIDDEN_TAGS = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "handler"}
_URL_IN_TEXT = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_IMPORT_IN_TEXT = re.compile(r"@import", re.IGNORECASE)


def _check_png(data: bytes) -> None:
    if not data.startswith(PNG_MAGIC):
        raise ValueError("logo: not a PNG file")
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Exception as exc:  # Pillow raises many kinds of errors for broken files
        raise ValueError(f"logo: damaged PNG file ({type(exc).__name__})") from None
    if not (0 < width <= 4000 and 0 < height <= 4000):
        raise ValueError("logo: PNG must be at most 4000×4000 pixels")


def _check_svg(data: bytes) -> None:
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise ValueError("logo: SVG with a DOCTYPE or entities is not allowed")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(f"logo: SVG is not well-formed XML ({exc})") from None
    if root.tag not in (f"{_SVG_NS}svg", "svg"):
        raise ValueError("logo: the file is not an SVG image")
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in _FORBIDDEN_TAGS:
            raise ValueError(f"logo: SVG element <{tag}> is not allowed")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise ValueError(f"logo: SVG event attribute '{local}' is not allowed")
            if local in ("href", "src") and not value.strip().startswith("#"):
                raise ValueError("logo: SVG may not reference other files or URLs")
            if _URL_IN_TEXT.search(value):
                raise ValueError("logo: SVG may not reference other files or URLs")
        text = element.text or ""
        if _URL_IN_TEXT.search(text) or _IMPORT_IN_TEXT.search(text):
            raise ValueError("logo: SVG styles may not reference other files or URLs")


def check_logo_bytes(data: bytes, kind: str) -> None:
    """Raise ValueError unless data is a small, harmless PNG or SVG image."""
    if not data:
        raise ValueError("logo: the file is empty")
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError(f"logo: the file is larger than {MAX_LOGO_BYTES // 1024} KB")
    if kind == "png":
        _check_png(data)
    elif kind == "svg":
        _check_svg(data)
    else:
        raise ValueError("logo: only PNG and SVG files are accepted")


def check_logo_uri(uri: str) -> str:
    """Validate a logo data: URI (as stored in a deal file) and return it unchanged."""
    for prefix, kind in _PREFIXES.items():
        if uri.startswith(prefix):
            try:
                data = base64.b64decode(uri[len(prefix) :], validate=True)
            except (binascii.Error, ValueError):
                raise ValueError("logo: invalid base64 data") from None
            check_logo_bytes(data, kind)
            return uri
    raise ValueError("logo: must be a data:image/png or data:image/svg+xml base64 URI")


def logo_data_uri(path: Path) -> str:
    """Read a local PNG or SVG file, validate it and return it as a data: URI."""
    path = Path(path)
    suffix = path.suffix.lower()
    kinds = {".png": "png", ".svg": "svg"}
    if suffix not in kinds:
        raise ValueError("logo: only .png and .svg files are accepted")
    try:
        if path.stat().st_size > MAX_LOGO_BYTES:
            raise ValueError(f"logo: the file is larger than {MAX_LOGO_BYTES // 1024} KB")
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"logo: cannot read {path.name}: {exc.strerror or exc}") from None
    kind = kinds[suffix]
    check_logo_bytes(data, kind)
    mime = "image/png" if kind == "png" else "image/svg+xml"
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
