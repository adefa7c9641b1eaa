"""Arabic words for the model's enumerations, shared by the reports and the editor."""

from __future__ import annotations

from engine.model import (
    Calendar,
    Classification,
    CommitmentKind,
    Digits,
    Level,
    MilestoneKind,
    Paper,
    Precision,
    Relation,
    Role,
    Unit,
)

ROLES: dict[Role, str] = {
    Role.investor: "مستثمر",
    Role.cloud_provider: "مزوّد خدمات سحابية",
    Role.chip_maker: "مصنّع رقائق",
    Role.ai_developer: "مطوّر نماذج ذكاء اصطناعي",
    Role.customer: "عميل",
    Role.technology_partner: "شريك تقني",
    Role.supplier: "مورّد",
    Role.joint_venture: "مشروع مشترك",
    Role.lender: "مُقرض",
    Role.other: "طرف آخر",
}

COMMITMENT_KINDS: dict[CommitmentKind, str] = {
    CommitmentKind.equity_investment: "استثمار في رأس المال",
    CommitmentKind.cash: "دفعة نقدية",
    CommitmentKind.warrant: "حق شراء أسهم (ضمان اكتتاب)",
    CommitmentKind.options: "خيارات أسهم",
    CommitmentKind.compute_purchase: "شراء سعة حوسبة",
    CommitmentKind.hardware_purchase: "شراء عتاد",
    CommitmentKind.hardware_supply: "توريد عتاد",
    CommitmentKind.revenue_share: "حصة من الإيرادات",
    CommitmentKind.loan: "قرض",
    CommitmentKind.partnership: "شراكة",
    CommitmentKind.other: "التزام آخر",
}

PRECISIONS: dict[Precision, str] = {
    Precision.exact: "قيمة محددة",
    Precision.up_to: "حد أقصى",
    Precision.about: "تقريبي",
    Precision.range: "نطاق",
    Precision.over: "حد أدنى",
    Precision.at_least: "حد أدنى مضمون",
    Precision.magnitude: "رتبة تقريبية",
}

UNITS: dict[Unit, str] = {
    Unit.USD: "دولار أمريكي",
    Unit.EUR: "يورو",
    Unit.GBP: "جنيه إسترليني",
    Unit.SAR: "ريال سعودي",
    Unit.AED: "درهم إماراتي",
    Unit.percent: "نسبة مئوية",
    Unit.GW: "جيجاواط",
    Unit.MW: "ميجاواط",
    Unit.shares: "سهم",
    Unit.equity_percent: "نسبة من رأس المال",
    Unit.units: "وحدة عتاد",
    Unit.counted: "معدود يسمّيه الملف",
}

MILESTONE_KINDS: dict[MilestoneKind, str] = {
    MilestoneKind.announcement: "إعلان",
    MilestoneKind.investment: "استثمار",
    MilestoneKind.capacity: "سعة حوسبة",
    MilestoneKind.profitability: "ربحية",
    MilestoneKind.market: "السوق",
    MilestoneKind.other: "أخرى",
}

RELATIONS: dict[Relation, str] = {
    Relation.on: "في",
    Relation.by: "بحلول",
    Relation.not_before: "ليس قبل",
}

LEVELS: dict[Level, str] = {Level.low: "منخفض", Level.medium: "متوسط", Level.high: "مرتفع"}

CLASSIFICATIONS: dict[Classification, str] = {
    Classification.public: "للنشر العام",
    Classification.internal: "للاستخدام الداخلي",
    Classification.confidential: "سري",
    Classification.draft: "مسودة",
}

DIGITS: dict[Digits, str] = {Digits.latn: "أرقام لاتينية (123)", Digits.arab: "أرقام عربية (١٢٣)"}
CALENDARS: dict[Calendar, str] = {
    Calendar.gregorian: "ميلادي",
    Calendar.hijri: "هجري",
    Calendar.both: "هجري وميلادي",
}
PAPERS: dict[Paper, str] = {Paper.A4: "A4", Paper.Letter: "Letter"}

SECTIONS: dict[str, str] = {
    "summary": "الخلاصة",
    "analysis": "التحليل",
    "market_context": "سياق السوق",
    "outlook": "النظرة المستقبلية",
}


def join_names(names: list[str]) -> str:
    """Names joined as Arabic lists them: «أ وب»، «أ، ب وج» (the «و» is written on the next word)."""
    if len(names) <= 1:
        return "".join(names)
    return "، ".join(names[:-1]) + " و" + names[-1]
