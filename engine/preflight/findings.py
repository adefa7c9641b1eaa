"""One preflight finding: a stable code, the page, and one Arabic line saying what is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from engine.model import Digits
from engine.numerals import to_digits

# Stable codes (tests and the batch summary count them); the Arabic line is for people.
CODES: dict[str, str] = {
    "overprint": "نص مطبوع فوق نص آخر",
    "outside-page": "محتوى يتجاوز حدود مساحة الصفحة",
    "under-margin": "محتوى تحت الترويسة أو التذييل",
    "clipped-image": "صورة مقصوصة",
    "invisible-text": "نص غير مرئي",
    "clipped-text": "نص مقصوص لا يظهر كاملًا",
    "table-overflow": "جدول أعرض من إطاره",
    "near-empty-page": "صفحة شبه فارغة",
    "one-page-overflow": "القالب المصمم لصفحة واحدة تجاوز صفحة واحدة",
    "foreign-font": "خط غير مضمَّن في البرنامج",
    "missing-glyph": "حرف لا رسم له في الخط (يظهر مربعًا فارغًا)",
    "wrong-digits": "أرقام لا تتبع إعداد الأرقام في التقرير",
    "chart-text-overlap": "تسميات متداخلة في رسم بياني",
    "chart-text-plot": "تسمية تغطي بيانات الرسم",
    "chart-text-edge": "تسمية تتجاوز حافة الرسم البياني",
    "chart-text-clipped": "تسمية مقصوصة داخل الرسم البياني",
    "chart-leader-cross": "خط توصيل أو سهم يعبر تسمية في رسم بياني",
    "chart-text-small": "نص رسم بياني أصغر من الحد المقروء بعد وضعه في الصفحة",
}


@dataclass(frozen=True)
class Finding:
    """A defect found after layout: what (code), where (1-based page, 0 = whole document), and a sample."""

    code: str
    page: int
    sample: str = ""

    def message(self, digits: Digits = Digits.latn) -> str:
        """One Arabic line: the page, what is wrong, and the text concerned."""
        where = f"صفحة {to_digits(str(self.page), digits)}: " if self.page else ""
        sample = f": «{_short(self.sample)}»" if self.sample else ""
        return f"{where}{CODES[self.code]}{sample}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_findings(findings: Iterable[Finding], digits: Digits = Digits.latn) -> list[str]:
    """Every finding as its Arabic line, in page order."""
    return [f.message(digits) for f in sorted(findings, key=lambda f: (f.page, f.code))]
