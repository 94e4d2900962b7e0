"""HTML rendering with Jinja templates (autoescaped: content is untrusted).

Jinja is already installed with MkDocs, and templates keep HTML out of Python
strings; the core uses its own environment so it does not depend on the
engine's theme machinery.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from .. import paths
from ..model import vocabulary
from ..model.dates import DateSpan, PartialDate
from ..model.values import format_number

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates are part of the code: no file check on every page rendered.
        auto_reload=False,
    )
    env.filters["vdate"] = _vdate
    env.filters["sdate"] = _sdate
    env.filters["number"] = format_number
    env.filters["fold"] = paths.fold
    env.globals["paths"] = paths
    env.globals["table_wrapper"] = None
    env.globals["vocabulary"] = vocabulary
    return env


def set_table_wrapper(classes: tuple[str, str] | None) -> None:
    """The classes of the two boxes the theme puts around a wide table (None: no boxes).

    The engine's adapter sets them before the build, so the generated tables
    look like the theme's own even without its script.
    """
    environment().globals["table_wrapper"] = classes


def _vdate(value: PartialDate | DateSpan | None) -> str:
    return value.vietnamese() if value is not None else ""


def _sdate(value: PartialDate | DateSpan | None) -> str:
    return value.short() if value is not None else ""


def render(template: str, page_path: str, **context: Any) -> str:
    """Render ``template`` for the page at ``page_path`` (site path)."""

    def url(target: str) -> str:
        return paths.relative(page_path, target)

    return environment().get_template(template).render(url=url, page_path=page_path, **context)


def preload() -> None:
    """Compile every template now, so forked workers inherit them compiled instead of each compiling its own."""
    env = environment()
    for name in env.list_templates(extensions=["html", "xml"]):
        env.get_template(name)
