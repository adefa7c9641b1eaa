"""The lists of a deal as the editor shows them: columns, titles and a new record's defaults."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.model import CommitmentKind, Level, MilestoneKind, Precision, Relation, Role, Unit
from gui.labels import CHOICES
from gui.record_model import Column

# What a commitment can promise: money, shares, a stake, hardware, a counted thing (not power or a rate).
MONEY = {k: v for k, v in CHOICES[Unit].items() if k not in ("GW", "MW", "percent")}
POWER = {k: v for k, v in CHOICES[Unit].items() if k in ("GW", "MW")}
PRECISION = CHOICES[Precision]


def _quantity(key: str, units: dict[str, str], value_title: str) -> list[Column]:
    counted = [Column((key, "noun"), "اسم المعدود (للوحدة «معدود»)", "noun", optional=True)]
    return [
        Column((key, "value"), value_title, "number"),
        Column((key,), "كما يظهر في التقرير", "words"),
        Column((key, "unit"), "الوحدة", "choice", units),
        *(counted if "counted" in units else []),
        Column((key, "precision"), "الدقة", "choice", PRECISION),
        Column((key, "upper"), "الحد الأعلى (للنطاق)", "number", optional=True),
    ]


@dataclass(frozen=True)
class Section:
    """One list of the deal: its tab title, its columns, and how a new row starts."""

    key: str
    title: str
    columns: list[Column]
    new_record: Callable[[dict[str, Any], str], dict[str, Any]]
    long_text: tuple[str, str] | None = None  # (key, Arabic title) of a multi-line field in the form

    @property
    def fields(self) -> list[Column]:
        """The form's columns: the record's own, then its generated id (rarely touched)."""
        return [*self.columns, Column(("id",), "المعرّف (يُولَّد تلقائيًا)")]


def _first_party(data: dict[str, Any], index: int = 0) -> str:
    parties = [p.get("id", "") for p in data.get("parties", []) if isinstance(p, dict)]
    return parties[min(index, len(parties) - 1)] if parties else ""


SECTIONS: list[Section] = [
    Section(
        "parties",
        "الأطراف",
        [
            Column(("name_ar",), "الاسم بالعربية"),
            Column(("name_en",), "الاسم باللاتينية"),
            Column(("role",), "الدور", "choice", CHOICES[Role]),
            Column(("other_roles",), "أدوار أخرى", "choices", CHOICES[Role]),
        ],
        lambda data, ident: {"id": ident, "name_ar": "طرف جديد", "name_en": "", "role": "other"},
    ),
    Section(
        "commitments",
        "الالتزامات",
        [
            Column(("from_party",), "من", "party"),
            Column(("also_from",), "ومعه من الجهة نفسها", "parties"),
            Column(("to_party",), "إلى", "party"),
            Column(("also_to",), "ومعه من الجهة المستفيدة", "parties"),
            Column(("kind",), "النوع", "choice", CHOICES[CommitmentKind]),
            Column(("part_of",), "شريحة من", "commitment", optional=True),
            Column(("period",), "المدة", "period", optional=True),
            Column(("stages",), "المراحل", "stages", optional=True),
            Column(("label_ar",), "تسمية الشريحة"),
            *_quantity("amount", MONEY, "المبلغ"),
            Column(("prior",), "سابق للصفقة", "bool"),
            Column(("note_ar",), "ملاحظة"),
            Column(("sources",), "المصادر", "list"),
        ],
        lambda data, ident: {
            "id": ident,
            "from_party": _first_party(data),
            "to_party": _first_party(data, 1),
            "kind": "other",
            "amount": {"value": 1_000_000_000, "unit": "USD", "precision": "exact"},
            "sources": [],
        },
    ),
    Section(
        "capacities",
        "السعة",
        [
            Column(("provider",), "المزوّد", "party"),
            Column(("consumer",), "المستفيد", "party"),
            *_quantity("power", POWER, "القدرة"),
            Column(("platforms",), "المنصات", "list"),
            Column(("note_ar",), "ملاحظة"),
            Column(("sources",), "المصادر", "list"),
        ],
        lambda data, ident: {
            "id": ident,
            "provider": _first_party(data),
            "consumer": _first_party(data, 1),
            "power": {"value": 1, "unit": "GW", "precision": "exact"},
        },
    ),
    Section(
        "metrics",
        "مؤشرات السوق",
        [
            Column(("label_ar",), "الوصف"),
            Column(("subject",), "الطرف المعني", "party", optional=True),
            Column(("group",), "المجموعة"),
            *_quantity("value", CHOICES[Unit], "القيمة"),
            Column(("period_ar",), "الفترة"),
            Column(("year",), "السنة", "int", optional=True),
            Column(("sources",), "المصادر", "list"),
        ],
        lambda data, ident: {"id": ident, "label_ar": "مؤشر جديد", "value": {"value": 10, "unit": "percent"}},
    ),
    Section(
        "milestones",
        "المعالم الزمنية",
        [
            Column(("label_ar",), "الوصف"),
            Column(("kind",), "النوع", "choice", CHOICES[MilestoneKind]),
            Column(("relation",), "العلاقة بالتاريخ", "choice", CHOICES[Relation]),
            Column(("year",), "السنة", "int"),
            Column(("half",), "النصف (1 أو 2)", "int", optional=True),
            Column(("quarter",), "الربع (1–4)", "int", optional=True),
            Column(("month",), "الشهر", "int", optional=True),
            Column(("day",), "اليوم", "int", optional=True),
            Column(("when",), "كما يظهر في التقرير", "when"),
            Column(("sources",), "المصادر", "list"),
        ],
        lambda data, ident: {"id": ident, "label_ar": "معلم جديد", "year": 2026, "relation": "on"},
    ),
    Section(
        "risks",
        "المخاطر",
        [
            Column(("title_ar",), "العنوان"),
            Column(("likelihood",), "الاحتمال", "choice", CHOICES[Level]),
            Column(("impact",), "الأثر", "choice", CHOICES[Level]),
        ],
        lambda data, ident: {
            "id": ident,
            "title_ar": "خطر جديد",
            "detail_ar": "",
            "likelihood": "medium",
            "impact": "medium",
        },
        long_text=("detail_ar", "تفاصيل الخطر المحدد"),
    ),
    Section(
        "sources",
        "المصادر",
        [
            Column(("title",), "العنوان"),
            Column(("publisher",), "الناشر"),
            Column(("date",), "التاريخ", "date", optional=True),
            Column(("url",), "الرابط"),
        ],
        lambda data, ident: {"id": ident, "title": "مصدر جديد", "publisher": "", "url": ""},
    ),
]

PREFIX = {
    "parties": "party",
    "commitments": "commitment",
    "capacities": "capacity",
    "metrics": "metric",
    "milestones": "milestone",
    "risks": "risk",
    "sources": "source",
}


def fresh_id(section: Section, records: list[Any]) -> str:
    """An id for a new row that no other row of the list uses."""
    used = {r.get("id") for r in records if isinstance(r, dict)}
    n = len(records) + 1
    while f"{PREFIX[section.key]}-{n}" in used:
        n += 1
    return f"{PREFIX[section.key]}-{n}"
