"""Errors shared by the headless commands and the renderer, importable without WeasyPrint."""

from __future__ import annotations


class RenderError(ValueError):
    """A report could not be produced from this input; the message says why."""
