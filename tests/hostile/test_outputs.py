"""Output paths: special files refused, permissions kept, no temporary file left behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from engine.dealfile import dump_deal, save_deal
from engine.model import Deal
from engine.safefile import write_atomic
from tests.hostile.conftest import listing, one_line_exit_2, run_cli


@pytest.fixture
def archived(tmp_path: Path, sample_deal: Deal) -> Path:
    """A small PDF carrying the sample deal as its attachment (import's input)."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.attachments["deal.json"] = pikepdf.AttachedFileSpec(pdf, dump_deal(sample_deal).encode())
    path = tmp_path / "report.pdf"
    pdf.save(path)
    return path


@pytest.mark.parametrize("command", ["export", "import"])
@pytest.mark.parametrize("target", ["empty", "fifo", "/dev/null", "folder", "missing-folder"])
def test_special_outputs_are_refused_before_any_work(
    command: str, target: str, tmp_path: Path, archived: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    out = {
        "empty": "",
        "fifo": str(fifo),
        "folder": str(tmp_path),
        "missing-folder": str(tmp_path / "nowhere" / "x"),
    }.get(target, target)
    args = ["export", "-o", out] if command == "export" else ["import", str(archived), "-o", out, "--force"]
    before = listing(tmp_path)
    code, _, err = run_cli(args, capsys)
    assert "output" in one_line_exit_2(code, err)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert listing(tmp_path) == before


def test_an_existing_files_mode_is_kept(tmp_path: Path, sample_deal: Deal) -> None:
    path = tmp_path / "deal.json"
    path.write_text("{}", "utf-8")
    path.chmod(0o644)
    save_deal(sample_deal, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o600)
    write_atomic(path, b"x")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o027, 0o640)])
def test_a_new_file_follows_the_umask(umask: int, mode: int, tmp_path: Path) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "report.pdf", b"%PDF-1.7")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.pdf").stat().st_mode) == mode


def test_import_writes_the_deal_with_the_umask_mode(
    tmp_path: Path, archived: Path, sample_deal: Deal, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "deal.json"
    code, _, err = run_cli(["import", str(archived), "-o", str(out)], capsys)
    assert code == 0, err
    expected = 0o666 & ~_current_umask()
    assert stat.S_IMODE(out.stat().st_mode) == expected


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_symlink_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


# A writer as write_atomic is one: its temporary file flocked while it writes; then it dies or waits.
WRITER = """
import fcntl, os, signal, sys, tempfile, time
fd, tmp = tempfile.mkstemp(prefix=".report.pdf.", suffix=".part", dir=sys.argv[1])
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, b"%PDF-half")
print(tmp, flush=True)
if sys.argv[2] == "killed":
    os.kill(os.getpid(), signal.SIGKILL)
time.sleep(60)
"""


def writer(folder: Path, end: str) -> tuple[subprocess.Popen[str], Path]:
    args = [sys.executable, "-c", WRITER, str(folder), end]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    part = Path(proc.stdout.readline().strip())
    proc.stdout.close()
    return proc, part


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_a_killed_writers_leftover_is_removed_by_the_next_write(tmp_path: Path) -> None:
    killed, leftover = writer(tmp_path, "killed")
    assert killed.wait(30) == -9 and leftover.exists()
    live, in_use = writer(tmp_path, "live")
    other = tmp_path / ".other.pdf.k1ll3d.part"  # another target's: not this write's business
    other.write_bytes(b"%PDF-half")
    try:
        write_atomic(tmp_path / "report.pdf", b"%PDF-1.7")
        assert listing(tmp_path) == sorted([in_use.name, other.name, "report.pdf"])
    finally:
        live.kill()
        live.wait()
