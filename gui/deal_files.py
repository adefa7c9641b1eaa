"""Opening and saving deal files for the editor: drafts with problems open and save; others are refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from engine.archive import deal_from_pdf_file
from engine.dealfile import (
    MAX_FILE_BYTES,
    DealError,
    Problem,
    check_data,
    dump_deal,
    parse_json,
    write_atomic,
)
from engine.paths import SAMPLE_DEAL
from engine.problems import isolate
from engine.safefile import FileRefused, read_capped


class DealFileError(Exception):
    """A deal file that cannot be opened or saved; lines are Arabic, one per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def is_report(path: Path | None) -> bool:
    """A report PDF, whose embedded deal is opened (as untitled: saving never writes over the PDF)."""
    return path is not None and path.suffix.lower() == ".pdf"


def _arabic(problems: list[Problem]) -> list[str]:
    return [p.arabic for p in problems]


def read_deal_file(path: Path | None) -> dict[str, Any]:
    """The working dict of a deal file or report PDF (None = the sample); invalid deals open as drafts.

    Only a file that holds no deal at all (not JSON, not an object, too large, newer format)
    is refused; a deal with wrong values opens so its problems can be listed and fixed.
    """
    path = SAMPLE_DEAL if path is None else path
    if is_report(path):
        return _read_report(path)
    try:
        raw = read_capped(path, MAX_FILE_BYTES)  # a regular file, read with a cap
    except FileRefused as exc:
        raise DealFileError([f"تعذّرت قراءة الملف: {isolate(exc)}"]) from None
    try:
        data = parse_json(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DealFileError(["الملف ليس نصًا بترميز UTF-8"]) from None
    except DealError as exc:
        raise DealFileError(_arabic(exc.problems)) from None
    return _openable(data)


def _openable(data: Any) -> dict[str, Any]:
    """Data the editor can show: a JSON object of a format this program knows."""
    refusals = {"not_an_object", "newer_version"}
    verdict = check_data(data)
    problems = [p for p in verdict.problems if p.code in refusals]
    if problems:
        raise DealFileError(_arabic(problems))
    # A valid deal is shown in its canonical form (defaults filled in); a draft as written.
    return verdict.deal.model_dump(mode="json") if verdict.deal is not None else data


def _read_report(path: Path) -> dict[str, Any]:
    try:
        return deal_from_pdf_file(path).model_dump(mode="json")
    except DealError as exc:
        raise DealFileError(_arabic(exc.problems)) from None


def write_deal_file(data: dict[str, Any], path: Path) -> list[Problem]:
    """Save the working dict atomically, valid or not; returns the problems a draft still has."""
    verdict = check_data(data)
    if verdict.deal is not None:
        text = dump_deal(verdict.deal)
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise DealFileError([f"تعذّر الحفظ في {isolate(path)}: {isolate(exc.strerror or exc)}"]) from None
    except FileRefused:
        where = isolate(path)
        raise DealFileError([f"تعذّر الحفظ في {where}: ليس ملفًا عاديًا (مجلد أو جهاز أو أنبوب)"]) from None
    return verdict.problems
