"""A small chart compared with a reference image: reversed or unjoined Arabic fails it."""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine.charts import chart_options, draw_figure, growth, text
from engine.model import Deal

# One reference per text path: the two matplotlib releases place glyphs a pixel apart.
REFERENCE = (
    Path(__file__).parent
    / "references"
    / f"growth-labels-{'native' if text.NATIVE_SHAPING else 'reshaped'}.png"
)
# Share of the label strip's pixels allowed to differ by more than a quarter of the grey
# range: absorbs antialiasing noise, not a reversed or unjoined word.
TOLERANCE = 0.01


def small_deal() -> Deal:
    """Two growth figures with short Arabic labels, the sample deal's chart 3 in miniature."""
    metric = {"group": "نمو", "period_ar": "سنويًا"}
    return Deal.model_validate(
        {
            "id": "small",
            "title_ar": "صفقة",
            "date": "2025-11-18",
            "parties": [{"id": "a", "name_ar": "شركة"}],
            "metrics": [
                {
                    **metric,
                    "id": "m1",
                    "label_ar": "نمو أزور السنوي",
                    "value": {"value": 39, "unit": "percent"},
                },
                {
                    **metric,
                    "id": "m2",
                    "label_ar": "نمو السحابة",
                    "value": {"value": 17.5, "unit": "percent"},
                },
            ],
        }
    )


def render() -> np.ndarray:
    """The strip of the chart holding the Arabic category labels, at screen resolution."""
    deal = small_deal()
    fig = draw_figure(growth, growth.extract(deal), chart_options(deal))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [t.get_window_extent(renderer) for t in fig.axes[0].get_xticklabels() if t.get_text()]
    top = int(fig.bbox.height - max(b.y1 for b in labels)) - 2
    bottom = int(fig.bbox.height - min(b.y0 for b in labels)) + 2
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    image = np.asarray(Image.open(buf).convert("L"), dtype=np.int16)
    left, right = int(min(b.x0 for b in labels)) - 2, int(max(b.x1 for b in labels)) + 2
    return image[top:bottom, left:right]


def differing(a: np.ndarray, b: np.ndarray) -> float:
    if a.shape != b.shape:  # labels of another width: certainly not the same drawing
        return 1.0
    return float((np.abs(a - b) > 64).mean())


def test_matches_reference() -> None:
    image = render()
    if os.environ.get("UPDATE_CHART_REFERENCES") == "1":
        Image.fromarray(image.astype(np.uint8)).save(REFERENCE, optimize=True)
    reference = np.asarray(Image.open(REFERENCE).convert("L"), dtype=np.int16)
    assert differing(image, reference) < TOLERANCE


def test_the_other_text_path_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pre-shaping on matplotlib 3.11 reverses the words; raw text on 3.10 comes out unjoined."""
    reference = np.asarray(Image.open(REFERENCE).convert("L"), dtype=np.int16)
    monkeypatch.setattr(text, "NATIVE_SHAPING", not text.NATIVE_SHAPING)
    with warnings.catch_warnings():
        # Deliberately wrong: matplotlib 3.10 warns that it cannot shape Arabic.
        warnings.simplefilter("ignore", UserWarning)
        wrong = render()
    assert differing(wrong, reference) > 3 * TOLERANCE
