"""The installable package: the wheel carries templates and assets, and the installed command exports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from engine.paths import ROOT, SAMPLE_DEAL
from tests.pdfcheck import embedded_fonts, metadata

SOURCES = ["main.py", "pyproject.toml", "README.md", "engine", "gui", "templates", "assets"]


def build_wheel(tmp_path: Path) -> Path:
    """Build the wheel from a copy of the sources (the checkout is left untouched), offline."""
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, src / name)
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(src),
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            "-q",
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    (wheel,) = dist.glob("deal_briefing-*.whl")
    return wheel


def test_wheel_installs_and_the_command_exports_from_another_folder(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in [
        "main.py",
        "engine/pipeline.py",
        "engine/charts/text.py",
        "gui/render_worker.py",
        "engine/templates/_base.html.j2",
        "engine/templates/css/base.css",
        "engine/assets/fonts/IBMPlexSansArabic-Regular.ttf",
        "engine/assets/deals/microsoft-nvidia-anthropic.json",
    ]:
        assert required in names, required
    assert not any(n.startswith(("tests/", "templates/", "assets/", "benchmarks/")) for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "deal-briefing = main:entry" in zipfile.ZipFile(wheel).read(entry_points).decode()

    # A fresh environment that sees the shared dependencies (a .pth line), with the wheel installed.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    shared = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "shared-dependencies.pth").write_text("\n".join(sorted(shared)) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy2(SAMPLE_DEAL, elsewhere / "deal.json")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
        args = [str(part) for part in command]
        return subprocess.run(
            args, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=180, check=False
        )

    where = run(python, "-c", "import engine.paths as p; print(p.TEMPLATES); print(p.REPORTS)")
    templates, reports = where.stdout.split()
    assert Path(templates) == Path(site) / "engine" / "templates"
    assert not Path(reports).is_relative_to(site)  # default reports never go into site-packages
    command = venv / "bin" / "deal-briefing"
    listed = run(command, "templates")
    assert listed.returncode == 0 and {"briefing", "onepage", "report"} <= set(listed.stdout.split())
    export = run(command, "export", "deal.json", "-o", "out.pdf", "--template", "onepage")
    assert export.returncode == 0, export.stderr
    pdf = (elsewhere / "out.pdf").read_bytes()
    assert metadata(pdf)["Title"] == json.loads(SAMPLE_DEAL.read_text(encoding="utf-8"))["title_ar"]
    assert "IBM-Plex-Sans-Arabic" in embedded_fonts(pdf)  # the bundled fonts were found
