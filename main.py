"""Entry point: no arguments (or a deal file) opens the editor; the other commands run headless."""

from __future__ import annotations

import sys
from pathlib import Path

HEADLESS = {"export", "check", "import", "validate", "migrate", "templates", "schema", "-h", "--help"}


def main(argv: list[str]) -> int:
    """Dispatch to the command line or the editor."""
    if argv and argv[0] in HEADLESS:
        from engine.cli import main as cli_main

        return cli_main(argv)
    if argv and argv[0] == "gui":
        argv = argv[1:]
    if len(argv) > 1:
        commands = "export|check|import|validate|migrate|templates|schema"
        print(f"usage: main.py [DEAL.json] | {commands} ...", file=sys.stderr)
        return 2
    if sys.version_info < (3, 12):  # noqa: UP036  (main.py run directly by an older python)
        # PySide6 6.12 on Python 3.11 drops a reference to None on every void Qt call.
        print("the editor needs Python 3.12 or newer (run `make run`, which finds one)", file=sys.stderr)
        return 2
    from gui.app import run

    return run(Path(argv[0]) if argv else None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
