"""What a laid-out page holds: text runs, images and tables with their rectangles and clipping."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

Rect = tuple[float, float, float, float]  # x, y, width, height in CSS px


def intersect(a: Rect, b: Rect) -> Rect | None:
    """The common part of two rectangles, or None."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    if x1 <= x0 or y1 <= y0:
        return None
    return (x0, y0, x1 - x0, y1 - y0)


def inside(inner: Rect, outer: Rect, tolerance: float = 1.0) -> bool:
    """Whether `inner` lies within `outer`, give or take `tolerance` px."""
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[0] + inner[2] <= outer[0] + outer[2] + tolerance
        and inner[1] + inner[3] <= outer[1] + outer[3] + tolerance
    )


@dataclass(frozen=True)
class Placed:
    """A box on a page: its rectangle and the context it is drawn in."""

    box: Any
    rect: Rect
    clip: Rect | None  # the visible area left by ancestors with overflow other than visible
    margin: bool  # in a page-margin box (running header or footer)
    floating: bool  # fixed-position or transformed: a watermark, not part of the flow


@dataclass
class PageContent:
    """Everything drawn on one page, sorted by kind."""

    number: int
    width: float
    height: float
    area: Rect  # the page area inside the margins
    texts: list[Placed] = field(default_factory=list)
    images: list[Placed] = field(default_factory=list)
    tables: list[Placed] = field(default_factory=list)
    margin_boxes: list[Placed] = field(default_factory=list)


def border_rect(box: Any) -> Rect:
    """The border box of a laid-out box."""
    return (box.border_box_x(), box.border_box_y(), box.border_width(), box.border_height())


def _padding_rect(box: Any) -> Rect:
    return (box.padding_box_x(), box.padding_box_y(), box.padding_width(), box.padding_height())


def walk_boxes(box: Any, clip: Rect | None, margin: bool, floating: bool) -> Iterator[Placed]:
    """Every text, image, table and margin box under `box`, with the clipping its ancestors impose."""
    if isinstance(box, AbsolutePlaceholder):
        box = box._box  # an absolutely positioned box, laid out where the placeholder stands
    if box.is_running() and not margin:
        return  # a running header element: drawn only inside the page-margin boxes that call it
    style = box.style
    floating = floating or style["position"] == "fixed" or bool(style["transform"])
    margin = margin or isinstance(box, boxes.MarginBox)
    if isinstance(box, boxes.TextBox | boxes.ReplacedBox | boxes.TableBox | boxes.MarginBox):
        yield Placed(box, border_rect(box), clip, margin, floating)
    if style["overflow"] != "visible" and not isinstance(box, boxes.PageBox):
        own = _padding_rect(box)
        clip = own if clip is None else (intersect(clip, own) or (own[0], own[1], 0.0, 0.0))
    if isinstance(box, boxes.ParentBox):
        for child in box.all_children():
            yield from walk_boxes(child, clip, margin, floating)


def page_content(page: Any, number: int) -> PageContent:
    """Collect what one WeasyPrint page draws."""
    page_box = page._page_box
    area = (page_box.content_box_x(), page_box.content_box_y(), page_box.width, page_box.height)
    content = PageContent(number, page.width, page.height, area)
    for placed in walk_boxes(page_box, None, False, False):
        box = placed.box
        if isinstance(box, boxes.MarginBox):
            content.margin_boxes.append(placed)
        elif isinstance(box, boxes.TextBox):
            if box.text.strip() and box.style["visibility"] == "visible":
                content.texts.append(placed)
        elif isinstance(box, boxes.ReplacedBox):
            content.images.append(placed)
        elif isinstance(box, boxes.TableBox):
            content.tables.append(placed)
    return content
