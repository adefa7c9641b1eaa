"""Guard against a PySide6 6.12 defect on Python 3.11: each void Qt method call drops a reference to None.

Measured here: 200 calls of QLabel.setText lower sys.getrefcount(None) by 200; after a few thousand
calls CPython aborts with "none_dealloc: deallocating None". From Python 3.12 None is immortal and
the defect is harmless. On older Pythons, when the defect is detected, None gets a huge extra
reference count once, so an editing session can never run it down (2**40 calls at a million a second
take twelve days). Remove this module once PySide6 is fixed or the project requires Python 3.12.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40
_guarded = False


def void_calls_drop_none() -> bool:
    """True when calling a void Qt method lowers None's reference count."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 5


def guard_none() -> None:
    """Give None enough references to outlive the defect (CPython < 3.12 only, once)."""
    global _guarded  # noqa: PLW0603  (one process-wide fix-up)
    if _guarded or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if void_calls_drop_none():
        ctypes.c_ssize_t.from_address(id(None)).value += HEADROOM
    _guarded = True
