"""A generator of valid deals across the model: any party count, name, unit, precision, size and list length.

`deal_data(rng)` is a pure function of its random source, so a seed names a deal for ever
(`fixed_set`), and hypothesis drives the same function through `deals()` to explore the rest.
"""

from __future__ import annotations

import random
import string
from typing import Any

from hypothesis import strategies as st

from engine.model import MAX_VALUE, Capacity, CommitmentKind, Deal, Narrative, Precision, Risk, Role, Unit

ARABIC_WORDS = [
    "شركة",
    "مجموعة",
    "صندوق",
    "الاستثمارات",
    "العامة",
    "الخليج",
    "المتحدة",
    "للحوسبة",
    "السحابية",
    "القابضة",
    "الوطنية",
    "للطاقة",
    "البنك",
    "العربي",
    "للتنمية",
    "مراكز",
    "البيانات",
    "الذكاء",
    "الاصطناعي",
    "أوبن",
    "إيه",
    "آي",
    "إنفيديا",
    "مايكروسوفت",
    "أمازون",
    "هيوماين",
    "الرقائق",
    "المتقدمة",
    "شراكة",
    "تمويل",
    "مرحلة",
    "أولى",
    "ثانية",
    "توسعة",
    "التزام",
    "استثمار",
    "سعة",
    "طاقة",
    "نمو",
    "سوق",
    "إيرادات",
]
LATIN_WORDS = [
    "Open",
    "AI",
    "Compute",
    "Holdings",
    "Gulf",
    "Cloud",
    "Capital",
    "Partners",
    "Systems",
    "Nvidia",
    "Blackwell",
    "Rubin",
    "MI450",
    "G42",
]
PROSE = (
    "تتعهد الشركة بإنفاق 30 مليار دولار على خدمات الحوسبة خلال خمس سنوات، فيما يضخ المستثمرون "
    "استثمارات تصل إلى 15 مليار دولار. ويُتوقع أن ينمو السوق بنحو 24% سنويًا حتى 2030. "
)
ROLES = list(Role)
KINDS = list(CommitmentKind)
PRECISIONS = list(Precision)
MONEY = [Unit.USD, Unit.EUR, Unit.GBP, Unit.SAR, Unit.AED]
COMMITMENT_UNITS = [*MONEY, *MONEY, Unit.shares, Unit.equity_percent, Unit.units, Unit.counted]
NOUN = {"singular": "معالج", "dual": "معالجان", "plural": "معالجات"}


def limit(model: Any, name: str) -> int:
    """The model's maximum length for a field (the tightest of its constraints)."""
    lengths = [m.max_length for m in model.model_fields[name].metadata if getattr(m, "max_length", None)]
    return min(lengths)


MAX_PARTIES = min(25, limit(Deal, "parties"))
# Up to these many items per list: the model's maximum when it is small, else a size that renders fast.
WANTED = {"commitments": 30, "capacities": 6, "metrics": 14, "milestones": 12, "risks": 8, "sources": 10}
SIZES = {name: min(size, limit(Deal, name)) for name, size in WANTED.items()}
MAX_PROSE = limit(Narrative, "summary")
MAX_DETAIL = limit(Risk, "detail_ar")
MAX_PLATFORMS = limit(Capacity, "platforms")


