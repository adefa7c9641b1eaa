"""Batch export: a folder of deals on 2 local workers and on a real Dask LocalCluster; resume; Ctrl+C."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import psutil
import pytest

from engine import cli
from engine.batch import MANIFEST
from engine.batch_pool import worker_pool
from engine.paths import ROOT
from tests.pdfcheck import metadata

NOT_IN_WORKERS = ("PySide6", "shiboken6", "matplotlib.pyplot")  # the engine draws on Figure, not pyplot
BATCH = [sys.executable, str(ROOT / "main.py"), "batch"]


def small_deal(number: int) -> dict[str, Any]:
    """A small valid deal (two parties, one commitment): about 0.3 s to render."""
    return {
        "schema_version": 1,
        "id": f"deal-{number:02d}",
        "title_ar": f"صفقة تجريبية رقم {number}",
        "date": "2026-03-01",
        "parties": [
            {"id": "a", "name_ar": "شركة ألف", "role": "investor"},
            {"id": "b", "name_ar": "شركة باء", "role": "cloud_provider"},
        ],
        "commitments": [
            {
                "id": "ab",
                "from_party": "a",
                "to_party": "b",
                "kind": "equity_investment",
                "amount": {"value": number * 1_000_000_000, "unit": "USD", "precision": "exact"},
            }
        ],
    }


def make_deals(folder: Path, count: int, *, broken: bool = True) -> dict[str, str]:
    """Write `count` deals (and one with a negative amount); deal file stem → title."""
    folder.mkdir(parents=True, exist_ok=True)
    titles = {}
    for number in range(1, count + 1):
        data = small_deal(number)
        (folder / f"deal-{number:02d}.json").write_text(
            json.dumps(data, ensure_ascii=False), encoding="utf-8"
        )
        titles[f"deal-{number:02d}"] = data["title_ar"]
    if broken:
        bad = small_deal(99)
        bad["commitments"][0]["amount"]["value"] = -5
        (folder / "broken.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    return titles


def batch(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["batch", *args])
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    """Anything in the output folder that is neither a finished PDF nor the manifest."""
    return sorted(p.name for p in folder.iterdir() if p.suffix != ".pdf" and p.name != MANIFEST)


def assert_complete_and_recorded(folder: Path) -> None:
    """Every PDF is whole and is the one the manifest recorded."""
    entries = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["outputs"]
    for pdf in folder.glob("*.pdf"):
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), pdf.name
        assert entries[pdf.name]["sha256"] == hashlib.sha256(data).hexdigest(), pdf.name


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Ten deals and a broken one, exported as one-page briefings by 2 local workers (run once)."""
    base = tmp_path_factory.mktemp("batch")
    titles = make_deals(base / "deals", 10)
    out = base / "out"
    capture = subprocess.run(
        [*BATCH, str(base / "deals"), "-o", str(out), "--template", "onepage", "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return {"base": base, "titles": titles, "out": out, "proc": capture}


def test_local_batch_writes_every_good_deal_and_reports_the_bad_one(local_run: dict[str, Any]) -> None:
    proc, out, titles = local_run["proc"], local_run["out"], local_run["titles"]
    assert proc.returncode == 2, proc.stderr  # one bad deal: exit 2, the others written
    expected = {f"{stem}-onepage.pdf" for stem in titles}
    assert {p.name for p in out.glob("*.pdf")} == expected
    for stem, title in titles.items():
        assert metadata((out / f"{stem}-onepage.pdf").read_bytes())["Title"] == title
    assert leftovers(out) == []
    assert_complete_and_recorded(out)
    lines = proc.stdout.splitlines()
    # Not a terminal: one plain progress line per output, then the summary.
    assert sum(line.startswith("[") and "/11] " in line for line in lines) == 11
    bad = [line for line in lines if line.startswith("bad input: broken.json")]
    assert bad and "commitments[0].amount.value" in bad[0]
    assert lines[-1].startswith("11 outputs in ") and "2 local workers" in lines[-1]
    assert lines[-1].endswith("1 bad input, 10 written")


def test_rerun_skips_current_outputs_and_redoes_changed_ones(
    local_run: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "deals"
    make_deals(work, 4, broken=False)  # the same bytes as the first four deals of the local run
    out = tmp_path / "out"
    out.mkdir()
    for name in [MANIFEST] + [f"deal-0{n}-onepage.pdf" for n in range(1, 5)]:
        shutil.copy2(local_run["out"] / name, out / name)
    args = [str(work), "-o", str(out), "--template", "onepage", "--workers", "1"]
    # Same bytes, template and program as the first run: nothing to render.
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    code, stdout, _ = batch(args, capsys)
    assert code == 0
    assert stdout.splitlines()[-1].endswith(": 4 up to date")
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")} == before

    # A changed deal, a deleted PDF and a PDF changed by hand are made again; the rest are kept.
    changed = json.loads((work / "deal-01.json").read_text(encoding="utf-8"))
    changed["title_ar"] = "صفقة معدلة"
    (work / "deal-01.json").write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    (out / "deal-02-onepage.pdf").unlink()
    (out / "deal-03-onepage.pdf").write_bytes(b"%PDF-1.7 edited by hand")
    code, stdout, _ = batch(args, capsys)
    assert code == 0 and stdout.splitlines()[-1].endswith(": 3 written, 1 up to date")
    assert metadata((out / "deal-01-onepage.pdf").read_bytes())["Title"] == "صفقة معدلة"
    assert_complete_and_recorded(out)
    assert (out / "deal-04-onepage.pdf").stat().st_mtime_ns == before["deal-04-onepage.pdf"]


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")
def test_dask_cluster_batch_gives_the_same_pdfs(local_run: dict[str, Any]) -> None:
    distributed = pytest.importorskip("distributed")
    base, local_out = local_run["base"], local_run["out"]
    out = base / "cluster-out"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        where = ["--scheduler", cluster.scheduler_address]
        proc = subprocess.run(
            [*BATCH, str(base / "deals"), "-o", str(out), "--template", "onepage", *where],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        with distributed.Client(cluster) as client:
            qt_on_workers = client.run(loaded_qt_modules)
    assert proc.returncode == 2, proc.stderr
    assert "bad input: broken.json" in proc.stdout
    assert proc.stdout.splitlines()[-1].endswith("1 bad input, 10 written")
    assert f"the Dask cluster at {cluster.scheduler_address}" in proc.stdout
    # The client wrote each result atomically: the same PDFs, byte for byte, as the local pool.
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == sorted(p.name for p in local_out.glob("*.pdf")) and len(pdfs) == 10
    for name in pdfs:
        assert (out / name).read_bytes() == (local_out / name).read_bytes(), name
    assert leftovers(out) == []
    assert list(qt_on_workers.values()) == [[], []]


def test_ctrl_c_stops_workers_and_leaves_no_partial_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_deals(tmp_path / "deals", 24, broken=False)  # enough that Ctrl+C lands mid-batch
    out = tmp_path / "out"
    args = [str(tmp_path / "deals"), "-o", str(out), "--template", "briefing", "--workers", "2"]
    # As a terminal's Ctrl+C finds it: a shell without job control (CI, `cmd &`) starts children
    # with SIGINT ignored, and Python keeps an inherited "ignore"; the batch gets the default back.
    as_in_a_terminal = (
        "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        f"sys.argv = {[BATCH[1], *BATCH[2:], *args]!r}; runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", as_in_a_terminal],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if " written: " in line:
                break
        workers = psutil.Process(proc.pid).children(recursive=True)
        assert len(workers) >= 2  # the pool's processes (and multiprocessing's tracker)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []
    written = sorted(p.name for p in out.glob("*.pdf"))
    assert 1 <= len(written) < 24
    assert leftovers(out) == []
    assert_complete_and_recorded(out)

    # The same command resumes: what was written is kept, the rest is made.
    code, stdout, _ = batch(args, capsys)
    assert code == 0
    assert stdout.splitlines()[-1].endswith(f"{24 - len(written)} written, {len(written)} up to date")
    assert len(list(out.glob("*.pdf"))) == 24


def loaded_qt_modules() -> list[str]:
    """Qt (and pyplot) modules this process has imported (run inside a worker)."""
    return sorted(m for m in sys.modules if m.startswith(NOT_IN_WORKERS))


def render_then_list_qt(data: bytes) -> list[str]:
    """Render one deal as a batch worker does, then list the Qt modules loaded."""
    from engine.work import render_job

    result = render_job(data, "onepage", None)
    assert result.pdf.startswith(b"%PDF-"), result.error
    return loaded_qt_modules()


def test_batch_and_render_workers_import_no_qt() -> None:
    data = json.dumps(small_deal(1), ensure_ascii=False).encode("utf-8")
    with worker_pool(1) as pool:
        assert pool.submit(render_then_list_qt, data).result(timeout=120) == []
    # The editor's render worker: import it as `python -m gui.render_worker` does, render one job.
    script = (
        "import json, sys; from gui import render_worker as w; "
        "r = w.handle({'job': 1, 'deal': sys.stdin.read(), 'out': None}); "
        "print(json.dumps([r['ok'], sorted(m for m in sys.modules if m.startswith("
        f"{NOT_IN_WORKERS!r}))]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", script],
        input=data.decode(),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    assert json.loads(proc.stdout.splitlines()[-1]) == [True, []]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--template", "nosuch"], "--template: unknown template 'nosuch'"),
        (["--workers", "0"], "--workers: must be 1 or more"),
    ],
)
def test_bad_arguments_exit_2_before_any_work(
    tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make_deals(tmp_path / "deals", 1, broken=False)
    code, _, err = batch([str(tmp_path / "deals"), "-o", str(tmp_path / "out"), *args], capsys)
    assert code == 2 and err.strip().startswith(f"error: {message}")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_missing_input_and_file_as_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = batch([str(tmp_path / "nothing.json"), "-o", str(tmp_path / "out")], capsys)
    assert code == 2 and "nothing.json: no such file or folder" in err
    (tmp_path / "file").write_text("x")
    make_deals(tmp_path / "deals", 1, broken=False)
    code, _, err = batch([str(tmp_path / "deals"), "-o", str(tmp_path / "file")], capsys)
    assert code == 2 and "is not a folder" in err
