"""GUI tests: offscreen Qt, private settings and data folders, and one shared editor window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from window_driver import Dialogs, close_window, new_window, wait_for

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform warns about size hints it cannot pass on; every other Qt warning fails."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture(scope="session", autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Autosaves and settings of every GUI test go to temporary folders, never the user's."""
    folders = {"data": tmp_path_factory.mktemp("data"), "config": tmp_path_factory.mktemp("config")}
    saved = {k: os.environ.get(k) for k in ("DEAL_BRIEFING_DATA_DIR", "DEAL_BRIEFING_CONFIG_DIR")}
    os.environ["DEAL_BRIEFING_DATA_DIR"] = str(folders["data"])
    os.environ["DEAL_BRIEFING_CONFIG_DIR"] = str(folders["config"])
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folders["config"]))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folders["config"]))
    yield folders
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def shared(qapp: QApplication, private_folders: dict[str, Path]) -> Iterator[tuple[Any, Dialogs]]:
    """One editor window on the sample deal with a warm render worker, shared to keep the suite fast."""
    dialogs = Dialogs()
    window = new_window(qapp, dialogs, private_folders["data"] / "shared")
    window.start(None)
    wait_for(lambda: window.preview.is_current)
    yield window, dialogs
    close_window(window)


@pytest.fixture
def window(shared: tuple[Any, Dialogs]) -> Any:
    """The shared window back on the unchanged sample deal, its preview current."""
    from gui.deal_files import read_deal_file

    window, dialogs = shared
    dialogs.__init__()
    window.preview.worker.time_limit = 30.0
    window.document.reset(read_deal_file(None), None)
    wait_for(lambda: window.preview.is_current)
    return window


@pytest.fixture
def dialogs(shared: tuple[Any, Dialogs]) -> Dialogs:
    """The shared window's scripted dialogs."""
    return shared[1]
