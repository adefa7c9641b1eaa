"""Report logos: a local PNG or SVG file, validated and turned into a self-contained data: URI."""

from __future__ import annotations

import base64
import binascii
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from engine.safefile import FileRefused, read_capped

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_PIXELS = 4000  # PNG width and height, each
MAX_SVG_ELEMENTS = 5000
MAX_SVG_DEPTH = 24
MAX_SVG_USES = 200
MAX_USE_NESTING = 8  # a <use> of something that holds a <use> ...
MAX_SVG_DRAWN = 20_000  # elements drawn once every <use> is expanded
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_PREFIXES = {"data:image/png;base64,": "png", "data:image/svg+xml;base64,": "svg"}
_SVG_NS = "{http://www.w3.org/2000/svg}"
_FORBIDDEN_TAGS = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "handler"}
_URL_IN_TEXT = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_IMPORT_IN_TEXT = re.compile(r"@import", re.IGNORECASE)


class LogoError(ValueError):
    """A refused logo: the English reason, a stable code and its values (for the Arabic message table)."""

    def __init__(self, code: str, english: str, **params: object) -> None:
        super().__init__(f"logo: {english}")
        self.code, self.english, self.params = code, english, params


def _check_png(data: bytes) -> None:
    if not data.startswith(PNG_MAGIC):
        raise LogoError("logo_not_png", "not a PNG file")
    if len(data) >= 24 and data[12:16] == b"IHDR":  # the declared size, before anything is decoded
        _check_png_size(int.from_bytes(data[16:20]), int.from_bytes(data[20:24]))
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Exception as exc:  # Pillow raises many kinds of errors for broken files
        raise LogoError("logo_damaged_png", f"damaged PNG file ({type(exc).__name__})") from None
    _check_png_size(width, height)


def _check_png_size(width: int, height: int) -> None:
    if not (0 < width <= MAX_LOGO_PIXELS and 0 < height <= MAX_LOGO_PIXELS):
        raise LogoError(
            "logo_too_many_pixels",
            f"PNG must be at most {MAX_LOGO_PIXELS}×{MAX_LOGO_PIXELS} pixels",
            max=MAX_LOGO_PIXELS,
        )


