"""A small fixed-seed generator of valid deals for the text-extraction tests (varied Arabic prose)."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

BASE = Path(__file__).resolve().parent.parent / "fixtures" / "second_deal.json"

# Words chosen for what breaks extraction: required ligatures (لا، في، ثر، تى، ين، سي),
# hamza forms, shadda and tanween, tatweel-free final forms, long compounds.
WORDS = [
    "الاستثمار",
    "للاستخدام",
    "شراء",
    "أنثروبيك",
    "في",
    "إلى",
    "حتى",
    "مستثمرين",
    "تأثير",
    "السيادي",
    "مزوّد",
    "مصنّع",
    "يُرجَّح",
    "سنويًا",
    "طلبًا",
    "معًا",
    "ثمنًا",
    "الأسواق",
    "الأولى",
    "لأن",
    "لإطلاق",
    "تعزيز",
    "التوسع",
    "السحابة",
    "الرقائق",
    "المتقدمة",
    "الشركاء",
    "المرحلة",
    "الثانية",
    "تمويل",
    "مراكز",
    "البيانات",
    "الإقليمية",
    "الطاقة",
    "التبريد",
    "قيود",
    "التصدير",
    "المسرّعات",
    "الحوسبة",
    "يموّل",
    "تتعهد",
    "بشراء",
    "تضمن",
    "المحلي",
    "الحكومي",
    "التحول",
    "الرقمي",
    "نجاح",
    "موعدها",
    "وتيرة",
    "جذب",
    "عملاء",
    "خارج",
    "المنطقة",
    "يرسّخ",
    "يخفّف",
    "فتوزّع",
    "أكثر",
    "تقرير",
    "توزيع",
    "مجتمعةً",
    "عميلًا",
]
NAMES = ("صندوق الاستثمار الوطني", "شركة المعالجات العربية", "مجموعة الاتصالات المتحدة", "الشبكة السحابية")


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(
        " ".join(_sentence(rng, rng.randint(6, 14)) for _ in range(rng.randint(1, 3))) for _ in range(count)
    )


def generated_deal(seed: int) -> dict[str, Any]:
    """One valid deal: the second fixture with its prose, names, titles and amounts redrawn from the seed."""
    rng = random.Random(seed)
    data = copy.deepcopy(json.loads(BASE.read_text(encoding="utf-8")))
    data["id"] = f"generated-{seed}"
    data["title_ar"] = " ".join(rng.sample(WORDS, 6))
    data["subtitle_ar"] = " ".join(rng.sample(WORDS, 10))
    for party, name in zip(data["parties"], rng.sample(NAMES, len(data["parties"])), strict=True):
        party["name_ar"] = name
    for commitment in data["commitments"]:
        commitment["amount"]["value"] = rng.choice((3, 7, 12, 250, 1500)) * 1_000_000_000
        commitment["note_ar"] = _sentence(rng, 5)
    for risk in data["risks"]:
        risk["title_ar"] = " ".join(rng.sample(WORDS, 3))
        risk["detail_ar"] = _sentence(rng, 9)
    for key in data["narrative"]:
        data["narrative"][key] = _paragraphs(rng, rng.randint(1, 2))
    data["options"]["digits"] = rng.choice(("latn", "arab"))
    return data
