"""Settings that persist between sessions, in one typed object over QSettings."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

CONFIG_DIR_ENV = "DEAL_BRIEFING_CONFIG_DIR"
MAX_RECENT = 8


class Preferences:
    """Window geometry, the last template and recent files; $DEAL_BRIEFING_CONFIG_DIR redirects the file."""

    def __init__(self, settings: QSettings | None = None) -> None:
        if settings is None:
            folder = os.environ.get(CONFIG_DIR_ENV)
            if folder:
                settings = QSettings(str(Path(folder) / "deal-briefing.ini"), QSettings.Format.IniFormat)
            else:
                settings = QSettings(
                    QSettings.Format.IniFormat, QSettings.Scope.UserScope, "DealBriefing", "deal-briefing"
                )
        self.settings = settings

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        """Saved main-window geometry."""
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.settings.setValue("window/geometry", value)

    @property
    def splitter(self) -> QByteArray | None:
        """Saved editor/preview splitter state."""
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self.settings.setValue("window/splitter", value)

    @property
    def last_template(self) -> str:
        """The template chosen last (used for new deals)."""
        return str(self.settings.value("report/template", "briefing") or "briefing")

    @last_template.setter
    def last_template(self, name: str) -> None:
        self.settings.setValue("report/template", name)

    @property
    def export_folder(self) -> Path | None:
        """The folder of the last export, when it still exists."""
        value = str(self.settings.value("export/folder", "") or "")
        return Path(value) if value and Path(value).is_dir() else None

    @export_folder.setter
    def export_folder(self, folder: Path) -> None:
        self.settings.setValue("export/folder", str(folder))

    @property
    def recent_files(self) -> list[Path]:
        """Deal files opened or saved recently, newest first."""
        value = self.settings.value("files/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if p][:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        """Put a file at the top of the recent list."""
        path = path.resolve()
        items = [path, *[p for p in self.recent_files if p != path]][:MAX_RECENT]
        self.settings.setValue("files/recent", [str(p) for p in items])

    def forget_recent(self, path: Path) -> None:
        """Drop a file that no longer opens."""
        self.settings.setValue("files/recent", [str(p) for p in self.recent_files if p != path])

    def sync(self) -> None:
        """Write pending settings to disk."""
        self.settings.sync()
