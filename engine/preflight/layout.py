"""Geometry checks of one page: overprinting, overflow, clipping, invisible text, tables, emptiness."""

from __future__ import annotations

from collections.abc import Iterator

from engine.preflight.findings import Finding
from engine.preflight.geometry import PageContent, Placed, Rect, inside, intersect

NEAR_EMPTY = 0.08  # a page whose content fills less than this share of its height
MIN_ALPHA = 0.1  # text fainter than this is not read (the watermark is a floating box, exempt)
MIN_FONT_PX = 4.0
# Where a long word is broken anywhere, Pango measures the line before the letter at the break takes
# its final (sometimes wider) form: such a line may overhang its box by a letter's tail.
OVERHANG_PX = 6.0
CLIP_PX = 1.0  # text may be cut by this much (antialiasing, rounding) before it is clipped text


def _band(rect: Rect) -> Rect:
    """The middle of a line box, where the glyphs are: line-height leading may touch, ink may not."""
    x, y, w, h = rect
    return (x + 0.5, y + h * 0.25, max(0.0, w - 1.0), h * 0.5)


def _ink(placed: Placed) -> Rect:
    """Where a box draws: glyphs sit inside the middle of a text box (ascent space may overhang)."""
    x, y, w, h = placed.rect
    if hasattr(placed.box, "text"):
        return (x, y + h * 0.2, w, h * 0.6)
    return placed.rect


def _sample(placed: Placed) -> str:
    return str(placed.box.text).strip()


def overprinted(page: PageContent) -> Iterator[Finding]:
    """Text boxes whose glyph bands overlap: two texts drawn on top of each other."""
    items = [t for t in page.texts if not t.floating and not t.margin]
    items.sort(key=lambda t: t.rect[1])
    reported: set[int] = set()
    for i, a in enumerate(items):
        band_a = _band(a.rect)
        for b in items[i + 1 :]:
            if b.rect[1] > a.rect[1] + a.rect[3]:
                break  # sorted by top: nothing further down can reach a
            if id(b) in reported or id(a) in reported:
                continue
            common = intersect(band_a, _band(b.rect))
            if common and common[2] > 1.0:
                reported.add(id(b))
                yield Finding("overprint", page.number, f"{_sample(a)} / {_sample(b)}")


def out_of_area(page: PageContent) -> Iterator[Finding]:
    """Text and images outside the page area: past the paper edge, or under the header or footer."""
    paper: Rect = (0.0, 0.0, page.width, page.height)
    for placed in [*page.texts, *page.images]:
        ink = _ink(placed)
        is_image = placed in page.images
        slack = 1.0 if is_image else OVERHANG_PX
        if placed.margin or placed.floating or inside(ink, page.area, slack):
            continue
        if placed.clip is not None and not intersect(ink, placed.clip):
            continue  # entirely clipped: reported as invisible or clipped
        visible = intersect(ink, placed.clip) if placed.clip else ink
        if visible is None or inside(visible, page.area, slack):
            continue
        sample = "" if is_image else _sample(placed)
        area_x0, area_x1 = page.area[0], page.area[0] + page.area[2]
        sideways = visible[0] < area_x0 - slack or visible[0] + visible[2] > area_x1 + slack
        if not inside(visible, paper):
            yield Finding("clipped-image" if is_image else "outside-page", page.number, sample)
        elif sideways:
            yield Finding("outside-page", page.number, sample)
        else:
            yield Finding("under-margin", page.number, sample)


def clipped(page: PageContent) -> Iterator[Finding]:
    """Images cut by a container that hides its overflow."""
    for placed in page.images:
        if placed.clip is None or placed.floating:
            continue
        visible = intersect(placed.rect, placed.clip)
        area = placed.rect[2] * placed.rect[3]
        if area and (visible is None or visible[2] * visible[3] < 0.98 * area):
            yield Finding("clipped-image", page.number)


def invisible(page: PageContent) -> Iterator[Finding]:
    """Text present in the PDF that a reader cannot see: transparent, tiny or clipped away."""
    for placed in page.texts:
        if placed.floating:
            continue
        style = placed.box.style
        alpha = style["color"].alpha if hasattr(style["color"], "alpha") else 1.0
        hidden = alpha < MIN_ALPHA or style["font_size"] < MIN_FONT_PX
        if not hidden and placed.clip is not None:
            hidden = _mostly_hidden(placed.rect, placed.clip)
        if hidden:
            yield Finding("invisible-text", page.number, _sample(placed))


def _mostly_hidden(rect: Rect, clip: Rect) -> bool:
    """Whether a box hides more than half of the text: then it is invisible text, not clipped text."""
    visible = intersect(rect, clip)
    area = rect[2] * rect[3]
    return area > 0 and (visible is None or visible[2] * visible[3] < 0.5 * area)


def clipped_text(page: PageContent) -> Iterator[Finding]:
    """Text partly cut away: by an ancestor that hides its overflow, or by the paper edge.

    The reader sees part of a word or of a line (a name cut at the edge of a fixed-size box, a
    header pushed off the sheet) and cannot tell what is missing. Text hidden for the most part
    by a box is reported as invisible instead.
    """
    paper: Rect = (0.0, 0.0, page.width, page.height)
    for placed in page.texts:
        if placed.floating:
            continue
        ink = _ink(placed)
        by_box = placed.clip is not None and not inside(ink, placed.clip, CLIP_PX)
        if by_box and placed.clip is not None and _mostly_hidden(placed.rect, placed.clip):
            continue
        if by_box or not inside(ink, paper, CLIP_PX):
            yield Finding("clipped-text", page.number, _sample(placed))


def wide_tables(page: PageContent) -> Iterator[Finding]:
    """Tables wider than the page area (a long word pushed a column out)."""
    left, right = page.area[0], page.area[0] + page.area[2]
    for placed in page.tables:
        x, _, w, _ = placed.rect
        if x < left - 1.0 or x + w > right + 1.0:
            yield Finding("table-overflow", page.number)


def near_empty(page: PageContent) -> Iterator[Finding]:
    """A page whose content fills only a sliver of it (a stray line, a lone caption)."""
    body = [p for p in [*page.texts, *page.images] if not p.margin and not p.floating]
    if not body:
        yield Finding("near-empty-page", page.number)
        return
    top = min(p.rect[1] for p in body)
    bottom = max(p.rect[1] + p.rect[3] for p in body)
    if bottom - top < NEAR_EMPTY * page.area[3]:
        texts = [p for p in body if p in page.texts]
        yield Finding("near-empty-page", page.number, _sample(texts[0]) if texts else "")


CHECKS = (overprinted, out_of_area, clipped, clipped_text, invisible, wide_tables)
