"""Arabic names for the deal model's fields and choices, as the analyst reads them."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from engine import field_names
from engine import vocabulary as words
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


def _by_value(names: Mapping[StrEnum, str]) -> dict[str, str]:
    return {member.value: label for member, label in names.items()}


# The report's own words, so a choice reads the same in the form and on the page. Only the
# precision list carries form hints ("حتى (سقف)") that help the analyst pick.
CHOICES: dict[type[StrEnum], dict[str, str]] = {
    Role: _by_value(words.ROLES),
    Precision: {
        "exact": "دقيق",
        "up_to": "حتى (سقف)",
        "about": "نحو (تقريبي)",
        "range": "نطاق (من… إلى)",
        "over": "أكثر من",
        "at_least": "ما لا يقل عن (حد أدنى)",
        "magnitude": "عشرات/مئات (رتبة تقريبية)",
    },
    Unit: _by_value(words.UNITS),
    CommitmentKind: _by_value(words.COMMITMENT_KINDS),
    MilestoneKind: _by_value(words.MILESTONE_KINDS),
    Relation: _by_value(words.RELATIONS),
    Level: _by_value(words.LEVELS),
    Digits: _by_value(words.DIGITS),
    Calendar: _by_value(words.CALENDARS),
    Paper: {"A4": "A4", "Letter": "Letter (رسالة أمريكية)"},
    Classification: _by_value(words.CLASSIFICATIONS),
}

TEMPLATES = {"briefing": "إحاطة", "report": "تقرير", "onepage": "صفحة واحدة"}

FIELDS = field_names.FIELDS


def choice_label(enum: type[StrEnum], value: object) -> str:
    """The Arabic label of an enum value; unknown values are shown as typed."""
    return CHOICES[enum].get(str(value), str(value))


def template_label(name: str) -> str:
    """The Arabic name of a template, with its file name for ones we do not know."""
    return TEMPLATES.get(name, name)


# What each field is for, shown as its tooltip (by the field's key; the last key of its path).
TIPS: dict[str, str] = {
    "title_ar": "العنوان الذي يتصدّر التقرير",
    "subtitle_ar": "سطر يشرح العنوان، يظهر تحته",
    "date": "تاريخ الإحاطة؛ اختره من التقويم أو اكتبه",
    "id": "معرّف يُولَّد تلقائيًا ويُستخدم في أسماء الملفات؛ لا حاجة إلى تغييره",
    "name_ar": "اسم الطرف كما يُكتب في التقرير",
    "name_en": "الاسم باللاتينية، يظهر بين قوسين بعد الاسم العربي",
    "role": "دور الطرف في الصفقة",
    "from_party": "الطرف الذي يدفع أو يلتزم",
    "to_party": "الطرف الذي يتلقى الالتزام",
    "kind": "نوع الالتزام أو المعلم",
    "value": "الرقم: اكتب 30 مليار أو 30B أو ٣٠ مليار",
    "amount": "المبلغ كما سيُكتب في التقرير",
    "unit": "العملة أو وحدة القياس",
    "precision": "دقة الرقم: محدد، حتى (سقف)، نحو، نطاق، أكثر من",
    "upper": "الحد الأعلى، للنطاق فقط",
    "prior": "التزام سابق لهذه الصفقة، يُذكر للسياق",
    "note_ar": "ملاحظة قصيرة تظهر مع البند",
    "sources": "المصادر التي يستند إليها هذا البند؛ علّم عليها",
    "provider": "الطرف الذي يقدّم السعة",
    "consumer": "الطرف الذي يستفيد من السعة",
    "power": "القدرة بالجيجاواط أو الميجاواط",
    "platforms": "أسماء المنصات أو الرقائق، يفصل بينها فاصلة",
    "label_ar": "الوصف كما يظهر في التقرير (للشريحة: «الشريحة الأولى»)",
    "subject": "الطرف الذي يخصّه المؤشر، إن وُجد",
    "group": "المؤشرات ذات المجموعة الواحدة تُقارن في رسم واحد",
    "period_ar": "الفترة التي يغطيها المؤشر، مثل «الربع الثالث»",
    "year": "السنة",
    "month": "الشهر من 1 إلى 12، أو فارغ",
    "relation": "علاقة المعلم بتاريخه: في، بحلول، ليس قبل",
    "detail_ar": "شرح الخطر في فقرة أو أكثر",
    "likelihood": "مدى احتمال وقوع الخطر",
    "impact": "أثر الخطر إن وقع",
    "title": "عنوان المصدر",
    "publisher": "الجهة الناشرة",
    "url": "رابط المصدر؛ يُكتب نصًا ولا يُفتح",
    "summary": "الخلاصة: فقرات يفصل بينها سطر فارغ",
    "analysis": "التحليل: فقرات يفصل بينها سطر فارغ",
    "market_context": "سياق السوق: فقرات يفصل بينها سطر فارغ",
    "outlook": "النظرة المستقبلية: فقرات يفصل بينها سطر فارغ",
    "template": "شكل التقرير",
    "digits": "أرقام لاتينية أو عربية في كل التقرير",
    "calendar": "التقويم الذي تُكتب به التواريخ",
    "paper": "حجم الورق",
    "classification": "عبارة التصنيف المطبوعة على التقرير",
    "accent_color": "لون العناوين والرسوم",
    "author": "اسم الجهة التي أعدّت التقرير",
    "logo": "شعار بصيغة PNG أو SVG",
    "archival": "ملف PDF/A يحفظ ملف الصفقة داخله ليُفتح لاحقًا",
    "accessible": "ملف PDF موسوم تقرؤه برامج قراءة الشاشة",
    "other_roles": "أدوار أخرى للطرف، مثل مستثمر وشريك تقني معًا",
    "also_from": "أطراف أخرى تشارك في الالتزام من الجهة نفسها (مشروع مشترك)",
    "also_to": "أطراف أخرى تتلقى الالتزام مع الطرف المستفيد",
    "part_of": "إن كان هذا الالتزام شريحة من التزام أكبر، اختر الالتزام الكلي؛ لا يُحسب مرتين",
    "half": "النصف الأول أو الثاني من السنة، لمعلم معروف بالنصف فقط",
    "quarter": "الربع من 1 إلى 4، لمعلم معروف بالربع فقط",
    "day": "اليوم من الشهر، حين يُعرف",
    "noun": "للوحدة «معدود»: اسم ما يُعدّ بالمفرد والمثنى والجمع، مثل معالج ومعالجان ومعالجات",
    "period": "مدة الالتزام: من سنة، إلى سنة، أو على مدى عدد من السنوات",
    "when": "التاريخ كما سيُكتب في التقرير، بدقة ما يُعرف منه؛ واليوم الكامل بالتقويمين",
    "stages": "مراحل الالتزام: ما يُصرف أو يُستحق عند كل معلم زمني، أو معدّل لكل وحدة تقدّم",
    "milestone": "المعلم الزمني الذي يطلق هذه المرحلة",
    "per_ar": "للمعدّل: ما يُحسب المبلغ لكل واحد منه، مثل «جيجاواط يُنشر»",
}


def tip_for(path: tuple[str | int, ...]) -> str:
    """The tooltip of a field at this path."""
    leaf = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
    return TIPS.get(leaf, "")
