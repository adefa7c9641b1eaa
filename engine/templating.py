"""The Jinja2 environments, made in one place: autoescaped, strict, one set of filters."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment

from engine.numerals import to_digits
from engine.paths import TEMPLATES

TEMPLATE_SUFFIX = ".html.j2"
ONE_PAGE_TEMPLATES = frozenset({"onepage"})  # laid out again with shorter prose until one page


def _digits_filter(value: object, digits: str) -> str:
    from engine.model import Digits

    return to_digits(str(value), Digits(digits))


def _others_filter(n: int, noun: str, digits: str) -> str:
    """«3 أطراف أخرى»: n more of a counted noun (a key of engine.counting.NOUNS), in the report's digits."""
    from engine.counting import NOUNS, others
    from engine.model import Digits

    return others(int(n), NOUNS[noun], Digits(digits))


_SETTINGS: dict[str, Any] = {
    "autoescape": select_autoescape(default=True, default_for_string=True),
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
}


def _json_default(value: object) -> object:
    """`tojson` on the context's read-only mappings and tuples (engine.plain)."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON data")


def _with_filters[E: Environment](env: E) -> E:
    """Register every filter in one place, for built-in and user templates alike.

    Jinja's default globals (`range`, `dict`, `lipsum`, `cycler`, `joiner`, `namespace`) are
    removed: a template reaches nothing callable but Jinja's built-in filters and tests and the
    `digits` and `others` filters; it loops over the report's data, never over numbers it makes up.
    """
    env.globals.clear()
    env.filters["digits"] = _digits_filter
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": _json_default}
    env.filters["others"] = _others_filter
    return env


@cache
def environment() -> Environment:
    """The environment every built-in template is rendered in."""
    return _with_filters(Environment(loader=FileSystemLoader(TEMPLATES), **_SETTINGS))


@cache
def sandbox_environment(folder: Path) -> ImmutableSandboxedEnvironment:
    """The immutable sandbox for user templates: their folder first, then the built-in bases."""
    loader = ChoiceLoader([FileSystemLoader(folder), FileSystemLoader(TEMPLATES)])
    return _with_filters(ImmutableSandboxedEnvironment(loader=loader, **_SETTINGS))


def template_names() -> list[str]:
    """The names of the report templates, e.g. "briefing"."""
    return sorted(
        p.name.removesuffix(TEMPLATE_SUFFIX)
        for p in TEMPLATES.glob(f"*{TEMPLATE_SUFFIX}")
        if not p.name.startswith("_")
    )


def render_html(name: str, context: dict[str, object]) -> str:
    """Render a named template with the given context."""
    return environment().get_template(name + TEMPLATE_SUFFIX).render(context)
