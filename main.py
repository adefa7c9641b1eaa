"""Entry point: no arguments (or a deal file) opens the editor; the other commands run headless."""

from __future__ import annotations

import os
import sys
from pathlib import Path

HEADLESS = {
    "export",
    "check",
    "batch",
    "import",
    "validate",
    "migrate",
    "templates",
    "schema",
    "-h",
    "--help",
}


def no_display() -> str:
    """One line saying the editor cannot open here and what to run instead; "" when it can open."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "no display: the editor needs a desktop session; "
        "export without one: python main.py export DEAL.json -o report.pdf (or: make export)"
    )


def main(argv: list[str]) -> int:
    """Dispatch to the command line or the editor."""
    if argv and argv[0] in HEADLESS:
        from engine.cli import main as cli_main

        return cli_main(argv)
    if argv and argv[0] == "gui":
        argv = argv[1:]
    if len(argv) > 1:
        commands = "export|check|batch|import|validate|migrate|templates|schema"
        print(f"usage: main.py [DEAL.json] | {commands} ...", file=sys.stderr)
        return 2
    if sys.version_info < (3, 12):  # noqa: UP036  (main.py run directly by an older python)
        # PySide6 6.12 on Python 3.11 drops a reference to None on every void Qt call.
        print("the editor needs Python 3.12 or newer (run `make run`, which finds one)", file=sys.stderr)
        return 2
    problem = no_display()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from gui.app import run

    return run(Path(argv[0]) if argv else None)


def entry() -> None:
    """The `deal-briefing` command an installed package provides."""
    sys.exit(main(sys.argv[1:]))


if __name__ == "__main__":
    entry()
