"""Where the project's own files live; the renderer reads nothing outside these."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
FONTS = ASSETS / "fonts"
TEMPLATES = ROOT / "templates"
REPORTS = ROOT / "reports"
SAMPLE_DEAL = ASSETS / "deals" / "microsoft-nvidia-anthropic.json"
