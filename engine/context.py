"""The template context: every figure, date and name of the deal, formatted for the page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from engine import vocabulary as words
from engine.amounts import format_amount
from engine.bidi import isolate, text_direction
from engine.charts import Chart
from engine.dates import format_date, format_period, format_relation, format_when
from engine.model import CURRENCIES, Commitment, Deal, Digits, Quantity, Relation
from engine.numerals import LRI, PDI, RLI, format_year, localize_prose_numbers, to_digits
from engine.vocabulary import join_names
from engine.wordbreak import breakable

ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]")
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u061c\u200e\u200f"))


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of user prose with its own direction."""

    text: str
    dir: str


@dataclass(frozen=True)
class Section:
    """A narrative section: its Arabic heading and paragraphs."""

    key: str
    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Figure:
    """A key figure for a card: the amount in words, what it is, and the party it concerns."""

    value: str
    label: str
    detail: str = ""
    marker: str = ""
    refs: str = ""


@dataclass
class ReportContext:
    """Everything a template receives; strings are final text, isolated and in the report's digits."""

    deal: Deal
    title: str
    subtitle: str
    meta: dict[str, str]  # PDF metadata and bookmark text: plain, in the report's digits
    date: str
    author: str
    classification: str
    classification_key: str
    digits: str
    counter_style: str
    paper: str
    accent: str
    parties: list[dict[str, str]]
    commitments: list[dict[str, Any]]
    capacities: list[dict[str, str]]
    metrics: list[dict[str, str]]
    milestones: list[dict[str, str]]
    risks: list[dict[str, Any]]
    sections: list[Section]
    sources: list[dict[str, str]]
    key_figures: list[Figure]
    charts: dict[str, Chart] = field(default_factory=dict)
    logo: str = ""  # a validated data: URI, or empty
    fit: int = 0  # 0 = full text; higher levels shorten the prose of one-page templates
    tight: bool = False  # set a little tighter, so a last page holding a line or two is not needed

    def as_dict(self) -> dict[str, Any]:
        """The context as template variables."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def localized(text: str, digits: Digits) -> str:
    """User text with its figures in the report's digits, by the Latin-token rule (README).

    Text with Latin letters and no Arabic one (an English source title, a Latin name) keeps its
    digits as typed; in Arabic text, a figure joined to a Latin letter or a currency sign (MI450,
    GB200, GPT-4, $30B) keeps them too. Text with no letter at all («2024», «2026–2027») is a
    bare figure, and follows the digit setting like any other.
    """
    if ARABIC_LETTER.search(text) or not any(ch.isalpha() for ch in text):
        return localize_prose_numbers(text, digits)
    return text


def plain(text: str) -> str:
    """Text without the bidi controls the page needs, for PDF metadata and bookmarks."""
    return text.translate(BIDI_CONTROLS)


def direction(text: str) -> str:
    """ "rtl" for any text with an Arabic letter (an Arabic sentence may begin with «OpenAI»), else
    the direction of its first strong letter."""
    return "rtl" if ARABIC_LETTER.search(text) else text_direction(text)


def paragraphs(text: str, digits: Digits) -> tuple[Paragraph, ...]:
    """Split prose on blank lines; localize its figures; give each paragraph its direction (overlong
    words get break opportunities, engine.wordbreak)."""
    blocks = [" ".join(b.split()) for b in text.replace("\r\n", "\n").split("\n\n")]
    return tuple(Paragraph(breakable(localized(b, digits)), direction(b)) for b in blocks if b)


def user_line(text: str, digits: Digits) -> str:
    """A one-line user value: figures localized, isolated in its own direction, overlong words breakable."""
    if not text:
        return ""
    opening = RLI if direction(text) == "rtl" else LRI
    return f"{opening}{breakable(localized(text, digits))}{PDI}"


def build_context(deal: Deal, charts: dict[str, Chart]) -> ReportContext:
    """Format the deal for its templates."""
    opts = deal.options
    digits = opts.digits
    source_numbers = {s.id: i for i, s in enumerate(deal.sources, start=1)}

    def refs(ids: tuple[str, ...]) -> str:
        return "، ".join(to_digits(str(source_numbers[i]), digits) for i in ids)

    def name(party_id: str) -> str:
        return user_line(deal.party(party_id).name_ar, digits)

    def names(ids: tuple[str, ...]) -> str:
        return join_names([name(i) for i in ids])

    def amount(q: Quantity) -> str:
        return format_amount(q, digits)

    def stage_text(c: Commitment) -> list[str]:
        lines = []
        for stage in c.stages:
            text = user_line(stage.label_ar, digits)
            if stage.amount is not None:
                per = f" لكل {user_line(stage.per_ar, digits)}" if stage.per_ar else ""
                text += f": {amount(stage.amount)}{per}"
            if stage.milestone is not None:
                m = deal.milestone(stage.milestone)
                text += f" ({isolate(format_relation(m, m.relation, digits, opts.calendar))})"
            lines.append(text)
        return lines

    def commitment_row(c: Commitment, *, tranche: bool) -> dict[str, Any]:
        return {
            "source": names(c.payers),
            "target": names(c.payees),
            "kind": words.COMMITMENT_KINDS[c.kind],
            "kind_key": c.kind.value,
            "amount": amount(c.amount),
            "precision": words.PRECISIONS[c.amount.precision],
            "precision_key": c.amount.precision.value,
            "prior": c.prior,
            "label": user_line(c.label_ar, digits),
            "tranche": tranche,
            "period": isolate(format_period(c.period, digits)) if c.period else "",
            "stages": stage_text(c),
            "note": user_line(c.note_ar, digits),
            "refs": refs(c.sources),
        }

    commitments = []
    # New before prior; money (largest first) before other units, which are not comparable with it.
    for whole in sorted(
        deal.wholes(), key=lambda c: (c.prior, c.amount.unit not in CURRENCIES, -c.amount.high)
    ):
        commitments.append(commitment_row(whole, tranche=False))
        # A tranche is listed under its whole, marked as a part: never a second, added amount.
        commitments += [commitment_row(t, tranche=True) for t in _tranches_within(deal, whole.id)]
    capacities = [
        {
            "provider": name(cap.provider),
            "consumer": name(cap.consumer),
            "power": amount(cap.power),
            "platforms": "، ".join(isolate(p) for p in cap.platforms),
            "note": user_line(cap.note_ar, digits),
            "refs": refs(cap.sources),
        }
        for cap in deal.capacities
    ]
    metrics = [
        {
            "label": user_line(m.label_ar, digits),
            "value": amount(m.value),
            "period": user_line(m.period_ar, digits),
            "year": format_year(m.year, digits) if m.year else "",
            "refs": refs(m.sources),
        }
        for m in deal.metrics
    ]
    milestones = [
        {
            "when": format_when(m, digits, opts.calendar),
            "relation": "" if m.relation is Relation.on else words.RELATIONS[m.relation],
            "label": user_line(m.label_ar, digits),
            "kind": words.MILESTONE_KINDS[m.kind],
            "refs": refs(m.sources),
            "releases": [
                f"{words.COMMITMENT_KINDS[c.kind]}: {user_line(stage.label_ar, digits)}"
                for c in deal.commitments
                for stage in c.stages
                if stage.milestone == m.id
            ],
        }
        for m in sorted(deal.milestones, key=lambda m: m.anchor)
    ]
    risks = [
        {
            "title": user_line(r.title_ar, digits),
            "detail": paragraphs(r.detail_ar, digits),
            "likelihood": words.LEVELS[r.likelihood],
            "impact": words.LEVELS[r.impact],
            "likelihood_key": r.likelihood.value,
            "impact_key": r.impact.value,
        }
        for r in deal.risks
    ]
    sources = [
        {
            "number": to_digits(str(i), digits),
            "title": user_line(s.title, digits),
            "publisher": user_line(s.publisher, digits),
            "date": format_date(s.date, digits, opts.calendar) if s.date else "",
            "url": isolate(s.url),
        }
        for i, s in enumerate(deal.sources, start=1)
    ]
    sections = [
        Section(key, title, paragraphs(getattr(deal.narrative, key), digits))
        for key, title in words.SECTIONS.items()
        if getattr(deal.narrative, key).strip()
    ]
    return ReportContext(
        deal=deal,
        title=user_line(deal.title_ar, digits),
        subtitle=user_line(deal.subtitle_ar, digits),
        meta={
            "title": plain(localized(deal.title_ar, digits)),
            "description": plain(localized(deal.subtitle_ar or deal.title_ar, digits)),
            "author": opts.author or "Deal Briefing",
            "keywords": ", ".join(p.name_en or p.name_ar for p in deal.parties),
            "created": deal.date.isoformat(),
        },
        date=format_date(deal.date, digits, opts.calendar),
        author=user_line(opts.author, digits),
        classification=words.CLASSIFICATIONS[opts.classification],
        classification_key=opts.classification.value,
        digits=digits.value,
        counter_style="arabic-indic" if digits is Digits.arab else "decimal",
        paper=opts.paper.value,
        accent=opts.accent_color,
        parties=[
            {
                "name": user_line(p.name_ar, digits),
                "latin": isolate(p.name_en),
                "role": "، ".join(words.ROLES[r] for r in p.roles),
            }
            for p in deal.parties
        ],
        commitments=commitments,
        capacities=capacities,
        metrics=metrics,
        milestones=milestones,
        risks=risks,
        sections=sections,
        sources=sources,
        key_figures=key_figures(deal, digits, refs),
        charts=charts,
        logo=opts.logo,
    )


def key_figures(deal: Deal, digits: Digits, refs: Any) -> list[Figure]:
    """The headline numbers: the largest new commitments, the capacity, a market figure."""
    figures: list[Figure] = []
    new = sorted(
        (c for c in deal.wholes() if not c.prior),
        key=lambda c: (c.amount.unit not in CURRENCIES, -c.amount.high),
    )
    for c in new[:3]:
        source = join_names([user_line(deal.party(p).name_ar, digits) for p in c.payers])
        target = join_names([user_line(deal.party(p).name_ar, digits) for p in c.payees])
        figures.append(
            Figure(
                value=format_amount(c.amount, digits),
                label=words.COMMITMENT_KINDS[c.kind],
                detail=f"{source} ← {target}",
                marker=c.amount.precision.value,
                refs=refs(c.sources),
            )
        )
    for cap in deal.capacities[:1]:
        figures.append(
            Figure(
                value=format_amount(cap.power, digits),
                label="سعة الحوسبة",
                detail="، ".join(isolate(p) for p in cap.platforms),
                marker=cap.power.precision.value,
                refs=refs(cap.sources),
            )
        )
    return figures


def _tranches_within(deal: Deal, whole_id: str) -> list[Commitment]:
    """The tranches of a commitment and, after each, the tranches of that tranche."""
    found = []
    for part in deal.tranches(whole_id):
        found.append(part)
        found += _tranches_within(deal, part.id)
    return found
