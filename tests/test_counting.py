"""Arabic counting for every counted noun, against the grammar of the number and its tamyīz.

The expected strings below are written from the rules of تمييز العدد, not taken from the code:

  R1  1: the noun, then «واحد/واحدة» as an adjective agreeing in gender (العدد واحد يأتي بعد المعدود
      صفةً له). A scale word in construct with another noun takes no «واحد»: «مليار دولار».
  R2  2: the dual says the number by itself (المثنى يغني عن العدد): nominative «سهمان» standing
      alone, oblique «سهمين» after a preposition or «نحو» (حتى/من/عن/نحو + مجرور). A scale word in
      construct is written «ملياري دولار» as the financial press writes it in every position.
  H2  House rule: a loanword unit with no dual of its own (جيجاواط، ميجاواط، يورو) keeps its digit,
      «2 جيجاواط», since the bare noun would read as one; a 2 written as a digit anyway (the end of
      a range) takes the singular: «1–2 مليار دولار».
  R3  3–10: plural, genitive (تمييز الأعداد من 3 إلى 10 جمع مجرور): «3 مليارات»، «5 دولارات».
  R4  11–99: singular, accusative (تمييز الأعداد من 11 إلى 99 مفرد منصوب): «11 سهمًا»، «20 دولارًا»;
      in construct before another noun the tanween drops: «30 مليار دولار». A word ending in ة
      shows its accusative only in vowel marks: «30 وحدة».
  R5  100 and above: singular, genitive (تمييز المئة والألف مفرد مجرور): «100 سهم», with the last
      two digits deciding for compound numbers: «103 مليارات» (R3), «111 سهمًا» (R4).
  R6  Fractions: the singular, genitive (تمييز الكسر العشري مفرد): «1.5 مليار دولار».
  B   Below the display precision (two decimals), «أقل من 0.01 …», never a false «0»; money below
      one unit is counted in its minor unit: «سنت واحد», «أقل من سنت واحد».
"""

from __future__ import annotations

import pytest

from engine.amounts import format_amount
from engine.counting import NOUNS, count, not_shown_note
from engine.model import CountedNoun, Digits, Quantity

L, A = Digits.latn, Digits.arab
GPU = {"singular": "معالج رسومي", "dual": "معالجان رسوميان", "plural": "معالجات رسومية"}


def q(value: float, unit: str = "USD", precision: str = "exact", **kw: object) -> Quantity:
    return Quantity(value=value, unit=unit, precision=precision, **kw)


def bare(text: str) -> str:
    """The words without the bidi controls the formatter adds around percentages."""
    return "".join(ch for ch in text if ch not in "\u2066\u2067\u2068\u2069\u061c")


