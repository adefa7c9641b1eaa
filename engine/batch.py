"""Batch export: many deals × templates, rendered by warm workers, written atomically, resumable."""

from __future__ import annotations

import contextlib
import hashlib
import json
import signal
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from engine.dealfile import MAX_FILE_BYTES, DealError, parse_deal_bytes, write_atomic
from engine.model import Digits
from engine.work import JobResult, digest_files, program_fingerprint

MANIFEST = ".deal-briefing-batch.json"  # in the output folder: what each output was made from

# How a finished job ended; the order is the summary's.
BAD_INPUT = "bad input"
FAILED = "failed"
HELD = "held"  # --strict: preflight findings, nothing written
WRITTEN = "written"
SKIPPED = "up to date"


@dataclass(frozen=True)
class Task:
    """One output to make: a deal file's bytes, a template, a digit setting, the PDF's name."""

    source: Path
    data: bytes
    template: str
    digits: Digits | None
    output: Path
    key: str  # digest of everything the output depends on


@dataclass(frozen=True)
class Outcome:
    """How one output (or one unreadable deal) ended, for the progress line and the summary."""

    source: Path
    output: Path | None
    status: str
    reason: str = ""
    findings: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass
class Plan:
    """The tasks to run, the outputs already up to date, and the inputs refused up front."""

    tasks: list[Task] = field(default_factory=list)
    done: list[Outcome] = field(default_factory=list)


class BadBatch(ValueError):
    """Arguments that make the whole batch impossible (no deals, output folder is a file...)."""


