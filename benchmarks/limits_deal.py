"""A deal with every list at its documented limit (read from the model), for limit benchmarks and tests."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from engine.model import Capacity, Commitment, Deal, Narrative, Party, Risk, Role
from engine.paths import SAMPLE_DEAL


def max_length(model: type[BaseModel], name: str) -> int:
    """The (smallest) max_length the model declares for one of its fields."""
    found = [int(m.max_length) for m in model.model_fields[name].metadata if hasattr(m, "max_length")]
    return min(found)


def list_limit(name: str) -> int:
    """The max_length the model declares for one of the deal's lists."""
    return max_length(Deal, name)


def prose(length: int) -> str:
    """Arabic paragraphs of exactly `length` characters."""
    sentence = "تتوزع الالتزامات على سنوات عدة وتعتمد على توافر الطاقة والرقائق في الموعد المحدد. "
    paragraph = sentence * 6 + "\n\n"
    return (paragraph * (length // len(paragraph) + 1))[:length].strip() + "."


def deal_at_limits() -> dict[str, Any]:
    """The sample deal grown to every list limit, every narrative and risk detail at its length limit."""
    data = json.loads(SAMPLE_DEAL.read_text(encoding="utf-8"))
    n = {name: list_limit(name) for name in ("parties", "commitments", "capacities", "metrics")}
    n |= {name: list_limit(name) for name in ("milestones", "risks", "sources")}
    detail = max_length(Risk, "detail_ar")
    sides = min(max_length(Commitment, "also_from"), (n["parties"] - 2) // 2)
    data["sources"] = [
        {
            "id": f"s{i}",
            "title": f"مصدر رقم {i} عن الصفقة",
            "publisher": "وكالة أنباء",
            "url": f"https://e.com/{i}",
        }
        for i in range(n["sources"])
    ]
    roles = [r.value for r in Role if r is not Role.investor]
    data["parties"] = [
        {
            "id": f"p{i}",
            "name_ar": f"شركة {i}",
            "name_en": f"Company {i}",
            "role": "investor",
            "other_roles": roles[: max_length(Party, "other_roles")],
        }
        for i in range(n["parties"])
    ]
    data["commitments"] = [
        {
            "id": f"c{i}",
            "from_party": f"p{i % n['parties']}",
            "to_party": f"p{(i + 1) % n['parties']}",
            "kind": "compute_purchase",
            "amount": {"value": 1e9 * (i + 1), "unit": "USD", "precision": "about"},
            "note_ar": "حجز سعة حوسبة لتدريب النماذج وتشغيلها",
            "sources": [f"s{i % n['sources']}"],
            "also_from": [f"p{(i + 2 + j) % n['parties']}" for j in range(sides)],
            "also_to": [f"p{(i + 2 + sides + j) % n['parties']}" for j in range(sides)],
            "stages": [
                {"label_ar": f"المرحلة {j}", "amount": {"value": 1e8 * (j + 1), "unit": "USD"}}
                for j in range(max_length(Commitment, "stages"))
            ],
        }
        for i in range(n["commitments"])
    ]
    data["capacities"] = [
        {
            "id": f"k{i}",
            "provider": f"p{i % n['parties']}",
            "consumer": f"p{(i + 2) % n['parties']}",
            "power": {"value": 1 + i % 5, "unit": "GW"},
            "platforms": [f"Platform {j}" for j in range(max_length(Capacity, "platforms"))],
            "note_ar": "سعة على أنظمة الجيل الأحدث",
            "sources": [f"s{i % n['sources']}"],
        }
        for i in range(n["capacities"])
    ]
    data["metrics"] = [
        {
            "id": f"m{i}",
            "label_ar": f"مؤشر {i}",
            "subject": f"p{i % n['parties']}",
            "group": f"مجموعة {i % 10}",
            "value": {"value": 10 + i % 50, "unit": "percent"},
            "period_ar": "سنويًا",
            "year": 2000 + i % 30,
            "sources": [f"s{i % n['sources']}"],
        }
        for i in range(n["metrics"])
    ]
    data["milestones"] = [
        {
            "id": f"t{i}",
            "label_ar": f"مرحلة {i}",
            "kind": "capacity",
            "year": 2025 + i % 20,
            "month": 1 + i % 12,
        }
        for i in range(n["milestones"])
    ]
    data["risks"] = [
        {"id": f"r{i}", "title_ar": f"خطر {i}", "detail_ar": prose(detail - 1), "likelihood": "high"}
        for i in range(n["risks"])
    ]
    data["narrative"] = {key: prose(max_length(Narrative, key) - 1) for key in Narrative.model_fields}
    return data
