"""Charts are drawn only as the template shows them, cached on disk, and a repeat export draws nothing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from engine.charts import CHART_CACHE
from engine.charts.cache import CACHE_DIR_ENV, ChartCache, DiskCache
from engine.model import Deal
from engine.paths import ROOT
from engine.pipeline import render
from engine.placement import drawing_size


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty chart cache folder, and an empty memory cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(folder))
    CHART_CACHE.clear()
    yield folder
    CHART_CACHE.clear()


def drawings(folder: Path) -> list[bytes]:
    """The chart drawings stored in the folder (the deal's chart list is the one entry that is not)."""
    return [p.read_bytes() for p in folder.iterdir() if p.read_bytes().startswith(b"%PDF-")]


def chart_forms(pdf: bytes) -> list[float]:
    """Widths (pt) of the chart drawings placed in the PDF as form XObjects; fails on a leftover marker."""
    widths = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form" and "/Matrix" in obj:
                x0, _, x1, _ = (float(v) for v in obj.BBox)
                widths.append(round(x1 - x0, 1))
            assert not (isinstance(obj, pikepdf.Stream) and obj.get("/Height") == 1), "placeholder left"
    return sorted(widths)


COLUMN_PT = 17 / 2.54 * 72  # the A4 text column the charts are drawn for
HALF_PT = (COLUMN_PT - 10) / 2  # two side by side, 10 pt apart


def test_briefing_draws_only_its_two_half_width_charts(private_cache: Path, sample_deal: Deal) -> None:
    # The briefing template shows the commitments and market charts side by side, half a column
    # each; the sample deal has data for five charts.
    result = render(sample_deal, template="briefing")
    assert [round(drawing_size(d)[0], 1) for d in drawings(private_cache)] == [round(HALF_PT, 1)] * 2
    assert chart_forms(result.pdf) == [round(HALF_PT, 1)] * 2


def test_report_draws_its_five_charts_once_each(private_cache: Path, sample_deal: Deal) -> None:
    result = render(sample_deal, template="report")
    # every chart, once, at the full column width
    assert [round(drawing_size(d)[0], 1) for d in drawings(private_cache)] == [round(COLUMN_PT, 1)] * 5
    assert chart_forms(result.pdf) == [round(COLUMN_PT, 1)] * 5
    CHART_CACHE.clear()
    again = render(sample_deal, template="report")
    assert again.pdf == result.pdf and len(drawings(private_cache)) == 5


def test_a_damaged_entry_is_drawn_again(private_cache: Path, sample_deal: Deal) -> None:
    first = render(sample_deal, template="briefing")
    for path in private_cache.iterdir():
        path.write_bytes(b"<svg>not what was drawn</svg>")
    CHART_CACHE.clear()
    assert render(sample_deal, template="briefing").pdf == first.pdf


def test_disk_cache_keeps_within_its_limit_dropping_the_least_recently_used(tmp_path: Path) -> None:
    disk = DiskCache(lambda: tmp_path, limit=2500)
    for n in range(3):
        disk.put(f"k{n}", bytes([n]) * 1000)
        os.utime(tmp_path / f"k{n}", (1000 + n, 1000 + n))  # k0 oldest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k1", "k2"]
    assert disk.get("k1") == b"\x01" * 1000  # read: now the most recent
    disk.put("k3", b"\x03" * 1000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k1", "k3"]


def test_memory_cache_reads_through_to_disk(tmp_path: Path) -> None:
    cache = ChartCache(disk=DiskCache(lambda: tmp_path))
    assert cache.get_or_draw("k", lambda: b"drawn") == b"drawn"
    fresh = ChartCache(disk=DiskCache(lambda: tmp_path))
    assert fresh.get_or_draw("k", lambda: pytest.fail("drawn twice")) == b"drawn"
    assert fresh.info().disk_hits == 1


EXPORT_PROBE = """
import sys
from engine.cli import main
code = main(["export", "--template", sys.argv[1], "-o", sys.argv[2]])
print("matplotlib" in sys.modules, code)
"""


@pytest.mark.parametrize("template", ["briefing", "onepage"])
def test_repeat_export_neither_draws_nor_imports_matplotlib(template: str, tmp_path: Path) -> None:
    env = {**os.environ, CACHE_DIR_ENV: str(tmp_path / "cache")}

    def export(name: str) -> tuple[str, bytes]:
        out = tmp_path / name
        proc = subprocess.run(
            [sys.executable, "-c", EXPORT_PROBE, template, str(out)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return proc.stdout.split()[-2], out.read_bytes()

    first_imported, first = export("first.pdf")
    assert first_imported == "True"  # nothing cached yet: drawn
    again_imported, again = export("again.pdf")
    assert again_imported == "False" and again == first


def test_a_charts_text_findings_are_kept_beside_its_drawing(private_cache: Path, sample_deal: Deal) -> None:
    # Each drawing's own text check is stored next to it (same key + "-text"): a repeat export
    # reads it back with the drawing, and places it on the page that shows the chart. The report
    # shows all five of the sample's charts at full width (the briefing would fall back from its
    # half-width pair once a half drawing has a finding, and show other drawings).
    first = render(sample_deal, template="report")
    notes = sorted(p for p in private_cache.iterdir() if p.name.endswith("-text"))
    assert len(notes) == 5 and all((private_cache / p.name.removesuffix("-text")).exists() for p in notes)
    assert not any(f.code.startswith("chart-") for f in first.findings)
    stored = json.loads(notes[0].read_text(encoding="utf-8"))
    stored["findings"] = [["chart-text-overlap", "أ / ب"]]
    notes[0].write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    CHART_CACHE.clear()
    again = render(sample_deal, template="report")
    assert [(f.code, f.sample) for f in again.findings if f.page >= 1] == [("chart-text-overlap", "أ / ب")]


def test_a_drawing_cached_without_findings_is_checked_again(private_cache: Path, sample_deal: Deal) -> None:
    render(sample_deal, template="briefing")
    for path in private_cache.glob("*-text"):
        path.unlink()
    CHART_CACHE.clear()
    render(sample_deal, template="briefing")
    assert len(list(private_cache.glob("*-text"))) == 2
