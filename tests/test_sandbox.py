"""User templates: listed, rendered in the immutable sandbox, hostile ones refused or stopped in time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from engine import cli
from engine.dealfile import dump_deal
from engine.model import Deal
from engine.pdf import RenderError
from engine.sandbox import render_in_process, render_user_template, user_template_names

GOOD = """{% extends "_base.html.j2" %}
{% block body %}<h1>{{ title }}</h1><p>{{ date }}</p>
{% for c in commitments %}<p>{{ c.source }}: {{ c.amount }}</p>{% endfor %}{% endblock %}"""

HOSTILE = {
    "mro": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    "globals": ("{{ cycler.__init__.__globals__.os }}", "undefined|unsafe"),
    "selfref": ("{{ self._TemplateReference__context }}", "unsafe|undefined"),
    "format": ('{{ "{0.__class__}".format(title) }}', "unsafe"),
    "formatmap": ('{{ "{x.__class__}".format_map({"x": title}) }}', "unsafe"),
    "mutate": ("{% set _ = parties.append(1) %}", "unsafe|has no attribute 'append'"),
    "mutatemap": ("{% set _ = deal.update({}) %}", "unsafe|has no attribute 'update'"),
    "range": ("{% for i in range(10) %}{% endfor %}", "'range' is undefined"),
    "passwd": ('<img src="file:///etc/passwd">', "refused"),
    "link": ('<link rel="stylesheet" href="http://127.0.0.1:9/x.css">', "refused"),
    "importcss": ("<style>@import url(http://127.0.0.1/);</style><p>x</p>", "refused"),
    "fontface": (
        "<style>@font-face{font-family:x;src:url(file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)}"
        " p{font-family:x}</style><p>x</p>",
        "refused",
    ),
    "include": ('{% include "/etc/passwd" %}', "TemplateNotFound"),
    "traverse": ('{% include "../../../../etc/passwd" %}', "TemplateNotFound"),
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DEAL_BRIEFING_TEMPLATES", str(tmp_path))
    (tmp_path / "mine.html.j2").write_text(GOOD, encoding="utf-8")
    (tmp_path / "report.html.j2").write_text("<p>shadow</p>", encoding="utf-8")
    return tmp_path


def test_listing_and_builtins_win(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert user_template_names() == ["mine"]
    assert cli.main(["templates"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "report" in lines and any(line.startswith("mine\t(user template") for line in lines)


def test_good_user_template_renders_in_a_child(folder: Path, sample_deal: Deal) -> None:
    result = render_user_template(sample_deal, "mine")
    html, pdf = result.html, result.pdf
    assert pdf.startswith(b"%PDF-") and "30 مليار دولار" in html and 'dir="rtl"' in html


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_templates_are_refused(
    name: str, folder: Path, sample_deal: Deal, no_network: list[object]
) -> None:
    source, message = HOSTILE[name]
    (folder / f"{name}.html.j2").write_text(source, encoding="utf-8")
    with pytest.raises(RenderError, match=message) as info:
        render_in_process(dump_deal(sample_deal), name, str(folder))
    assert f"template {name}" in str(info.value) or "refused" in str(info.value)
    assert no_network == []


def test_endless_template_is_stopped_in_bounded_time(folder: Path, sample_deal: Deal) -> None:
    (folder / "spin.html.j2").write_text(
        "{% for i in 'x' * 100000 %}{% for j in 'x' * 100000 %}{% endfor %}{% endfor %}", encoding="utf-8"
    )
    start = time.monotonic()
    with pytest.raises(RenderError, match="took longer than 4 s"):
        render_user_template(sample_deal, "spin", timeout=4)
    assert time.monotonic() - start < 10


def test_cli_exit_2_for_hostile_template(
    folder: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (folder / "evil.html.j2").write_text(HOSTILE["mro"][0], encoding="utf-8")
    out = tmp_path / "out.pdf"
    assert cli.main(["export", "--template", "evil", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: template evil: refused") and not out.exists()
