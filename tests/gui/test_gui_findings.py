"""The findings list beside the preview: one line per finding, choosing one shows its page."""

from __future__ import annotations

import json
from typing import Any

from window_driver import wait_for

from engine.paths import SAMPLE_DEAL


def test_choosing_a_finding_shows_its_page(window: Any) -> None:
    pane = window.preview
    wait_for(lambda: pane.document is not None and pane.document.pageCount() > 1)
    pane.findings.show_findings([(0, "القالب تجاوز صفحة واحدة"), (2, "صفحة 2: نص مطبوع فوق نص آخر")])
    assert pane.findings.isVisibleTo(pane) and pane.findings.count() == 2
    pane.findings.setCurrentRow(1)
    assert pane.view.pageNavigator().currentPage() == 1  # 0-based: the second page
    pane.findings.show_findings([])
    assert not pane.findings.isVisibleTo(pane)


def test_the_worker_sends_the_preflight_with_the_pdf() -> None:
    from gui.render_worker import handle

    reply = handle({"job": 7, "deal": SAMPLE_DEAL.read_text(encoding="utf-8")})
    assert reply["ok"] and reply["pdf"]
    assert isinstance(reply["findings"], list)
    assert all(isinstance(page, int) and isinstance(line, str) for page, line in reply["findings"])
    json.dumps(reply)  # it travels as one JSON line