def _parse_svg(data: bytes) -> ET.Element:
    """Parse with expat through defusedxml: any DTD or entity is refused, in whatever encoding."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise LogoError("logo_svg_doctype", "SVG with a DOCTYPE or entities is not allowed") from None
    except ET.ParseError as exc:
        raise LogoError("logo_svg_malformed", f"SVG is not well-formed XML ({exc})") from None


def _check_shape(root: ET.Element) -> None:
    """Bound the work of drawing: elements, nesting, `<use>` elements and what they expand to."""
    count = 0
    uses: list[ET.Element] = []
    by_id: dict[str, ET.Element] = {}
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if count > MAX_SVG_ELEMENTS:
            raise LogoError("logo_svg_too_complex", f"SVG has more than {MAX_SVG_ELEMENTS} elements")
        if depth > MAX_SVG_DEPTH:
            raise LogoError("logo_svg_too_complex", f"SVG is nested deeper than {MAX_SVG_DEPTH} levels")
        if element.get("id"):
            by_id[element.get("id", "")] = element
        if element.tag.rsplit("}", 1)[-1] == "use":
            uses.append(element)
            if len(uses) > MAX_SVG_USES:
                raise LogoError("logo_svg_too_complex", f"SVG has more than {MAX_SVG_USES} <use> elements")
        stack.extend((child, depth + 1) for child in element)
    if uses and _drawn(root, by_id, {}, 0) > MAX_SVG_DRAWN:
        raise LogoError(
            "logo_svg_too_complex", f"SVG draws more than {MAX_SVG_DRAWN} shapes once <use> is expanded"
        )


def _use_target(element: ET.Element, by_id: dict[str, ET.Element]) -> ET.Element | None:
    for name, value in element.attrib.items():
        if name.rsplit("}", 1)[-1] == "href" and value.strip().startswith("#"):
            return by_id.get(value.strip()[1:])
    return None


def _drawn(element: ET.Element, by_id: dict[str, ET.Element], memo: dict[int, int], hops: int) -> int:
    """How many elements are drawn for this one, `<use>` references expanded (memoised)."""
    key = id(element)
    if key in memo:
        if memo[key] < 0:
            raise LogoError("logo_svg_too_complex", "SVG <use> refers to itself")
        return memo[key]
    if hops > MAX_USE_NESTING:
        raise LogoError("logo_svg_too_complex", f"SVG nests <use> deeper than {MAX_USE_NESTING} levels")
    memo[key] = -1  # being counted: meeting it again is a cycle
    total = 1 + sum(_drawn(child, by_id, memo, hops) for child in element)
    if element.tag.rsplit("}", 1)[-1] == "use":
        target = _use_target(element, by_id)
        if target is not None:
            total += _drawn(target, by_id, memo, hops + 1)
    memo[key] = min(total, MAX_SVG_DRAWN + 1)
    return memo[key]


def _check_svg(data: bytes) -> None:
    root = _parse_svg(data)
    if root.tag not in (f"{_SVG_NS}svg", "svg"):
        raise LogoError("logo_not_svg", "the file is not an SVG image")
    _check_shape(root)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in _FORBIDDEN_TAGS:
            raise LogoError("logo_svg_element", f"SVG element <{tag}> is not allowed", tag=tag)
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise LogoError("logo_svg_event", f"SVG event attribute '{local}' is not allowed", name=local)
            if local in ("href", "src") and not value.strip().startswith("#"):
                raise LogoError("logo_svg_reference", "SVG may not reference other files or URLs")
            if _URL_IN_TEXT.search(value):
                raise LogoError("logo_svg_reference", "SVG may not reference other files or URLs")
        text = element.text or ""
        if _URL_IN_TEXT.search(text) or _IMPORT_IN_TEXT.search(text):
            raise LogoError("logo_svg_reference", "SVG styles may not reference other files or URLs")


def check_logo_bytes(data: bytes, kind: str) -> None:
    """Raise LogoError unless data is a small, harmless PNG or SVG image."""
    if not data:
        raise LogoError("logo_empty", "the file is empty")
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(
            "logo_too_large",
            f"the file is larger than {MAX_LOGO_BYTES // 1024} KB",
            kb=MAX_LOGO_BYTES // 1024,
        )
    if kind == "png":
        _check_png(data)
    elif kind == "svg":
        _check_svg(data)
    else:
        raise LogoError("logo_kind", "only PNG and SVG files are accepted")


def check_logo_uri(uri: str) -> str:
    """Validate a logo data: URI (as stored in a deal file) and return it unchanged."""
    for prefix, kind in _PREFIXES.items():
        if uri.startswith(prefix):
            try:
                data = base64.b64decode(uri[len(prefix) :], validate=True)
            except (binascii.Error, ValueError):
                raise LogoError("logo_bad_base64", "invalid base64 data") from None
            check_logo_bytes(data, kind)
            return uri
    raise LogoError("logo_not_data_uri", "must be a data:image/png or data:image/svg+xml base64 URI")


def logo_data_uri(path: Path) -> str:
    """Read a local PNG or SVG file, validate it and return it as a data: URI."""
    path = Path(path)
    suffix = path.suffix.lower()
    kinds = {".png": "png", ".svg": "svg"}
    if suffix not in kinds:
        raise LogoError("logo_kind", "only .png and .svg files are accepted")
    try:
        data = read_capped(path, MAX_LOGO_BYTES)
    except FileRefused as exc:
        raise LogoError("logo_unreadable", str(exc), file=path.name) from None
    kind = kinds[suffix]
    check_logo_bytes(data, kind)
    mime = "image/png" if kind == "png" else "image/svg+xml"
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
