"""Screenshots of the editor in every tab at 1366×768 and 1600×1000, for docs/editor/ (offscreen Qt)."""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "editor"
SIZES = ((1366, 768), (1600, 1000))
TABS = ("general", "parties", "commitments", "capacities", "metrics", "milestones", "risks", "sources")
TABS += ("narrative", "options")


def main() -> int:
    """Open the sample deal, wait for its preview, and save one PNG per size and tab."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="editor-shots-"))
    os.environ["DEAL_BRIEFING_DATA_DIR"] = str(scratch / "data")
    os.environ["DEAL_BRIEFING_CONFIG_DIR"] = str(scratch / "config")
    sys.path.insert(0, str(ROOT))
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtTest import QTest

    from gui.app import prepare_application
    from gui.main_window import MainWindow
    from gui.preferences import Preferences

    def save(pixmap: object, path: Path) -> None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.save(buffer, "PNG")  # type: ignore[attr-defined]
        image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
        # A 256-colour palette keeps text sharp at a third of the size.
        image.quantize(256).save(path, optimize=True)

    prepare_application()
    window = MainWindow(Preferences(), autosave_dir=scratch / "data")
    window.show()
    window.start(None)
    deadline = time.monotonic() + 60
    while not window.preview.is_current and time.monotonic() < deadline:
        QTest.qWait(50)
    OUT.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        window.resize(width, height)
        for index, name in enumerate(TABS):
            window.editor.setCurrentIndex(index)
            QTest.qWait(150)
            save(window.grab(), OUT / f"{width}x{height}-{index:02d}-{name}.png")
    # A draft with problems: tab markers, the problem list, the field it jumps to.
    window.resize(*SIZES[0])
    window.document.set_value(("commitments", 1, "amount", "value"), "عشرة")
    window.document.set_value(("risks", 0, "title_ar"), "")
    window.document.set_value(("options", "accent_color"), "teal")
    window.show_problems()
    QTest.qWait(300)
    save(window.grab(), OUT / f"{SIZES[0][0]}x{SIZES[0][1]}-problems.png")
    window.document.stack.setClean()
    window.close()
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
