"""Problems with a deal: a stable code, a field path, and one Arabic message table for CLI and editor."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

FSI, PDI = "\u2068", "\u2069"

Location = tuple[str | int, ...]


def isolate(value: object) -> str:
    """A value set apart from the Arabic around it (first-strong isolate): 2025-11-18 never reverses."""
    return f"{FSI}{value}{PDI}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deal: where (dotted path), why (English), a stable code and its values."""

    path: str
    message: str
    code: str = "invalid"
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    @property
    def location(self) -> Location:
        """The path as keys and list indexes: commitments[2].amount → ("commitments", 2, "amount")."""
        return parse_path(self.path)

    @property
    def arabic(self) -> str:
        """The reason in Arabic, from the one message table."""
        return arabic_message(self.code, self.params, self.location)


def field_path(loc: Location) -> str:
    """A location as a dotted path: commitments[2].amount.value."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def parse_path(path: str) -> Location:
    """The inverse of field_path."""
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path))


def fail(code: str, english: str, **params: Any) -> PydanticCustomError:
    """The error a model validator raises: its code is the problem's code, its values the params.

    A check over a whole object names the field at fault with `field=`; the problem is placed there.
    """
    return PydanticCustomError(code, english, params)


def reference_error(found: list[tuple[Location, str, dict[str, Any]]]) -> PydanticCustomError:
    """Every cross-reference problem of a deal, carried in one validation error and split back apart."""
    lines = [f"{field_path(loc)}: {code}" for loc, code, _ in found]
    items = [{"loc": loc, "code": code, **params} for loc, code, params in found]
    return PydanticCustomError("references", "\n".join(lines), {"problems": items})


# English for the model's own codes, shown by the CLI next to the path.
ENGLISH: dict[str, str] = {
    "duplicate_id": "duplicate id '{ref}'",
    "unknown_party": "unknown party '{ref}'",
    "unknown_source": "unknown source '{ref}'",
    "unknown_milestone": "unknown milestone '{ref}'",
    "unknown_commitment": "unknown commitment '{ref}'",
    "tranche_loop": "tranches form a loop through '{ref}'",
    "tranche_unit": "a tranche must be in the unit of its whole ({unit})",
    "tranche_too_large": "a tranche cannot be larger than its whole",
    "not_a_power_unit": "must be GW or MW",
    "undrawable_character": "{chars}: not in the report's font (IBM Plex Sans Arabic); remove or replace",
}


def problems_from(exc: ValidationError) -> list[Problem]:
    """Pydantic's errors as problems with codes; cross-reference errors become one problem each."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        ctx = dict(err.get("ctx") or {})
        if err["type"] == "references":
            for item in ctx["problems"]:
                params = {k: v for k, v in item.items() if k not in ("loc", "code")}
                message = ENGLISH[item["code"]].format(**params)
                problems.append(Problem(field_path(loc + tuple(item["loc"])), message, item["code"], params))
            continue
        if "field" in ctx:  # a check over a whole object that names the field at fault
            loc = (*loc, ctx.pop("field"))
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] in ("enum", "literal_error"):
            ctx.setdefault("value", err.get("input"))
        problems.append(Problem(field_path(loc), message, err["type"], ctx))
    return problems


# ----- the Arabic message table ----------------------------------------------------------------------
DATE_HINT = f"اكتبه بالصيغة {isolate('2025-11-18')}"
_IDENT = "معرّف غير صالح: أحرف لاتينية صغيرة وأرقام و - و _ فقط"

MESSAGES: dict[str, str] = {
    # pydantic's own error types
    "missing": "حقل مطلوب",
    "string_type": "يجب أن يكون نصًا",
    "float_type": "يجب أن يكون عددًا",
    "float_parsing": "يجب أن يكون عددًا",
    "int_type": "يجب أن يكون عددًا صحيحًا",
    "int_parsing": "يجب أن يكون عددًا صحيحًا",
    "int_from_float": "يجب أن يكون عددًا صحيحًا",
    "finite_number": "يجب أن يكون عددًا منتهيًا",
    "bool_type": "يجب أن تكون القيمة نعم أو لا",
    "enum": "قيمة غير مسموح بها هنا ({value})",
    "literal_error": "قيمة غير مسموح بها هنا ({value})",
    "date_type": f"تاريخ غير صالح: {DATE_HINT}",
    "date_parsing": f"تاريخ غير صالح: {DATE_HINT}",
    "date_from_datetime_parsing": f"تاريخ غير صالح: {DATE_HINT}",
    "date_from_datetime_inexact": f"تاريخ غير صالح: {DATE_HINT}",
    "extra_forbidden": "حقل غير معروف في صيغة الصفقة",
    "tuple_type": "يجب أن تكون قائمة",
    "list_type": "يجب أن تكون قائمة",
    "model_type": "يجب أن يكون كائنًا",
    "model_attributes_type": "يجب أن يكون كائنًا",
    "dict_type": "يجب أن يكون كائنًا",
    "string_too_short": "لا يجوز أن يبقى فارغًا",
    "string_too_long": "أطول من المسموح ({max_length} حرفًا)",
    "string_pattern_mismatch": "صيغة غير صالحة",
    "greater_than_equal": "يجب ألا يقل عن {ge}",
    "greater_than": "يجب أن يزيد على {gt}",
    "less_than_equal": "يجب ألا يزيد على {le}",
    "less_than": "يجب أن يقل عن {lt}",
    "too_short": "يلزم {min_length} عنصر على الأقل",
    "too_long": "لا يجوز أن تزيد على {max_length} عنصرًا",
    "value_error": "قيمة غير صالحة",
    # the model's own checks
    "control_character": "فيه محرف تحكّم غير مسموح ({char})",
    "line_break": "لا يُسمح بسطر جديد هنا",
    "year_out_of_range": "يجب أن تكون السنة بين {min} و{max}",
    "range_needs_upper": "النطاق يحتاج إلى حد أعلى",
    "upper_not_above_value": "يجب أن يكون الحد الأعلى أكبر من القيمة",
    "upper_without_range": "الحد الأعلى لا يُكتب إلا حين تكون الدقة «نطاق»",
    "implausible_percent": "نسبة مئوية غير معقولة",
    "equity_over_100": "لا تزيد حصة من رأس المال على 100٪",
    "counted_needs_noun": "الوحدة «معدود» تحتاج إلى اسم المعدود",
    "noun_without_counted": "اسم المعدود لا يُكتب إلا حين تكون الوحدة «معدود»",
    "magnitude_too_small": "الرتبة التقريبية («عشرات») تحتاج إلى قيمة لا تقل عن 10",
    "two_periods": "اختر واحدًا فقط من النصف والربع والشهر",
    "day_needs_month": "اليوم يحتاج إلى الشهر",
    "no_such_day": "لا يوجد يوم {day} في الشهر {month} من سنة {year}",
    "empty_period": "المدة تحتاج إلى بداية أو نهاية أو عدد سنوات",
    "period_reversed": "تنتهي المدة قبل أن تبدأ",
    "logo_not_png": "الشعار ليس ملف PNG",
    "logo_damaged_png": "ملف PNG تالف",
    "logo_too_many_pixels": "لا تزيد صورة الشعار على {max}×{max} نقطة",
    "logo_svg_too_complex": "صورة SVG أعقد مما يُرسم في تقرير",
    "logo_svg_doctype": "لا يُقبل SVG فيه DOCTYPE أو كيانات",
    "logo_svg_malformed": "ملف SVG غير سليم البنية",
    "logo_not_svg": "الملف ليس صورة SVG",
    "logo_svg_element": "لا يُسمح بالعنصر {tag} في SVG",
    "logo_svg_event": "لا يُسمح بخاصية الحدث {name} في SVG",
    "logo_svg_reference": "لا يجوز أن يشير SVG إلى ملفات أو روابط أخرى",
    "logo_empty": "ملف الشعار فارغ",
    "logo_too_large": "ملف الشعار أكبر من {kb} كيلوبايت",
    "logo_kind": "يُقبل PNG أو SVG فقط",
    "logo_bad_base64": "بيانات الشعار تالفة",
    "logo_not_data_uri": "الشعار ليس صورة PNG أو SVG مضمّنة",
    "logo_unreadable": "تعذّرت قراءة الملف {file}",
    "duplicate_id": "معرّف مكرر ({ref})",
    "unknown_party": "لا يوجد طرف بالمعرّف {ref}",
    "unknown_source": "لا يوجد مصدر بالمعرّف {ref}",
    "unknown_milestone": "لا يوجد معلم زمني بالمعرّف {ref}",
    "unknown_commitment": "لا يوجد التزام بالمعرّف {ref}",
    "tranche_loop": "الشرائح تدور في حلقة عبر {ref}",
    "tranche_unit": "يجب أن تكون الشريحة بوحدة الالتزام الكلي ({unit})",
    "tranche_too_large": "لا تكون الشريحة أكبر من الالتزام الكلي",
    "not_a_power_unit": "يجب أن تكون الوحدة جيجاواط أو ميجاواط",
    # reading a file
    "invalid_json": "ليس ملف JSON سليمًا (السطر {line}، العمود {column})",
    "empty_file": "الملف فارغ",
    "file_too_large": "الملف أكبر من {megabytes} ميجابايت",
    "not_utf8": "الملف ليس نصًا بترميز UTF-8",
    "unreadable": "تعذّرت قراءة الملف {file}",
    "duplicate_key": "مفتاح مكرر في الملف",
    "too_deep": "بنية الملف متداخلة أكثر مما تحتاجه أي صفقة",
    "not_an_object": "يجب أن يحوي ملف الصفقة كائن JSON",
    "not_finite": "في الملف عدد غير مسموح ({value})",
    "number_too_large": "في الملف عدد أكبر من المسموح",
    "newer_version": "الملف من إصدار أحدث ({version}) مما يدعمه هذا البرنامج ({supported})",
    "unreadable_pdf": "ملف PDF لا يمكن قراءته",
    "encrypted_pdf": "ملف PDF مشفّر؛ التقارير لا تُشفَّر أبدًا",
    "undrawable_character": "{chars}: حرف لا يرسمه خط التقرير، احذفه أو استبدله",
    "no_deal_in_report": "هذا التقرير لا يحمل ملف صفقة؛ صدّره بخيار الأرشفة (PDF/A) ليمكن فتحه",
}

# A pattern mismatch says what the field expects, by the field's name.
PATTERNS: dict[str, str] = {
    "accent_color": f"لون غير صالح: اكتبه بالصيغة {isolate('#0b5c6b')}",
    "template": "اسم قالب غير صالح",
}


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return isolate(value)


def arabic_message(code: str, params: Mapping[str, Any], loc: Location = ()) -> str:
    """The Arabic reason for a code, its Latin and numeric values isolated so they read as written."""
    leaf = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if code == "string_pattern_mismatch":
        return PATTERNS.get(
            leaf, _IDENT if leaf in ("id", "subject") or "party" in leaf else "صيغة غير صالحة"
        )
    template = MESSAGES.get(code, MESSAGES["value_error"])
    values = {k: _shown(v) for k, v in params.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError):
        return template.split(" (", 1)[0]
