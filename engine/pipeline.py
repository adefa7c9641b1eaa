"""The report pipeline, one step per stage: model → context → charts → HTML → PDF."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.archive import declare_pdfua, declares_both, pdf_options
from engine.charts import drawing_seconds, report_charts
from engine.context import build_context
from engine.model import Deal, Digits
from engine.paths import REPORTS
from engine.pdf import Renderer, RenderError, document_to_pdf, layout, renderer, write_pdf_file
from engine.pdftext import extractable_text
from engine.placement import place_drawings
from engine.plain import template_context
from engine.preflight import Finding, check_document, ends_near_empty
from engine.templating import ONE_PAGE_TEMPLATES, render_html, template_names

__all__ = [
    "Finding",
    "RenderError",
    "Rendered",
    "Renderer",
    "default_report_path",
    "export_pdf",
    "render",
    "render_pdf",
    "warm_up",
]


@dataclass(frozen=True)
class Rendered:
    """A finished report: the HTML it was laid out from, the PDF, the time per stage, the preflight."""

    html: str
    pdf: bytes
    timings: dict[str, float] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()


def with_options(deal: Deal, *, template: str | None = None, digits: Digits | None = None) -> Deal:
    """The deal with command-line overrides applied to its report options."""
    updates: dict[str, object] = {}
    if template is not None:
        updates["template"] = template
    if digits is not None:
        updates["digits"] = digits
    if not updates:
        return deal
    return deal.model_copy(update={"options": deal.options.model_copy(update=updates)})


def render(deal: Deal, *, template: str | None = None, digits: Digits | None = None) -> Rendered:
    """Run every stage for one deal snapshot, with a built-in or a (sandboxed) user template."""
    deal = with_options(deal, template=template, digits=digits)
    name = deal.options.template
    if name in template_names():
        return run_stages(
            deal, lambda context: render_html(name, context), one_page=name in ONE_PAGE_TEMPLATES
        )
    from engine.sandbox import render_user_template, user_template_names

    if name in user_template_names():
        return render_user_template(deal, name)
    known = ", ".join(template_names() + user_template_names())
    raise RenderError(f"options.template: unknown template '{name}' (known: {known})")


PRINT_INK = "#000000"  # the one-page template is black and white: its accent, charts included
FIT_LEVELS = 5  # the one-page template's shortening steps (templates/onepage.html.j2 documents them)


def in_ink(deal: Deal) -> Deal:
    """The deal with its accent colour set to black ink (what the charts of a one-page print use)."""
    return deal.model_copy(update={"options": deal.options.model_copy(update={"accent_color": PRINT_INK})})


def run_stages(deal: Deal, html_of: Callable[[dict[str, Any]], str], *, one_page: bool = False) -> Rendered:
    """Charts → context → HTML (by `html_of`) → layout → preflight → PDF → placement → text layer, timed.

    Charts are drawn (or read from the cache) when the template first shows them, at the size it
    shows them; that time is booked under "charts", not "html".
    """
    timings: dict[str, float] = {}
    drawn_before = drawing_seconds()
    start = time.perf_counter()
    charts = report_charts(in_ink(deal) if one_page else deal)
    timings["charts"] = time.perf_counter() - start

    start = time.perf_counter()
    context = build_context(deal, charts)
    if one_page:
        context = dataclasses.replace(context, accent=PRINT_INK)
    timings["context"] = time.perf_counter() - start

    options = pdf_options(deal)
    timings["html"] = timings["layout"] = 0.0

    def lay_out(**changes: Any) -> tuple[str, Any]:
        """The HTML of the context with `changes`, and its laid-out document; both stages timed."""
        start = time.perf_counter()
        html = html_of(template_context(dataclasses.replace(context, **changes)))
        timings["html"] += time.perf_counter() - start
        start = time.perf_counter()
        document = layout(html, **options)
        timings["layout"] += time.perf_counter() - start
        return html, document

    # A one-page template is laid out again with shorter prose until it fits one sheet.
    for fit in range(FIT_LEVELS) if one_page else range(1):
        html, document = lay_out(fit=fit)
        if len(document.pages) == 1:
            break
    if one_page and len(document.pages) > 1:
        raise RenderError(one_page_refusal(deal))
    if not one_page and ends_near_empty(document):
        # A last page holding a line or two: set the report a little tighter, kept if that helps.
        tight_html, tight = lay_out(tight=True)
        if not ends_near_empty(tight):
            html, document = tight_html, tight

    start = time.perf_counter()
    notes = {uri: found for chart in charts.values() for uri, found in chart.shown_notes().items()}
    findings = check_document(document, digits=deal.options.digits, one_page=one_page, chart_notes=notes)
    timings["preflight"] = time.perf_counter() - start

    drawn = drawing_seconds() - drawn_before
    timings["charts"] += drawn
    timings["html"] -= drawn

    start = time.perf_counter()
    pdf = document_to_pdf(document, **options)
    timings["pdf"] = time.perf_counter() - start

    start = time.perf_counter()
    pdf = place_drawings(pdf, {m: d for chart in charts.values() for m, d in chart.placed.items()})
    timings["place"] = time.perf_counter() - start

    start = time.perf_counter()
    pdf = extractable_text(pdf)
    if declares_both(deal):
        pdf = declare_pdfua(pdf)
    timings["text"] = time.perf_counter() - start
    return Rendered(html, pdf, timings, findings)


def one_page_refusal(deal: Deal) -> str:
    """Why a deal cannot be printed on one page even at the shortest step, and what to shorten."""
    longest = max(((len(f.name_ar), f.id) for f in deal.parties), default=(0, ""))
    return (
        f"template {deal.options.template}: does not fit one page even with the prose, lists and chart "
        f"left out; shorten the title ({len(deal.title_ar)} characters), the author "
        f"({len(deal.options.author)}) or the party names (longest: {longest[1]}, {longest[0]}), "
        "or use the briefing template"
    )


def warm_up() -> Renderer:
    """Ready this process for many renders (the editor's worker, each batch worker): call once.

    Every render in a process shares one WeasyPrint renderer (one font configuration, fonts read
    once), so memory stays flat over hundreds of renders; this loads the bundled fonts and runs
    WeasyPrint's lazy paths now instead of in the first real render.
    """
    warm = renderer()
    warm.warm_up()
    return warm


def render_pdf(deal: Deal) -> bytes:
    """The PDF bytes of the deal's report, as its options ask."""
    return render(deal).pdf


def default_report_path(deal: Deal, template: str) -> Path:
    """reports/<deal id>-<template>.pdf."""
    return REPORTS / f"{deal.id}-{template}.pdf"


def export_pdf(deal: Deal, out: Path) -> Path:
    """Render and write the report atomically; an existing file survives any failure."""
    return write_pdf_file(render_pdf(deal), out)
