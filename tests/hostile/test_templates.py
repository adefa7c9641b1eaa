"""Templates: no code execution, no file reading, nothing callable but the documented filters."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2.defaults
import pytest

from engine.dealfile import dump_deal
from engine.model import Deal
from engine.pdf import RenderError
from engine.pipeline import run_stages
from engine.sandbox import render_in_process, render_user_template
from engine.templating import environment, sandbox_environment
from tests.hostile.conftest import one_line_exit_2, run_cli

PICKLE = (
    "{{ deal.parse_raw(\"cos\\nsystem\\n(S'touch MARKER'\\ntR.\", "
    'content_type="application/pickle", allow_pickle=True) }}'
)
PASSWD = "<pre>{{ deal.parse_file('/etc/passwd') }}</pre>"
# Every route from the context to a Python object with methods a template could abuse.
ESCAPES = {
    "pickle": PICKLE,
    "passwd": PASSWD,
    "copy": "{{ deal.model_copy() }}",
    "options": "{{ deal.options.model_dump() }}",
    "chart": "{{ charts.commitments.draw_half }}",
    "chart_private": "{{ charts.commitments._LazyChart__draw_half() }}",
    "globals_range": "{{ range(3) | list }}",
    "globals_cycler": "{{ cycler.__init__ }}",
    "globals_namespace": "{% set ns = namespace(a=1) %}",
    "globals_lipsum": "{{ lipsum(10**6) }}",
    "globals_dict": "{{ dict(a=1) }}",
    "date_method": "{{ deal.date.isoformat() }}",
    "party_method": "{{ deal.party('anthropic') }}",
    "section_class": "{{ sections[0].__class__ }}",
}
DOCUMENTED_FILTERS = set(jinja2.defaults.DEFAULT_FILTERS) | {"digits", "others"}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    templates = tmp_path / "templates"
    templates.mkdir()
    monkeypatch.setenv("DEAL_BRIEFING_TEMPLATES", str(templates))
    return templates


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_escape_routes_are_closed(name: str, folder: Path, tmp_path: Path, sample_deal: Deal) -> None:
    marker = tmp_path / "ran"
    (folder / f"{name}.html.j2").write_text(ESCAPES[name].replace("MARKER", str(marker)), "utf-8")
    with pytest.raises(RenderError, match=rf"template {name}: .*(undefined|unsafe|no attribute)"):
        render_in_process(dump_deal(sample_deal), name, str(folder))
    assert not marker.exists()


def test_pickle_payload_through_the_cli_exits_2(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "ran"
    (folder / "evil.html.j2").write_text(PICKLE.replace("MARKER", str(marker)), "utf-8")
    out = tmp_path / "out.pdf"
    code, _, err = run_cli(["export", "--template", "evil", "-o", str(out)], capsys)
    assert "'parse_raw'" in one_line_exit_2(code, err)
    assert not marker.exists() and not out.exists()


def test_passwd_payload_in_the_child_reads_nothing(folder: Path, sample_deal: Deal) -> None:
    (folder / "peek.html.j2").write_text(PASSWD, "utf-8")
    with pytest.raises(RenderError, match="parse_file") as info:
        render_user_template(sample_deal, "peek")
    assert "root:" not in str(info.value)


def _walk(value: Any, path: str, found: list[str]) -> None:
    if isinstance(value, (str, int, float, bool, type(None))):
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            assert isinstance(key, str), path
            _walk(item, f"{path}.{key}", found)
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            _walk(item, f"{path}[{i}]", found)
    else:
        found.append(f"{path}: {type(value).__name__}")
    if callable(value) or isinstance(value, (list, dict, set)):
        found.append(f"{path}: {type(value).__name__} is callable or mutable")


def test_the_context_holds_only_plain_read_only_data(sample_deal: Deal) -> None:
    seen: list[dict[str, Any]] = []

    def capture(context: dict[str, Any]) -> str:
        seen.append(context)
        return "<p>x</p>"

    run_stages(sample_deal, capture)
    (context,) = seen
    assert {"deal", "charts", "commitments", "sections", "key_figures"} <= set(context)
    found: list[str] = []
    for name, value in context.items():
        _walk(value, name, found)
    assert found == []
    assert context["charts"]["commitments"]["half_uri"].startswith("data:image/")
    with pytest.raises(TypeError):
        context["deal"]["title_ar"] = "x"  # type: ignore[index]


@pytest.mark.parametrize("env", [environment(), sandbox_environment(Path("."))], ids=["builtin", "user"])
def test_environments_offer_only_the_documented_filters(env: Any) -> None:
    assert dict(env.globals) == {}
    assert set(env.filters) == DOCUMENTED_FILTERS
    assert set(env.tests) == set(jinja2.defaults.DEFAULT_TESTS)


WORK = {
    "loops": ("{% for i in 'x' * 10**5 %}{% for j in 'x' * 10**5 %}{% endfor %}{% endfor %}", "took longer"),
    "memory": ("{{ 'x' * 10**10 }}", "memory|too much work"),
    "memory_join": ("{{ ('x' * 10**8) | center(10**10) }}", "memory|too much work"),
    "recursion": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "too much work|RecursionError"),
    "huge_html": ("{{ 'x' * 6000000 }}", "output larger than 5 MB"),
}


@pytest.mark.parametrize("name", sorted(WORK))
def test_runaway_templates_stop_within_their_limit(name: str, folder: Path, sample_deal: Deal) -> None:
    source, message = WORK[name]
    (folder / f"{name}.html.j2").write_text(source, "utf-8")
    # The charts are drawn before the template runs: only the endless loop is given a short limit.
    with pytest.raises(RenderError, match=message):
        render_user_template(sample_deal, name, timeout=5 if name == "loops" else 20)
