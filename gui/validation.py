"""Validate the working dict against the deal model; every problem in Arabic, with its field path."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from engine.dealfile import Problem, field_path
from engine.migrate import upgrade
from engine.model import MAX_YEAR, MIN_YEAR, SCHEMA_VERSION, Deal

_SIMPLE = {
    "missing": "حقل مطلوب",
    "string_type": "يجب أن يكون نصًا",
    "float_type": "يجب أن يكون عددًا",
    "float_parsing": "يجب أن يكون عددًا",
    "int_type": "يجب أن يكون عددًا صحيحًا",
    "int_parsing": "يجب أن يكون عددًا صحيحًا",
    "int_from_float": "يجب أن يكون عددًا صحيحًا",
    "finite_number": "يجب أن يكون عددًا منتهيًا",
    "bool_type": "يجب أن تكون القيمة نعم أو لا",
    "enum": "قيمة غير مسموح بها هنا",
    "literal_error": "قيمة غير مسموح بها هنا",
    "date_type": "تاريخ غير صالح: اكتبه بالصيغة 2025-11-18",
    "date_parsing": "تاريخ غير صالح: اكتبه بالصيغة 2025-11-18",
    "date_from_datetime_parsing": "تاريخ غير صالح: اكتبه بالصيغة 2025-11-18",
    "date_from_datetime_inexact": "تاريخ غير صالح: اكتبه بالصيغة 2025-11-18",
    "extra_forbidden": "حقل غير معروف في صيغة الصفقة",
    "tuple_type": "يجب أن تكون قائمة",
    "list_type": "يجب أن تكون قائمة",
    "model_type": "يجب أن يكون كائنًا",
    "model_attributes_type": "يجب أن يكون كائنًا",
    "dict_type": "يجب أن يكون كائنًا",
}

_PATTERNS = {
    "accent_color": "لون غير صالح: اكتبه بالصيغة ‎#0b5c6b",
    "template": "اسم قالب غير صالح",
}
_IDENT = "معرّف غير صالح: أحرف لاتينية صغيرة وأرقام و - و _ فقط، ويبدأ بحرف أو رقم"

# Messages of the model's own validators (English in the engine), matched and said in Arabic.
_VALUE_ERRORS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"control character (U\+[0-9A-F]{4}) is not allowed"), "", "فيه محرف تحكّم غير مسموح ({0})"),
    (re.compile(r"line breaks are not allowed here"), "", "لا يُسمح بسطر جديد هنا"),
    (re.compile(r"year must be between"), "", f"يجب أن تكون السنة بين {MIN_YEAR} و{MAX_YEAR}"),
    (re.compile(r"a range needs an 'upper' value"), "upper", "النطاق يحتاج إلى حد أعلى"),
    (re.compile(r"'upper' must be greater than 'value'"), "upper", "يجب أن يكون الحد الأعلى أكبر من القيمة"),
    (
        re.compile(r"'upper' is only allowed when precision"),
        "upper",
        "الحد الأعلى لا يُكتب إلا حين تكون الدقة «نطاق»",
    ),
    (re.compile(r"a percentage above .* is not plausible"), "value", "نسبة مئوية غير معقولة"),
    (re.compile(r"duplicate id '(.*)'"), "", "معرّف مكرر «{0}»"),
    (re.compile(r"unknown party '(.*)'"), "", "طرف غير معروف «{0}»"),
    (re.compile(r"unknown source '(.*)'"), "", "مصدر غير معروف «{0}»"),
    (re.compile(r"must be a currency"), "", "يجب أن تكون الوحدة عملة"),
    (re.compile(r"must be GW or MW"), "", "يجب أن تكون الوحدة جيجاواط أو ميجاواط"),
    (re.compile(r"logo: (.*)"), "", "شعار غير مقبول ({0})"),
]

# Problems of reading a file (before validation), from engine.dealfile.
_FILE_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"invalid JSON at line (\d+), column (\d+)"), "ليس ملف JSON سليمًا (السطر {0}، العمود {1})"),
    (re.compile(r"file is empty"), "الملف فارغ"),
    (re.compile(r"file is larger than (\d+) MB"), "الملف أكبر من {0} ميجابايت"),
    (re.compile(r"file is not UTF-8 text"), "الملف ليس نصًا بترميز UTF-8"),
    (re.compile(r"cannot read"), "تعذّرت قراءة الملف"),
    (re.compile(r"is a folder, not a file"), "هذا مجلد وليس ملفًا"),
    (re.compile(r"is not a regular file"), "ليس ملفًا عاديًا (جهاز أو أنبوب أو مقبس)"),
    (re.compile(r"has more than (\d+) digits"), "في الملف عدد طويل جدًا (أكثر من {0} رقمًا)"),
    (re.compile(r"the PDF is encrypted"), "ملف PDF مشفّر، والتقارير لا تُشفَّر"),
    (re.compile(r"embedded deal file is larger than (\d+) MB"), "ملف الصفقة المضمّن أكبر من {0} ميجابايت"),
    (re.compile(r"not a readable PDF"), "ليس ملف PDF سليمًا"),
    (re.compile(r"duplicate key"), "مفتاح مكرر في الملف"),
    (re.compile(r"nested deeper than"), "بنية الملف متداخلة أكثر مما تحتاجه أي صفقة"),
    (re.compile(r"must hold a JSON object"), "يجب أن يحوي ملف الصفقة كائن JSON"),
    (re.compile(r"is not a number a deal file may contain"), "في الملف عدد غير مسموح (NaN أو Infinity)"),
    (re.compile(r"number .* is too large"), "في الملف عدد أكبر من المسموح"),
    (re.compile(r"version (\d+) is newer"), "الملف من إصدار أحدث ({0}) مما يدعمه هذا البرنامج"),
]


@dataclass(frozen=True)
class Verdict:
    """The outcome of validating a working dict: the Deal if valid, else Arabic problems by path."""

    deal: Deal | None
    problems: list[Problem] = field(default_factory=list)

    def at(self, path: str) -> list[str]:
        """Messages for a field path and everything inside it."""
        return [
            p.message
            for p in self.problems
            if p.path == path or p.path.startswith(path + ".") or p.path.startswith(path + "[")
        ]


def _number(value: object) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _join(path: str, leaf: str) -> str:
    return f"{path}.{leaf}" if path and leaf else path or leaf


def _value_error(path: str, message: str) -> Problem:
    if ": " in message and not path:
        path, message = message.split(": ", 1)
    for pattern, leaf, arabic in _VALUE_ERRORS:
        found = pattern.search(message)
        if found:
            return Problem(_join(path, leaf), arabic.format(*found.groups()))
    return Problem(path, f"قيمة غير صالحة ({message})")


def arabic_problem(err: dict[str, Any]) -> Problem:
    """One pydantic error as an Arabic problem at its dotted field path."""
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    path = field_path(loc)
    kind = err["type"]
    ctx = err.get("ctx") or {}
    leaf = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind in _SIMPLE:
        return Problem(path, _SIMPLE[kind])
    if kind == "string_too_short":
        return Problem(path, "لا يجوز أن يبقى فارغًا")
    if kind == "string_too_long":
        return Problem(path, f"أطول من المسموح ({ctx.get('max_length')} حرفًا)")
    if kind == "string_pattern_mismatch":
        return Problem(path, _PATTERNS.get(leaf, _IDENT))
    if kind in ("greater_than_equal", "greater_than"):
        return Problem(path, f"يجب ألا يقل عن {_number(ctx.get('ge', ctx.get('gt')))}")
    if kind in ("less_than_equal", "less_than"):
        return Problem(path, f"يجب ألا يزيد على {_number(ctx.get('le', ctx.get('lt')))}")
    if kind == "too_short":
        return Problem(path, f"يلزم {ctx.get('min_length')} عنصر على الأقل")
    if kind == "too_long":
        return Problem(path, f"لا يجوز أن تزيد على {ctx.get('max_length')} عنصرًا")
    if kind == "value_error":
        return _value_error(path, str(err["msg"]).removeprefix("Value error, "))
    return Problem(path, f"قيمة غير صالحة ({err['msg']})")


def file_problem(problem: Problem) -> Problem:
    """A problem from engine.dealfile (English) said in Arabic."""
    for pattern, arabic in _FILE_ERRORS:
        found = pattern.search(problem.message)
        if found:
            return Problem(problem.path, arabic.format(*found.groups()))
    return _value_error(problem.path, problem.message)


def check_deal(data: Any) -> Verdict:
    """Validate a working dict exactly as engine.dealfile.deal_from_data does, with Arabic problems."""
    if not isinstance(data, dict):
        return Verdict(None, [Problem("", "يجب أن يحوي ملف الصفقة كائن JSON")])
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        message = f"الملف من إصدار أحدث ({version}) مما يدعمه هذا البرنامج ({SCHEMA_VERSION})"
        return Verdict(None, [Problem("schema_version", message)])
    data = upgrade(data)
    try:
        deal = Deal.model_validate_json(json.dumps(data, ensure_ascii=False), strict=True)
    except ValidationError as exc:
        return Verdict(None, [arabic_problem(e) for e in exc.errors(include_url=False)])
    return Verdict(deal)
