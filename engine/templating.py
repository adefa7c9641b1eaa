"""The one Jinja2 environment: autoescaped, strict, loading the project's templates."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from engine.numerals import to_digits
from engine.paths import TEMPLATES

TEMPLATE_SUFFIX = ".html.j2"
ONE_PAGE_TEMPLATES = frozenset({"onepage"})  # laid out again with shorter prose until one page


def _digits_filter(value: object, digits: str) -> str:
    from engine.model import Digits

    return to_digits(str(value), Digits(digits))


@cache
def environment() -> Environment:
    """The environment every built-in template is rendered in."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["digits"] = _digits_filter
    return env


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