AMOUNTS = [
    # rule, quantity, digits, expected
    # -- US dollars, with and without scale words
    ("R1", q(1), L, "دولار واحد"),
    ("R2", q(2), L, "دولاران"),
    ("R2 oblique after حتى", q(2, precision="up_to"), L, "حتى دولارين"),
    ("R3", q(5), L, "5 دولارات"),
    ("R4", q(20), L, "20 دولارًا"),
    ("R5", q(500), L, "500 دولار"),
    ("R6", q(2.5), L, "2.5 دولار"),
    ("R1 scale", q(1e9), L, "مليار دولار"),
    ("R2 scale", q(2e9), L, "ملياري دولار"),
    ("R3 scale", q(10e9, precision="up_to"), L, "حتى 10 مليارات دولار"),
    ("R4 scale", q(30e9), L, "30 مليار دولار"),
    ("R5 scale", q(500e9), L, "500 مليار دولار"),
    ("R5+R3 scale", q(103e9), L, "103 مليارات دولار"),
    ("R6 scale", q(1.5e12), L, "1.5 تريليون دولار"),
    ("R3 range by its upper end", q(3e12, "USD", "range", upper=4e12), L, "3–4 تريليونات دولار"),
    ("R3 Arabic-Indic", q(3e12, "USD", "range", upper=4e12), A, "٣–٤ تريليونات دولار"),
    ("H2 range ending in 2", q(1e9, "USD", "range", upper=2e9), L, "1–2 مليار دولار"),
    ("R4 range by its upper end", q(5, "shares", "range", upper=12), L, "5–12 سهمًا"),
    ("B minor unit R1", q(0.01), L, "سنت واحد"),
    ("B minor unit R4", q(0.5), L, "50 سنتًا"),
    ("B minor unit R3", q(0.05), L, "5 سنتات"),
    ("B below a cent", q(0.00001), L, "أقل من سنت واحد"),
    # -- other currencies
    ("H2 euro", q(2, "EUR"), L, "2 يورو"),
    ("R4 euro (indeclinable)", q(15, "EUR"), L, "15 يورو"),
    ("R1 euro", q(1, "EUR"), L, "يورو واحد"),
    ("R2 pound", q(2, "GBP"), L, "جنيهان إسترلينيان"),
    ("R4 pound", q(12, "GBP"), L, "12 جنيهًا إسترلينيًا"),
    ("R3 riyal", q(7e6, "SAR"), L, "7 ملايين ريال"),
    ("R4 riyal", q(40, "SAR"), L, "40 ريالًا"),
    ("R3 dirham (broken plural)", q(4, "AED"), L, "4 دراهم"),
    ("R2 dirham", q(2, "AED", "about"), L, "نحو درهمين"),
    ("B minor unit halala (feminine)", q(0.01, "SAR"), L, "هللة واحدة"),
    # -- power
    ("R1 power", q(1, "GW", "up_to"), L, "حتى جيجاواط واحد"),
    ("H2 power", q(2, "GW"), L, "2 جيجاواط"),
    ("H2 power with نحو", q(2, "MW", "about"), L, "نحو 2 ميجاواط"),
    ("R3 power (invariant)", q(6, "GW"), A, "٦ جيجاواط"),
    ("R5 power", q(250, "MW"), L, "250 ميجاواط"),
    ("R6 power", q(2.5, "GW"), L, "2.5 جيجاواط"),
    ("B power", q(0.001, "GW"), L, "أقل من 0.01 جيجاواط"),
    ("B power Arabic-Indic", q(0.001, "GW"), A, "أقل من ٠٫٠١ جيجاواط"),
    ("at least", q(10, "GW", "at_least"), L, "ما لا يقل عن 10 جيجاواط"),
    # -- shares
    ("R1 shares", q(1, "shares"), L, "سهم واحد"),
    ("R2 shares", q(2, "shares"), L, "سهمان"),
    ("R3 shares (broken plural)", q(3, "shares"), L, "3 أسهم"),
    ("R4 shares", q(12, "shares"), L, "12 سهمًا"),
    ("R5 shares", q(100, "shares"), L, "100 سهم"),
    ("R5+R4 shares", q(111, "shares"), L, "111 سهمًا"),
    ("R5 shares with a scale word", q(160e6, "shares", "up_to"), L, "حتى 160 مليون سهم"),
    ("R2 shares, thousands in construct", q(2000, "shares"), L, "ألفي سهم"),
    # -- hardware units (feminine وحدة)
    ("R1 units, feminine", q(1, "units"), L, "وحدة واحدة"),
    ("R2 units", q(2, "units"), L, "وحدتان"),
    ("R3 units", q(8, "units"), L, "8 وحدات"),
    ("R4 units (ة: no written alif)", q(30, "units"), L, "30 وحدة"),
    ("R5 units", q(50e3, "units"), L, "50 ألف وحدة"),
    # -- a counted noun the deal names itself
    ("R1 free noun", q(1, "counted", noun=GPU), L, "معالج رسومي واحد"),
    ("R2 free noun", q(2, "counted", noun=GPU), L, "معالجان رسوميان"),
    ("R2 free noun, oblique", q(2, "counted", "up_to", noun=GPU), L, "حتى معالجين رسوميين"),
    ("R3 free noun", q(4, "counted", noun=GPU), L, "4 معالجات رسومية"),
    ("R4 free noun", q(15, "counted", noun=GPU), L, "15 معالجًا رسوميًا"),
    ("R5 free noun", q(200, "counted", noun=GPU), L, "200 معالج رسومي"),
    ("R5 free noun with a scale word", q(30e3, "counted", noun=GPU), A, "٣٠ ألف معالج رسومي"),
    # -- percentages
    ("percent", q(39, "percent"), L, "39%"),
    ("percent Arabic-Indic", q(17.5, "percent"), A, "١٧٫٥٪"),
    ("B percent", q(0.001, "percent"), L, "أقل من 0.01%"),
    ("percent of equity", q(10, "equity_percent", "about"), A, "نحو ١٠٪ من رأس المال"),
    # -- orders of magnitude
    ("tens of billions", q(20e9, "USD", "magnitude"), L, "عشرات المليارات من الدولارات"),
    ("hundreds of millions of shares", q(300e6, "shares", "magnitude"), L, "مئات الملايين من الأسهم"),
]


