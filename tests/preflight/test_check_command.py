"""`main.py check` and `export --strict`: findings as Arabic lines, exit 3; bad input exit 2; clean exit 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, main

# A user template that draws the title and the date on the same spot.
OVERPRINTING = """{% extends "_base.html.j2" %}
{% block body %}
<div style="position: absolute; top: 30mm; right: 20mm">{{ title }}</div>
<div style="position: absolute; top: 30mm; right: 20mm">{{ date }}</div>
{% endblock %}
"""
# A user template that sets the title and the date in a fixed-width box that hides what overflows.
CLIPPING = """{% extends "_base.html.j2" %}
{% block body %}
<div style="width: 40mm; white-space: nowrap; overflow: hidden">{{ title }} · {{ title }} · {{ date }}</div>
{% endblock %}
"""
SMALL_DEAL = {
    "schema_version": 2,
    "id": "small",
    "title_ar": "صفقة صغيرة",
    "date": "2025-11-18",
    "parties": [{"id": "a", "name_ar": "شركة ألف", "role": "investor"}],
}


def _user_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> str:
    """Install `text` as the user template `name` (in a templates folder of its own) and return the name."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / f"{name}.html.j2").write_text(text, encoding="utf-8")
    monkeypatch.setenv("DEAL_BRIEFING_TEMPLATES", str(folder))
    return name


@pytest.fixture
def overprinting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    return _user_template(tmp_path, monkeypatch, "stacked", OVERPRINTING)


@pytest.fixture
def clipping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    return _user_template(tmp_path, monkeypatch, "boxed", CLIPPING)


@pytest.fixture
def small_deal(tmp_path: Path) -> Path:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(SMALL_DEAL, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_reports_a_user_template_that_overprints(
    overprinting: str, small_deal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(small_deal), "--template", overprinting]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "صفحة 1: نص مطبوع فوق نص آخر" in out


def test_check_reports_a_user_template_that_clips_text(
    clipping: str, small_deal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(small_deal), "--template", clipping]) == EXIT_FINDINGS
    assert "صفحة 1: نص مقصوص لا يظهر كاملًا: «" in capsys.readouterr().out


def test_check_of_a_clean_deal_exits_0(small_deal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(small_deal), "--template", "onepage"]) == EXIT_OK
    assert "ok: small" in capsys.readouterr().out


def test_check_of_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    assert main(["check", str(tmp_path / "absent.json")]) == EXIT_BAD_INPUT


def test_export_warns_and_writes_strict_refuses_and_writes_nothing(
    overprinting: str, small_deal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strict = tmp_path / "strict.pdf"
    args = ["export", str(small_deal), "--template", overprinting]
    assert main([*args, "-o", str(strict), "--strict"]) == EXIT_FINDINGS
    assert not strict.exists()
    assert "نص مطبوع فوق نص آخر" in capsys.readouterr().err
    lenient = tmp_path / "lenient.pdf"
    assert main([*args, "-o", str(lenient)]) == EXIT_OK
    assert lenient.read_bytes().startswith(b"%PDF-")
    assert "warning: stacked: صفحة 1: نص مطبوع فوق نص آخر" in capsys.readouterr().err