def deal_files(inputs: Sequence[Path]) -> list[Path]:
    """The deal files named, folders expanded to their *.json files (sorted, not recursive)."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.json") if p.is_file() and not p.name.startswith(".")))
        elif path.exists():
            found.append(path)
        else:
            raise BadBatch(f"{path}: no such file or folder")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise BadBatch("no deal files (*.json) in " + ", ".join(str(p) for p in inputs))
    return unique


def output_name(source: Path, template: str, digits: Digits | None) -> str:
    """<deal-file-stem>-<template>[-<digits>].pdf: the same inputs always give the same name."""
    suffix = f"-{digits.value}" if digits is not None else ""
    return f"{source.stem}-{template}{suffix}.pdf"


def _user_template_digest(template: str) -> str:
    from engine.sandbox import user_template_folder, user_template_names
    from engine.templating import TEMPLATE_SUFFIX

    if template not in user_template_names():
        return ""
    folder = user_template_folder()
    digest = hashlib.sha256()
    digest_files(folder.glob(f"*{TEMPLATE_SUFFIX}"), digest, folder)
    return digest.hexdigest()


def task_key(data: bytes, template: str, digits: Digits | None) -> str:
    """What an output depends on: deal bytes, template, digits, program (and a user template's files)."""
    digest = hashlib.sha256()
    for part in (
        program_fingerprint(),
        template,
        digits.value if digits else "",
        _user_template_digest(template),
    ):
        digest.update(part.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


class Manifest:
    """The output folder's record of which inputs made each PDF, so a rerun skips what is current."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8")).get("outputs", {})
        except (OSError, ValueError, AttributeError):
            entries = {}
        self.entries: dict[str, dict[str, str]] = entries if isinstance(entries, dict) else {}

    def is_current(self, output: Path, key: str) -> bool:
        """True when `output` exists, was made from `key`, and is still the PDF that was written."""
        entry = self.entries.get(output.name)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return False
        try:
            return hashlib.sha256(output.read_bytes()).hexdigest() == entry.get("sha256")
        except OSError:
            return False

    def record(self, output: Path, key: str, pdf: bytes) -> None:
        """Remember what made `output` (written atomically after the PDF itself)."""
        self.entries[output.name] = {"key": key, "sha256": hashlib.sha256(pdf).hexdigest()}
        text = json.dumps({"version": 1, "outputs": self.entries}, indent=1, sort_keys=True)
        write_atomic(self.path, text.encode("utf-8"))


def read_deal(path: Path) -> bytes:
    """A deal file's bytes, refused when too large to be a deal."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BadBatch(f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
        return path.read_bytes()
    except OSError as exc:
        raise BadBatch(f"cannot read it: {exc.strerror or exc}") from None


def plan(
    sources: Sequence[Path],
    outdir: Path,
    *,
    templates: Sequence[str] = (),
    digits: Sequence[Digits] = (),
    force: bool = False,
) -> Plan:
    """One task per readable deal × template × digits; bad deals and current outputs are settled now."""
    result = Plan()
    manifest = Manifest(outdir)
    claimed: dict[str, Path] = {}
    for source in sources:
        try:
            data = read_deal(source)
            deal = parse_deal_bytes(data)
        except (BadBatch, DealError) as exc:
            reason = "; ".join(str(p) for p in exc.problems) if isinstance(exc, DealError) else str(exc)
            result.done.append(Outcome(source, None, BAD_INPUT, reason))
            continue
        for template in templates or [deal.options.template]:
            for digit in digits or [None]:
                output = outdir / output_name(source, template, digit)
                if output.name in claimed:
                    why = f"output {output.name} would also be made from {claimed[output.name]}"
                    result.done.append(Outcome(source, output, BAD_INPUT, why))
                    continue
                claimed[output.name] = source
                key = task_key(data, template, digit)
                if not force and manifest.is_current(output, key):
                    result.done.append(Outcome(source, output, SKIPPED))
                else:
                    result.tasks.append(Task(source, data, template, digit, output, key))
    return result


Results = Generator[tuple[Task, JobResult]]


def run(
    tasks: Sequence[Task],
    outdir: Path,
    results: Callable[[Sequence[Task]], Results],
    *,
    strict: bool = False,
    report: Callable[[Outcome], None] = lambda _: None,
) -> list[Outcome]:
    """Write each result as it arrives (PDF, then manifest); `report` hears every outcome."""
    manifest = Manifest(outdir)
    outcomes: list[Outcome] = []
    mine = program_fingerprint()
    stream = results(tasks)
    try:
        for task, result in stream:
            outcomes.append(_settle(task, result, manifest, strict, mine))
            report(outcomes[-1])
    finally:
        stream.close()  # on Ctrl+C or a fault: the source stops its workers now
    return outcomes


def _settle(task: Task, result: JobResult, manifest: Manifest, strict: bool, mine: str) -> Outcome:
    """Write one result (PDF, then manifest entry) and say how it ended."""
    status, reason = _status(result, strict)
    if status == WRITTEN and result.program != mine:
        # The manifest key names this program: a PDF made by another one would be mislabelled.
        status, reason = FAILED, f"the worker runs another version of the program ({result.program})"
    if status == WRITTEN:
        from engine.pdf import write_pdf_file  # WeasyPrint: loaded only once there is a PDF to write

        try:
            with _ctrl_c_held():  # the PDF and its manifest entry land together
                write_pdf_file(result.pdf, task.output)
                manifest.record(task.output, task.key, result.pdf)
        except (OSError, ValueError) as exc:
            status, reason = FAILED, f"cannot write {task.output.name}: {exc}"
    return Outcome(task.source, task.output, status, reason, result.findings, result.seconds)


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl+C for the block (main thread): a SIGINT meanwhile is acted on right after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: pending.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pending and callable(previous):
        previous(signal.SIGINT, None)  # the usual handler: KeyboardInterrupt, now that all is written


def _status(result: JobResult, strict: bool) -> tuple[str, str]:
    if result.error:
        return (BAD_INPUT if result.bad_input else FAILED), result.error
    if strict and result.findings:
        return HELD, f"{len(result.findings)} preflight finding(s); --strict writes nothing"
    return WRITTEN, ""


def exit_code(outcomes: Iterable[Outcome]) -> int:
    """1 if the program failed on any output, else 2 for any bad input, else 3 for held findings, else 0."""
    statuses = {o.status for o in outcomes}
    for status, code in ((FAILED, 1), (BAD_INPUT, 2), (HELD, 3)):
        if status in statuses:
            return code
    return 0
