"""Templates compiled to Python ahead of time, so that a compile does not pay Jinja's parser.

Jinja turns each template into Python source the first time it is loaded: for our templates
that was ~70 ms of every `mlops compile`, a quarter of its run. `make regen` writes that source
into ``mlops_compiler/render/compiled_templates/`` (committed, like the JSON Schema), where Python's
bytecode cache makes loading it nearly free. The set records the fingerprint of the templates
it came from and the Jinja version that compiled it; when either differs (a template edited in a
checkout, another Jinja release), the renderer compiles from source as before. A stale set can
cost time, never correctness; ``tests/unit/test_precompiled.py`` keeps the committed one fresh.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import jinja2

from mlops_compiler.fingerprint import templates_fingerprint, templates_root

COMPILED_DIR = Path(__file__).resolve().parent / "compiled_templates"
STAMP_NAME = "__init__.py"


def template_loader(templates: Path) -> jinja2.BaseLoader:
    """The committed compiled set if it was compiled from these templates; else the sources."""
    installed = templates.resolve() == Path(templates_root()).resolve()
    if installed and _stamp_text() == stamp(templates_fingerprint()):
        return jinja2.ModuleLoader(str(COMPILED_DIR))
    return jinja2.FileSystemLoader(str(templates))


def stamp(fingerprint: str) -> str:
    """The package marker of a compiled set: what it was compiled from, and by which Jinja."""
    return (
        '"""Jinja templates compiled to Python by `make regen` (see render.precompiled).'
        "\n\nGenerated: do not edit. Loaded only while both values below match this installation.\n"
        '"""\n\n'
        f'TEMPLATES_FINGERPRINT = "{fingerprint}"\n'
        f'JINJA_VERSION = "{jinja2.__version__}"\n'
    )


def write_compiled_set(environment: jinja2.Environment, target: Path) -> None:
    """Compile every template of ``environment`` into ``target``, replacing what was there.

    Written beside ``target`` first and swapped in, so that an error leaves the old set whole.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".compiled-", dir=target.parent))
    try:
        environment.compile_templates(str(scratch), zip=None, ignore_errors=False)
        (scratch / STAMP_NAME).write_text(stamp(templates_fingerprint()), encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        scratch.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _stamp_text() -> str | None:
    try:
        return (COMPILED_DIR / STAMP_NAME).read_text(encoding="utf-8")
    except OSError:
        return None


def main() -> None:
    """`python -m mlops_compiler.render.precompiled`: rewrite the committed set (`make regen`)."""
    from mlops_compiler.render.environment import template_environment
    from mlops_compiler.resources import templates_dir

    loader = jinja2.FileSystemLoader(str(templates_dir()))
    write_compiled_set(template_environment(loader), COMPILED_DIR)


if __name__ == "__main__":
    main()
