"""Where the project's own files live; the renderer reads nothing outside these."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
# A checkout keeps templates/ and assets/ beside engine/; an installed wheel carries them inside it.
INSTALLED = (PACKAGE / "templates").is_dir() and (PACKAGE / "assets").is_dir()
DATA = PACKAGE if INSTALLED else ROOT
ASSETS = DATA / "assets"
FONTS = ASSETS / "fonts"
TEMPLATES = DATA / "templates"
SAMPLE_DEAL = ASSETS / "deals" / "microsoft-nvidia-anthropic.json"


def _reports_folder() -> Path:
    """reports/ in a checkout; installed, a folder in the user's documents (never site-packages)."""
    if not INSTALLED:
        return ROOT / "reports"
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "deal-briefing"


REPORTS = _reports_folder()
