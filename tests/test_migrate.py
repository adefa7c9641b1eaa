"""Version-1 deal files, kept as they were written, open, validate, export and save as version 2."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from engine.cli import main as cli
from engine.dealfile import dump_deal, load_deal, parse_deal
from engine.migrate import upgrade
from engine.model import SCHEMA_VERSION
from engine.paths import SAMPLE_DEAL

V1 = Path(__file__).parent / "fixtures" / "v1"
V1_FILES = sorted(V1.glob("*.json"))
CURRENT = {
    "microsoft-nvidia-anthropic.json": SAMPLE_DEAL,
    "second_deal.json": Path(__file__).parent / "fixtures" / "second_deal.json",
    "charts_second_deal.json": Path(__file__).parent / "charts" / "second_deal.json",
}


def _raw(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _contained(old: Any, new: Any, where: str = "") -> list[str]:
    """Where a value of the old file is missing or different in the new one (new may add fields)."""
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return [where]
        lost = []
        for key, value in old.items():
            if key == "schema_version":
                continue
            lost += [f"{where}.{key}"] if key not in new else _contained(value, new[key], f"{where}.{key}")
        return lost
    if isinstance(old, list):
        if not isinstance(new, list) or len(old) != len(new):
            return [where]
        pairs = enumerate(zip(old, new, strict=True))
        return [p for i, (a, b) in pairs for p in _contained(a, b, f"{where}[{i}]")]
    return [] if old == new else [f"{where}: {old!r} became {new!r}"]


def test_the_kept_files_are_version_1() -> None:
    assert len(V1_FILES) == 3
    assert all(_raw(p)["schema_version"] == 1 for p in V1_FILES)


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.name)
def test_version_1_file_opens_as_version_2_with_nothing_lost(path: Path) -> None:
    old = _raw(path)
    deal = load_deal(path)
    assert deal.schema_version == SCHEMA_VERSION == 2
    saved = json.loads(dump_deal(deal))
    assert saved["schema_version"] == 2
    assert _contained(old, saved) == []
    # The saved file reads back as the same deal.
    assert parse_deal(dump_deal(deal)) == deal


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.name)
def test_the_project_files_are_the_version_1_files_upgraded(path: Path) -> None:
    current = _raw(CURRENT[path.name])
    assert current["schema_version"] == 2
    # Everything the version-1 file said is still said; the sample adds v2 facts (other roles).
    assert _contained(_raw(path), current) == []
    if path.name != "microsoft-nvidia-anthropic.json":
        assert load_deal(CURRENT[path.name]) == load_deal(path)


def test_a_file_without_a_version_is_version_1() -> None:
    data = _raw(V1 / "second_deal.json")
    del data["schema_version"]
    assert parse_deal(json.dumps(data)) == load_deal(V1 / "second_deal.json")


def test_upgrade_leaves_its_input_alone() -> None:
    data = _raw(V1 / "second_deal.json")
    before = copy.deepcopy(data)
    assert upgrade(data)["schema_version"] == 2
    assert data == before


def test_cli_validates_and_migrates_a_version_1_file_without_touching_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = V1 / "second_deal.json"
    before = source.read_bytes()
    assert cli(["validate", str(source)]) == 0
    assert "note: schema version 1, read as version 2" in capsys.readouterr().out
    out = tmp_path / "new.json"
    assert cli(["migrate", str(source), "-o", str(out)]) == 0
    assert "version 1 → 2" in capsys.readouterr().out
    assert source.read_bytes() == before
    assert _raw(out)["schema_version"] == 2
    assert load_deal(out) == load_deal(source)
    # An existing output is never replaced without --force.
    assert cli(["migrate", str(source), "-o", str(out)]) == 2
    assert cli(["migrate", str(source), "-o", str(out), "--force"]) == 0


def test_migrate_refuses_a_broken_file_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    data = _raw(V1 / "second_deal.json")
    data["commitments"][0]["from_party"] = "nobody"
    broken.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.json"
    assert cli(["migrate", str(broken), "-o", str(out)]) == 2
    assert not out.exists()


def test_cli_exports_a_version_1_file_unchanged_on_disk(tmp_path: Path) -> None:
    source = V1 / "charts_second_deal.json"
    before = source.read_bytes()
    out = tmp_path / "report.pdf"
    assert cli(["export", str(source), "-o", str(out), "--template", "onepage"]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert source.read_bytes() == before


def test_schema_command_shows_version_2_concepts(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["schema_version"]["const"] == 2
    defs = schema["$defs"]
    commitment = defs["Commitment"]["properties"]
    for name in ("also_from", "also_to", "part_of", "period", "stages", "kind", "amount"):
        assert name in commitment
    assert {"warrant", "hardware_supply", "revenue_share", "cash"} <= set(defs["CommitmentKind"]["enum"])
    assert {"shares", "equity_percent", "units", "counted"} <= set(defs["Unit"]["enum"])
    assert {"at_least", "magnitude"} <= set(defs["Precision"]["enum"])
    assert {"half", "quarter", "month", "day"} <= set(defs["Milestone"]["properties"])
    assert "other_roles" in defs["Party"]["properties"]


def test_the_editor_accepts_a_version_1_working_dict() -> None:
    from engine.dealfile import check_data  # the one validation, used by the editor too

    verdict = check_data(_raw(V1 / "microsoft-nvidia-anthropic.json"))
    assert verdict.deal is not None and verdict.deal.schema_version == 2
