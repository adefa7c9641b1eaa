"""Arabic counting: one rule, driven by a table of nouns, for every counted figure of a report.

The rule (تمييز العدد), as applied to a count written in digits:

- 1: the noun, then «واحد/واحدة» agreeing in gender: «سهم واحد»، «وحدة واحدة».
  A scale word standing before another noun takes no «واحد»: «مليار دولار».
- 2: the dual, which carries the number by itself: «سهمان»، «دولاران» (nominative, standing alone),
  «سهمين» (oblique, after «حتى»، «نحو»، «من»، «على مدى»). A scale word in construct takes the
  form the financial press writes in every position: «ملياري دولار».
  House rule: a noun with no dual of its own (a loanword unit such as «جيجاواط»، «ميجاواط»،
  «يورو») keeps its digit: «2 جيجاواط», never the bare noun that reads as one.
- 3–10: the plural, genitive: «3 مليارات»، «7 التزامات»، «5 دولارات».
- 11–99: the singular, accusative (tamyīz): «11 التزامًا»، «20 دولارًا»; in construct before
  another noun it loses its tanween: «30 مليار دولار».
- 100 and above: decided by the last two digits: 00, 01, 02 → singular genitive («100 سهم»،
  «500 مليار دولار»); 03–10 → plural («103 مليارات»); 11–99 → accusative («111 التزامًا»).
- Fractions: the singular genitive: «1.5 مليار دولار»، «2.5 جيجاواط».
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.model import CountedNoun, Digits
from engine.numerals import format_number


@dataclass(frozen=True)
class Noun:
    """The forms an Arabic counted noun takes after a number."""

    singular: str  # 1, fractions, 100+: "مليار"
    dual: str  # 2, nominative, standing alone: "دولاران"; a scale word's construct dual: "ملياري"
    plural: str  # 3 to 10: "مليارات"
    accusative: str = ""  # 11–99 standing alone: "دولارًا" (default: the singular)
    dual_oblique: str = ""  # 2 after a preposition or «نحو»: "دولارين" (default: the dual)
    feminine: bool = False  # «واحدة» rather than «واحد»
    definite_plural: str = ""  # "عشرات المليارات", "من الدولارات" (default: ال + plural)

    @property
    def invariant(self) -> bool:
        """A loanword unit that does not change with the number (no dual of its own)."""
        return self.singular == self.dual == self.plural

    @property
    def the_plural(self) -> str:
        """The plural with the article, for «عشرات المليارات من الدولارات»."""
        return self.definite_plural or definite(self.plural)


def definite(phrase: str) -> str:
    """The phrase with the article on each word: "معالجات رسومية" → "المعالجات الرسومية"."""
    return " ".join(w if w.startswith("ال") else "ال" + w for w in phrase.split())


def _accusative_word(word: str) -> str:
    """A word with the accusative tanween as written: «التزامًا»; none after ة, ى, اء or a final alif."""
    if word.endswith(("ة", "ى", "اء", "ا", "ًا")):
        return word
    return word + "ًا"


def _oblique_dual_word(word: str) -> str:
    """The oblique dual of one word, by its suffix: «معالجان» → «معالجين», «وحدتان» → «وحدتين»."""
    if word.endswith("تان"):
        return word[:-3] + "تين"
    if word.endswith("ان"):
        return word[:-2] + "ين"
    return word


def noun_of(counted: CountedNoun) -> Noun:
    """The table entry for a noun the deal names itself, deriving what it left out."""
    accusative = counted.accusative or " ".join(_accusative_word(w) for w in counted.singular.split())
    oblique = counted.dual_oblique or " ".join(_oblique_dual_word(w) for w in counted.dual.split())
    feminine = counted.feminine if counted.feminine is not None else counted.singular.split()[0].endswith("ة")
    return Noun(counted.singular, counted.dual, counted.plural, accusative, oblique, feminine)


# Scale words: they stand before another noun (construct), so 11–99 and 100+ take the bare singular.
TRILLION = Noun("تريليون", "تريليوني", "تريليونات")
BILLION = Noun("مليار", "ملياري", "مليارات")
MILLION = Noun("مليون", "مليوني", "ملايين")
THOUSAND = Noun("ألف", "ألفي", "آلاف", definite_plural="الآلاف")
SCALES: tuple[tuple[float, Noun], ...] = ((1e12, TRILLION), (1e9, BILLION), (1e6, MILLION), (1e3, THOUSAND))

# Every noun a report counts. Nouns of currencies are keyed by ISO code, their minor units by "CODE.minor".
NOUNS: dict[str, Noun] = {
    "USD": Noun("دولار", "دولاران", "دولارات", "دولارًا", "دولارين"),
    "EUR": Noun("يورو", "يورو", "يورو", definite_plural="اليورو"),
    "GBP": Noun(
        "جنيه إسترليني",
        "جنيهان إسترلينيان",
        "جنيهات إسترلينية",
        "جنيهًا إسترلينيًا",
        "جنيهين إسترلينيين",
        definite_plural="الجنيهات الإسترلينية",
    ),
    "SAR": Noun("ريال", "ريالان", "ريالات", "ريالًا", "ريالين"),
    "AED": Noun("درهم", "درهمان", "دراهم", "درهمًا", "درهمين"),
    "USD.minor": Noun("سنت", "سنتان", "سنتات", "سنتًا", "سنتين"),
    "EUR.minor": Noun("سنت", "سنتان", "سنتات", "سنتًا", "سنتين"),
    "GBP.minor": Noun("بنس", "بنسان", "بنسات", "بنسًا", "بنسين"),
    "SAR.minor": Noun("هللة", "هللتان", "هللات", "هللة", "هللتين", feminine=True),
    "AED.minor": Noun("فلس", "فلسان", "فلوس", "فلسًا", "فلسين"),
    "GW": Noun("جيجاواط", "جيجاواط", "جيجاواط", definite_plural="الجيجاواط"),
    "MW": Noun("ميجاواط", "ميجاواط", "ميجاواط", definite_plural="الميجاواط"),
    "shares": Noun("سهم", "سهمان", "أسهم", "سهمًا", "سهمين", definite_plural="الأسهم"),
    "units": Noun("وحدة", "وحدتان", "وحدات", "وحدة", "وحدتين", feminine=True),
    "item": Noun("بند", "بندان", "بنود", "بندًا", "بندين"),
    "commitment": Noun("التزام", "التزامان", "التزامات", "التزامًا", "التزامين", definite_plural="الالتزامات"),
    "year": Noun("سنة", "سنتان", "سنوات", "سنة", "سنتين", feminine=True),
    "party": Noun("طرف", "طرفان", "أطراف", "طرفًا", "طرفين"),
    "tranche": Noun("شريحة", "شريحتان", "شرائح", "شريحة", "شريحتين", feminine=True),
    "indicator": Noun("مؤشر", "مؤشران", "مؤشرات", "مؤشرًا", "مؤشرين"),
    "group": Noun("مجموعة", "مجموعتان", "مجموعات", "مجموعة", "مجموعتين", feminine=True),
}

DISPLAY_DECIMALS = 2  # figures are written with at most two decimals
SMALLEST = 10**-DISPLAY_DECIMALS


def form(
    count: float, noun: Noun, *, oblique: bool = False, construct: bool = False, digit: bool = False
) -> str:
    """The form of the noun after this count (the count itself written separately).

    `digit`: the 2 is written as a digit (the end of a range, «1–2 مليار دولار»): the noun then
    takes the singular, as after any written figure that the dual does not replace (house rule H2).
    """
    if count != int(count):
        return noun.singular
    n = int(count)
    if n == 2 and digit:
        return noun.singular
    if n == 2:
        return (noun.dual_oblique or noun.dual) if oblique and not construct else noun.dual
    rest = n % 100
    if n >= 3 and 3 <= rest <= 10:
        return noun.plural
    if 11 <= rest <= 99 and not construct:
        return noun.accusative or noun.singular
    return noun.singular


def count(
    value: float, noun: Noun, digits: Digits, *, oblique: bool = False, tail: str = "", decimals: int = 2
) -> str:
    """A count and its noun by the rule above: «سهم واحد»، «سهمان»، «3 أسهم»، «11 سهمًا»، «100 سهم».

    `tail` is the noun a scale word governs («مليار دولار»): the scale word is then in construct.
    """
    construct = bool(tail)
    whole = value == int(value)
    if whole and int(value) == 1:
        one = noun.singular if construct else f"{noun.singular} {'واحدة' if noun.feminine else 'واحد'}"
        return f"{one} {tail}".strip()
    if whole and int(value) == 2 and not noun.invariant:
        return f"{form(2, noun, oblique=oblique, construct=construct)} {tail}".strip()
    text = format_number(value, digits, decimals=decimals)
    return f"{text} {form(value, noun, oblique=oblique, construct=construct)} {tail}".strip()


def below_display(value: float, decimals: int = DISPLAY_DECIMALS) -> bool:
    """A positive value that would print as zero at this many decimals."""
    return 0 < value < 0.5 * 10**-decimals


def pick_scale(value: float) -> tuple[float, Noun | None]:
    """The largest scale word that keeps the count at or above one."""
    for size, noun in SCALES:
        if value >= size:
            return size, noun
    return 1.0, None


def verb_for(n: int, masculine: str, feminine: str) -> str:
    """A verb before a counted subject: the feminine form for a plural of things (3–10), else masculine."""
    return feminine if n >= 3 and 3 <= n % 100 <= 10 else masculine


def not_shown_note(n: int, digits: Digits, what: str = "commitment") -> str:
    """A chart's note for what it left out: «لم يُعرض التزام واحد أصغر», «لم تُعرض 7 التزامات أصغر».

    «أصغر» is an elative without article or complement, invariant in number and gender.
    """
    noun = NOUNS[what]
    return f"لم {verb_for(n, 'يُعرض', 'تُعرض')} {count(n, noun, digits)} أصغر"


def others(n: int, noun: Noun, digits: Digits) -> str:
    """«طرف آخر», «طرفان آخران», «3 أطراف أخرى», «11 طرفًا آخر»: n more of a noun, the adjective agreeing.

    After 3–10 a plural of things takes the feminine singular «أخرى»; otherwise the adjective follows
    the noun's gender and number (the dual «آخران/أخريان»).
    """
    feminine = bool(noun.feminine)
    if n == 1:
        return f"{noun.singular} {'أخرى' if feminine else 'آخر'}"
    if n == 2:
        return f"{noun.dual} {'أخريان' if feminine else 'آخران'}"
    rest = n % 100
    adjective = "أخرى" if feminine or 3 <= rest <= 10 else "آخر"
    return f"{format_number(n, digits)} {form(n, noun)} {adjective}"
