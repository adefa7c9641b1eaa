"""The one switch between native shaping (matplotlib >= 3.11) and reshape + bidi (older)."""

from __future__ import annotations

import matplotlib
import pytest
from arabic_reshaper import ArabicReshaper
from bidi import get_display

from engine.charts import text
from engine.charts.text import BIDI_CONTROLS, NATIVE_SHAPING, PLACEHOLDER, drawable, visual, wrap

PRESENTATION_FORMS = range(0xFB50, 0xFF00)


def _pre_shaped(s: str) -> bool:
    return any(ord(ch) in PRESENTATION_FORMS for ch in s)


def test_path_follows_matplotlib_version() -> None:
    major, minor = (int(p) for p in matplotlib.__version__.split(".")[:2])
    assert NATIVE_SHAPING is ((major, minor) >= (3, 11))


def test_native_path_passes_logical_text_unchanged() -> None:
    label = "\u2067\u061c39%\u2069 نمو أزور (Azure)"
    assert visual(label, native=True) == label


def test_reshape_path_is_reshaped_and_reordered() -> None:
    label = "نمو أزور السنوي"
    shown = visual(label, native=False)
    expected = get_display(ArabicReshaper(configuration={"delete_harakat": False}).reshape(label))
    assert shown == expected
    assert _pre_shaped(shown)
    # Visual order: the last letter of the phrase comes first, the first word last.
    assert shown[0] == "\ufef1"  # final yeh of السنوي
    assert shown.split(" ")[-1] == visual("نمو", native=False)


def test_reshape_path_keeps_percent_left_and_drops_controls() -> None:
    shown = visual("\u2067\u061c39%\u2069 نمو", native=False)
    assert shown.endswith("%39")
    assert not set(map(chr, BIDI_CONTROLS)) & set(shown)


def test_reshape_path_mirrors_brackets_in_arabic_runs() -> None:
    assert visual("سقف أعلى (حتى)", native=False).startswith("(")
    assert visual("Amazon (AWS)", native=False) == "Amazon (AWS)"
    assert "(AWS)" in visual("أمازون (AWS)", native=False)


def test_reshape_path_keeps_diacritics() -> None:
    assert "\u064e" in visual("مَال", native=False)


def test_current_path_matches_the_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    label = "شركة"
    assert _pre_shaped(visual(label)) is not NATIVE_SHAPING
    monkeypatch.setattr(text, "NATIVE_SHAPING", not NATIVE_SHAPING)
    assert _pre_shaped(visual(label)) is NATIVE_SHAPING


def test_unsupported_characters_become_a_visible_placeholder() -> None:
    assert drawable("😀 $ { } \\ _ ^ %") == "😀 $ { } \\ _ ^ %"  # DejaVu Sans draws this emoji
    assert drawable("🦄 x") == f"{PLACEHOLDER} x"  # nothing bundled draws this one
    assert drawable("\u2067x\u2069") == "\u2067x\u2069"


def test_wrap_limits_lines_and_marks_the_cut() -> None:
    wrapped = wrap("كلمة " * 40, 20, max_lines=2)
    lines = wrapped.split("\n")
    assert len(lines) == 2
    assert all(len(line) <= 20 for line in lines)
    assert wrapped.endswith("…")
    assert wrap("x" * 200, 30, max_lines=1).endswith("…")
