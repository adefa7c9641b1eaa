"""`main.py batch`: plan the outputs, render them locally or on a Dask cluster, show and sum up."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from engine.batch import BadBatch, Outcome, deal_files, exit_code, plan, run
from engine.batch_report import Progress, print_summary
from engine.model import Digits

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl+C


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """The `batch` subcommand's arguments."""
    batch = sub.add_parser(
        "batch", help="export many deals, in one or more templates, on all cores or a cluster"
    )
    batch.add_argument("inputs", nargs="+", metavar="DEAL_OR_FOLDER", help="deal files, or folders of *.json")
    batch.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder for the PDFs")
    which = batch.add_mutually_exclusive_group()
    which.add_argument(
        "--template", action="append", default=[], help="template (repeatable; default: each deal's own)"
    )
    which.add_argument("--all-templates", action="store_true", help="every built-in and user template")
    batch.add_argument(
        "--digits", nargs="+", choices=[d.value for d in Digits], help="digit shapes (one output each)"
    )
    where = batch.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, help="local worker processes (default: the cores)")
    where.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://127.0.0.1:8786")
    batch.add_argument(
        "--strict", action="store_true", help="write nothing for a report with preflight findings"
    )
    batch.add_argument(
        "--force", action="store_true", help="render again even the outputs that are up to date"
    )
    return batch


def _templates(args: argparse.Namespace) -> list[str]:
    from engine.sandbox import user_template_names
    from engine.templating import template_names

    known = template_names() + user_template_names()
    if args.all_templates:
        return known
    unknown = [name for name in args.template if name not in known]
    if unknown:
        raise BadBatch(f"--template: unknown template '{unknown[0]}' (known: {', '.join(known)})")
    return list(dict.fromkeys(args.template))


def main(args: argparse.Namespace) -> int:
    """Run the batch. Exit 0 all done, 1 program fault, 2 bad input, 3 held by --strict, 130 Ctrl+C."""
    start = time.perf_counter()
    if args.workers is not None and args.workers < 1:
        raise BadBatch("--workers: must be 1 or more")
    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        raise BadBatch(f"output: {outdir} is not a folder")
    sources = deal_files([Path(p) for p in args.inputs])
    templates = _templates(args)
    outdir.mkdir(parents=True, exist_ok=True)
    digits = [Digits(d) for d in dict.fromkeys(args.digits or [])]
    work = plan(sources, outdir, templates=templates, digits=digits, force=args.force)
    if args.scheduler:
        from engine.batch_cluster import cluster_results

        results, where = cluster_results(args.scheduler), f"the Dask cluster at {args.scheduler}"
    else:
        from engine.batch_pool import default_workers, local_results

        workers = min(args.workers or default_workers(), max(1, len(work.tasks)))
        results, where = local_results(workers), f"{workers} local worker{'s' * (workers > 1)}"
    progress = Progress(len(work.tasks) + len(work.done))
    outcomes: list[Outcome] = []

    def report(outcome: Outcome) -> None:
        outcomes.append(outcome)
        progress(outcome)

    for outcome in work.done:  # bad deal files and outputs already up to date
        report(outcome)
    interrupted = False
    try:
        run(work.tasks, outdir, results, strict=args.strict, report=report)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        progress.close()
    print_summary(outcomes, time.perf_counter() - start, where)
    if interrupted:
        print("interrupted: workers stopped, no partial PDF; the same command resumes", file=sys.stderr)
        return EXIT_INTERRUPTED
    return exit_code(outcomes)
