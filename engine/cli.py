"""Command line: export, check, batch, import, validate, migrate, templates, schema. Bad input: exit 2.

Each command imports only what it uses: validate, migrate, templates and schema never load
WeasyPrint or matplotlib (export, check, batch and import load them on demand).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from engine.archive import deal_from_pdf_file
from engine.batch import BadBatch
from engine.batch_command import add_parser as add_batch_parser
from engine.dealfile import DealError, Problem, check_data, dump_deal, load_deal, read_deal_data, write_atomic
from engine.errors import RenderError
from engine.field_names import describe
from engine.limits import export_limits
from engine.migrate import file_version, needs_upgrade
from engine.model import Deal, Digits
from engine.safefile import FileRefused, check_output

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_FINDINGS = 3  # `check` found defects, or `export --strict` refused to write


class BadInput(Exception):
    """Input the analyst can fix; its message is printed as is."""


def _fail(lines: Sequence[str]) -> int:
    for line in lines:
        print(f"error: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _export(args: argparse.Namespace) -> int:
    from engine.pipeline import default_report_path, render, write_pdf_file
    from engine.preflight import format_findings

    deal = load_deal(Path(args.deal) if args.deal else None)
    template = args.template or deal.options.template
    digits = Digits(args.digits) if args.digits else None
    flags = {"archival": True} if args.pdfa else {}
    if args.pdfua:
        flags["accessible"] = True
    if flags:
        deal = deal.model_copy(update={"options": deal.options.model_copy(update=flags)})
    if args.output is None:
        default_report_path(deal, template).parent.mkdir(parents=True, exist_ok=True)  # reports folder
    out = check_output(args.output if args.output is not None else default_report_path(deal, template))
    if args.deal and Path(args.deal).resolve() == out.resolve():
        raise BadInput("output: refusing to overwrite the deal file with the report")
    with export_limits():
        result = render(deal, template=template, digits=digits)
    lines = format_findings(result.findings, digits or deal.options.digits)
    for line in lines:
        print(f"{'error' if args.strict else 'warning'}: {template}: {line}", file=sys.stderr)
    if lines and args.strict:
        print(f"error: --strict: {len(lines)} preflight findings, nothing written", file=sys.stderr)
        return EXIT_FINDINGS
    write_pdf_file(result.pdf, out)
    print(out)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from engine.pipeline import render
    from engine.preflight import format_findings
    from engine.sandbox import user_template_names
    from engine.templating import template_names

    deal = load_deal(Path(args.deal))
    if args.all:
        runs = [(t, d) for t in template_names() + user_template_names() for d in Digits]
    else:
        digits = Digits(args.digits) if args.digits else deal.options.digits
        runs = [(args.template or deal.options.template, digits)]
    total = 0
    for template, digits in runs:
        with export_limits():
            result = render(deal, template=template, digits=digits)
        lines = format_findings(result.findings, digits)
        total += len(lines)
        for line in lines:
            print(f"{template} ({digits.value}): {line}")
    if total:
        print(f"{total} findings", file=sys.stderr)
        return EXIT_FINDINGS
    print(f"ok: {deal.id}: " + ", ".join(f"{t} ({d.value})" for t, d in runs) + " preflight-clean")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    source = Path(args.pdf)
    out = check_output(args.output)
    if out.exists() and not args.force:
        raise BadInput(f"output: {out} exists (use --force to replace it)")
    if source.resolve() == out.resolve():
        raise BadInput("output: refusing to overwrite the PDF with the deal file")
    deal = deal_from_pdf_file(source)
    write_atomic(out, dump_deal(deal).encode("utf-8"))
    print(out)
    return EXIT_OK


def problem_line(problem: Problem, data: object = None, *, arabic: bool = False) -> str:
    """One problem on one line: path, reason and stable code (or where and why, in Arabic)."""
    if arabic:
        where = describe(problem.location, data) if problem.path else ""
        return f"{where}: {problem.arabic}" if where else problem.arabic
    return f"{problem} [{problem.code}]"


def _validate(args: argparse.Namespace) -> int:
    path = Path(args.deal)
    try:
        deal: Deal = load_deal(path)
    except DealError as exc:
        # The same check as the editor's, on the data itself, so records can be named.
        try:
            data = read_deal_data(path)
        except DealError:
            data = None
        problems = check_data(data).problems if data is not None else exc.problems
        return _fail([problem_line(p, data, arabic=args.arabic) for p in problems])
    print(f"ok: {deal.id} ({len(deal.parties)} parties, {len(deal.commitments)} commitments)")
    data = read_deal_data(Path(args.deal))
    if needs_upgrade(data):
        old, new = file_version(data), deal.schema_version
        print(f"note: schema version {old}, read as version {new} (see: migrate)")
    return EXIT_OK


def _migrate(args: argparse.Namespace) -> int:
    source, out = Path(args.deal), check_output(args.output)
    if out.exists() and not args.force and source.resolve() != out.resolve():
        raise BadInput(f"output: {out} exists (use --force to replace it)")
    deal = load_deal(source)  # reads, upgrades and validates: nothing is written unless all is well
    data = read_deal_data(source)
    write_atomic(out, dump_deal(deal).encode("utf-8"))
    old = file_version(data)
    done = f"version {old} → {deal.schema_version}" if needs_upgrade(data) else "already current"
    print(f"{out} ({done})")
    return EXIT_OK


def _templates(_: argparse.Namespace) -> int:
    from engine.sandbox import user_template_folder, user_template_names
    from engine.templating import template_names

    for name in template_names():
        print(name)
    for name in user_template_names():
        print(f"{name}\t(user template, {user_template_folder()})")
    return EXIT_OK


def _schema(_: argparse.Namespace) -> int:
    print(json.dumps(Deal.model_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from engine.batch_command import main as batch_main

    return batch_main(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every headless command."""
    parser = argparse.ArgumentParser(prog="main.py", description="Arabic deal briefings.")
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="export a deal as a PDF report")
    export.add_argument("deal", nargs="?", help="deal file (default: the bundled sample)")
    export.add_argument("-o", "--output", help="PDF to write (default: reports/<deal>-<template>.pdf)")
    export.add_argument("--template", help="report template (see: main.py templates)")
    export.add_argument("--digits", choices=[d.value for d in Digits], help="digit shapes")
    export.add_argument("--pdfa", action="store_true", help="archival PDF/A-3b with the deal file embedded")
    export.add_argument("--pdfua", action="store_true", help="tagged, accessible PDF/UA-1")
    export.add_argument("--strict", action="store_true", help="any preflight finding: exit 3, write nothing")
    export.set_defaults(run=_export)
    check = sub.add_parser("check", help="preflight: lay out the report and list its defects")
    check.add_argument("deal")
    which = check.add_mutually_exclusive_group()
    which.add_argument("--template", help="report template (default: the deal's)")
    which.add_argument("--all", action="store_true", help="every template, in both digit settings")
    check.add_argument("--digits", choices=[d.value for d in Digits], help="digit shapes")
    check.set_defaults(run=_check)
    imp = sub.add_parser("import", help="recover the deal file embedded in a PDF/A report")
    imp.add_argument("pdf")
    imp.add_argument("-o", "--output", required=True, help="deal file to write")
    imp.add_argument("--force", action="store_true", help="replace an existing file")
    imp.set_defaults(run=_import)
    validate = sub.add_parser("validate", help="check a deal file and list every problem")
    validate.add_argument("deal")
    validate.add_argument("--arabic", action="store_true", help="name each field and record in Arabic")
    validate.set_defaults(run=_validate)
    migrate = sub.add_parser("migrate", help="rewrite an older deal file at the current schema version")
    migrate.add_argument("deal")
    migrate.add_argument("-o", "--output", required=True, help="deal file to write (may be the input itself)")
    migrate.add_argument("--force", action="store_true", help="replace an existing output file")
    migrate.set_defaults(run=_migrate)
    sub.add_parser("templates", help="list report templates").set_defaults(run=_templates)
    sub.add_parser("schema", help="print the deal file's JSON Schema").set_defaults(run=_schema)
    add_batch_parser(sub).set_defaults(run=_batch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; never let a traceback reach the analyst for bad input."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed its message
        return EXIT_OK if exc.code == 0 else EXIT_BAD_INPUT
    try:
        return int(args.run(args))
    except DealError as exc:
        return _fail([str(p) for p in exc.problems])
    except (RenderError, BadInput, FileRefused, BadBatch) as exc:
        return _fail([str(exc)])
    except OSError as exc:
        return _fail([f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")])
    except KeyboardInterrupt:
        return EXIT_INTERNAL
    except Exception as exc:  # an internal fault: short message, code 1
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
