"""Opening and saving deal files for the editor, with every problem said in Arabic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.archive import deal_from_pdf_file
from engine.dealfile import MAX_FILE_BYTES, DealError, load_deal, parse_json, save_deal
from engine.model import Deal
from engine.safefile import FileRefused, read_capped
from gui.validation import check_deal, file_problem


class DealFileError(Exception):
    """A deal file that cannot be opened or saved; lines are Arabic, one per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def _lines(problems: list[Any]) -> list[str]:
    return [f"{p.path}: {p.message}" if p.path else p.message for p in problems]


NO_DEAL_IN_REPORT = "هذا التقرير لا يحمل ملف صفقة؛ صدّره بخيار الأرشفة (PDF/A) ليمكن فتحه"


def is_report(path: Path | None) -> bool:
    """A report PDF, whose embedded deal is opened (as untitled: saving never writes over the PDF)."""
    return path is not None and path.suffix.lower() == ".pdf"


def read_deal_file(path: Path | None) -> dict[str, Any]:
    """The working dict of a deal file or report PDF (None = the sample); reading never writes anything."""
    try:
        deal = _read_report(path) if path is not None and is_report(path) else load_deal(path)
    except DealError as exc:
        raise DealFileError(_explain(path, exc)) from None
    return deal.model_dump(mode="json")


def _read_report(path: Path) -> Deal:
    try:
        return deal_from_pdf_file(path)
    except DealError as exc:
        if any("no deal file" in p.message for p in exc.problems):
            raise DealFileError(
                ["هذا التقرير لا يحمل ملف صفقة؛ صدّره بخيار الأرشفة (PDF/A) ليمكن فتحه"]
            ) from None
        raise


def _explain(path: Path | None, exc: DealError) -> list[str]:
    """Arabic reasons a file did not load: validate it again ourselves when it is JSON at all."""
    try:
        raw = read_capped(path, MAX_FILE_BYTES) if path and not is_report(path) else None
        data = parse_json(raw.decode("utf-8-sig")) if raw is not None else None
    except (DealError, FileRefused, UnicodeDecodeError):
        data = None
    if data is not None:
        verdict = check_deal(data)
        if verdict.problems:
            return _lines(verdict.problems)
    return _lines([file_problem(p) for p in exc.problems])


def write_deal_file(data: dict[str, Any], path: Path) -> None:
    """Save a valid working dict atomically; an invalid one is refused with its problems."""
    verdict = check_deal(data)
    if verdict.deal is None:
        raise DealFileError(["لا يمكن الحفظ قبل تصحيح القيم غير الصالحة:", *_lines(verdict.problems)])
    try:
        save_deal(verdict.deal, path)
    except OSError as exc:
        raise DealFileError([f"تعذّر الحفظ في {path}: {exc.strerror or exc}"]) from None
    except FileRefused:
        raise DealFileError([f"تعذّر الحفظ في {path}: ليس ملفًا عاديًا (مجلد أو جهاز أو أنبوب)"]) from None