@pytest.mark.parametrize(("rule", "quantity", "digits", "expected"), AMOUNTS, ids=[a[0] for a in AMOUNTS])
def test_amount_counts_by_the_rule(rule: str, quantity: Quantity, digits: Digits, expected: str) -> None:
    assert bare(format_amount(quantity, digits, isolate=False)) == expected


WORDS = [
    # rule, count, noun, digits, oblique, expected
    ("R1", 1, "commitment", L, False, "التزام واحد"),
    ("R2", 2, "commitment", L, False, "التزامان"),
    ("R3", 7, "commitment", A, False, "٧ التزامات"),
    ("R4", 11, "commitment", L, False, "11 التزامًا"),
    ("R5", 100, "commitment", L, False, "100 التزام"),
    ("R1 feminine", 1, "year", L, False, "سنة واحدة"),
    ("R2 oblique", 2, "year", L, True, "سنتين"),
    ("R3", 4, "year", A, False, "٤ سنوات"),
    ("R4 (ة)", 25, "year", L, False, "25 سنة"),
    ("R6", 2.5, "year", L, False, "2.5 سنة"),
    ("R1", 1, "item", L, False, "بند واحد"),
    ("R3 (broken plural)", 3, "item", L, False, "3 بنود"),
    ("R4", 12, "item", L, False, "12 بندًا"),
]


@pytest.mark.parametrize("case", WORDS, ids=[f"{w[0]}-{w[2]}-{w[1]}" for w in WORDS])
def test_counted_words(case: tuple[str, float, str, Digits, bool, str]) -> None:
    _rule, n, noun, digits, oblique, expected = case
    assert count(n, NOUNS[noun], digits, oblique=oblique) == expected


@pytest.mark.parametrize(
    ("n", "digits", "expected"),
    [
        # The verb is feminine before a plural of things (R3) and masculine otherwise; «أصغر», an
        # elative with neither article nor «من», stays the same for every number and gender.
        (1, L, "لم يُعرض التزام واحد أصغر"),
        (2, L, "لم يُعرض التزامان أصغر"),
        (7, A, "لم تُعرض ٧ التزامات أصغر"),
        (11, A, "لم يُعرض ١١ التزامًا أصغر"),
        (120, L, "لم يُعرض 120 التزامًا أصغر"),
    ],
)
def test_chart_note_counts_what_it_leaves_out(n: int, digits: Digits, expected: str) -> None:
    assert not_shown_note(n, digits) == expected


def test_a_free_noun_can_give_every_form_itself() -> None:
    noun = CountedNoun(singular="خادم", dual="خادمان", plural="خوادم", accusative="خادمًا", feminine=False)
    assert format_amount(q(14, "counted", noun=noun), L, isolate=False) == "14 خادمًا"
    assert format_amount(q(2, "counted", "about", noun=noun), L, isolate=False) == "نحو خادمين"


def test_counted_units_need_their_noun_and_only_they_take_one() -> None:
    with pytest.raises(ValueError, match="needs its 'noun'"):
        q(3, "counted")
    with pytest.raises(ValueError, match="only allowed when unit is 'counted'"):
        q(3, "shares", noun=GPU)
