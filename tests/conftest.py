"""Test configuration shared by every tier: Qt offscreen, the sample deal, rendered PDFs."""

from __future__ import annotations

import atexit
import copy
import json
import os
import shutil
import socket
import tempfile
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Drawn charts are cached in a private folder (inherited by the subprocesses tests start),
# never in the user's cache folder.
os.environ["DEAL_BRIEFING_CACHE_DIR"] = tempfile.mkdtemp(prefix="deal-briefing-test-cache-")

import pytest

from engine.model import Deal
from engine.paths import SAMPLE_DEAL

atexit.register(shutil.rmtree, os.environ["DEAL_BRIEFING_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(scope="session")
def sample_data() -> dict[str, Any]:
    """The sample deal file as parsed JSON (tests deep-copy it before changing it)."""
    return json.loads(SAMPLE_DEAL.read_text(encoding="utf-8"))


@pytest.fixture
def deal_data(sample_data: dict[str, Any]) -> dict[str, Any]:
    """A private, mutable copy of the sample deal data."""
    return copy.deepcopy(sample_data)


@pytest.fixture(scope="session")
def sample_deal() -> Deal:
    """The sample deal, validated."""
    from engine.dealfile import load_deal

    return load_deal()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and refuse) every attempt to open a network connection from this process."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network is off in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts
