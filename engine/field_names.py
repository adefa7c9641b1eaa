"""Arabic names for the deal's fields and records, so a problem says which field of which record."""

from __future__ import annotations

from typing import Any

from engine.problems import Location, isolate

# A field by its key, named in Arabic (the last key of a path that is not a list index).
FIELDS = {
    "id": "المعرّف",
    "title_ar": "العنوان",
    "subtitle_ar": "العنوان الفرعي",
    "date": "التاريخ",
    "name_ar": "الاسم بالعربية",
    "name_en": "الاسم باللاتينية",
    "role": "الدور",
    "from_party": "من",
    "to_party": "إلى",
    "kind": "النوع",
    "amount": "المبلغ",
    "value": "القيمة",
    "unit": "الوحدة",
    "precision": "الدقة",
    "upper": "الحد الأعلى",
    "prior": "سابق للصفقة",
    "note_ar": "ملاحظة",
    "sources": "المصادر",
    "provider": "المزوّد",
    "consumer": "المستفيد",
    "power": "القدرة",
    "platforms": "المنصات",
    "label_ar": "الوصف",
    "subject": "الطرف المعني",
    "group": "المجموعة",
    "period_ar": "الفترة",
    "year": "السنة",
    "month": "الشهر",
    "relation": "العلاقة بالتاريخ",
    "detail_ar": "التفاصيل",
    "likelihood": "الاحتمال",
    "impact": "الأثر",
    "title": "العنوان",
    "publisher": "الناشر",
    "url": "الرابط",
    "summary": "الملخص",
    "analysis": "التحليل",
    "market_context": "سياق السوق",
    "outlook": "النظرة المستقبلية",
    "template": "القالب",
    "digits": "الأرقام",
    "calendar": "التقويم",
    "paper": "حجم الورق",
    "classification": "التصنيف",
    "accent_color": "لون التمييز",
    "author": "الجهة المُعِدّة",
    "logo": "الشعار",
    "archival": "أرشفة PDF/A",
    "accessible": "إتاحة PDF/UA",
    "parties": "الأطراف",
    "commitments": "الالتزامات",
    "capacities": "السعات",
    "metrics": "مؤشرات السوق",
    "milestones": "المعالم الزمنية",
    "risks": "المخاطر",
    "schema_version": "إصدار الصيغة",
    "options": "خيارات التقرير",
    "narrative": "السرد",
    "other_roles": "أدوار أخرى",
    "also_from": "أطراف أخرى في الجهة الملتزِمة",
    "also_to": "أطراف أخرى في الجهة المستفيدة",
    "part_of": "شريحة من",
    "period": "المدة",
    "stages": "المراحل",
    "start": "البداية",
    "end": "النهاية",
    "years": "عدد السنوات",
    "per_ar": "لكل",
    "milestone": "المعلم الزمني",
    "half": "النصف",
    "quarter": "الربع",
    "day": "اليوم",
    "noun": "اسم المعدود",
    "singular": "المفرد",
    "dual": "المثنى",
    "plural": "الجمع",
    "accusative": "المفرد المنصوب",
    "dual_oblique": "المثنى المجرور",
    "feminine": "مؤنث",
}

# A list's record in the singular, and the keys that name one record, in order of preference.
RECORDS: dict[str, str] = {
    "parties": "الطرف",
    "commitments": "الالتزام",
    "capacities": "السعة",
    "metrics": "المؤشر",
    "milestones": "المعلم",
    "risks": "الخطر",
    "sources": "المصدر",
    "platforms": "المنصة",
    "stages": "المرحلة",
    "also_from": "الطرف",
    "also_to": "الطرف",
}
NAME_KEYS = ("name_ar", "label_ar", "title_ar", "title", "id")


def field_name(key: str) -> str:
    """The Arabic name of a field key; an unknown key (a new model field) is shown isolated."""
    return FIELDS.get(key) or isolate(key)


def _party_name(data: Any, ident: Any) -> str:
    for party in data.get("parties", []) if isinstance(data, dict) else []:
        if isinstance(party, dict) and party.get("id") == ident and party.get("name_ar"):
            return str(party["name_ar"])
    return str(ident or "؟")


def record_label(record: Any, index: int, data: Any = None) -> str:
    """What an analyst calls one record: its name, who pays whom, else its position."""
    if isinstance(record, dict) and "from_party" in record and "to_party" in record:
        payer, payee = _party_name(data, record["from_party"]), _party_name(data, record["to_party"])
        return f"من «{payer}» إلى «{payee}»"
    if isinstance(record, dict):
        for key in NAME_KEYS:
            value = record.get(key)
            if isinstance(value, str) and value.strip():
                return f"«{value.strip()}»"
    if isinstance(record, str) and record.strip():
        return f"«{record.strip()}»"
    return f"رقم {isolate(index + 1)}"


def describe(loc: Location, data: Any) -> str:
    """Where a problem is, in Arabic: «الالتزام «استثمار…» ← المبلغ ← القيمة»."""
    parts: list[str] = []
    node = data
    for i, key in enumerate(loc):
        if isinstance(key, int):
            parent = loc[i - 1] if i else ""
            record = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            singular = RECORDS.get(str(parent), "العنصر")
            if parts and parts[-1] == FIELDS.get(str(parent), ""):
                parts.pop()  # "الالتزامات ← الالتزام «…»" says the list twice
            parts.append(f"{singular} {record_label(record, key, data)}")
            node = record
        else:
            parts.append(field_name(key))
            node = node.get(key) if isinstance(node, dict) else None
    return " ← ".join(parts) or "الملف"
