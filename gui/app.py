"""Entry point of the editor: the Qt application, Arabic right-to-left, in the bundled font.

Only Qt's core is imported with this module: `launch` starts the render worker as soon as the
application object exists (a QProcess needs its event loop), so the worker imports WeasyPrint on
the other core while the interface font, the window and its modules load here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator

from engine.paths import FONTS
from gui.render_process import prestart_worker

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

FONT_FAMILY = "IBM Plex Sans Arabic"
QT_CATALOGS = ("qtbase",)  # Qt's own words: Save/Discard/Cancel, Yes/No, the file and print dialogs


def load_qt_translations(app: QApplication) -> list[QTranslator]:
    """Install Qt's Arabic translations shipped with PySide6 (kept alive on the app); those loaded."""
    if getattr(app, "_arabic_translators", None):
        return app._arabic_translators  # type: ignore[attr-defined]
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for catalog in QT_CATALOGS:
        translator = QTranslator(app)
        if translator.load(QLocale(QLocale.Language.Arabic), catalog, "_", folder):
            app.installTranslator(translator)
            loaded.append(translator)
    app._arabic_translators = loaded  # type: ignore[attr-defined]
    return loaded


def prepare_application() -> QApplication:
    """The QApplication, right-to-left, with the bundled Arabic font as the interface font."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("DealBriefing")
    app.setApplicationName("deal-briefing")
    app.setApplicationDisplayName("محرر الإحاطات الاستثمارية")
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    # Arabic month and day names with Latin digits, like the default digit setting of the reports.
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.UnitedArabEmirates))
    load_qt_translations(app)
    families: set[str] = set()
    for font in sorted(FONTS.glob("*.ttf")):
        families.update(QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(font))))
    family = FONT_FAMILY if FONT_FAMILY in families else next(iter(sorted(families)), "")
    if family:
        app.setFont(QFont(family, 10))
    return app


def open_window(path: Path | None = None) -> MainWindow:
    """A shown editor window on the deal (the sample when None)."""
    prestart_worker()  # (when not started yet) the render worker warms up while the window is built
    prepare_application()
    from gui.main_window import MainWindow
    from gui.preferences import Preferences

    window = MainWindow(Preferences())
    window.show()
    window.start(path)
    return window


def launch(path: Path | None = None) -> tuple[QApplication, MainWindow]:
    """Start the editor as fast as it can show a preview: the render worker before anything else."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    prestart_worker()
    app = prepare_application()
    return app, open_window(path)


def run(path: Path | None = None) -> int:
    """Run the editor until its window closes; returns the exit code."""
    app, window = launch(path)
    code = app.exec()
    del window
    return code


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
