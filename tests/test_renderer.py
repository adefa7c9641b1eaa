"""One warm WeasyPrint renderer per process: every render reuses its font configuration."""

from __future__ import annotations

from engine.model import Deal
from engine.pdf import renderer
from engine.pipeline import render, warm_up


def test_renders_share_one_font_configuration(sample_deal: Deal) -> None:
    warm = warm_up()
    fonts, before = warm.font_config, warm.renders
    first = render(sample_deal, template="onepage")
    second = render(sample_deal, template="onepage")
    assert renderer() is warm and warm.font_config is fonts
    assert warm.renders >= before + 2
    assert first.pdf == second.pdf  # a reused configuration changes nothing in the output
    # WeasyPrint stores each @font-face file once per configuration: the four bundled weights.
    assert len(list(fonts._folder.iterdir())) == 4
