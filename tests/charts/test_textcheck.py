"""Each class of chart text defect the chart's own check claims to catch, made on purpose in a figure."""

from __future__ import annotations

from matplotlib.patches import FancyArrowPatch

from engine.charts.style import new_figure
from engine.charts.text import chart_settings
from engine.charts.textcheck import OWN_LABELS, text_report


def codes(fig) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in text_report(fig).findings}


def blank():  # type: ignore[no-untyped-def]
    fig = new_figure(2.0, 4.0, constrained=False)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return fig, ax


def test_a_leader_line_through_another_label_is_reported() -> None:
    with chart_settings("#0b5f6b"):
        fig, ax = blank()
        mine = ax.text(0.9, 0.9, "محطة أولى", ha="center", va="center")
        ax.text(0.5, 0.5, "محطة ثانية", ha="center", va="center")
        (line,) = ax.plot([0.1, 0.9], [0.1, 0.86], gid="leader")  # runs through «محطة ثانية»
        setattr(line, OWN_LABELS, (mine,))
        assert "chart-leader-cross" in codes(fig)
        line.set_data([0.9, 0.9], [0.1, 0.86])  # straight up to its own label, past nothing else
        assert "chart-leader-cross" not in codes(fig)


def test_a_line_broken_where_it_passes_a_label_does_not_cross_it() -> None:
    with chart_settings("#0b5f6b"):
        fig, ax = blank()
        ax.text(0.5, 0.5, "٢٠٣٠", ha="center", va="center", fontsize=7)
        ax.plot([0.5, 0.5, float("nan"), 0.5, 0.5], [0.95, 0.6, float("nan"), 0.4, 0.05], gid="leader")
        assert "chart-leader-cross" not in codes(fig)


def test_an_arrow_across_a_label_is_reported_but_not_across_its_own() -> None:
    with chart_settings("#0b5f6b"):
        fig, ax = blank()
        label = ax.text(0.5, 0.5, "حتى ١٠ مليارات دولار", ha="center", va="center")
        arrow = FancyArrowPatch((0.05, 0.5), (0.95, 0.5), arrowstyle="-|>", mutation_scale=8)
        ax.add_patch(arrow)
        assert "chart-leader-cross" in codes(fig)
        setattr(arrow, OWN_LABELS, (label,))
        assert "chart-leader-cross" not in codes(fig)


def test_text_cut_by_its_axes_is_reported() -> None:
    with chart_settings("#0b5f6b"):
        fig, ax = blank()
        ax.text(0.98, 0.5, "تسمية طويلة تتجاوز حد المحاور", ha="left", va="center", clip_on=True)
        assert "chart-text-clipped" in codes(fig)
        fig2, ax2 = blank()
        ax2.text(0.5, 0.5, "قصيرة", ha="center", va="center", clip_on=True)
        assert "chart-text-clipped" not in codes(fig2)


def test_the_smallest_text_and_the_drawing_size_are_measured() -> None:
    with chart_settings("#0b5f6b"):
        fig, ax = blank()
        ax.text(0.5, 0.7, "كبير", fontsize=9)
        ax.text(0.5, 0.3, "صغير", fontsize=6.5)
        report = text_report(fig)
        assert report.smallest_pt == 6.5 and report.smallest == "صغير"
        assert report.size_pt == (4.0 * 72, 2.0 * 72)
