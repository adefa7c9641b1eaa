"""What a batch shows: a progress bar on a terminal (plain lines otherwise) and the closing summary."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from engine.batch import BAD_INPUT, FAILED, HELD, SKIPPED, WRITTEN, Outcome

ORDER = (FAILED, BAD_INPUT, HELD, WRITTEN, SKIPPED)


def describe(outcome: Outcome) -> str:
    """One line for an outcome: status, file, time, and the reason or findings."""
    name = outcome.output.name if outcome.output else outcome.source.name
    line = f"{outcome.status}: {name}"
    if outcome.seconds:
        line += f" ({outcome.seconds:.1f} s)"
    if outcome.reason:  # the deal file is named once: in the status, or before the reason
        line += f" — {outcome.source.name}: {outcome.reason}" if outcome.output else f" — {outcome.reason}"
    if outcome.findings and outcome.status != HELD:
        line += f" — {len(outcome.findings)} preflight finding(s)"
    return line


class Progress:
    """Counts outcomes as they arrive: a live bar on a terminal's stderr, else one plain line each."""

    def __init__(self, total: int, *, out: TextIO | None = None) -> None:
        self.total = total
        self.count = 0
        self.out = out or sys.stdout
        self._bar = None
        if sys.stderr.isatty() and out is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("[bold]batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task("", total=total)
            self._bar.start()

    def __call__(self, outcome: Outcome) -> None:
        """Show one more finished output."""
        self.count += 1
        if self._bar is not None:
            name = outcome.output.name if outcome.output else outcome.source.name
            self._bar.update(self._task, advance=1, description=name)
            if outcome.status in (FAILED, BAD_INPUT):
                self._bar.console.print(describe(outcome))
        else:
            print(f"[{self.count}/{self.total}] {describe(outcome)}", file=self.out, flush=True)

    def close(self) -> None:
        """Take the bar off the screen."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def totals(outcomes: Sequence[Outcome], seconds: float, where: str) -> str:
    """'12 outputs in 9.1 s on 2 local workers: 10 written, 1 up to date, 1 bad input'."""
    counts = Counter(o.status for o in outcomes)
    parts = [f"{counts[s]} {s}" for s in ORDER if counts[s]]
    return f"{len(outcomes)} outputs in {seconds:.1f} s on {where}: " + ", ".join(parts or ["nothing to do"])


def print_summary(outcomes: Sequence[Outcome], seconds: float, where: str, out: TextIO | None = None) -> None:
    """The closing table (one row per output, problems first) and the totals line."""
    out = out or sys.stdout
    rows = sorted(outcomes, key=lambda o: (ORDER.index(o.status), str(o.output or o.source)))
    if out.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title="batch summary", title_justify="left")
        for column in ("status", "output", "seconds", "reason / preflight findings"):
            table.add_column(column, justify="right" if column == "seconds" else "left")
        for o in rows:
            reason = f"{o.source.name}: {o.reason}" if o.reason and o.output else o.reason
            detail = reason or "\n".join(o.findings)
            name = o.output.name if o.output else o.source.name
            table.add_row(o.status, name, f"{o.seconds:.1f}" if o.seconds else "", detail)
        console = Console(file=out)
        console.print(table)
        console.print(totals(outcomes, seconds, where))
        return
    for o in rows:
        print(describe(o), file=out)
        for finding in o.findings:
            print(f"    {finding}", file=out)
    print(totals(outcomes, seconds, where), file=out, flush=True)
