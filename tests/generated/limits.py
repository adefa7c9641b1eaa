"""The hostile-but-valid deal: every list at its model maximum, names without spaces, prose at full length."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from engine.model import Deal

FIXTURE = Path(__file__).parent.parent / "fixtures" / "deals" / "limits.json"
ROLES = ["investor", "cloud_provider", "chip_maker", "ai_developer", "customer", "other"]
KINDS = ["equity_investment", "compute_purchase", "hardware_purchase", "loan", "partnership", "other"]
PRECISIONS = ["exact", "up_to", "about", "over", "range"]
CURRENCIES = ["USD", "EUR", "GBP", "SAR", "AED"]
# An Arabic word run with no space: a long company name as some registries print it.
ARABIC_RUN = "شركةالخليجالمتحدةللاستثماراتالتقنيةوالحوسبةالسحابية"
LATIN_RUN = "InternationalConsolidatedComputeInfrastructureHoldings"


def _run(base: str, length: int, tag: str) -> str:
    text = (base * (length // len(base) + 2))[: length - len(tag)]
    return text + tag


def _amount(i: int, unit: str) -> dict[str, Any]:
    precision = PRECISIONS[i % len(PRECISIONS)]
    top = 5 if unit == "percent" else 19  # 100 MW and 1e16 USD are the largest magnitudes
    value = float(f"{0.001 * 10 ** (i % (top + 1)):.3g}")
    out: dict[str, Any] = {"value": value, "unit": unit, "precision": precision}
    if precision == "range":
        cap = 100_000 if unit == "percent" else 1e16
        value = min(value, cap / 2)
        out["value"], out["upper"] = value, min(value * 1.5, cap)
    return out


def limits_data(max_lists: dict[str, int] | None = None) -> dict[str, Any]:
    """The deal as JSON data; list lengths are the model's maxima unless overridden."""
    fields = Deal.model_fields
    size = {
        name: fields[name].metadata[-1].max_length
        for name in ("parties", "commitments", "capacities", "metrics", "milestones", "risks", "sources")
    }
    size.update(max_lists or {})
    parties = [
        {
            "id": f"p{i}",
            "name_ar": _run(ARABIC_RUN, 200 if i % 3 == 0 else 40, str(i)),
            "name_en": _run(LATIN_RUN, 200 if i % 4 == 0 else 30, str(i)),
            "role": ROLES[i % len(ROLES)],
        }
        for i in range(size["parties"])
    ]
    n = len(parties)
    from tests.generated.deals import MAX_DETAIL, MAX_PLATFORMS, MAX_PROSE

    prose = ("نص تحليلي طويل يصف الصفقة وأطرافها وأرقامها مثل 123456789.5 مليار دولار و45% سنويًا. " * 200)[
        : MAX_PROSE - 10
    ]
    return {
        "schema_version": 2,
        "id": "limits",
        "title_ar": _run("عنوانطويلجدابلامسافات", 300, "!"),
        "subtitle_ar": _run("عنوان فرعي طويل ", 300, "."),
        "date": "2200-12-31",
        "parties": parties,
        "commitments": [
            {
                "id": f"c{i}",
                "from_party": f"p{i % n}",
                "to_party": f"p{(i * 7 + 1) % n}",
                "kind": KINDS[i % len(KINDS)],
                "amount": _amount(i, CURRENCIES[i % len(CURRENCIES)]),
                "prior": i % 5 == 0,
                "note_ar": _run("ملاحظةبلامسافات", 300, "."),
                "sources": [f"s{i % max(1, size['sources'])}"] if size["sources"] else [],
            }
            for i in range(size["commitments"])
        ],
        "capacities": [
            {
                "id": f"cap{i}",
                "provider": f"p{i % n}",
                "consumer": f"p{(i + 1) % n}",
                "power": _amount(i, "GW" if i % 2 else "MW"),
                "platforms": [_run("PlatformNameWithoutSpaces", 120, str(k)) for k in range(MAX_PLATFORMS)],
                "note_ar": _run("ملاحظة ", 300, "."),
            }
            for i in range(size["capacities"])
        ],
        "metrics": [
            {
                "id": f"m{i}",
                "label_ar": _run("مؤشربلامسافات", 300 if i % 2 else 30, str(i)),
                "subject": f"p{i % n}",
                "group": _run("مجموعة", 120, str(i % 7)),
                "value": _amount(i, ["percent", *CURRENCIES][i % 6]),
                "period_ar": _run("فترة", 120, ""),
                "year": 1900 + (i * 3) % 301,
            }
            for i in range(size["metrics"])
        ],
        "milestones": [
            {
                "id": f"ms{i}",
                "label_ar": _run("محطةبلامسافات", 300, str(i)),
                "kind": ["announcement", "investment", "capacity", "profitability", "market", "other"][i % 6],
                "year": 1900 + (i * 7) % 301,
                "month": (i % 12) + 1 if i % 3 else None,
                "relation": ["on", "by", "not_before"][i % 3],
            }
            for i in range(size["milestones"])
        ],
        "risks": [
            {
                "id": f"r{i}",
                "title_ar": _run("خطربلامسافات", 300, str(i)),
                "detail_ar": prose[: MAX_DETAIL - 10] if i % 10 == 0 else "تفصيل قصير.",
                "likelihood": ["low", "medium", "high"][i % 3],
                "impact": ["high", "medium", "low"][i % 3],
            }
            for i in range(size["risks"])
        ],
        "narrative": {"summary": prose, "analysis": prose, "market_context": prose, "outlook": prose},
        "sources": [
            {
                "id": f"s{i}",
                "title": _run("مصدربلامسافات", 300, str(i)),
                "publisher": _run("Publisher", 300, str(i)),
                "date": "2199-01-01",
                "url": "https://example.com/" + _run("segment", 280, str(i)),
            }
            for i in range(size["sources"])
        ],
        "options": {
            "template": "briefing",
            "digits": "arab",
            "calendar": "both",
            "classification": "confidential",
            "author": _run("مؤلف", 300, "."),
        },
    }


if __name__ == "__main__":
    data = limits_data()
    Deal.model_validate(data)
    FIXTURE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(FIXTURE, FIXTURE.stat().st_size)
