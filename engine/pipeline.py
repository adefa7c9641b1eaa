"""The report pipeline, one step per stage: model → context → charts → HTML → PDF."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from engine.charts import draw_charts
from engine.context import build_context
from engine.model import Deal, Digits
from engine.paths import REPORTS
from engine.pdf import RenderError, html_to_pdf, write_pdf_file
from engine.templating import render_html, template_names

__all__ = ["Rendered", "RenderError", "default_report_path", "export_pdf", "render", "render_pdf"]


@dataclass(frozen=True)
class Rendered:
    """A finished report: the HTML it was laid out from, the PDF, and the time per stage."""

    html: str
    pdf: bytes
    timings: dict[str, float] = field(default_factory=dict)


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
    """Run every stage for one deal snapshot."""
    deal = with_options(deal, template=template, digits=digits)
    name = deal.options.template
    if name not in template_names():
        raise RenderError(f"options.template: unknown template '{name}' (known: {', '.join(template_names())})")
    timings: dict[str, float] = {}
    start = time.perf_counter()
    charts = draw_charts(deal)
    timings["charts"] = time.perf_counter() - start

    start = time.perf_counter()
    context = build_context(deal, charts)
    timings["context"] = time.perf_counter() - start

    start = time.perf_counter()
    html = render_html(name, context.as_dict())
    timings["html"] = time.perf_counter() - start

    start = time.perf_counter()
    pdf = html_to_pdf(html)
    timings["pdf"] = time.perf_counter() - start
    return Rendered(html, pdf, timings)


def render_pdf(deal: Deal) -> bytes:
    """The PDF bytes of the deal's report, as its options ask."""
    return render(deal).pdf


def default_report_path(deal: Deal, template: str) -> Path:
    """reports/<deal id>-<template>.pdf."""
    return REPORTS / f"{deal.id}-{template}.pdf"


def export_pdf(deal: Deal, out: Path) -> Path:
    """Render and write the report atomically; an existing file survives any failure."""
    return write_pdf_file(render_pdf(deal), out)
