"""The one place that decides how chart text reaches matplotlib: native shaping or reshape + bidi."""

from __future__ import annotations

import contextlib
import textwrap
import threading
import unicodedata
import warnings
from collections.abc import Iterator
from functools import cache
from typing import Any

import matplotlib
from matplotlib import font_manager

from engine.paths import FONTS

FAMILY = "IBM Plex Sans Arabic"
# DejaVu Sans ships inside matplotlib: the per-glyph fallback for symbols and emoji
# that IBM Plex lacks, so user text is drawn literally instead of as empty boxes.
FALLBACK = "DejaVu Sans"

# Bidi controls the formatters put in figures (isolates around percentages, ALM).
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u061c\u200e\u200f"))


def _version() -> tuple[int, int]:
    major, minor = matplotlib.__version__.split(".")[:2]
    return int(major), int(minor)


# matplotlib >= 3.11 shapes text with libraqm: logical strings must go in as they are
# (pre-shaped text would come out reversed). Older releases draw code points left to
# right one by one, so they need arabic-reshaper + python-bidi first.
NATIVE_SHAPING: bool = _version() >= (3, 11)

# rcParams are process-wide; drawing holds this lock so that concurrent drawings
# in one process do not see each other's settings.
DRAW_LOCK = threading.RLock()


MIRRORS = dict(zip("()[]{}<>«»", ")(][}{><»«", strict=True))


def visual(text: str, *, native: bool | None = None) -> str:
    """A logical-order string as it must be handed to matplotlib on this code path.

    Native path: unchanged. The isolates and the Arabic letter mark are kept, libraqm
    honours them ("%39" keeps its sign on the left). Reshape path: each line is shaped
    and reordered, then the controls, already applied, are removed (no glyph for them).
    """
    text = drawable(text)
    if native is None:
        native = NATIVE_SHAPING  # read at call time: tests may draw the other path on purpose
    if native:
        return text
    from bidi import get_base_level, get_display

    lines = []
    for line in text.split("\n"):
        shown = get_display(_reshaper().reshape(line))
        lines.append(_mirror(shown, rtl=get_base_level(line) == 1).translate(BIDI_CONTROLS))
    return "\n".join(lines)


PLACEHOLDER = "\u25a1"  # □: stands for a character neither font can draw


@cache
def _covered() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    fonts = [
        FONTS / "IBMPlexSansArabic-Regular.ttf",
        font_manager.findfont(FALLBACK, fallback_to_default=False),
    ]
    points: set[int] = set()
    for path in fonts:
        with TTFont(path, lazy=True) as font:
            points.update(font.getBestCmap())
    return frozenset(points)


def drawable(text: str) -> str:
    """The text with every character no bundled font has replaced by a visible □.

    Deliberate: matplotlib would warn and draw an empty box anyway; the placeholder
    keeps output and logs clean. Format characters (bidi controls) are kept.
    """
    covered = _covered()
    return "".join(
        ch if ord(ch) in covered or ch == "\n" or unicodedata.category(ch) == "Cf" else PLACEHOLDER
        for ch in text
    )


@cache
def _reshaper() -> Any:
    from arabic_reshaper import ArabicReshaper

    return ArabicReshaper(configuration={"delete_harakat": False})  # keep the diacritics


def _strong(ch: str) -> str:
    kind = unicodedata.bidirectional(ch)
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else ""


def _mirror(shown: str, *, rtl: bool) -> str:
    """Mirror brackets that ended up in right-to-left runs (python-bidi 0.6 leaves them as typed).

    A bracket takes the direction of its strong neighbours when both agree, else the
    paragraph's (rule N1 of the bidi algorithm, close enough for labels).
    """
    chars = list(shown)
    for i, ch in enumerate(chars):
        if ch not in MIRRORS:
            continue
        before = next((d for c in reversed(chars[:i]) if (d := _strong(c))), "")
        after = next((d for c in chars[i + 1 :] if (d := _strong(c))), "")
        in_rtl = before == after == "R" or (rtl and not before == after == "L")
        if in_rtl:
            chars[i] = MIRRORS[ch]
    return "".join(chars)


def wrap(text: str, width: int, *, max_lines: int = 2) -> str:
    """Wrap a label on spaces to `width` characters, at most `max_lines`, ending in '…' if cut."""
    text = " ".join(text.split())
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False)
    if not lines:
        return ""
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, width - 1)].rstrip() + "…"
    return "\n".join(lines)


@cache
def register_fonts() -> str:
    """Register the bundled Arabic fonts with matplotlib once; returns the family name."""
    for path in sorted(FONTS.glob("IBMPlexSansArabic-*.ttf")):
        font_manager.fontManager.addfont(str(path))
    return FAMILY


def rc(accent: str) -> dict[str, Any]:
    """The settings every chart figure is created and saved under."""
    return {
        "font.family": [register_fonts(), FALLBACK],
        "font.size": 8.5,
        "text.parse_math": False,  # "$30B" stays "$30B": no user text is ever mathtext
        "text.usetex": False,
        "axes.unicode_minus": False,
        "axes.edgecolor": "#555555",
        "axes.labelcolor": "#222222",
        "axes.titlesize": 9,
        "axes.prop_cycle": matplotlib.cycler(color=[accent]),
        "xtick.color": "#333333",
        "ytick.color": "#333333",
        "text.color": "#111111",
        "hatch.linewidth": 0.8,
        "svg.fonttype": "path",  # WeasyPrint lays out SVG <text> Arabic in the wrong order
        "svg.hashsalt": "deal-charts",  # deterministic ids: same input, same bytes
        "path.simplify": True,
    }


@contextlib.contextmanager
def chart_settings(accent: str) -> Iterator[None]:
    """Hold the drawing lock and apply the chart settings (tick labels read them lazily).

    A drawing too narrow for its labels makes constrained layout give up with a warning; the
    chart's own text check reports that drawing (labels past its edge), so the warning is not
    repeated on stderr. Warning filters are process-wide: the drawing lock is held meanwhile.
    """
    with DRAW_LOCK, matplotlib.rc_context(rc(accent)), warnings.catch_warnings():
        warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)
        yield
