"""The desktop editor: Arabic right-to-left forms, live PDF preview, files, export and print."""

from gui.none_guard import guard_none

guard_none()  # before any Qt call: see gui/none_guard.py