def text(rng: random.Random, low: int, high: int, *, style: str | None = None) -> str:
    """A line of `low`–`high` characters: Arabic words, Latin words, both, or one unbroken run."""
    style = style or rng.choice(["arabic", "arabic", "latin", "mixed", "unbroken"])
    target = rng.choice([low, low + 1, rng.randint(low, high), rng.randint(low, min(high, 40)), high])
    words: list[str] = []
    pool = {"arabic": ARABIC_WORDS, "latin": LATIN_WORDS, "mixed": ARABIC_WORDS + LATIN_WORDS}
    if style == "unbroken":
        run = "".join(rng.choice(ARABIC_WORDS) for _ in range(target // 2 + 2))
        return run[:target] if target >= 2 else run[:2]
    while len(" ".join(words)) < target:
        words.append(rng.choice(pool[style]))
    line = " ".join(words)[:target].strip()
    return line if len(line) >= max(1, low) else (line + "ها")[: max(2, low)]


def prose(rng: random.Random, limit: int = 0) -> str:
    """Empty, one line, a few paragraphs, or (rarely) the documented maximum."""
    limit = limit or MAX_PROSE
    size = min(limit, rng.choice([0, 0, 60, 400, 1500, 4000])) if rng.random() > 0.04 else limit
    paragraphs, out = [], ""
    while len(out) < size:
        paragraphs.append((PROSE * (1 + rng.randint(0, 3)))[: rng.randint(40, 900)].strip())
        out = "\n\n".join(paragraphs)
    return out[:size].strip()


def quantity(rng: random.Random, unit: Unit) -> dict[str, Any]:
    """A figure of any precision and magnitude the model allows for its unit."""
    cap = {Unit.percent: 100_000.0, Unit.equity_percent: 100.0, Unit.GW: 1_000.0, Unit.MW: 100_000.0}
    high = cap.get(unit, MAX_VALUE)
    precision = rng.choice(PRECISIONS)
    exponent = rng.uniform(-3, 16)
    value = min(high, float(f"{10**exponent:.3g}")) if rng.random() > 0.1 else rng.choice([0.001, high])
    value = max(value, 0.001)
    out: dict[str, Any] = {"value": value, "unit": unit.value, "precision": precision.value}
    if precision is Precision.magnitude:
        out["value"] = max(10.0, min(value, high))
    if precision is Precision.range:
        out["value"] = min(value, high / 2)
        out["upper"] = min(high, out["value"] * rng.choice([1.01, 1.5, 3, 100]))
    if unit is Unit.counted:
        out["noun"] = NOUN
    return out


def partial_date(rng: random.Random) -> dict[str, Any]:
    """A year alone, or with its half, quarter, month or day."""
    date: dict[str, Any] = {"year": rng.choice([1900, 2024, 2025, 2026, 2027, 2030, 2200])}
    kind = rng.choice(["year", "half", "quarter", "month", "day"])
    if kind == "half":
        date["half"] = rng.randint(1, 2)
    elif kind == "quarter":
        date["quarter"] = rng.randint(1, 4)
    elif kind in ("month", "day"):
        date["month"] = rng.randint(1, 12)
        if kind == "day":
            date["day"] = rng.randint(1, 28)
    return date


def ident(prefix: str, i: int) -> str:
    return f"{prefix}{i}"


def deal_data(rng: random.Random) -> dict[str, Any]:
    """One valid deal file (schema v2) drawn from `rng`."""
    n_parties = rng.choice([1, 2, 3, 4, 7, rng.randint(1, MAX_PARTIES), MAX_PARTIES])
    sizes = {k: rng.choice([0, 1, rng.randint(0, v), v]) for k, v in SIZES.items()}
    parties = [
        {
            "id": ident("p", i),
            "name_ar": text(rng, 2, 200),
            "name_en": rng.choice(["", text(rng, 2, 60, style="latin")]),
            "role": rng.choice(ROLES).value,
        }
        for i in range(n_parties)
    ]
    ids = [p["id"] for p in parties]
    sources = [
        {
            "id": ident("s", i),
            "title": text(rng, 2, 300),
            "publisher": rng.choice(["", text(rng, 2, 80)]),
            "date": rng.choice([None, "2025-11-18", "1999-01-31"]),
            "url": rng.choice(
                ["", "https://example.com/" + "".join(rng.choices(string.ascii_lowercase, k=60))]
            ),
        }
        for i in range(sizes["sources"])
    ]
    for s in sources:
        if s["date"] is None:
            del s["date"]
    cite = [s["id"] for s in sources]

    def refs() -> list[str]:
        return rng.sample(cite, k=min(len(cite), rng.randint(0, 2)))

    milestones = []
    for i in range(sizes["milestones"]):
        milestone = {
            "id": ident("m", i),
            "label_ar": text(rng, 2, 300),
            "kind": rng.choice(
                ["announcement", "investment", "capacity", "profitability", "market", "other"]
            ),
            "relation": rng.choice(["on", "by", "not_before"]),
            "sources": refs(),
            **partial_date(rng),
        }
        milestones.append(milestone)
    commitments = []
    for i in range(sizes["commitments"]):
        unit = rng.choice(COMMITMENT_UNITS)
        commitment: dict[str, Any] = {
            "id": ident("c", i),
            "from_party": rng.choice(ids),
            "to_party": rng.choice(ids),
            "kind": rng.choice(KINDS).value,
            "amount": quantity(rng, unit),
            "prior": rng.random() < 0.2,
            "note_ar": rng.choice(["", text(rng, 2, 300)]),
            "sources": refs(),
        }
        if n_parties > 2 and rng.random() < 0.2:
            commitment["also_from"] = rng.sample(ids, k=min(3, n_parties - 1))
        if rng.random() < 0.15:
            commitment["period"] = {"years": rng.choice([1, 4, 10])}
        if milestones and rng.random() < 0.15:
            commitment["stages"] = [
                {"label_ar": text(rng, 2, 60), "milestone": rng.choice(milestones)["id"]} for _ in range(2)
            ]
        commitments.append(commitment)
    capacities = [
        {
            "id": ident("k", i),
            "provider": rng.choice(ids),
            "consumer": rng.choice(ids),
            "power": quantity(rng, rng.choice([Unit.GW, Unit.MW])),
            "platforms": [
                text(rng, 2, 120, style="latin") for _ in range(rng.choice([0, 1, 2, MAX_PLATFORMS]))
            ],
            "note_ar": rng.choice(["", text(rng, 2, 300)]),
            "sources": refs(),
        }
        for i in range(sizes["capacities"])
    ]
    groups = [text(rng, 2, 120) for _ in range(3)]
    metrics = []
    for i in range(sizes["metrics"]):
        metric: dict[str, Any] = {
            "id": ident("x", i),
            "label_ar": text(rng, 2, 300),
            "group": rng.choice(["", *groups]),
            "value": quantity(rng, rng.choice([Unit.percent, *MONEY, Unit.GW, Unit.shares])),
            "period_ar": rng.choice(["", "سنويًا", text(rng, 2, 120)]),
            "sources": refs(),
        }
        if rng.random() < 0.7:
            metric["year"] = rng.choice([2024, 2025, 2026, 2028, 2030, 1900, 2200])
        if rng.random() < 0.5:
            metric["subject"] = rng.choice(ids)
        metrics.append(metric)
    risks = [
        {
            "id": ident("r", i),
            "title_ar": text(rng, 2, 300),
            "detail_ar": prose(rng, MAX_DETAIL),
            "likelihood": rng.choice(["low", "medium", "high"]),
            "impact": rng.choice(["low", "medium", "high"]),
        }
        for i in range(sizes["risks"])
    ]
    return {
        "schema_version": 2,
        "id": "generated",
        "title_ar": text(rng, 2, 300),
        "subtitle_ar": rng.choice(["", text(rng, 2, 300)]),
        "date": rng.choice(["2025-11-18", "1900-01-01", "2200-12-31"]),
        "parties": parties,
        "commitments": commitments,
        "capacities": capacities,
        "metrics": metrics,
        "milestones": milestones,
        "risks": risks,
        "narrative": {key: prose(rng) for key in ("summary", "analysis", "market_context", "outlook")},
        "sources": sources,
        "options": {
            "digits": rng.choice(["latn", "arab"]),
            "calendar": rng.choice(["gregorian", "hijri", "both"]),
            "paper": rng.choice(["A4", "Letter"]),
            "classification": rng.choice(["public", "internal", "confidential", "draft"]),
            "accent_color": rng.choice(["#0b5c6b", "#9c2a00", "#000000", "#ffcc00"]),
            "author": rng.choice(["", text(rng, 2, 300)]),
        },
    }


def deals() -> st.SearchStrategy[dict[str, Any]]:
    """Hypothesis strategy: deal files drawn by `deal_data` from hypothesis-controlled randomness."""
    return st.builds(deal_data, st.randoms(use_true_random=False))


FIXED_SEEDS = tuple(range(40))


def fixed_set(seeds: tuple[int, ...] = FIXED_SEEDS) -> list[tuple[int, dict[str, Any]]]:
    """The fixed-seed corpus: the same deals on every machine, named by their seed."""
    out = []
    for seed in seeds:
        data = deal_data(random.Random(seed))
        data["id"] = f"generated-{seed}"
        out.append((seed, data))
    return out
