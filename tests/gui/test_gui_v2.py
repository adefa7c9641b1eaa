"""The editor on schema-2 deals: version-1 files open and save as version 2, new concepts survive edits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from engine.dealfile import load_deal
from engine.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures"


def test_a_version_1_file_is_saved_as_version_2(window: Any, tmp_path: Path) -> None:
    source = FIXTURES / "v1" / "second_deal.json"
    before = source.read_bytes()
    assert window.open_path(source, confirm=False)
    assert window.document.data["schema_version"] == 2
    window.document.set_value(("title_ar",), "عنوان معدّل")
    target = tmp_path / "saved.json"
    assert window.save_to(target)
    assert source.read_bytes() == before  # the version-1 file on disk is not rewritten
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 2 and saved["title_ar"] == "عنوان معدّل"
    assert load_deal(target).commitments == load_deal(source).commitments


def test_an_edit_keeps_tranches_periods_and_stages(window: Any, tmp_path: Path) -> None:
    assert window.open_path(FIXTURES / "amd_openai.json", confirm=False)
    window.document.set_value(("commitments", 3, "note_ar"), "ملاحظة جديدة")
    target = tmp_path / "amd.json"
    assert window.save_to(target)
    deal, original = load_deal(target), load_deal(FIXTURES / "amd_openai.json")
    assert deal.commitments[3].note_ar == "ملاحظة جديدة"
    assert deal.commitments[3].stages == original.commitments[3].stages
    assert deal.commitments[1].part_of == "gpu-supply"
    assert deal.commitments[0].period == original.commitments[0].period
    assert deal.milestones == original.milestones and deal.parties == original.parties
