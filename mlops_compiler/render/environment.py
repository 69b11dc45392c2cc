"""The one Jinja set-up: shared by rendering and by the ahead-of-time compiled template set."""

from __future__ import annotations

import jinja2

from mlops_compiler.render.filters import FILTERS


def template_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """The one Jinja set-up every template is compiled and rendered with."""
    environment = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.filters.update(FILTERS)
    return environment
