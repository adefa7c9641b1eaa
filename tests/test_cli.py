"""The command line: exit codes, default paths, and hostile input that never damages a file."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from engine import cli
from engine.paths import ROOT
from tests.pdfcheck import page_texts

HOSTILE_STRINGS = [
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "$30B",
    "http://127.0.0.1:8080/x.png",
    "../../etc/passwd",
    "file:///etc/passwd",
    "{% for x in range(10**9) %}x{% endfor %}",
    "<img src='http://127.0.0.1:9/a.png'>",
    '"); @import url(http://127.0.0.1/); (',
    "٣٠ مليار & <b>غامق</b>",
]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_templates_and_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["templates"], capsys)
    assert code == 0 and "briefing" in out.split()
    code, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and "commitments" in schema["properties"]


def test_validate_lists_every_problem(
    tmp_path: Path, deal_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    deal_data["commitments"][0]["amount"]["value"] = -5
    deal_data["milestones"][0]["year"] = 12
    code, out, err = run(["validate", str(write(tmp_path / "d.json", deal_data))], capsys)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("error: commitments[0].amount.value:")
    assert lines[1].startswith("error: milestones[0].year:")


def test_export_default_path_is_in_reports(
    capsys: pytest.CaptureFixture[str], no_network: list[object]
) -> None:
    code, out, err = run(["export", "--digits", "arab"], capsys)
    assert code == 0, err
    path = Path(out.strip())
    assert path == ROOT / "reports" / "microsoft-nvidia-anthropic-briefing.pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    assert no_network == []


def test_bad_input_leaves_existing_report_intact(
    tmp_path: Path, deal_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"%PDF-1.7 precious earlier report")
    before = out.read_bytes()
    cases = {
        "truncated.json": json.dumps(deal_data)[:500],
        "empty.json": "",
        "wrongtype.json": json.dumps([deal_data]),
        "nan.json": json.dumps(deal_data).replace('"value": 39', '"value": NaN'),
    }
    bad = copy.deepcopy(deal_data)
    bad["options"]["template"] = "nonexistent"
    cases["template.json"] = json.dumps(bad)
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        code, stdout, err = run(["export", str(tmp_path / name), "-o", str(out)], capsys)
        assert code == 2, (name, err)
        assert err.startswith("error: ") and "Traceback" not in err
        assert len(err.strip().splitlines()) >= 1 and stdout == ""
        assert out.read_bytes() == before, name
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".part") == []


def test_hostile_strings_render_literally(
    tmp_path: Path, deal_data: dict[str, Any], capsys: pytest.CaptureFixture[str], no_network: list[object]
) -> None:
    """Every text field gets a hostile string; the report shows them as text and fetches nothing."""
    strings = iter(HOSTILE_STRINGS * 20)
    for party in deal_data["parties"]:
        party["name_ar"], party["name_en"] = next(strings), next(strings)
    for section in deal_data["narrative"]:
        deal_data["narrative"][section] = next(strings)
    for key in ("title_ar", "subtitle_ar"):
        deal_data[key] = next(strings)
    for item in deal_data["commitments"] + deal_data["capacities"]:
        item["note_ar"] = next(strings)
    for risk in deal_data["risks"]:
        risk["title_ar"], risk["detail_ar"] = next(strings), next(strings)
    for metric in deal_data["metrics"]:
        metric["label_ar"], metric["period_ar"] = next(strings), next(strings)
    deal_data["sources"][0].update(title=next(strings), publisher=next(strings), url="http://127.0.0.1:1/x")
    deal_data["options"]["author"] = "{{ config }}"
    out = tmp_path / "hostile.pdf"
    code, _, err = run(["export", str(write(tmp_path / "h.json", deal_data)), "-o", str(out)], capsys)
    assert code == 0, err
    assert no_network == []
    text = "".join(page_texts(out.read_bytes()))
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "<script>alert(1)</" in text and "{% for x in range(10**9) %}" in text
    assert "$30B" in text and "../../etc/passwd" in text
    assert "http://127.0.0.1:1/x" in text


def test_export_refuses_to_overwrite_its_input(
    tmp_path: Path, deal_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    deal = write(tmp_path / "deal.json", deal_data)
    before = deal.read_bytes()
    code, _, err = run(["export", str(deal), "-o", str(deal)], capsys)
    assert code == 2 and "overwrite" in err
    assert deal.read_bytes() == before


def test_main_py_exit_codes_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: invalid JSON") and "Traceback" not in proc.stderr


# Run main.py's command, then name the heavy libraries that were imported on the way.
HEAVY_PROBE = """
import runpy, sys
sys.argv = ["main.py", *sys.argv[1:]]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit:
    pass
heavy = sorted(m for m in ("weasyprint", "matplotlib", "PySide6") if m in sys.modules)
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
"""


SAMPLE = "assets/deals/microsoft-nvidia-anthropic.json"


@pytest.mark.parametrize(
    "args", [["validate", SAMPLE], ["migrate", SAMPLE, "-o", "{tmp}/d.json"], ["templates"], ["schema"]]
)
def test_headless_commands_import_neither_weasyprint_nor_matplotlib(args: list[str], tmp_path: Path) -> None:
    args = [a.format(tmp=tmp_path) for a in args]
    proc = subprocess.run(
        [sys.executable, "-c", HEAVY_PROBE, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.stdout, proc.stderr  # the command really ran
    assert proc.stderr.strip().splitlines()[-1] == "HEAVY:", proc.stderr
